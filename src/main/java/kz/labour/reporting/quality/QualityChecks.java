package kz.labour.reporting.quality;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kz.labour.reporting.Causes;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.RegionCatalogue;

/**
 * The non-blocking checks of a built form: plausibility over its own history and the cross-form
 * rules, with the history read from what was delivered and, where nothing was, built from the source.
 * Never blocks: a history that cannot be read makes the stages report that they did not run.
 */
public final class QualityChecks {

    private static final Logger log = LoggerFactory.getLogger(QualityChecks.class);

    private final DeliveredHistory delivered;
    private final PlausibilitySettings settings;
    private final RegionCatalogue regions;
    private final Labels labels;

    public QualityChecks(DeliveredHistory delivered, PlausibilitySettings settings, RegionCatalogue regions, Labels labels) {
        this.delivered = delivered;
        this.settings = settings;
        this.regions = regions;
        this.labels = labels;
    }

    /**
     * What the checks found, and every period of history they read (for the validation report).
     *
     * @param stages  {@link Stage#PLAUSIBILITY} then {@link Stage#CROSS_FORM}
     * @param history the periods compared with, by form and period
     */
    public record Result(List<StageResult> stages, List<PeriodFigures> history) {

        public Result {
            stages = List.copyOf(stages);
            history = List.copyOf(history);
        }
    }

    /**
     * Checks {@code table} against the previous periods of its form and against the other form.
     *
     * @param build builds a never-delivered period from the source at this run's cut-off
     */
    public Result check(FormTable table, SourceBuild build) {
        if (!settings.enabled()) {
            String reason = "reporting.plausibility.enabled is false";
            return new Result(List.of(notRun(Stage.PLAUSIBILITY, reason, Plausibility.OUTLIER),
                    notRun(Stage.CROSS_FORM, reason, CrossForm.INVESTIGATIONS_WITHOUT_ACCIDENTS,
                            CrossForm.ACCIDENTS_WITHOUT_INVESTIGATIONS)), List.of());
        }
        settings.validate();
        YearMonth period = table.period();
        Accumulation accumulation = table.accumulation();
        // year to date, a month's figure is the increment over the month before: one period more
        int extra = accumulation == Accumulation.YEAR_TO_DATE ? 1 : 0;
        int back = Math.max(settings.historyPeriods(), settings.crossFormPeriods() - 1) + extra;
        HistorySource history = new HistorySource(delivered, build);

        StageResult plausibility;
        Series own = null;
        try {
            own = history.read(table.form(), accumulation, period.minusMonths(back), period.minusMonths(1));
            plausibility = Plausibility.check(table, own, settings);
        } catch (RuntimeException e) {
            log.warn("{} {}: plausibility checks not run: {}", table.form(), period, Causes.summary(e));
            plausibility = notRun(Stage.PLAUSIBILITY, "the history could not be read: " + Causes.summary(e),
                    Plausibility.OUTLIER);
        }

        StageResult crossForm;
        try {
            if (own == null) {
                throw new IllegalStateException("the form's own history could not be read");
            }
            FormId other = table.form() == FormId.MEIZHM ? FormId.OZH : FormId.MEIZHM;
            Series mine = own.with(PeriodFigures.of(table, PeriodFigures.Origin.BUILT, null));
            Series theirs = history.read(other, accumulation, period.minusMonths(settings.crossFormPeriods() - 1L + extra), period);
            crossForm = table.form() == FormId.MEIZHM
                    ? CrossForm.check(table.form(), period, mine, theirs, regions.regions(), settings)
                    : CrossForm.check(table.form(), period, theirs, mine, regions.regions(), settings);
        } catch (RuntimeException e) {
            log.warn("{} {}: cross-form checks not run: {}", table.form(), period, Causes.summary(e));
            crossForm = notRun(Stage.CROSS_FORM, "the other form could not be read: " + Causes.summary(e),
                    CrossForm.INVESTIGATIONS_WITHOUT_ACCIDENTS, CrossForm.ACCIDENTS_WITHOUT_INVESTIGATIONS);
        }
        return new Result(List.of(plausibility, crossForm), history.used());
    }

    /** Keeps a delivered version's numbers as history: call once the version is DELIVERED. */
    public void delivered(FormTable table, int version) {
        delivered.record(table, version);
    }

    /**
     * Keeps a delivered version's numbers as history, read from the version's own {@code .json}: for a
     * delivery that had no table in hand (an interrupted delivery finished by a later run). Recording a
     * version again changes nothing, so calling this after every successful delivery is safe.
     */
    public void delivered(byte[] formJson) {
        delivered.record(DeliveredJson.table(formJson, labels), DeliveredJson.version(formJson));
    }

    private static StageResult notRun(Stage stage, String reason, String... rules) {
        return new StageResult(stage, List.of(), List.of(), Arrays.stream(rules).map(r -> new NotRun(r, reason)).toList());
    }
}
