package kz.labour.reporting.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Date;
import java.util.Optional;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import kz.labour.reporting.Causes;
import kz.labour.reporting.ExitCode;
import kz.labour.reporting.ledger.Trigger;
import kz.labour.reporting.transmission.Mode;
import kz.labour.reporting.transmission.RecentFailures;
import kz.labour.reporting.transmission.Summary;
import kz.labour.reporting.transmission.TransmitRequest;

/**
 * What each trigger route asks of {@code direct:transmit}: a plain transmit of both forms (delivered
 * forms are then skipped, interrupted ones finished), for the month derived from the trigger's
 * scheduled fire time. The routes (routes/1-schedule.camel.yaml) only move the request along.
 */
@Component("scheduledRuns")
class ScheduledRuns {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRuns.class);

    private final ReportingCalendar calendar;
    private final ScheduleView view;
    private final RecentFailures failures;
    private final Clock clock;

    public ScheduledRuns(ReportingCalendar calendar, ScheduleView view, RecentFailures failures, Clock clock) {
        this.calendar = calendar;
        this.view = view;
        this.failures = failures;
        this.clock = clock;
    }

    /** monthly-trigger: both forms of the month before the scheduled fire time. */
    public TransmitRequest monthly(@Header("scheduledFireTime") Date scheduledFireTime, @Header("triggerName") String trigger) {
        YearMonth month = calendar.reportedMonth(scheduledFireTime.toInstant());
        log.info("{} scheduled for {}: transmitting {}", trigger, scheduledFireTime.toInstant(), month);
        return request(month, trigger);
    }

    /**
     * catch-up-trigger: the previous month's forms not yet delivered (a plain transmit leaves delivered
     * ones alone), once that month's monthly run has been due; null (nothing to do) before.
     */
    public TransmitRequest catchUp(@Header("scheduledFireTime") Date scheduledFireTime, @Header("triggerName") String trigger) {
        return catchUp(scheduledFireTime.toInstant(), trigger);
    }

    /**
     * startup-catch-up: the same check once when the service starts, so a fire missed while every
     * instance was down is made up. There is no scheduled time here: "now" is the application clock.
     */
    public TransmitRequest startupCatchUp() {
        return catchUp(clock.instant(), "startup-catch-up");
    }

    private TransmitRequest catchUp(Instant at, String trigger) {
        Optional<YearMonth> month = calendar.catchUpMonth(at);
        if (month.isEmpty()) {
            log.debug("{} at {}: the month's monthly run is not due yet, nothing to catch up", trigger, at);
            return null;
        }
        log.info("{} at {}: making up {} where not yet delivered", trigger, at, month.get());
        return request(month.get(), trigger);
    }

    private TransmitRequest request(YearMonth month, String trigger) {
        return new TransmitRequest(month.toString(), null, null, Mode.PLAIN, Trigger.SCHEDULE,
                "schedule:" + trigger + "@" + view.instanceId());
    }

    /** After the transmission: its summary into the log. */
    public void finished(@ExchangeProperty("request") TransmitRequest request, Summary summary) {
        if (summary.exitCode() == ExitCode.OK) {
            log.info("{} {} done:\n{}", request.requestedBy(), request.period(), summary.table());
        } else {
            log.error("{} {} ended with exit code {}:\n{}", request.requestedBy(), request.period(), summary.exitCode().code(),
                    summary.table());
        }
    }

    /** The transmission failed as a whole (bad configuration, database down): logged and kept for the MBean. */
    public void failed(@ExchangeProperty("request") TransmitRequest request, Exception cause) {
        log.error("{} {} failed: ERROR: {}", request.requestedBy(), request.period(), Causes.summary(cause), cause);
        failures.requestFailed(request, cause);
    }
}
