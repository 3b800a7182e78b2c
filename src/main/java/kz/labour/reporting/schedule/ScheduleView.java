package kz.labour.reporting.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The schedule as the clustered job store holds it: the next fire of each trigger (shared by every
 * instance) and this instance's Quartz id. Read for the application MBean and the ledger's
 * requested_by.
 */
@Component
public class ScheduleView {

    private static final Logger log = LoggerFactory.getLogger(ScheduleView.class);

    /** How many future catch-up fires to look through for one that will act (hourly on 3 days: 72 a month). */
    private static final int CATCH_UP_LOOKAHEAD = 1000;

    private final ObjectProvider<Scheduler> scheduler;
    private final ScheduleSettings settings;
    private final ReportingCalendar calendar;

    public ScheduleView(ObjectProvider<Scheduler> scheduler, ScheduleSettings settings, ReportingCalendar calendar) {
        this.scheduler = scheduler;
        this.settings = settings;
        this.calendar = calendar;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** The Quartz instance id (AUTO resolved), as other instances see this one in QRTZ_SCHEDULER_STATE. */
    public String instanceId() {
        try {
            return scheduler.getObject().getSchedulerInstanceId();
        } catch (SchedulerException | RuntimeException e) {
            return settings.instanceId();
        }
    }

    /** The next fire of one of the application's triggers; empty when the schedule is off or not yet stored. */
    public Optional<Instant> nextFire(String triggerName) {
        return trigger(triggerName).map(Trigger::getNextFireTime).map(Date::toInstant);
    }

    /**
     * The next catch-up fire that will act: fires before the month's monthly run is due do nothing
     * (ReportingCalendar#catchUpMonth), so they are skipped here too.
     */
    public Optional<Instant> nextEffectiveCatchUp() {
        Optional<Trigger> trigger = trigger(ScheduleSettings.CATCH_UP);
        if (trigger.isEmpty()) {
            return Optional.empty();
        }
        Date fire = trigger.get().getNextFireTime();
        for (int i = 0; fire != null && i < CATCH_UP_LOOKAHEAD; i++) {
            if (calendar.catchUpMonth(fire.toInstant()).isPresent()) {
                return Optional.of(fire.toInstant());
            }
            fire = trigger.get().getFireTimeAfter(fire);
        }
        return Optional.empty();
    }

    private Optional<Trigger> trigger(String name) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(scheduler.getObject().getTrigger(TriggerKey.triggerKey(name, ScheduleSettings.GROUP)));
        } catch (SchedulerException | RuntimeException e) {
            log.warn("cannot read trigger {}: {}", name, e.getMessage());
            return Optional.empty();
        }
    }
}
