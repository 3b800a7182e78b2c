package kz.labour.reporting.console;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import kz.labour.reporting.form.FormId;
import kz.labour.reporting.receipts.BureauStatus;

/**
 * The business gauges on {@code /actuator/prometheus} (docs/operators-guide.md names each):
 * per form the last delivered period and version, the overdue periods and the time of the last
 * failure; and the days left to the next deadline. One scrape reads the ledger once: the facts are
 * kept for a few seconds, so the gauges of one scrape share them.
 */
class ReportingMetrics implements MeterBinder {

    /** Long enough for one scrape, short enough that the next one reads the ledger afresh. */
    private static final Duration FRESH = Duration.ofSeconds(5);
    private static final double SECONDS_PER_DAY = 86_400;

    private final ReportingFacts facts;
    private long readAt;
    private boolean read;
    private Map<FormId, ReportingFacts.FormFacts> forms;

    ReportingMetrics(ReportingFacts facts) {
        this.facts = facts;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (FormId form : FormId.values()) {
            gauge(registry, form, "labour.reporting.last.delivered.period", "the latest period delivered to the bureau, as "
                    + "the number YYYYMM (202506 for June 2025); 0 when none", f -> f.lastDeliveredPeriod().map(ReportingMetrics::yyyymm).orElse(0));
            gauge(registry, form, "labour.reporting.last.delivered.version", "the version delivered for that period; 0 when none",
                    ReportingFacts.FormFacts::lastDeliveredVersion);
            gauge(registry, form, "labour.reporting.overdue.periods", "periods past their deadline and not delivered",
                    ReportingFacts.FormFacts::overduePeriods);
            gauge(registry, form, "labour.reporting.last.failure.timestamp.seconds", "when the last version was REJECTED or FAILED, "
                    + "or a run failed on this instance (Unix time); 0 when never", f -> f.lastFailure().map(Instant::getEpochSecond).orElse(0L));
            gauge(registry, form, "labour.reporting.unacknowledged.versions", "versions of the month whose deadline passed "
                    + "last that were delivered and that the bureau has not acknowledged", ReportingFacts.FormFacts::unacknowledged);
            for (BureauStatus status : BureauStatus.values()) {
                Gauge.builder("labour.reporting.bureau.status", this, m -> {
                            Map<FormId, ReportingFacts.FormFacts> now = m.forms();
                            return now == null ? Double.NaN : now.get(form).bureauStatus().filter(s -> s == status).isPresent() ? 1 : 0;
                        })
                        .tag("form", form.ascii())
                        .tag("status", status.name())
                        .description("1 for what the bureau says of the latest version delivered, 0 for the other statuses")
                        .strongReference(true)
                        .register(registry);
            }
        }
        Gauge.builder("labour.reporting.next.deadline.days", this,
                        m -> m.facts.nextDeadline().map(d -> Duration.between(m.facts.now(), d).toSeconds() / SECONDS_PER_DAY)
                                .orElse(Double.NaN))
                .description("days left until the next deadline check, by which the month before must be delivered")
                .strongReference(true)
                .register(registry);
    }

    private void gauge(MeterRegistry registry, FormId form, String name, String description,
                       ToDoubleFunction<ReportingFacts.FormFacts> value) {
        Gauge.builder(name, this, m -> {
                    Map<FormId, ReportingFacts.FormFacts> now = m.forms();
                    return now == null ? Double.NaN : value.applyAsDouble(now.get(form));
                })
                .tag("form", form.ascii())
                .description(description)
                .strongReference(true)
                .register(registry);
    }

    /** The facts of every form, read at most once per {@link #FRESH}; null while the ledger cannot be read. */
    private synchronized Map<FormId, ReportingFacts.FormFacts> forms() {
        long now = System.nanoTime(); // the time between scrapes, not the reporting clock
        if (!read || now - readAt >= FRESH.toNanos()) {
            read = true;
            readAt = now;
            try {
                forms = facts.forms();
            } catch (RuntimeException e) {
                forms = null; // the pipeline database is down: health 'db' says so; the gauges show NaN
            }
        }
        return forms;
    }

    static int yyyymm(YearMonth month) {
        return month.getYear() * 100 + month.getMonthValue();
    }
}
