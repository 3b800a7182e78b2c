package kz.labour.reporting.bench;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;

import org.springframework.context.ConfigurableApplicationContext;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.quality.HistoryStore;
import kz.labour.reporting.quality.PlausibilitySettings;
import kz.labour.reporting.quality.QualityChecks;
import kz.labour.reporting.source.SourceQueries;
import kz.labour.reporting.transmission.FormBuilder;
import kz.labour.reporting.transmission.Job;

/**
 * Records periods of both forms in the pipeline database's delivered history, as a deployment that
 * delivered them keeps them: the quality checks of the builds the benchmark times then read the
 * history a monthly run reads, not one built from the source (which only a new deployment pays, and
 * which a dry run, delivering nothing, would pay on every run). Each period is built by the route's
 * own statement and layout, at the cut-off of its own monthly run. Recording the same numbers again
 * changes nothing, so a rerun on the same database finds them there already.
 *
 * <p>Usage: {@code DeliverHistory OUT_DIR FROM TO MODE} (bench/run.sh: the history a backfill's
 * months compare with); SqlBench calls {@link #record} for the periods before the one it builds.
 */
public final class DeliverHistory {

    private DeliverHistory() {
    }

    public static void main(String[] args) {
        Accumulation mode = Accumulation.valueOf(args[3]);
        try (ConfigurableApplicationContext context = SqlBench.application(mode, Path.of(args[0]))) {
            record(context, mode, YearMonth.parse(args[1]), YearMonth.parse(args[2]));
        }
        System.exit(0);
    }

    /**
     * The version the history of {@code mode} is recorded under. The history store keeps one version
     * number per form and period, whatever the accumulation (a deployment has one), so each mode's
     * history goes under a number of its own.
     */
    static int version(Accumulation mode) {
        return mode.ordinal() + 1;
    }

    /** Records {@code from}..{@code to} of both forms as delivered under {@code mode}. */
    static void record(ConfigurableApplicationContext context, Accumulation mode, YearMonth from, YearMonth to) {
        FormBuilder builder = context.getBean(FormBuilder.class);
        SourceQueries source = context.getBean(SourceQueries.class);
        QualityChecks qualityChecks = context.getBean(QualityChecks.class);
        ZoneId zone = ZoneId.of(context.getEnvironment().getProperty("reporting.zone", "Asia/Almaty"));
        // the route's layout without the checks: history needs no history of its own
        FormBuilder withoutChecks = SqlBench.formBuilder(context, new QualityChecks(context.getBean(HistoryStore.class),
                SqlBench.switchedOff(context.getBean(PlausibilitySettings.class)), context.getBean(RegionCatalogue.class),
                context.getBean(Labels.class)));
        long t0 = System.nanoTime();
        int periods = 0;
        for (YearMonth p = from; !p.isAfter(to); p = p.plusMonths(1), periods++) {
            OffsetDateTime cutOff = p.plusMonths(1).atDay(1).atTime(LocalTime.of(6, 0)).atZone(zone).toOffsetDateTime();
            for (FormId form : FormId.values()) {
                Job planned = SqlBench.job(form, p, cutOff);
                Job job = withoutChecks.aggregated(planned, SqlBench.aggregate(source, builder, planned), null);
                if (job.table() == null) {
                    throw new IllegalStateException(form + " " + p + ": no table to record as delivered history: " + job.findings());
                }
                qualityChecks.delivered(job.table(), version(mode));
            }
        }
        System.err.printf("%s: %s..%s (%d periods) of both forms in the delivered history (%.1f s)%n", mode, from, to, periods,
                (System.nanoTime() - t0) / 1e9);
    }
}
