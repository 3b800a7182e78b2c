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
import kz.labour.reporting.form.Severity;
import kz.labour.reporting.support.FormSql;
import kz.labour.reporting.support.TestPostgres;

/**
 * A clean period is read once: the aggregation statement itself says whether any row of the period
 * cannot be counted, and only then do the source checks run to name it. So every kind of row the
 * checks reject must make the aggregation unsound, and the checks must then name exactly that row
 * and problem. Each case adds one such row to the clean June 2025 fixture (in a transaction rolled
 * back afterwards) and asks both statements of its form, and the other form's aggregation.
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
        String repeated = "duplicate id: the same id on more than one row";
        String unrecorded = "recorded_at missing";
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
                        "fine", "amount_kzt negative", 905),
                new Case(inspectors, "INSERT INTO fine VALUES (906, '2025-06-02 10:00+05', '350000000', '2025-06-02', NULL)",
                        "fine", "amount_kzt missing", 906),
                new Case(inspectors, "INSERT INTO suspension VALUES (907, '2025-06-02 10:00+05', '350000000', 'BUILDING', '2025-06-02')",
                        "suspension", "object_kind not EQUIPMENT, FACILITY or ORGANIZATION (upper case)", 907),
                new Case(inspectors, "INSERT INTO worker_removal VALUES (908, '2025-06-02 10:00+05', '350000000', '2025-06-02', 0)",
                        "worker_removal", "workers_count below 1", 908),
                new Case(inspectors, "INSERT INTO accident_investigation VALUES (909, '2025-06-02 10:00+05', NULL, '35 000000', '2025-06-02')",
                        "accident_investigation", noRegion, 909),
                new Case(inspectors, "INSERT INTO law_enforcement_referral VALUES (910, '2025-06-20 10:00+05', '350000000', NULL)",
                        "law_enforcement_referral", "sent_on missing", 910),
                // an Arabic-Indic digit: nine characters, but not nine ASCII digits
                new Case(inspectors, "INSERT INTO criminal_case VALUES (911, '2025-06-02 10:00+05', '35000000\u0663', '2025-06-02')",
                        "criminal_case", noRegion, 911),
                new Case(inspectors, "INSERT INTO prosecuted_person VALUES (912, '2025-06-02 10:00+05', '35000000', '2025-06-02')",
                        "prosecuted_person", noRegion, 912),
                new Case(injuries, "INSERT INTO accident VALUES (913, '2025-06-02 10:00+05', '350000000', '2025-06-02')",
                        "accident", "accident without victims", 913),
                new Case(injuries, "INSERT INTO accident VALUES (914, '2025-06-02 10:00+05', '350000000', '2025-06-02');"
                        + " INSERT INTO accident_victim VALUES (915, '2025-06-02 10:00+05', 914, NULL)",
                        "accident_victim", "severity missing", 915),
                new Case(injuries, "INSERT INTO accident VALUES (916, '2025-06-02 10:00+05', '12345', '2025-06-02');"
                        + " INSERT INTO accident_victim VALUES (917, '2025-06-02 10:00+05', 916, 'LIGHT')",
                        "accident", noRegion, 916),
                new Case(injuries, "INSERT INTO accident VALUES (918, '2025-06-02 10:00+05', '990000000', '2025-06-02');"
                        + " INSERT INTO accident_victim VALUES (919, '2025-06-02 10:00+05', 918, 'FATAL')",
                        "accident", noRegion, 918),
                new Case(injuries, "INSERT INTO accident VALUES (920, '2025-06-25 10:00+05', '350000000', NULL)",
                        "accident", "occurred_on missing", 920),

                // The same id twice (no key in the source): each copy would be counted.
                new Case(inspectors, "INSERT INTO inspection SELECT * FROM inspection WHERE id = 1",
                        "inspection", repeated, 1),
                // another row under an existing id, in another region and on another day of the period
                new Case(inspectors, "INSERT INTO inspection VALUES (2, '2025-06-05 10:00+05', '630000000', 'LEGAL_ENTITY', 'OTHER', '2025-06-05')",
                        "inspection", repeated, 2),
                // detected and eliminated in June: repeated in column 5 and in column 6, named once
                new Case(inspectors, "INSERT INTO violation SELECT * FROM violation WHERE id = 1",
                        "violation", repeated, 1),
                // column 9 would add the fine's amount twice
                new Case(inspectors, "INSERT INTO fine SELECT * FROM fine WHERE id = 3",
                        "fine", repeated, 3),
                new Case(inspectors, "INSERT INTO prosecuted_person SELECT * FROM prosecuted_person WHERE id = 2",
                        "prosecuted_person", repeated, 2),
                // the accident's victim is seen twice through it, but only the accident is repeated
                new Case(injuries, "INSERT INTO accident SELECT * FROM accident WHERE id = 2",
                        "accident", repeated, 2),
                new Case(injuries, "INSERT INTO accident_victim SELECT * FROM accident_victim WHERE id = 3",
                        "accident_victim", repeated, 3),

                // Rows without recorded_at: no cut-off admits them.
                new Case(inspectors, "INSERT INTO inspection VALUES (931, NULL, '350000000', 'LEGAL_ENTITY', 'OTHER', '2025-06-02')",
                        "inspection", unrecorded, 931),
                new Case(inspectors, "INSERT INTO violation VALUES (932, NULL, 1, '350000000', '2025-05-02', '2025-06-12')",
                        "violation", unrecorded, 932),
                new Case(inspectors, "INSERT INTO fine VALUES (933, NULL, '350000000', '2025-06-02', 100.00)",
                        "fine", unrecorded, 933),
                new Case(injuries, "INSERT INTO accident VALUES (934, NULL, '350000000', '2025-06-02')",
                        "accident", unrecorded, 934),
                new Case(injuries, "INSERT INTO accident_victim VALUES (935, NULL, 2, 'LIGHT')",
                        "accident_victim", unrecorded, 935),
                // its only victim has no recorded_at: named as such, not as an accident without victims
                new Case(injuries, "INSERT INTO accident VALUES (936, '2025-06-02 10:00+05', '350000000', '2025-06-02');"
                        + " INSERT INTO accident_victim VALUES (937, NULL, 936, 'FATAL')",
                        "accident_victim", unrecorded, 937),

                // Values outside the contract's enumerations, whatever their letter case.
                new Case(inspectors, "INSERT INTO inspection VALUES (938, '2025-06-02 10:00+05', '350000000', 'LEGAL_ENTITY', 'preventive_control', '2025-06-02')",
                        "inspection", "kind not PREVENTIVE_CONTROL, UNSCHEDULED or OTHER (upper case)", 938),
                new Case(inspectors, "INSERT INTO inspection VALUES (939, '2025-06-02 10:00+05', '350000000', 'LEGAL_ENTITY', NULL, '2025-06-02')",
                        "inspection", "kind missing", 939),
                new Case(inspectors, "INSERT INTO inspection VALUES (940, '2025-06-02 10:00+05', '350000000', 'Legal_Entity', 'OTHER', '2025-06-02')",
                        "inspection", "subject_kind not INDIVIDUAL or LEGAL_ENTITY (upper case)", 940),
                new Case(inspectors, "INSERT INTO inspection VALUES (941, '2025-06-02 10:00+05', '350000000', NULL, 'UNSCHEDULED', '2025-06-02')",
                        "inspection", "subject_kind missing", 941),
                new Case(inspectors, "INSERT INTO suspension VALUES (942, '2025-06-02 10:00+05', '350000000', 'equipment', '2025-06-02')",
                        "suspension", "object_kind not EQUIPMENT, FACILITY or ORGANIZATION (upper case)", 942),
                new Case(inspectors, "INSERT INTO suspension VALUES (943, '2025-06-02 10:00+05', '350000000', NULL, '2025-06-02')",
                        "suspension", "object_kind missing", 943),
                new Case(inspectors, "INSERT INTO worker_removal VALUES (944, '2025-06-02 10:00+05', '350000000', '2025-06-02', NULL)",
                        "worker_removal", "workers_count missing", 944),
                new Case(injuries, "INSERT INTO accident_victim VALUES (945, '2025-06-10 12:00+05', 2, 'fatal')",
                        "accident_victim", "severity not LIGHT, MODERATE, SEVERE or FATAL (upper case)", 945),

                // Victims whose accident does not exist, recorded in the period.
                new Case(injuries, "INSERT INTO accident_victim VALUES (946, '2025-06-10 12:00+05', 999, 'LIGHT')",
                        "accident_victim", "accident_id matches no accident", 946),
                new Case(injuries, "INSERT INTO accident_victim VALUES (947, '2025-06-10 12:00+05', NULL, 'LIGHT')",
                        "accident_victim", "accident_id missing", 947))
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

    @Test
    void periodWithNoSourceRowsIsSoundAllZeroAndWarned() throws SQLException {
        try (Connection c = SOURCE.getConnection()) {
            for (FormId form : FormId.values()) {
                Aggregate march = aggregate(c, form, YearMonth.of(2025, 3));
                assertThat(march.sound()).as(form.ascii()).isTrue();
                assertThat(march.byRegion()).as("every region, at zero").hasSize(20);
                assertThat(march.empty()).isTrue();
                assertThat(march.warnings()).singleElement().satisfies(w -> {
                    assertThat(w.severity()).isEqualTo(Severity.WARN);
                    assertThat(w.rule()).isEqualTo(Aggregate.NO_ROWS_RULE);
                });
                Aggregate june = aggregate(c, form, JUNE);
                assertThat(june.empty()).as(form.ascii()).isFalse();
                assertThat(june.warnings()).isEmpty();
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
        return aggregate(c, form, JUNE);
    }

    static Aggregate aggregate(Connection c, FormId form, YearMonth month) throws SQLException {
        List<Map<String, Object>> rows = FormSql.run(c, "/sql/" + form.ascii() + ".sql", FormSql.monthly(month, CUT_OFF));
        return SourceResults.aggregate(LABELS.form(form), REGIONS.prefixes(), rows);
    }

    static List<Map<String, Object>> checks(Connection c, FormId form) throws SQLException {
        return FormSql.run(c, "/sql/" + form.ascii() + "-source-checks.sql", FormSql.monthly(JUNE, CUT_OFF));
    }

    static String explain(Connection c, FormId form) throws SQLException {
        return FormSql.explain(c, "/sql/" + form.ascii() + ".sql", "COSTS OFF", FormSql.monthly(JUNE, CUT_OFF));
    }
}
