package kz.labour.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
class OneShotCommandIntegrationTest {

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

    @Test
    void theArchiveTrainingRunStartsTheWholeApplicationAndRendersWithoutAnyDatabase() throws Exception {
        // nothing listens on port 1: a training run that touched a database would fail
        set("source.datasource.url", "jdbc:postgresql://127.0.0.1:1/source");
        set("pipeline.datasource.url", "jdbc:postgresql://127.0.0.1:1/pipeline");
        set("source.datasource.connect-timeout-seconds", "1");
        set("pipeline.datasource.connect-timeout-seconds", "1");
        TestOrganisation.properties().forEach(this::set);
        Path outbox = Files.createTempDirectory("training-outbox");
        set("reporting.outbox", outbox.toString());
        set("spring.jmx.enabled", "false");
        set(OneShotStart.TRAINING, "true");

        assertThat(LabourReportingApplication.run("transmit", "--period", "2016-01", "--dry-run")).isZero();

        try (var written = Files.list(outbox)) {
            assertThat(written).as("the forms are rendered in a temporary directory, not the outbox").isEmpty();
        }
    }
}
