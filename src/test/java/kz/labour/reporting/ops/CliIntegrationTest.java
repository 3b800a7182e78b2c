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

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.Status;
import kz.labour.reporting.ledger.StoredFile;
import kz.labour.reporting.quality.ValidationReport;
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

    /** As the jar runs a command: arguments refused by the parser exit 2 before the command runs. */
    Run run(String... args) {
        Command command;
        try {
            command = Command.parse(args);
        } catch (BadInputException e) {
            return new Run(2, "", "error: " + e.getMessage() + "\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = cli.run(command, new PrintStream(out, true, StandardCharsets.UTF_8),
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
                .contains("inspection id 103").contains("duplicate id: the same id on more than one row")
                .contains("inspection id 104").contains("kind not PREVENTIVE_CONTROL, UNSCHEDULED or OTHER (upper case)")
                .contains("fine id 401").contains("amount_kzt negative")
                .contains("fine id 402").contains("recorded_at missing")
                .contains("prescription id 501").contains("issued_on missing")
                .contains("accident id 201").contains("accident without victims")
                .contains("accident id 203")
                .contains("accident_victim id 301").contains("severity missing")
                .contains("accident_victim id 303").contains("accident_id matches no accident")
                .doesNotContain("id 102");
        assertThat(ledger.list(YearMonth.parse("2025-06"))).as("a dry run records nothing").isEmpty();
    }

    @Test
    void rejectedTransmissionIsRecordedWithItsValidationReportAndNothingIsWrittenForDelivery() throws Exception {
        Run run = run("transmit", "--period", "2025-06", "--form", "2-OZh");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(ledger.history(FormId.OZH, YearMonth.parse("2025-06"))).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo(Status.REJECTED);
            assertThat(ledger.findings(t)).extracting(Finding::relation, Finding::ids).contains(
                    tuple("accident", List.of(201L)), tuple("accident_victim", List.of(301L)));
            assertThat(t.files()).extracting(StoredFile::name).containsExactly("2-OZh_2025-06_V0001_N.validation.json",
                    "2-OZh_2025-06_V0001_N.validation.html");
        });
        Path period = outbox.resolve("2025-06");
        try (var files = Files.list(period)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
                    "2-OZh_2025-06_V0001_N.validation.json", "2-OZh_2025-06_V0001_N.validation.html");
        }
        assertThat(ValidationReport.findings(Files.readAllBytes(period.resolve("2-OZh_2025-06_V0001_N.validation.json"))))
                .extracting(Finding::relation, Finding::ids)
                .contains(tuple("accident", List.of(201L)), tuple("accident_victim", List.of(301L)));
        assertThat(run("status", "--period", "2025-06").out()).contains("2-OZh").contains("REJECTED");
    }

    @Test
    void statusShowsOneFormWhenAsked() {
        run("transmit", "--period", "2025-06", "--form", "2-OZh");
        assertThat(run("status", "--period", "2025-06", "--form", "2-ӨЖ").out()).contains("2-OZh").contains("REJECTED");
        Run inspectors = run("status", "--period", "2025-06", "--form", "1-MEIZhM");
        assertThat(inspectors.exitCode()).isZero();
        assertThat(inspectors.out()).doesNotContain("2-OZh ").contains("(nothing recorded for 1-MEIZhM 2025-06)");
    }

    @Test
    void repeatedFlagExitsTwoNamingIt() {
        Run run = run("transmit", "--period", "2025-05", "--period", "2025-06", "--dry-run");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--period: given twice ('2025-05' and '2025-06'); give it once");
    }

    @Test
    void explainListsTheRowsOfACellEvenWhenTheSourceHoldsBadRows() {
        // accidents 201 (no victims) and 202 count in Karaganda; 203's code '12345' matches no region
        Run run = run("explain", "--period", "2025-06", "--form", "2-OZh", "--cell", "350000000:2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("accident  201").contains("accident  202").contains("sum: 2 = the cell");
        Run total = run("explain", "--period", "2025-06", "--form", "2-OZh", "--cell", "000000000:2");
        assertThat(total.out()).contains("note: source rows with region codes starting 12 match no region");
    }

    @Test
    void explainRefusesBadArgumentsWithExitTwoNamingThem() {
        assertThat(run("explain", "--period", "2025-06", "--form", "2-OZh", "--cell", "350000000:9").err())
                .contains("--cell: 2-OZh has no numeric column 9");
        assertThat(run("explain", "--period", "2025-06", "--form", "4-X", "--cell", "350000000:2").err())
                .contains("--form: unknown form '4-X'");
        Run unrecorded = run("explain", "--period", "2025-06", "--form", "1-MEIZhM", "--cell", "350000000:2", "--version", "V0007");
        assertThat(unrecorded.exitCode()).isEqualTo(2);
        assertThat(unrecorded.err()).contains("--version: 1-MEIZhM 2025-06 has no V0007");
        Run future = run("explain", "--period", "2025-06", "--form", "1-MEIZhM", "--cell", "350000000:2", "--as-of", "2030-01-01");
        assertThat(future.exitCode()).isEqualTo(2);
        assertThat(future.err()).contains("--as-of").contains("in the future");
    }
}
