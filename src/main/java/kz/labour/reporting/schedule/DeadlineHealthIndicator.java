package kz.labour.reporting.schedule;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.ledger.OverdueRegister.Overdue;
import kz.labour.reporting.receipts.ReceiptBook;

/**
 * Health component {@code deadline}: DOWN while any form is overdue (found undelivered at its
 * deadline and still not delivered), with each form and period in the details; WARN while a version
 * of the month whose deadline passed last was delivered but the bureau has not acknowledged it. Read from the
 * pipeline database, so every instance reports the same and a delivery from any of them clears it.
 */
@Component("deadlineHealthIndicator")
class DeadlineHealthIndicator implements HealthIndicator {

    /** Worse than UP, still served: the forms went out, the bureau has not said it has them. */
    static final Status WARN = new Status("WARN");

    private final Deadlines deadlines;
    private final ReceiptBook receipts;
    private final ReportingSettings settings;
    private final Clock clock;

    public DeadlineHealthIndicator(Deadlines deadlines, ReceiptBook receipts, ReportingSettings settings, Clock clock) {
        this.deadlines = deadlines;
        this.receipts = receipts;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Health health() {
        List<Overdue> overdue = deadlines.overdue();
        List<Map<String, String>> unacknowledged = receipts.unacknowledgedAtDeadline(clock.instant(), settings.zoneId()).stream()
                .map(v -> {
                    Map<String, String> d = new LinkedHashMap<>();
                    d.put("form", v.form().ascii());
                    d.put("index", v.form().index());
                    d.put("period", v.period().toString());
                    d.put("version", v.version().label());
                    return d;
                }).toList();
        List<Map<String, String>> details = overdue.stream().map(o -> {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("form", o.form().ascii());
            d.put("index", o.form().index());
            d.put("period", o.period().toString());
            d.put("deadline", o.deadline().toString());
            return d;
        }).toList();
        Health.Builder health = !overdue.isEmpty() ? Health.down() : !unacknowledged.isEmpty() ? Health.status(WARN) : Health.up();
        return health.withDetail("overdue", details).withDetail("unacknowledged", unacknowledged).build();
    }
}
