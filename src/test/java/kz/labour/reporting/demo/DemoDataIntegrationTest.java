package kz.labour.reporting.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The generator itself, each case in a fresh database of one embedded server. */
class DemoDataIntegrationTest {

    private static final YearMonth JANUARY_2024 = YearMonth.of(2024, 1);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void sameSeedGivesIdenticalRowsInEveryRelation() throws Exception {
        Map<String, String> first = fingerprints(generated(JANUARY_2024, 3, 1.0, 7L));
        Map<String, String> second = fingerprints(generated(JANUARY_2024, 3, 1.0, 7L));

        assertThat(first).hasSize(DemoPostgres.SOURCE_RELATIONS.size());
        assertThat(second).isEqualTo(first);
    }

    @Test
    void differentSeedGivesDifferentRowsInEveryRelation() throws Exception {
        Map<String, String> seven = fingerprints(generated(JANUARY_2024, 3, 1.0, 7L));
        Map<String, String> eight = fingerprints(generated(JANUARY_2024, 3, 1.0, 8L));

        for (String relation : DemoPostgres.SOURCE_RELATIONS) {
            assertThat(eight.get(relation)).as(relation).isNotEqualTo(seven.get(relation));
        }
    }

    @Test
    void appendingMonthsGivesTheSameRowsAsGeneratingThemAtOnce() throws Exception {
        String together = generated(JANUARY_2024, 3, 1.0, 7L);
        String appended = newDatabase();
        try (Connection c = connect(appended)) {
            DemoData.generate(c, JANUARY_2024, 2, 1.0, 7L);
            DemoData.generate(c, YearMonth.of(2024, 3), 1, 1.0, 7L);
        }

        assertThat(fingerprints(appended)).isEqualTo(fingerprints(together));
    }

    @Test
    void sessionTimeZoneDoesNotChangeTheData() throws Exception {
        String utc = generated(YearMonth.of(2024, 2), 2, 1.0, 7L);
        String newYork = newDatabase();
        try (Connection c = connect(newYork); Statement s = c.createStatement()) {
            // A zone with a daylight-saving change inside the generated months.
            s.execute("SET TimeZone = 'America/New_York'");
            DemoData.generate(c, YearMonth.of(2024, 2), 2, 1.0, 7L);
        }

        assertThat(fingerprints(newYork)).isEqualTo(fingerprints(utc));
    }

    @Test
    void generatingAMonthThatIsAlreadyPresentIsRefusedAndLeavesTheDataAlone() throws Exception {
        String database = generated(JANUARY_2024, 2, 1.0, 7L);
        Map<String, String> before = fingerprints(database);

        try (Connection c = connect(database)) {
            assertThatThrownBy(() -> DemoData.generate(c, YearMonth.of(2024, 2), 2, 1.0, 7L))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("already holds demo rows");
        }
        assertThat(fingerprints(database)).isEqualTo(before);
    }

    @Test
    void reportedRowCountsMatchTheRowsInserted() throws Exception {
        String database = newDatabase();
        DemoData.Result result;
        try (Connection c = connect(database)) {
            result = DemoData.generate(c, JANUARY_2024, 2, 1.0, 3L);
        }

        Map<String, Long> counted = new LinkedHashMap<>();
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            for (String relation : DemoPostgres.SOURCE_RELATIONS) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + relation)) {
                    rs.next();
                    counted.put(relation, rs.getLong(1));
                }
            }
        }
        assertThat(result.rows()).containsExactlyInAnyOrderEntriesOf(counted);
        assertThat(result.totalRows()).isEqualTo(counted.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void scaleMultipliesTheMonthlyVolume() throws Exception {
        DemoData.Result one;
        DemoData.Result ten;
        try (Connection c = connect(newDatabase())) {
            one = DemoData.generate(c, JANUARY_2024, 1, 1.0, 5L);
        }
        try (Connection c = connect(newDatabase())) {
            ten = DemoData.generate(c, JANUARY_2024, 1, 10.0, 5L);
        }

        for (String relation : new String[] {"inspection", "violation", "prescription", "fine", "accident_victim"}) {
            double ratio = (double) ten.rows().get(relation) / one.rows().get(relation);
            assertThat(ratio).as(relation).isBetween(8.0, 12.0);
        }
    }

    @Test
    void indexesAreTheMigrationsOnesAfterABulkLoadIntoEmptyRelations() throws Exception {
        String empty = newDatabase();
        String loaded = generated(JANUARY_2024, 1, 1.0, 7L);

        // the id indexes (V5, in place of the primary keys), the date indexes (V2, made covering by V3),
        // V3's undated, V4's unsound-row indexes and V6's (rows without recorded_at, inspection kinds,
        // victims by recorded_at)
        assertThat(indexes(loaded)).isEqualTo(indexes(empty)).hasSize(12 + 13 + 11 + 15 + 15);
    }

    /** The index definitions on the contract relations. */
    private static List<String> indexes(String database) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Connection c = connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'"
                     + " AND tablename <> 'flyway_schema_history' ORDER BY indexname")) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    /** A new database with the source migrations and the given demo data; returns its name. */
    private static String generated(YearMonth first, int months, double scale, long seed) throws SQLException {
        String database = newDatabase();
        try (Connection c = connect(database)) {
            DemoData.generate(c, first, months, scale, seed);
        }
        return database;
    }

    private static String newDatabase() throws SQLException {
        String name = "demo_" + DATABASES.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        Flyway.configure().dataSource(server.getJdbcUrl("postgres", name), "postgres", null)
                .locations("classpath:db/source").load().migrate();
        return name;
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(server.getJdbcUrl("postgres", database));
    }

    /** md5 of every relation's rows in id order, printed in UTC so the session zone plays no part. */
    private static Map<String, String> fingerprints(String database) throws SQLException {
        Map<String, String> result = new LinkedHashMap<>();
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            for (String relation : DemoPostgres.SOURCE_RELATIONS) {
                try (ResultSet rs = s.executeQuery("SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM "
                        + relation + " t")) {
                    rs.next();
                    result.put(relation, rs.getString(1));
                }
            }
        }
        return result;
    }
}
