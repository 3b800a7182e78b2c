package kz.labour.reporting.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.Status;
import kz.labour.reporting.support.PipelineTest;
import kz.labour.reporting.support.TestPostgres;

/**
 * The one-shot commands as an operator runs them, against a real PostgreSQL whose source holds one
 * row of every kind of data error. Bad arguments exit 2 before anything is read; data errors exit 3
 * naming every offending row id.
 */
@PipelineTest
class CliIntegrationTest {

    @TempDir
    static Path outbox;

    static final String SOURCE = TestPostgres.newSource("/fixtures/bad-rows-june-2025.sql");
    static final String PIPELINE = TestPostgres.newDatabase("pipeline");

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        registry.add("source.datasource.url", () -> SOURCE);
        registry.add("pipeline.datasource.url", () -> PIPELINE);
        registry.add("reporting.outbox", () -> outbox.toString());
    }

    @Autowired
    Cli cli;

    @Autowired
    Ledger ledger;

    record Run(int exitCode, String out, String err) {
    }

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = cli.run(Command.parse(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void monthThirteenExitsTwoNamingThePeriod() {
        Run run = run("transmit", "--period", "2025-13", "--dry-run");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--period").contains("months are 01 to 12");
    }

    @Test
    void slashedPeriodExitsTwo() {
        Run run = run("transmit", "--period", "2025/06", "--dry-run");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'2025/06' is not in the form YYYY-MM");
    }

    @Test
    void monthNotYetEndedExitsTwo() {
        Run run = run("transmit", "--period", "2025-07", "--dry-run");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("2025-07 has not ended yet").contains("2025-06");
    }

    @Test
    void monthBeforeTheEarliestPeriodExitsTwo() {
        Run run = run("transmit", "--period", "2015-12", "--dry-run");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("before the earliest period 2016-01");
    }

    @Test
    void unknownFormExitsTwo() {
        Run run = run("transmit", "--period", "2025-06", "--form", "3-X", "--dry-run");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--form").contains("1-MEIZhM");
    }

    @Test
    void sourceDataErrorsExitThreeListingEveryOffendingRow() {
        Run run = run("transmit", "--period", "2025-06", "--dry-run");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out())
                .contains("inspection id 101").contains("region code with no matching region")
                .contains("fine id 401").contains("negative or missing amount")
                .contains("prescription id 501").contains("null date")
                .contains("accident id 201").contains("accident without victims")
                .contains("accident id 203")
                .contains("accident_victim id 301").contains("victim without severity")
                .doesNotContain("id 102");
        assertThat(ledger.list(YearMonth.parse("2025-06"))).as("a dry run records nothing").isEmpty();
    }

    @Test
    void rejectedTransmissionIsRecordedAndNothingIsWrittenForDelivery() throws Exception {
        Run run = run("transmit", "--period", "2025-06", "--form", "2-OZh");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(ledger.history(FormId.OZH, YearMonth.parse("2025-06"))).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo(Status.REJECTED);
            assertThat(ledger.findings(t)).extracting(Finding::relation, Finding::ids).contains(
                    tuple("accident", List.of(201L)), tuple("accident_victim", List.of(301L)));
            assertThat(t.files()).isEmpty();
        });
        Path period = outbox.resolve("2025-06");
        assertThat(!Files.exists(period) || Files.list(period).findAny().isEmpty()).isTrue();
        assertThat(run("status", "--period", "2025-06").out()).contains("2-OZh").contains("REJECTED");
    }
}
