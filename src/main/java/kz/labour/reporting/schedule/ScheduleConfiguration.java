package kz.labour.reporting.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;


import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.simpl.RAMJobStore;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import kz.labour.reporting.ledger.PipelineDatabase;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

import kz.labour.reporting.ReportingSettings;

/**
 * The one Quartz scheduler of this instance: a clustered JDBC job store in the pipeline database, so
 * that however many instances run against that database, each trigger fires on exactly one of them,
 * and a fire missed while every instance was down is still in the tables when one comes back.
 * camel-quartz is given this scheduler (it autowires the single Scheduler bean) instead of making
 * its own.
 *
 * <p>Lifecycle: Spring does not start it (autoStartup false); camel-quartz starts it once the Camel
 * context and every trigger route are up, and only when {@code reporting.schedule.enabled}, so a fire
 * never arrives before its route can take it and a one-shot command never joins the cluster. On
 * shutdown Spring puts it in standby first (its phase, Integer.MAX_VALUE, stops before the Camel
 * context), so no trigger fires while Camel drains the transmissions in flight; it is shut down last,
 * without waiting for jobs, which Camel's graceful shutdown has already waited for.
 *
 * <p>With the schedule off (one-shot commands) the scheduler is an in-memory one that is never
 * started and never touches the pipeline database ({@link #inMemoryProperties()}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScheduleSettings.class)
class ScheduleConfiguration {

    @Bean
    public ReportingCalendar reportingCalendar(ReportingSettings settings, ScheduleSettings schedule) {
        return new ReportingCalendar(settings.zoneId(), schedule.monthlyCron());
    }

    @Bean
    public SchedulerFactoryBean quartzScheduler(PipelineDatabase pipeline, ScheduleSettings schedule) {
        SchedulerFactoryBean factory = new SchedulerFactoryBean();
        factory.setSchedulerName(schedule.schedulerName());
        factory.setQuartzProperties(schedule.enabled()
                ? quartzProperties(schedule, registerConnectionProvider(pipeline))
                : inMemoryProperties());
        factory.setAutoStartup(false);
        factory.setWaitForJobsToCompleteOnShutdown(false);
        return factory;
    }

    static Properties quartzProperties(ScheduleSettings schedule, String dataSourceName) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceId", schedule.instanceId());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(schedule.threads()));
        // JobStoreTX runs every scheduler operation in its own JDBC transaction, so the row locks of the
        // clustered store hold without any Spring transaction manager around the callers
        p.setProperty("org.quartz.jobStore.class", JobStoreTX.class.getName());
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.driverDelegateClass", PostgreSQLDelegate.class.getName());
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(schedule.clusterCheckinInterval().toMillis()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(schedule.misfireThreshold().toMillis()));
        // take the trigger lock while acquiring, so two instances never both pick the same fire
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return p;
    }

    /**
     * With the schedule off (one-shot commands), Camel still creates the quartz endpoints of the
     * stopped trigger routes, and an endpoint stores its trigger as it starts: into a throw-away
     * in-memory store here, never started, so a command run with other settings can never reschedule
     * the cluster's triggers in the pipeline database.
     */
    static Properties inMemoryProperties() {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceId", "one-shot");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.jobStore.class", RAMJobStore.class.getName());
        return p;
    }

    /**
     * Quartz looks data sources up by name in a JVM-wide registry. The name is unique per application
     * context, so two contexts in one JVM (tests run two instances so) never borrow each other's pool,
     * whereas all instances still share the scheduler name that makes them one cluster.
     */
    private static final AtomicInteger PROVIDERS = new AtomicInteger();

    /** Quartz's connections come from the pipeline pool; the first one migrates the QRTZ_ tables into place. */
    static String registerConnectionProvider(PipelineDatabase pipeline) {
        String name = "pipeline-" + PROVIDERS.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(name, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return pipeline.dataSource().getConnection();
            }

            @Override
            public void shutdown() {
                // the pool is Spring's: it is closed with the application context, after the scheduler
            }

            @Override
            public void initialize() {
                // nothing to set up: the pool exists already
            }
        });
        return name;
    }
}
