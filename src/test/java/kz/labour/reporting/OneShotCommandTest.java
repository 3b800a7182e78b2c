package kz.labour.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import kz.labour.reporting.support.TestOrganisation;
import kz.labour.reporting.support.TestPostgres;

/**
 * The jar's own entry point as an operator runs a one-shot command, with settings given as system
 * properties (as the environment would give them): whatever the configuration says, the command never
 * starts the schedule nor joins the Quartz cluster of the running service.
 */
class OneShotCommandTest {

    final Map<String, String> properties = new LinkedHashMap<>();

    @AfterEach
    void clearProperties() {
        properties.keySet().forEach(System::clearProperty);
    }

    void set(String key, String value) {
        properties.put(key, value);
        System.setProperty(key, value);
    }

    @Test
    void statusCommandNeverRunsTheScheduleEvenWhenTheConfigurationSwitchesItOn() {
        String pipeline = TestPostgres.newDatabase("pipeline");
        set("source.datasource.url", TestPostgres.newSource(null));
        set("source.datasource.username", "postgres");
        set("pipeline.datasource.url", pipeline);
        set("pipeline.datasource.username", "postgres");
        TestOrganisation.properties().forEach(this::set);
        set("spring.jmx.enabled", "false");
        set("camel.main.jmx-enabled", "false");
        set("reporting.schedule.enabled", "true"); // as REPORTING_SCHEDULE_ENABLED=true would
        set("reporting.schedule.monthly-cron", "* * * * * ?");

        assertThat(LabourReportingApplication.run("status", "--period", "2025-06")).isZero();

        JdbcTemplate jdbc = new JdbcTemplate(TestPostgres.dataSource(pipeline));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM qrtz_triggers", Integer.class)).as("no trigger stored").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM qrtz_scheduler_state", Integer.class)).as("never joined").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM transmission", Integer.class)).isZero();
    }
}
