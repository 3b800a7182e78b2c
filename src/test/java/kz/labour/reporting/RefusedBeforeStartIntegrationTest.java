package kz.labour.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.labour.reporting.support.TestPostgres;

/**
 * Bad arguments and settings a command cannot work with are refused by a real {@code java} process,
 * configured through environment variables as an operator configures it, before the application
 * starts: exit 2, one line on stderr, nothing else. The processes log at DEBUG
 * ({@code LOGGING_LEVEL_ROOT}), so an application that had started would have printed hundreds of
 * lines; a good command shows that it does.
 */
class RefusedBeforeStartIntegrationTest {

    /** Generous for a loaded machine; an application start took 9 to 15 s on an idle one before the check. */
    static final Duration QUICK = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err, Duration took) {
    }

    Run java(Map<String, String> variables, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LabourReportingApplication.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        // only what the test sets: no setting of the machine running the tests leaks in
        builder.environment().keySet().removeIf(name -> name.matches(
                "(MAIL|SMTP|SFTP|OPS|REPORTING|ORG|SOURCE_DB|PIPELINE_DB|OUTBOX|SPRING|LOGGING|DELIVERY|CAMEL)_.*"));
        builder.environment().put("LOGGING_LEVEL_ROOT", "DEBUG");
        builder.environment().put("OUTBOX_DIR", dir.resolve("outbox").toString());
        builder.environment().putAll(variables);
        long start = System.nanoTime();
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the process ended").isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Run(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8), took);
    }

    void refusedAtOnce(Map<String, String> variables, String expectedError, String... args) throws Exception {
        Run run = java(variables, args);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: " + expectedError + System.lineSeparator());
        assertThat(run.out()).as("nothing started, nothing logged").isEmpty();
        assertThat(run.took()).isLessThan(QUICK);
    }

    @Test
    void badArgumentsAreRefusedBeforeTheApplicationStarts() throws Exception {
        refusedAtOnce(Map.of(), "--period: '2025-13' has month 13; months are 01 to 12",
                "transmit", "--period", "2025-13", "--dry-run");
        refusedAtOnce(Map.of(), "--as-of: '1900-01-01T00:00' is before 2025-06 begins (2025-06-01T00:00+05:00 in Asia/Almaty), so "
                + "the form would count nothing; accepted: a cut-off at or after the end of the period (with --dry-run, after its "
                + "beginning)", "transmit", "--period", "2025-06", "--as-of", "1900-01-01T00:00", "--dry-run");
    }

    @Test
    void aDeliveringRunWithAnEarlyCutOffIsRefusedBeforeTheApplicationStarts() throws Exception {
        refusedAtOnce(Map.of("MAIL_TO", "stat@bureau.kz"), "--as-of: '2025-07-02' is before 2025-07 ends "
                + "(2025-08-01T00:00+05:00 in Asia/Almaty), so the form would count part of the month; a delivered form counts "
                + "the whole month: give a cut-off at or after its end, or use --dry-run to look at a partial month",
                "transmit", "--period", "2025-07", "--form", "2-OZh", "--as-of", "2025-07-02");
    }

    @Test
    void settingsThatCannotWorkAreRefusedBeforeTheApplicationStarts() throws Exception {
        refusedAtOnce(Map.of("SFTP_PORT", "abc"), "SFTP_PORT: 'abc' is not a port; accepted: a whole number from 1 to 65535",
                "status");
        refusedAtOnce(Map.of("SMTP_STARTTLS", "maybe"), "SMTP_STARTTLS: 'maybe' is not a switch; accepted: true or false",
                "transmit", "--period", "2025-06", "--dry-run");
        refusedAtOnce(Map.of("MAIL_TO", "not-an-address"), "MAIL_TO: 'not-an-address' is not a list of mail addresses "
                + "(Missing final '@domain'); accepted: local@domain or Name <local@domain>, separated by commas",
                "transmit", "--period", "2025-06");
        refusedAtOnce(Map.of(), "MAIL_TO: is empty; accepted: one or more addresses separated by commas, such as "
                + "stat@bureau.kz, archive@bureau.kz", "transmit", "--period", "2025-06");
    }

    @Test
    void aCommandThatCanRunStartsTheApplication() throws Exception {
        String pipeline = TestPostgres.newDatabase("pipeline");

        Run run = java(Map.of("PIPELINE_DB_URL", pipeline, "PIPELINE_DB_USER", "postgres"), "status", "--period", "2025-06");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("(nothing recorded for 2025-06)").contains(" DEBUG ");
    }
}
