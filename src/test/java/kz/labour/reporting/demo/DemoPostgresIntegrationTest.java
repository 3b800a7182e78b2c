package kz.labour.reporting.demo;

import kz.labour.reporting.support.FormSql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo deployment: roles and databases, and 24 months of demo data at scale 1 judged against
 * docs/forms.md (sizes, skew, controls) and the project's form SQL.
 */
class DemoPostgresIntegrationTest {

    private static final YearMonth FIRST = YearMonth.of(2024, 1);
    private static final int MONTHS = 24;
    private static final YearMonth LAST = FIRST.plusMonths(MONTHS - 1);
    private static final OffsetDateTime EVERYTHING = OffsetDateTime.parse("2100-01-01T00:00:00Z");

    private static DemoPostgres demo;

    @BeforeAll
    static void start() {
        demo = DemoPostgres.start(DemoPostgres.Settings.defaults().withMonths(FIRST, MONTHS));
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void reportsWhatItGenerated() {
        DemoData.Result data = demo.data().orElseThrow();
        assertThat(data.first()).isEqualTo(FIRST);
        assertThat(data.last()).isEqualTo(LAST);
        assertThat(data.seed()).isEqualTo(DemoPostgres.DEFAULT_SEED);
        assertThat(data.rows().keySet()).containsExactlyInAnyOrderElementsOf(DemoPostgres.SOURCE_RELATIONS);
    }

    @Test
    void monthlyNationalVolumesAtScaleOneAreThoseOfFormsMd() throws Exception {
        Map<String, long[]> byMonth = monthly("""
                SELECT m, coalesce(i, 0), coalesce(v, 0), coalesce(p, 0), coalesce(f, 0), coalesce(amount, 0)
                FROM (SELECT to_char(completed_on, 'YYYY-MM') m, count(*) i FROM inspection GROUP BY 1) a
                FULL JOIN (SELECT to_char(detected_on, 'YYYY-MM') m, count(*) v FROM violation GROUP BY 1) b USING (m)
                FULL JOIN (SELECT to_char(issued_on, 'YYYY-MM') m, count(*) p FROM prescription GROUP BY 1) c USING (m)
                FULL JOIN (SELECT to_char(imposed_on, 'YYYY-MM') m, count(*) f, sum(amount_kzt)::bigint amount
                           FROM fine GROUP BY 1) d USING (m)
                """);
        assertThat(byMonth).hasSize(MONTHS);
        byMonth.forEach((month, v) -> {
            assertThat(v[0]).as("inspections in %s", month).isBetween(440L, 660L);
            assertThat(v[1]).as("violations in %s", month).isBetween(580L, 880L);
            assertThat(v[2]).as("prescriptions in %s", month).isBetween(280L, 420L);
            assertThat(v[3]).as("fines in %s", month).isBetween(190L, 290L);
            assertThat(v[4]).as("fines in tenge in %s", month).isBetween(30_000_000L, 60_000_000L);
        });

        Map<String, long[]> injuries = monthly("""
                SELECT to_char(a.occurred_on, 'YYYY-MM'), count(*),
                       count(*) FILTER (WHERE v.severity = 'FATAL'),
                       count(DISTINCT a.id),
                       count(DISTINCT a.id) FILTER (WHERE v.id %% 100 = 2)
                FROM accident a JOIN accident_victim v ON v.accident_id = a.id
                GROUP BY 1
                """.replace("%%", "%"));
        assertThat(injuries).hasSize(MONTHS);
        injuries.forEach((month, v) -> {
            assertThat(v[0]).as("injured workers in %s", month).isBetween(110L, 120L);
            assertThat(v[1]).as("deaths in %s", month).isBetween(12L, 18L);
            assertThat(v[3]).as("group accidents in %s", month).isBetween(1L, 6L);
        });
    }

    @Test
    void rareColumnsAreFilledNationallyAndCriminalCasesAreFewerThanReferrals() throws Exception {
        Map<String, Long> totals = new LinkedHashMap<>();
        try (Connection c = demo.sourceAdmin().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT 'EQUIPMENT', count(*) FROM suspension WHERE object_kind = 'EQUIPMENT'
                     UNION ALL SELECT 'FACILITY', count(*) FROM suspension WHERE object_kind = 'FACILITY'
                     UNION ALL SELECT 'ORGANIZATION', count(*) FROM suspension WHERE object_kind = 'ORGANIZATION'
                     UNION ALL SELECT 'investigations', count(*) FROM accident_investigation
                     UNION ALL SELECT 'unlinked investigations', count(*) FROM accident_investigation WHERE accident_id IS NULL
                     UNION ALL SELECT 'referrals', count(*) FROM law_enforcement_referral
                     UNION ALL SELECT 'criminal cases', count(*) FROM criminal_case
                     UNION ALL SELECT 'prosecuted', count(*) FROM prosecuted_person
                     UNION ALL SELECT 'inspections by individuals', count(*) FROM inspection WHERE subject_kind = 'INDIVIDUAL'
                     UNION ALL SELECT 'other inspections', count(*) FROM inspection WHERE kind = 'OTHER'
                     """)) {
            while (rs.next()) {
                totals.put(rs.getString(1), rs.getLong(2));
            }
        }
        assertThat(totals.values()).allMatch(n -> n > 0);
        assertThat(totals.get("criminal cases")).isLessThan(totals.get("referrals"));
    }

    @Test
    void karagandaAndOtherIndustrialRegionsOutweighZhetysuAndOtherQuietOnes() throws Exception {
        Map<String, Long> inspections = perRegion("SELECT left(region_kato, 2), count(*) FROM inspection GROUP BY 1");
        Map<String, Long> accidents = perRegion("SELECT left(region_kato, 2), count(*) FROM accident GROUP BY 1");

        assertThat(inspections.get("35")).isGreaterThan(2 * inspections.get("33"));
        assertThat(accidents.get("35")).isGreaterThan(2 * accidents.get("33"));
        for (String high : List.of("35", "63", "55", "15", "75")) {
            for (String low : List.of("33", "59", "79", "10")) {
                assertThat(inspections.get(high)).as("%s over %s", high, low).isGreaterThan(inspections.get(low));
            }
        }
    }

    @Test
    void smallRegionsOftenShowZeroInRareColumns() throws Exception {
        // Region-months (of the 4 quietest regions) without any suspension.
        long empty = single("""
                SELECT count(*) FROM generate_series(DATE '2024-01-01', DATE '2025-12-01', interval '1 month') m,
                     unnest(ARRAY['10', '33', '59', '79']) r
                WHERE NOT EXISTS (SELECT 1 FROM suspension s WHERE left(s.region_kato, 2) = r
                                  AND s.suspended_on >= m::date AND s.suspended_on < (m + interval '1 month')::date)
                """);
        assertThat(empty).isGreaterThan(MONTHS * 4 / 2);
    }

    @Test
    void manyCodesAreLowerLevelCodesOfTheSameRegion() throws Exception {
        long all = single("SELECT count(*) FROM inspection");
        long lower = single("SELECT count(*) FROM inspection WHERE region_kato !~ '^[0-9]{2}0{7}$'");
        long malformed = single("""
                SELECT count(*) FROM (
                    SELECT region_kato FROM inspection UNION ALL SELECT region_kato FROM accident
                    UNION ALL SELECT region_kato FROM fine) t
                WHERE region_kato !~ '^[0-9]{9}$'
                """);

        assertThat((double) lower / all).isBetween(0.15, 0.45);
        assertThat(malformed).isZero();
        // A violation carries its inspection's code, an investigation its accident's.
        assertThat(single("""
                SELECT count(*) FROM violation v JOIN inspection i ON i.id = v.inspection_id
                WHERE v.region_kato <> i.region_kato OR v.detected_on <> i.completed_on
                """)).isZero();
        assertThat(single("SELECT count(*) FROM violation v WHERE NOT EXISTS "
                + "(SELECT 1 FROM inspection i WHERE i.id = v.inspection_id)")).isZero();
    }

    @Test
    void groupAccidentsHaveAtLeastTwoVictimsAndEveryAccidentHasOne() throws Exception {
        assertThat(single("SELECT count(*) FROM (SELECT accident_id FROM accident_victim GROUP BY 1 HAVING count(*) >= 2) g"))
                .isGreaterThanOrEqualTo(MONTHS);
        assertThat(single("SELECT count(*) FROM accident a WHERE NOT EXISTS "
                + "(SELECT 1 FROM accident_victim v WHERE v.accident_id = a.id)")).isZero();
        assertThat(single("SELECT count(*) FROM accident_victim v WHERE v.severity IS NULL OR NOT EXISTS "
                + "(SELECT 1 FROM accident a WHERE a.id = v.accident_id)")).isZero();
        assertThat(single("SELECT count(DISTINCT severity) FROM accident_victim")).isEqualTo(4);
    }

    @Test
    void everyAccidentHasAVictimRecordedNoLaterThanTheAccident() throws Exception {
        assertThat(single("""
                SELECT count(*) FROM accident a WHERE NOT EXISTS
                    (SELECT 1 FROM accident_victim v WHERE v.accident_id = a.id AND v.recorded_at <= a.recorded_at)
                """)).isZero();
        // Further victims may come later: a group accident can grow after a cut-off.
        assertThat(single("""
                SELECT count(*) FROM accident_victim v JOIN accident a ON a.id = v.accident_id
                WHERE v.recorded_at > a.recorded_at
                """)).isPositive();
    }

    @Test
    void someRowsAreRecordedAfterTheirMonthEnded() throws Exception {
        String late = """
                SELECT count(*) FILTER (WHERE (recorded_at AT TIME ZONE 'Asia/Almaty')::date
                                              >= (date_trunc('month', %1$s) + interval '1 month')::date),
                       count(*) FILTER (WHERE (recorded_at AT TIME ZONE 'Asia/Almaty')::date < %1$s)
                FROM %2$s
                """;
        for (String[] t : new String[][] {{"completed_on", "inspection"}, {"occurred_on", "accident"},
                {"imposed_on", "fine"}, {"issued_on", "prescription"}}) {
            try (Connection c = demo.sourceAdmin().connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(late.formatted(t[0], t[1]))) {
                rs.next();
                long afterMonth = rs.getLong(1);
                long total = single("SELECT count(*) FROM " + t[1]);
                assertThat(afterMonth).as(t[1] + " recorded after their month").isPositive();
                assertThat((double) afterMonth / total).as(t[1] + " share recorded late").isLessThan(0.15);
                assertThat(rs.getLong(2)).as(t[1] + " recorded before their day").isZero();
            }
        }
    }

    @Test
    void someRemovalsRemoveSeveralWorkers() throws Exception {
        assertThat(single("SELECT count(*) FROM worker_removal WHERE workers_count > 1")).isPositive();
        assertThat(single("SELECT count(*) FROM worker_removal WHERE workers_count < 1")).isZero();
    }

    @Test
    void someViolationsAreEliminatedInALaterMonthAndSomeNever() throws Exception {
        assertThat(single("SELECT count(*) FROM violation WHERE date_trunc('month', eliminated_on) "
                + "> date_trunc('month', detected_on)")).isPositive();
        assertThat(single("SELECT count(*) FROM violation WHERE date_trunc('month', eliminated_on) "
                + "= date_trunc('month', detected_on)")).isPositive();
        assertThat(single("SELECT count(*) FROM violation WHERE eliminated_on IS NULL")).isPositive();
        assertThat(single("SELECT count(*) FROM violation WHERE eliminated_on < detected_on")).isZero();
    }

    @Test
    void someRegionalFineSumsEndInFiftyTengeSoThatRoundingToThousandsMatters() throws Exception {
        assertThat(single("""
                SELECT count(*) FROM (SELECT left(region_kato, 2), date_trunc('month', imposed_on), sum(amount_kzt) s
                                      FROM fine GROUP BY 1, 2) t
                WHERE t.s % 100 = 50
                """)).isPositive();
        assertThat(single("SELECT count(*) FROM fine WHERE amount_kzt % 100 = 50")).isPositive();
        assertThat(single("SELECT count(*) FROM fine WHERE amount_kzt IS NULL OR amount_kzt < 1000")).isZero();
    }

    @Test
    void readerCanSelectTheContractRelationsButCannotWrite() throws Exception {
        try (Connection c = demo.source().connect(); Statement s = c.createStatement()) {
            for (String relation : DemoPostgres.SOURCE_RELATIONS) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + relation)) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(relation).isPositive();
                }
            }
            assertPermissionDenied(s, "INSERT INTO inspection (id, recorded_at) VALUES (1, now())");
            assertPermissionDenied(s, "UPDATE fine SET amount_kzt = 0");
            assertPermissionDenied(s, "DELETE FROM accident_victim");
            assertPermissionDenied(s, "CREATE TABLE scratch (x int)");
            assertPermissionDenied(s, "CREATE TEMPORARY TABLE scratch (x int)");
            assertPermissionDenied(s, "SELECT * FROM flyway_schema_history");
            assertPermissionDenied(s, "SELECT demo.u(1, 1, 1)");
        }
    }

    @Test
    void everyRoleNeedsItsPassword() throws Exception {
        DemoPostgres.Endpoint reader = demo.source();
        assertThat(reader.password()).hasSizeGreaterThanOrEqualTo(24);
        assertThat(reader.toString()).doesNotContain(reader.password());
        assertThat(demo.pipeline().password()).isNotEqualTo(reader.password());

        assertThatThrownBy(() -> DriverManager.getConnection(reader.jdbcUrl(), reader.user(), "wrong").close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
        assertThatThrownBy(() -> DriverManager.getConnection(reader.jdbcUrl(), "postgres", null).close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void pipelineRoleOwnsThePipelineDatabaseAndTheReaderCannotEnterIt() throws Exception {
        try (Connection c = demo.pipeline().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ledger_probe (x int)");
            s.execute("DROP TABLE ledger_probe");
            assertThat(single(s, "SELECT count(*) FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba "
                    + "WHERE d.datname = 'labour_pipeline' AND r.rolname = 'labour_pipeline'")).isEqualTo(1);
        }
        DemoPostgres.Endpoint reader = demo.source();
        String pipelineUrl = demo.pipeline().jdbcUrl();
        assertThatThrownBy(() -> DriverManager.getConnection(pipelineUrl, reader.user(), reader.password()).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
    }

    @Test
    void sourceChecksFindNoProblemAtTheScheduledCutOffOrWithEverythingRecorded() throws Exception {
        try (Connection c = demo.source().connect()) {
            for (YearMonth month = FIRST; !month.isAfter(LAST); month = month.plusMonths(1)) {
                for (OffsetDateTime asOf : List.of(FormSql.scheduledRun(month), EVERYTHING)) {
                    for (String checks : List.of("/sql/1-MEIZhM-source-checks.sql", "/sql/2-OZh-source-checks.sql")) {
                        assertThat(FormSql.run(c, checks, FormSql.monthly(month, asOf)))
                                .as("%s for %s as of %s", checks, month, asOf).isEmpty();
                    }
                }
            }
        }
    }

    @Test
    void formsPassEveryErrorControlAndTheCriminalCaseWarning() throws Exception {
        Set<String> regions = Set.of(FormSql.REGIONS.split(","));
        List<String> failures = new ArrayList<>();
        try (Connection c = demo.source().connect()) {
            for (YearMonth month = FIRST; !month.isAfter(LAST); month = month.plusMonths(1)) {
                for (OffsetDateTime asOf : List.of(FormSql.scheduledRun(month), EVERYTHING)) {
                    String at = month + " as of " + asOf + ", region ";
                    List<Map<String, Object>> meizhm = FormSql.run(c, "/sql/1-MEIZhM.sql", FormSql.monthly(month, asOf));
                    assertThat(meizhm).isNotEmpty();
                    for (Map<String, Object> row : meizhm) {
                        String where = at + row.get("region") + ": ";
                        check(failures, regions.contains((String) row.get("region")), where + "unknown region");
                        for (int col = 2; col <= 17; col++) {
                            check(failures, number(row, col).signum() >= 0, where + "c" + col + " < 0");
                        }
                        check(failures, n(row, 3) + n(row, 4) <= n(row, 2), where + "c3 + c4 > c2");
                        check(failures, (n(row, 8) == 0) == (number(row, 9).signum() == 0), where + "c8 = 0 <> c9 = 0");
                        check(failures, n(row, 16) <= n(row, 15), where + "c16 > c15 (WARN)");
                    }
                    List<Map<String, Object>> ozh = FormSql.run(c, "/sql/2-OZh.sql", FormSql.monthly(month, asOf));
                    assertThat(ozh).isNotEmpty();
                    for (Map<String, Object> row : ozh) {
                        String where = at + row.get("region") + ": ";
                        check(failures, regions.contains((String) row.get("region")), where + "unknown region");
                        for (int col = 2; col <= 8; col++) {
                            check(failures, n(row, col) >= 0, where + "c" + col + " < 0");
                        }
                        check(failures, n(row, 3) <= n(row, 2) && n(row, 5) <= n(row, 4), where + "c3 > c2 or c5 > c4");
                        check(failures, n(row, 6) + n(row, 7) + n(row, 8) == n(row, 4), where + "c6 + c7 + c8 <> c4");
                        check(failures, n(row, 5) >= 2 * n(row, 3), where + "c5 < 2 c3");
                        check(failures, n(row, 4) - n(row, 5) == n(row, 2) - n(row, 3), where + "c4 - c5 <> c2 - c3");
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aRunAtTheScheduledCutOffMissesOnlyTheRowsRecordedLater() throws Exception {
        // What makes corrections: data recorded after the 1st changes a past month's form.
        YearMonth month = FIRST.plusMonths(5);
        try (Connection c = demo.source().connect()) {
            long onTime = sum(FormSql.run(c, "/sql/1-MEIZhM.sql", FormSql.monthly(month, FormSql.scheduledRun(month))), 2);
            long later = sum(FormSql.run(c, "/sql/1-MEIZhM.sql", FormSql.monthly(month, EVERYTHING)), 2);
            long counted = single("SELECT count(*) FROM inspection WHERE completed_on >= DATE '" + month.atDay(1)
                    + "' AND completed_on < DATE '" + month.plusMonths(1).atDay(1) + "'");
            assertThat(later).isEqualTo(counted);
            assertThat(onTime).isLessThan(later).isGreaterThan(later * 8 / 10);
        }
    }

    private static void assertPermissionDenied(Statement s, String sql) {
        assertThatThrownBy(() -> s.execute(sql)).as(sql)
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
    }

    private static void check(List<String> failures, boolean ok, String message) {
        if (!ok) {
            failures.add(message);
        }
    }

    private static BigDecimal number(Map<String, Object> row, int column) {
        Object value = row.get("c" + column);
        return value instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) value).longValue());
    }

    private static long n(Map<String, Object> row, int column) {
        return ((Number) row.get("c" + column)).longValue();
    }

    private static long sum(List<Map<String, Object>> rows, int column) {
        return rows.stream().mapToLong(r -> n(r, column)).sum();
    }

    private static long single(String sql) throws SQLException {
        try (Connection c = demo.sourceAdmin().connect(); Statement s = c.createStatement()) {
            return single(s, sql);
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> perRegion(String sql) throws SQLException {
        Map<String, Long> result = new LinkedHashMap<>();
        try (Connection c = demo.sourceAdmin().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getLong(2));
            }
        }
        return result;
    }

    /** Rows keyed by their first column (a month), the other columns as longs. */
    private static Map<String, long[]> monthly(String sql) throws SQLException {
        Map<String, long[]> result = new LinkedHashMap<>();
        try (Connection c = demo.sourceAdmin().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                long[] values = new long[columns - 1];
                for (int i = 2; i <= columns; i++) {
                    values[i - 2] = rs.getLong(i);
                }
                result.put(rs.getString(1), values);
            }
        }
        return result.entrySet().stream()
                .filter(e -> e.getKey() != null && YearMonth.parse(e.getKey()).compareTo(FIRST) >= 0
                        && YearMonth.parse(e.getKey()).compareTo(LAST) <= 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
