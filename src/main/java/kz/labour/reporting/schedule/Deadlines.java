package kz.labour.reporting.schedule;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import kz.labour.reporting.Causes;
import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.ledger.Attempt;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.OverdueRegister;
import kz.labour.reporting.ledger.OverdueRegister.Overdue;
import kz.labour.reporting.ledger.Status;

/**
 * The deadline check (route {@code deadline}): at the end of day 3, a form of the previous month
 * not delivered is overdue. Each overdue form is recorded once in the pipeline database and alerted
 * once; the health indicator and the MBean read the same record, and a later delivery clears it.
 */
@Component("deadlines")
public class Deadlines {

    private static final Logger log = LoggerFactory.getLogger(Deadlines.class);

    private final ReportingCalendar calendar;
    private final ReportingSettings settings;
    private final OverdueRegister register;
    private final Ledger ledger;
    private final ScheduleView view;
    private final String mbeanName;

    public Deadlines(ReportingCalendar calendar, ReportingSettings settings, OverdueRegister register, Ledger ledger,
                     ScheduleView view, @Value("${reporting.jmx.object-name}") String mbeanName) {
        this.ledger = ledger;
        this.calendar = calendar;
        this.settings = settings;
        this.register = register;
        this.view = view;
        this.mbeanName = mbeanName;
    }

    /**
     * Records the undelivered forms of the month before the scheduled fire time as overdue, then
     * claims every overdue form no alert has gone out for: the returned list is what to alert now
     * (empty when all is delivered, or when another run already alerted).
     */
    public List<Overdue> check(@Header("scheduledFireTime") Date scheduledFireTime) {
        Instant deadline = scheduledFireTime.toInstant();
        YearMonth month = calendar.reportedMonth(deadline);
        if (month.isBefore(settings.earliest())) {
            log.info("deadline {}: {} is before the earliest period {}; nothing is due", deadline, month, settings.earliest());
        } else {
            for (FormId form : FormId.values()) {
                if (register.recordIfUndelivered(form, month,
                        deadline.atZone(settings.zoneId()).toOffsetDateTime(), view.instanceId())) {
                    log.error("{} {} is OVERDUE: not delivered by the deadline {}", form.index(), month, deadline);
                }
            }
        }
        return register.claimUnalerted();
    }

    public boolean anyToAlert(List<Overdue> claimed) {
        return claimed != null && !claimed.isEmpty();
    }

    public String alertSubject(@ExchangeProperty("overdue") List<Overdue> claimed) {
        return alert(claimed).subject();
    }

    public String alertText(@ExchangeProperty("overdue") List<Overdue> claimed) {
        return alert(claimed).text();
    }

    public void alerted(@ExchangeProperty("overdue") List<Overdue> claimed) {
        log.warn("overdue alert sent to operators: {}", claimed);
    }

    /** The alert did not go out: the claim is given back, so the next deadline check sends it. */
    public void alertFailed(@ExchangeProperty("overdue") List<Overdue> claimed, Exception cause) {
        register.unclaim(claimed);
        log.error("overdue alert could not be sent ({}); it is sent by the next deadline check: {}",
                Causes.summary(cause), claimed, cause);
    }

    /** Every form and period overdue now (health indicator, MBean). */
    public List<Overdue> overdue() {
        return register.current();
    }

    private OverdueAlert alert(List<Overdue> claimed) {
        Map<Overdue, Attempt> rejected = new LinkedHashMap<>();
        for (Overdue o : claimed) {
            List<Attempt> attempts = ledger.attempts(o.form(), o.period());
            if (!attempts.isEmpty() && attempts.get(attempts.size() - 1).status() == Status.REJECTED) {
                rejected.put(o, attempts.get(attempts.size() - 1));
            }
        }
        return OverdueAlert.of(claimed, rejected, settings.zoneId(), mbeanName, view.instanceId());
    }
}
