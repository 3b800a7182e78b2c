package kz.labour.reporting.console;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.Stream;

import org.quartz.CronExpression;

import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.receipts.BureauStatus;
import kz.labour.reporting.receipts.ReceiptBook;
import kz.labour.reporting.receipts.VersionBureauStatus;
import kz.labour.reporting.ledger.DeliveryHistory;
import kz.labour.reporting.transmission.RecentFailures;
import kz.labour.reporting.schedule.Deadlines;
import kz.labour.reporting.schedule.ScheduleSettings;

/**
 * The business facts behind the console's metrics, read through the public methods of the beans
 * that already serve them to the application MBean and the health endpoint: the ledger's delivery
 * history, the overdue register, the deadline schedule and this instance's recent failed runs. This
 * is the only class of the console that knows those beans; when they change, this is what follows.
 */
class ReportingFacts {

    /** What the metrics show of one form now. */
    record FormFacts(Optional<YearMonth> lastDeliveredPeriod, int lastDeliveredVersion, long overduePeriods,
                     Optional<Instant> lastFailure, Optional<BureauStatus> bureauStatus, long unacknowledged) {
    }

    private final DeliveryHistory history;
    private final Deadlines deadlines;
    private final RecentFailures failures;
    private final ZoneId zone;
    private final String deadlineCron;
    private final Clock clock;
    private final ReceiptBook receipts;

    ReportingFacts(DeliveryHistory history, Deadlines deadlines, RecentFailures failures, ReportingSettings settings,
                   ScheduleSettings schedule, Clock clock, ReceiptBook receipts) {
        this.receipts = receipts;
        this.history = history;
        this.deadlines = deadlines;
        this.failures = failures;
        this.zone = settings.zoneId();
        this.deadlineCron = schedule.deadlineCron();
        this.clock = clock;
    }

    /** Every form's facts, read together (three ledger queries a form, one for the overdue register). */
    Map<FormId, FormFacts> forms() {
        Map<FormId, Long> overdue = new EnumMap<>(FormId.class);
        deadlines.overdue().forEach(o -> overdue.merge(o.form(), 1L, Long::sum));
        Map<FormId, Long> unacknowledged = new EnumMap<>(FormId.class);
        receipts.unacknowledgedAtDeadline(now(), zone).forEach(v -> unacknowledged.merge(v.form(), 1L, Long::sum));
        Map<FormId, FormFacts> facts = new EnumMap<>(FormId.class);
        for (FormId form : FormId.values()) {
            Optional<DeliveryHistory.Delivered> delivered = history.lastDelivered(form);
            facts.put(form, new FormFacts(delivered.map(DeliveryHistory.Delivered::period),
                    delivered.map(d -> d.version().number()).orElse(0), overdue.getOrDefault(form, 0L),
                    lastFailure(form), receipts.latestDelivered(form).map(VersionBureauStatus::status),
                    unacknowledged.getOrDefault(form, 0L)));
        }
        return facts;
    }

    /** The next deadline check (reporting.schedule.deadline-cron): by then the month before must be delivered. */
    Optional<Instant> nextDeadline() {
        try {
            CronExpression cron = new CronExpression(deadlineCron);
            cron.setTimeZone(TimeZone.getTimeZone(zone));
            return Optional.ofNullable(cron.getTimeAfter(Date.from(now()))).map(Date::toInstant);
        } catch (ParseException e) {
            return Optional.empty(); // the schedule refuses such a cron at start-up
        }
    }

    Instant now() {
        return clock.instant();
    }

    /** As the application MBean's LastFailure: the ledger's last REJECTED/FAILED version or this instance's last failed run. */
    private Optional<Instant> lastFailure(FormId form) {
        return Stream.of(history.lastFailure(form).map(f -> f.at().toInstant()),
                        failures.last(form).map(RecentFailures.Failure::at))
                .flatMap(Optional::stream).max(Comparator.naturalOrder());
    }
}
