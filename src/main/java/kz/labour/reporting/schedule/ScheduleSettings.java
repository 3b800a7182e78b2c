package kz.labour.reporting.schedule;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code reporting.schedule.*} settings (config/application.yml explains each). The cron
 * expressions are read by the trigger routes as {@code {{placeholders}}}; they are bound here too so
 * the application can check them at start-up and show the schedule over JMX.
 *
 * @param enabled                 false in the one-shot commands: no trigger route starts, the scheduler never starts
 * @param monthlyCron             the monthly run (Quartz cron, reporting zone)
 * @param catchUpCron             the catch-up of the previous month's undelivered forms
 * @param deadlineCron            the deadline check
 * @param catchUpAtStartup        whether the catch-up also runs once when the service starts
 * @param schedulerName           the Quartz scheduler name; every instance of one deployment shares it
 * @param instanceId              this instance's Quartz id, unique in the cluster; AUTO = host name and start time
 * @param threads                 Quartz worker threads
 * @param misfireThreshold        how late a fire may be before Quartz counts it as missed
 * @param clusterCheckinInterval  how often an instance tells the others it is alive
 */
@ConfigurationProperties("reporting.schedule")
public record ScheduleSettings(@DefaultValue("true") boolean enabled,
                               @DefaultValue("0 0 6 1 * ?") String monthlyCron,
                               @DefaultValue("0 0 * 1-3 * ?") String catchUpCron,
                               @DefaultValue("59 59 23 3 * ?") String deadlineCron,
                               @DefaultValue("true") boolean catchUpAtStartup,
                               @DefaultValue("labour-reporting") String schedulerName,
                               @DefaultValue("AUTO") String instanceId,
                               @DefaultValue("3") int threads,
                               @DefaultValue("60s") Duration misfireThreshold,
                               @DefaultValue("15s") Duration clusterCheckinInterval) {

    /** Quartz group of the application's triggers; the trigger routes name it in their URIs. */
    public static final String GROUP = "labour-reporting";
    public static final String MONTHLY = "monthly-trigger";
    public static final String CATCH_UP = "catch-up-trigger";
    public static final String DEADLINE = "deadline-check";
}
