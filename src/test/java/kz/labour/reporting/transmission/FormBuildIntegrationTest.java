package kz.labour.reporting.transmission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormRow;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Severity;
import kz.labour.reporting.ledger.Origin;
import kz.labour.reporting.quality.Stage;
import kz.labour.reporting.quality.StageResult;
import kz.labour.reporting.source.SourceQueries;
import kz.labour.reporting.source.SqlLibrary;
import kz.labour.reporting.support.PipelineTest;
import kz.labour.reporting.support.TestPostgres;

/**
 * Every cell of both forms, built by the pipeline's own route from a real PostgreSQL holding the
 * hand-made fixture {@code fixtures/june-2025.sql}. Expected values are worked out by hand from the
 * fixture rows (see the comments there); regions not listed must print zeros.
 */
class FormBuildIntegrationTest {

    static final String CUT_OFF = "2025-07-01T06:00:00+05:00";

    static final String KARAGANDA = "350000000";
    static final String EAST_KAZAKHSTAN = "630000000";
    static final String ABAI = "100000000";
    static final String ALMATY_CITY = "750000000";
    static final String TOTAL = "000000000";

    abstract static class Base {
        @TempDir
        static Path outbox;

        static String source = TestPostgres.newSource("/fixtures/june-2025.sql");
        static String pipeline = TestPostgres.newDatabase("pipeline");

        @DynamicPropertySource
        static void databases(DynamicPropertyRegistry registry) {
            registry.add("source.datasource.url", () -> source);
            registry.add("pipeline.datasource.url", () -> pipeline);
            registry.add("reporting.outbox", () -> outbox.toString());
        }

        @Autowired
        TransmissionService transmissions;

        Job dryRun(FormId form, String asOf) {
            return dryRun(form, "2025-06", asOf);
        }

        Job dryRun(FormId form, String period, String asOf) {
            List<Job> jobs = transmissions.transmit(
                    new TransmitRequest(period, form.ascii(), asOf, Mode.DRY_RUN, Origin.CLI, "test")).jobs();
            assertThat(jobs).hasSize(1);
            Job job = jobs.get(0);
            assertThat(job.outcome()).as(job.message()).isEqualTo(Outcome.BUILT_DRY_RUN);
            return job;
        }
    }

    @Nested
    @PipelineTest
    class Month extends Base {

        @Test
        void buildsEveryCellOfInspectorsWorkForTheMonth() {
            FormTable t = dryRun(FormId.MEIZHM, CUT_OFF).table();
            //                               c2 c3 c4 c5 c6 c7 c8  c9   c10 c11 c12 c13 c14 c15 c16 c17
            assertRow(t, KARAGANDA,          "2 1 1 2 2 1 2 12.5 1 1 0 4 1 1 1 2");
            assertRow(t, EAST_KAZAKHSTAN,    "1 1 0 1 0 0 2 50.0 0 0 1 0 0 1 0 0");
            assertRow(t, ABAI,               "1 0 1 0 0 1 0 0.0 0 0 0 0 0 0 1 0");
            assertRow(t, ALMATY_CITY,        "0 0 0 0 0 1 0 0.0 0 0 0 0 0 0 0 0");
            // The total adds the rounded region values, 12.5 + 50.0 = 62.5, where rounding the raw
            // 62 400 ₸ would print 62.4; Karaganda's 12 450 ₸ shows the half-up rounding (12.5).
            assertRow(t, TOTAL,              "4 2 2 3 2 3 4 62.5 1 1 1 4 1 2 2 2");
            assertZerosElsewhere(t, KARAGANDA, EAST_KAZAKHSTAN, ABAI, ALMATY_CITY);
        }

        @Test
        void buildsEveryCellOfIndustrialInjuriesForTheMonth() {
            FormTable t = dryRun(FormId.OZH, CUT_OFF).table();
            //                               c2 c3 c4 c5 c6 c7 c8
            assertRow(t, KARAGANDA,          "2 1 3 2 1 1 1");
            assertRow(t, EAST_KAZAKHSTAN,    "1 0 1 0 1 0 0");
            assertRow(t, ALMATY_CITY,        "1 1 3 3 2 0 1");
            assertRow(t, TOTAL,              "4 2 7 5 4 1 2");
            assertZerosElsewhere(t, KARAGANDA, EAST_KAZAKHSTAN, ALMATY_CITY);
        }

        @Test
        void laterCutOffCountsRowsRecordedAfterTheFirst() {
            // By 2025-07-10 inspection 5, accident 4 and victims 5 and 6 have been recorded: accident 3
            // has become a group accident and accident 4 counts.
            FormTable injuries = dryRun(FormId.OZH, "2025-07-10T00:00:00+05:00").table();
            assertRow(injuries, EAST_KAZAKHSTAN, "2 1 3 2 2 0 1");
            FormTable work = dryRun(FormId.MEIZHM, "2025-07-10T00:00:00+05:00").table();
            assertThat(values(work, EAST_KAZAKHSTAN).subList(0, 3)).containsExactly("2", "2", "0");
        }

        @Test
        void warnsWhenCriminalCasesExceedReferralsButStillBuilds() {
            Job job = dryRun(FormId.MEIZHM, CUT_OFF);
            assertThat(job.findings()).anySatisfy(f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARN);
                assertThat(f.rule()).isEqualTo("c16<=c15");
                assertThat(f.where()).contains(ABAI);
            });
            assertThat(job.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
        }

        @Test
        void periodWithNoSourceRowsIsBuiltAsZerosWithAWarning() {
            for (FormId form : FormId.values()) {
                Job march = dryRun(form, "2025-03", "2025-04-01T06:00:00+05:00");
                assertThat(march.table().rows()).allSatisfy(r -> assertThat(r.values().values()).allMatch(v -> v.signum() == 0));
                assertThat(march.findings()).as(form.ascii()).anySatisfy(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARN);
                    assertThat(f.rule()).isEqualTo("source: no rows in the period");
                    assertThat(f.message()).contains("every cell is 0");
                });
            }
            assertThat(dryRun(FormId.OZH, CUT_OFF).findings()).as("June has rows")
                    .noneMatch(f -> f.rule().equals("source: no rows in the period"));
        }

        @Test
        void dryRunWritesTheFilesAndTheValidationReportIntoTheDryRunFolder() throws Exception {
            Job job = dryRun(FormId.OZH, CUT_OFF);
            Path folder = outbox.resolve("dry-run").resolve("2025-06");
            assertThat(job.directory()).isEqualTo(folder);
            assertThat(folder.resolve("2-OZh_2025-06_V0001_N.xlsx")).isRegularFile();
            assertThat(folder.resolve("2-OZh_2025-06_V0001_N.json")).isRegularFile();
            assertThat(folder.resolve("2-OZh_2025-06_V0001_N.manifest.json")).isRegularFile();
            // every stage the build ran, so an operator sees the month's quality before sending
            String report = Files.readString(folder.resolve("2-OZh_2025-06_V0001_N.validation.json"));
            for (String stage : List.of("source", "controls", "plausibility", "cross-form")) {
                assertThat(report).contains("\"stage\": \"" + stage + "\"");
            }
            assertThat(job.validation().stages()).extracting(StageResult::stage).containsExactly(Stage.values());
            // and the same for people
            assertThat(Files.readString(folder.resolve("2-OZh_2025-06_V0001_N.validation.html"))).startsWith("<!DOCTYPE html>");
        }

        @Test
        void sourceConnectionsRefuseWritesWhateverTheRole(@Autowired @Qualifier("sourceDataSource") DataSource source) {
            // the test connects as a superuser, yet the pool's read-only connections refuse any write
            assertThatThrownBy(() -> {
                try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
                    st.execute("UPDATE accident SET region_kato = region_kato WHERE id < 0"); // harmless if it ran
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("read-only transaction");
        }

        @Test
        void routeBindsExactlyTheParametersTheStatementsMayUse(@Autowired FormBuilder builder) {
            Map<String, Object> parameters = builder.sqlParameters(Job.planned(FormId.OZH, YearMonth.of(2025, 6),
                    OffsetDateTime.parse(CUT_OFF), new TransmitRequest("2025-06", "2-OZh", CUT_OFF, Mode.DRY_RUN, Origin.CLI, "test")));
            assertThat(parameters.keySet()).isEqualTo(SqlLibrary.PARAMETERS);
        }

        @Test
        void sourceSessionsPlanEveryStatementForItsPeriodWithoutJit(@Autowired @Qualifier("sourceDataSource") DataSource source)
                throws SQLException {
            try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
                assertThat(show(st, "plan_cache_mode")).isEqualTo("force_custom_plan");
                assertThat(show(st, "jit")).isEqualTo("off");
                assertThat(show(st, "default_transaction_read_only")).isEqualTo("on");
            }
        }

        @Test
        void sourceStatementsRunAsUnnamedStatementsHoweverOftenTheyRun(@Autowired @Qualifier("sourceDataSource") DataSource source,
                                                                        @Autowired FormBuilder builder)
                throws SQLException {
            try (Connection c = source.getConnection()) {
                // pgjdbc would make a server-side prepared statement of the fifth run on one session
                for (int run = 0; run < 6; run++) {
                    try (var ps = c.prepareStatement("SELECT count(*) FROM inspection WHERE completed_on >= ?")) {
                        ps.setObject(1, java.time.LocalDate.of(2025, 6, 1));
                        ps.executeQuery().close();
                    }
                }
                // and so on the application's path: the aggregation through the bean every source read takes
                SourceQueries queries = new SourceQueries(new SingleConnectionDataSource(c, true), new SqlLibrary());
                for (int run = 0; run < 6; run++) {
                    assertThat(queries.aggregation(FormId.OZH, builder.sqlParameters(Job.planned(FormId.OZH, YearMonth.of(2025, 6),
                            OffsetDateTime.parse(CUT_OFF), new TransmitRequest("2025-06", "2-OZh", CUT_OFF, Mode.DRY_RUN,
                            Origin.CLI, "test"))))).isNotEmpty();
                }
                try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT string_agg(statement, ' | ') FROM pg_prepared_statements")) {
                    rs.next();
                    assertThat(rs.getString(1)).isNull();
                }
            }
        }

        static String show(Statement st, String setting) throws SQLException {
            try (var rs = st.executeQuery("SHOW " + setting)) {
                rs.next();
                return rs.getString(1);
            }
        }

        @Test
        void sameDataAndCutOffGiveTheSameContentHash() {
            Job first = dryRun(FormId.OZH, CUT_OFF);
            Job second = dryRun(FormId.OZH, CUT_OFF);
            assertThat(second.rendered().contentHash()).isEqualTo(first.rendered().contentHash());
            Job later = dryRun(FormId.OZH, "2025-07-10T00:00:00+05:00");
            assertThat(later.rendered().contentHash()).isNotEqualTo(first.rendered().contentHash());
        }
    }

    @Nested
    @PipelineTest
    @TestPropertySource(properties = "reporting.accumulation=YEAR_TO_DATE")
    class YearToDate extends Base {

        @Test
        void countsFromFirstOfJanuaryToTheEndOfTheMonth() {
            FormTable work = dryRun(FormId.MEIZHM, CUT_OFF).table();
            //                               c2 c3 c4 c5 c6 c7 c8  c9   c10 c11 c12 c13 c14 c15 c16 c17
            assertRow(work, KARAGANDA,       "3 1 1 3 2 1 2 12.5 1 1 0 4 1 1 1 2");
            assertRow(work, ALMATY_CITY,     "0 0 0 0 0 1 1 5.0 0 0 0 0 0 0 0 0");
            assertRow(work, TOTAL,           "5 2 2 4 2 3 5 67.5 1 1 1 4 1 2 2 2");
            FormTable injuries = dryRun(FormId.OZH, CUT_OFF).table();
            assertRow(injuries, ABAI,        "1 0 1 0 1 0 0");
            assertRow(injuries, TOTAL,       "5 2 8 5 5 1 2");
        }
    }

    static void assertRow(FormTable table, String kato, String expected) {
        assertThat(values(table, kato)).as("row " + kato).containsExactly(expected.trim().split("\\s+"));
    }

    static void assertZerosElsewhere(FormTable table, String... listed) {
        List<String> named = Arrays.asList(listed);
        assertThat(table.regionRows()).hasSize(20);
        for (FormRow row : table.regionRows()) {
            if (!named.contains(row.kato())) {
                assertThat(row.values().values()).as("row " + row.kato()).allMatch(v -> v.signum() == 0);
            }
        }
    }

    static List<String> values(FormTable table, String kato) {
        FormRow row = table.rows().stream().filter(r -> r.kato().equals(kato)).findFirst().orElseThrow();
        return row.values().values().stream().map(v -> v.toPlainString()).toList();
    }
}
