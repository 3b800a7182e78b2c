package kz.labour.reporting.schedule;

import java.text.ParseException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;

import org.quartz.CronExpression;

/**
 * Which month a scheduled run reports. Pure: the answer depends only on the trigger's scheduled fire
 * time, the reporting zone and the monthly cron, never on the clock, so a run that fires late, or is
 * made up after the service was down, reports the month it was scheduled for.
 */
public final class ReportingCalendar {

    private final ZoneId zone;
    private final String monthlyCron;

    /**
     * @param zone        the reporting zone: months begin and end there
     * @param monthlyCron the Quartz cron of the monthly run, read in {@code zone}; the catch-up waits for it
     */
    public ReportingCalendar(ZoneId zone, String monthlyCron) {
        this.zone = zone;
        this.monthlyCron = monthlyCron;
        cron(); // a bad expression is a configuration error: report it at start-up, not at the first fire
    }

    /** The month a run scheduled at {@code scheduledFireTime} reports: the month before, in the reporting zone. */
    public YearMonth reportedMonth(Instant scheduledFireTime) {
        return reportedMonth(scheduledFireTime, zone);
    }

    /** The month before the one in which {@code scheduledFireTime} falls in {@code zone}. */
    public static YearMonth reportedMonth(Instant scheduledFireTime, ZoneId zone) {
        return YearMonth.from(scheduledFireTime.atZone(zone)).minusMonths(1);
    }

    /**
     * When the monthly run of {@code month} is due: the monthly cron's first fire time in that month,
     * or empty when the cron does not fire in it.
     */
    public Optional<Instant> monthlyRunDue(YearMonth month) {
        Instant start = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        // getTimeAfter is strictly after; a millisecond back lets a run due at midnight count
        Date first = cron().getTimeAfter(Date.from(start.minusMillis(1)));
        return first == null || !first.toInstant().isBefore(end) ? Optional.empty() : Optional.of(first.toInstant());
    }

    /**
     * The month a catch-up fired at {@code fireTime} makes up: the month before, once that month's
     * monthly run has been due. Before then (e.g. 00:00 to 05:59 on the 1st for a 06:00 run) there is
     * nothing to catch up yet, and building early would move the data cut-off before the scheduled one.
     */
    public Optional<YearMonth> catchUpMonth(Instant fireTime) {
        YearMonth current = YearMonth.from(fireTime.atZone(zone));
        Optional<Instant> due = monthlyRunDue(current);
        if (due.isPresent() && fireTime.isBefore(due.get())) {
            return Optional.empty();
        }
        return Optional.of(current.minusMonths(1));
    }

    public ZoneId zone() {
        return zone;
    }

    private CronExpression cron() {
        try {
            // CronExpression is mutable and not thread-safe: a fresh one per use
            CronExpression cron = new CronExpression(monthlyCron);
            cron.setTimeZone(TimeZone.getTimeZone(zone));
            return cron;
        } catch (ParseException | NullPointerException e) {
            throw new IllegalArgumentException("reporting.schedule.monthly-cron: '" + monthlyCron
                    + "' is not a Quartz cron expression (" + e.getMessage() + ")", e);
        }
    }
}
