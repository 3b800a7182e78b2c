package kz.labour.reporting.schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import kz.labour.reporting.ledger.OverdueRegister.Overdue;

/**
 * Health component {@code deadline}: DOWN while any form is overdue (found undelivered at its
 * deadline and still not delivered), with each form and period in the details. Read from the
 * pipeline database, so every instance reports the same and a delivery from any of them clears it.
 */
@Component("deadlineHealthIndicator")
class DeadlineHealthIndicator implements HealthIndicator {

    private final Deadlines deadlines;

    public DeadlineHealthIndicator(Deadlines deadlines) {
        this.deadlines = deadlines;
    }

    @Override
    public Health health() {
        List<Overdue> overdue = deadlines.overdue();
        if (overdue.isEmpty()) {
            return Health.up().withDetail("overdue", List.of()).build();
        }
        List<Map<String, String>> details = overdue.stream().map(o -> {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("form", o.form().ascii());
            d.put("index", o.form().index());
            d.put("period", o.period().toString());
            d.put("deadline", o.deadline().toString());
            return d;
        }).toList();
        return Health.down().withDetail("overdue", details).build();
    }
}
