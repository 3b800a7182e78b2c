package kz.labour.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import kz.labour.reporting.support.SilentServer;
import kz.labour.reporting.support.TestPostgres;

/**
 * {@code transmit} as an operator runs it (the jar's entry point, settings as the environment gives
 * them) while one database is unreachable (a closed port) or silent (accepts and never answers), with
 * a short connect timeout (what the run does does not depend on its length, so the test need not sit out the
 * default): the run ends within a minute with exit 1, and each form's line names the database, host,
 * port and cause. Nothing is retried like a delivery (the pipeline's lock and the
 * delivery back-off would otherwise add minutes per form).
 */
class DatabaseOutageIntegrationTest {

    static final Duration LIMIT = Duration.ofSeconds(60);
    static final int CONNECT_TIMEOUT_SECONDS = 2;

    @TempDir
    Path outbox;

    final Map<String, String> properties = new LinkedHashMap<>();

    @AfterEach
    void clearProperties() {
        properties.keySet().forEach(System::clearProperty);
    }

    void set(String key, String value) {
        properties.put(key, value);
        System.setProperty(key, value);
    }

    record Run(int exitCode, String out, String err, Duration took) {
        String all() {
            return out + err;
        }
    }

    Run transmit(String source, String pipeline) {
        set("source.datasource.url", source);
        set("source.datasource.username", "postgres");
        set("pipeline.datasource.url", pipeline);
        set("pipeline.datasource.username", "postgres");
        set("source.datasource.connect-timeout-seconds", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        set("pipeline.datasource.connect-timeout-seconds", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        set("reporting.org.bin", "123456789012");
        set("reporting.outbox", outbox.toString());
        set("spring.jmx.enabled", "false");
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int code;
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            // both forms, as the run: the wait must not be paid once per form
            code = LabourReportingApplication.run("transmit", "--period", "2025-06", "--dry-run");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Run(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - start));
    }

    static String unreachable(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/labour";
    }

    /** Each form's summary line: ERROR and the pool's one line. */
    static void eachFormFailedWith(Run run, String cause) {
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.took()).as("within a minute").isLessThan(LIMIT);
        assertThat(run.out().lines().filter(l -> l.matches("^(1-MEIZhM|2-OZh) +2025-06 .* ERROR +.*")))
                .as(run.out()).hasSize(2).allSatisfy(l -> assertThat(l).contains(cause));
    }

    @Test
    void aClosedSourcePortFailsBothFormsInOneLineEachWithoutAStackTrace() {
        int port = SilentServer.closedPort();

        Run run = transmit(unreachable(port), TestPostgres.newDatabase("pipeline"));

        eachFormFailedWith(run, "source database 127.0.0.1:" + port
                + ": connection refused; check SOURCE_DB_URL and that the server is up");
        assertThat(run.all()).as("no stack trace").doesNotContain("\tat ");
    }

    @Test
    void aSilentSourceFailsBothFormsWithinAMinute() {
        try (SilentServer silent = new SilentServer()) {
            Run run = transmit(unreachable(silent.port()), TestPostgres.newDatabase("pipeline"));

            eachFormFailedWith(run, "source database 127.0.0.1:" + silent.port()
                    + ": no answer within " + CONNECT_TIMEOUT_SECONDS + " s; check SOURCE_DB_URL and that the server is up");
            assertThat(run.all()).as("no stack trace").doesNotContain("\tat ");
        }
    }

    @Test
    void aClosedPipelinePortFailsBothFormsNamingHostPortAndCause() {
        int port = SilentServer.closedPort();
        String source = TestPostgres.newSource("/fixtures/june-2025.sql");

        Run run = transmit(source, unreachable(port));

        eachFormFailedWith(run, "pipeline database 127.0.0.1:" + port
                + ": connection refused; check PIPELINE_DB_URL and that the server is up");
        assertThat(new JdbcTemplate(TestPostgres.dataSource(source)).queryForObject(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
                Integer.class)).as("the source was not read").isZero();
    }

    @Test
    void aSilentPipelineFailsBothFormsWithinAMinute() {
        try (SilentServer silent = new SilentServer()) {
            Run run = transmit(TestPostgres.newSource("/fixtures/june-2025.sql"), unreachable(silent.port()));

            eachFormFailedWith(run, "pipeline database 127.0.0.1:" + silent.port()
                    + ": no answer within " + CONNECT_TIMEOUT_SECONDS + " s; check PIPELINE_DB_URL and that the server is up");
        }
    }
}
