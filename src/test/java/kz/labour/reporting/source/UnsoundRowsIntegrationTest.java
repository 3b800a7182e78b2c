package kz.labour.reporting.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.support.FormSql;
import kz.labour.reporting.support.TestPostgres;

/**
 * A clean period is read once: the aggregation statement itself says whether any row of the period
 * cannot be counted, and only then do the source checks run to name it. So every kind of row the
 * checks reject must make the aggregation unsound. Each case adds one such row to the clean June
 * 2025 fixture (in a transaction rolled back afterwards) and asks both statements.
 */
class UnsoundRowsIntegrationTest {

    static final DataSource SOURCE = TestPostgres.dataSource(TestPostgres.newSource("/fixtures/june-2025.sql"));
    static final YearMonth JUNE = YearMonth.of(2025, 6);
    static final OffsetDateTime CUT_OFF = OffsetDateTime.parse("2025-07-01T06:00:00+05:00");
    static final Labels LABELS = Labels.load();
    static final RegionCatalogue REGIONS = RegionCatalogue.load();

    record Case(FormId form, String insert, String relation, String problem, long id) {
        @Override
        public String toString() {
            return relation + " " + id + ": " + problem;
        }
    }

    static Stream<Arguments> unsoundRows() {
        FormId inspectors = FormId.MEIZHM;
        FormId injuries = FormId.OZH;
        String noRegion = "region code with no matching region";
        return Stream.of(
                new Case(inspectors, "INSERT INTO inspection VALUES (901, '2025-06-02 10:00+05', '990000000', 'LEGAL_ENTITY', 'OTHER', '2025-06-02')",
                        "inspection", noRegion, 901),
                new Case(inspectors, "INSERT INTO violation VALUES (902, '2025-06-02 10:00+05', 1, '35A000000', '2025-06-02', NULL)",
                        "violation", noRegion, 902),
                // detected in May, eliminated in June: only the elimination counts in the period
                new Case(inspectors, "INSERT INTO violation VALUES (903, '2025-05-02 10:00+05', 1, '3500000', '2025-05-02', '2025-06-12')",
                        "violation", noRegion, 903),
                new Case(inspectors, "INSERT INTO prescription VALUES (904, '2025-06-02 10:00+05', NULL, '2025-06-02')",
                        "prescription", noRegion, 904),
                new Case(inspectors, "INSERT INTO fine VALUES (905, '2025-06-02 10:00+05', '350000000', '2025-06-02', -1.00)",
                        "fine", "negative or missing amount", 905),
                new Case(inspectors, "INSERT INTO fine VALUES (906, '2025-06-02 10:00+05', '350000000', '2025-06-02', NULL)",
                        "fine", "negative or missing amount", 906),
                new Case(inspectors, "INSERT INTO suspension VALUES (907, '2025-06-02 10:00+05', '350000000', 'BUILDING', '2025-06-02')",
                        "suspension", "object_kind not EQUIPMENT, FACILITY or ORGANIZATION", 907),
                new Case(inspectors, "INSERT INTO worker_removal VALUES (908, '2025-06-02 10:00+05', '350000000', '2025-06-02', 0)",
                        "worker_removal", "workers_count below 1", 908),
                new Case(inspectors, "INSERT INTO accident_investigation VALUES (909, '2025-06-02 10:00+05', NULL, '35 000000', '2025-06-02')",
                        "accident_investigation", noRegion, 909),
                new Case(inspectors, "INSERT INTO law_enforcement_referral VALUES (910, '2025-06-20 10:00+05', '350000000', NULL)",
                        "law_enforcement_referral", "null date", 910),
                // an Arabic-Indic digit: nine characters, but not nine ASCII digits
                new Case(inspectors, "INSERT INTO criminal_case VALUES (911, '2025-06-02 10:00+05', '35000000\u0663', '2025-06-02')",
                        "criminal_case", noRegion, 911),
                new Case(inspectors, "INSERT INTO prosecuted_person VALUES (912, '2025-06-02 10:00+05', '35000000', '2025-06-02')",
                        "prosecuted_person", noRegion, 912),
                new Case(injuries, "INSERT INTO accident VALUES (913, '2025-06-02 10:00+05', '350000000', '2025-06-02')",
                        "accident", "accident without victims", 913),
                new Case(injuries, "INSERT INTO accident VALUES (914, '2025-06-02 10:00+05', '350000000', '2025-06-02');"
                        + " INSERT INTO accident_victim VALUES (915, '2025-06-02 10:00+05', 914, NULL)",
                        "accident_victim", "victim without severity", 915),
                new Case(injuries, "INSERT INTO accident VALUES (916, '2025-06-02 10:00+05', '12345', '2025-06-02');"
                        + " INSERT INTO accident_victim VALUES (917, '2025-06-02 10:00+05', 916, 'LIGHT')",
                        "accident", noRegion, 916),
                new Case(injuries, "INSERT INTO accident VALUES (918, '2025-06-02 10:00+05', '990000000', '2025-06-02');"
                        + " INSERT INTO accident_victim VALUES (919, '2025-06-02 10:00+05', 918, 'FATAL')",
                        "accident", noRegion, 918),
                new Case(injuries, "INSERT INTO accident VALUES (920, '2025-06-25 10:00+05', '350000000', NULL)",
                        "accident", "null date", 920))
                .map(Arguments::of);
    }

    @Test
    void cleanPeriodIsSoundForBothForms() throws SQLException {
        try (Connection c = SOURCE.getConnection()) {
            for (FormId form : FormId.values()) {
                assertThat(aggregate(c, form).sound()).as(form.ascii()).isTrue();
                assertThat(checks(c, form)).as(form.ascii()).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsoundRows")
    void everyRowTheChecksRejectMakesTheAggregationUnsound(Case bad) throws SQLException {
        try (Connection c = SOURCE.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute(bad.insert());
                }
                Aggregate aggregate = aggregate(c, bad.form());
                assertThat(aggregate.sound()).as("the aggregation sees %s", bad).isFalse();
                assertThat(checks(c, bad.form())).as("the checks name it").singleElement().satisfies(row -> {
                    assertThat(row.get("relation")).isEqualTo(bad.relation());
                    assertThat(row.get("problem")).isEqualTo(bad.problem());
                    assertThat(row.get("ids")).isEqualTo(String.valueOf(bad.id()));
                });
                FormId other = bad.form() == FormId.MEIZHM ? FormId.OZH : FormId.MEIZHM;
                assertThat(aggregate(c, other).sound()).as("the other form does not read %s", bad.relation()).isTrue();
            } finally {
                c.rollback();
            }
        }
    }

    /**
     * The aggregation tests no row of the period for these conditions: with the source's indexes
     * (V3, V4) every test is a partial index's predicate, proved by the planner, so a clean period
     * costs one index lookup per condition, not a test per row.
     */
    @Test
    void aggregationPlansTestNoRowForUnsoundValues() throws SQLException {
        try (Connection c = SOURCE.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
            s.execute("SET enable_seqscan = off");
            for (FormId form : FormId.values()) {
                String plan = explain(c, form);
                List<String> filters = plan.lines().filter(l -> l.contains("Filter:")).toList();
                assertThat(filters).as("%s plan:%n%s", form.ascii(), plan)
                        .noneMatch(l -> l.contains("ltrim") || l.contains("length(") || l.contains("amount_kzt <")
                                || l.contains("workers_count <") || l.contains("object_kind IS NULL") || l.contains("IS NULL"));
                assertThat(plan).as(form.ascii()).doesNotContain("Seq Scan");
            }
        }
    }

    static Aggregate aggregate(Connection c, FormId form) throws SQLException {
        List<Map<String, Object>> rows = FormSql.run(c, "/sql/" + form.ascii() + ".sql", FormSql.monthly(JUNE, CUT_OFF));
        return SourceResults.aggregate(LABELS.form(form), REGIONS.prefixes(), rows);
    }

    static List<Map<String, Object>> checks(Connection c, FormId form) throws SQLException {
        return FormSql.run(c, "/sql/" + form.ascii() + "-source-checks.sql", FormSql.monthly(JUNE, CUT_OFF));
    }

    static String explain(Connection c, FormId form) throws SQLException {
        return FormSql.explain(c, "/sql/" + form.ascii() + ".sql", "COSTS OFF", FormSql.monthly(JUNE, CUT_OFF));
    }
}
