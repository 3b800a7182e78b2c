package kz.labour.reporting.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL laid out like a deployment: a source database {@value #SOURCE_DATABASE}
 * owned by {@value #SOURCE_ADMIN}, holding the twelve contract relations (Flyway,
 * {@code classpath:db/source}) and seeded demo data, readable by {@value #SOURCE_READER} with
 * SELECT on those relations and nothing else; and an empty pipeline database
 * {@value #PIPELINE_DATABASE} owned by {@value #PIPELINE_USER}. Every role gets a random password
 * (never logged, and set as a SCRAM verifier so it never reaches the server in clear text), and the
 * server admits password logins only. Free of Spring, so tests and the demo runner share it.
 *
 * <p>The cluster lives in a fresh directory that is deleted on {@link #close()}.
 */
final class DemoPostgres implements AutoCloseable {

    public static final String SOURCE_DATABASE = "labour_source";
    public static final String SOURCE_ADMIN = "labour_source_admin";
    public static final String SOURCE_READER = "labour_reader";
    public static final String PIPELINE_DATABASE = "labour_pipeline";
    public static final String PIPELINE_USER = "labour_pipeline";
    /** The schema holding the contract relations. */
    public static final String SOURCE_SCHEMA = "public";
    /** The reporting zone; the demo's default months end with the last month complete in it. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Almaty");
    /** The default seed: the date of Order No. 208. */
    public static final long DEFAULT_SEED = 20250708L;

    /** The relations the reader may SELECT: the source contract. */
    public static final List<String> SOURCE_RELATIONS = List.of(
            "inspection", "violation", "prescription", "fine", "suspension", "worker_removal",
            "accident_investigation", "law_enforcement_referral", "criminal_case", "prosecuted_person",
            "accident", "accident_victim");

    private static final Logger LOG = LoggerFactory.getLogger(DemoPostgres.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where and as whom to connect. The password is left out of {@link #toString()}. */
    public record Endpoint(String jdbcUrl, String user, String password) {

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, user, password);
        }

        /** A non-pooling data source; enough for tests and the demo's first steps. */
        public DataSource dataSource() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(jdbcUrl);
            ds.setUser(user);
            ds.setPassword(password);
            return ds;
        }

        @Override
        public String toString() {
            return "Endpoint[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=***]";
        }
    }

    /**
     * The connections the pipeline needs: {@code source} (the read-only {@value #SOURCE_READER}),
     * {@code sourceAdmin} (owner of the source, to change demo data) and {@code pipeline}.
     */
    public record Databases(Endpoint source, Endpoint sourceAdmin, Endpoint pipeline) {
    }

    /**
     * What to generate: {@code months} months from {@code firstMonth} (0 months: an empty source)
     * at {@code scale} with {@code seed}; {@code dataDirectory} is where the cluster goes (a new
     * temporary directory when null; it must not exist or be empty, and is deleted on close).
     */
    public record Settings(YearMonth firstMonth, int months, double scale, long seed, Path dataDirectory) {

        public Settings {
            if (months < 0 || (months > 0 && firstMonth == null)) {
                throw new IllegalArgumentException("months must be >= 0 with a first month, got " + months);
            }
            if (!(scale > 0)) {
                throw new IllegalArgumentException("scale must be > 0, got " + scale);
            }
        }

        /** Scale 1, {@link #DEFAULT_SEED}, and the months of {@link #defaultMonths(Clock)}. */
        public static Settings defaults() {
            return defaults(Clock.systemUTC());
        }

        public static Settings defaults(Clock clock) {
            YearMonth first = defaultFirstMonth(clock);
            return new Settings(first, defaultMonths(clock), 1.0, DEFAULT_SEED, null);
        }

        /**
         * From January of the year 23 months before the last complete month (in {@link #ZONE}) up to
         * that month: at least 24 months, and every year complete from January, so YEAR_TO_DATE
         * periods have their whole year.
         */
        public static int defaultMonths(Clock clock) {
            YearMonth last = lastCompleteMonth(clock);
            return (int) (defaultFirstMonth(clock).until(last, ChronoUnit.MONTHS) + 1);
        }

        public Settings withMonths(YearMonth first, int count) {
            return new Settings(first, count, scale, seed, dataDirectory);
        }

        public Settings withScale(double newScale) {
            return new Settings(firstMonth, months, newScale, seed, dataDirectory);
        }

        public Settings withSeed(long newSeed) {
            return new Settings(firstMonth, months, scale, newSeed, dataDirectory);
        }

        public Settings withDataDirectory(Path directory) {
            return new Settings(firstMonth, months, scale, seed, directory);
        }

        private static YearMonth lastCompleteMonth(Clock clock) {
            return YearMonth.now(clock.withZone(ZONE)).minusMonths(1);
        }

        private static YearMonth defaultFirstMonth(Clock clock) {
            return YearMonth.of(lastCompleteMonth(clock).minusMonths(23).getYear(), 1);
        }
    }

    private final EmbeddedPostgres server;
    private final Databases databases;
    private final DemoData.Result data;

    private DemoPostgres(EmbeddedPostgres server, Databases databases, DemoData.Result data) {
        this.server = server;
        this.databases = databases;
        this.data = data;
    }

    /** Starts with {@link Settings#defaults()}. */
    public static DemoPostgres start() {
        return start(Settings.defaults());
    }

    public static DemoPostgres start(Settings settings) {
        Path directory = dataDirectory(settings.dataDirectory());
        EmbeddedPostgres server;
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(true)
                    // A throwaway cluster: durability buys nothing, and bulk loads run faster without it.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_wal_size", "4GB")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + directory, e);
        }
        try {
            DemoPostgres demo = setUp(server, directory, settings);
            LOG.info("Demo PostgreSQL on port {}: source {} (reader {}, admin {}), pipeline {} (user {})",
                    server.getPort(), demo.databases.source().jdbcUrl(), SOURCE_READER, SOURCE_ADMIN,
                    demo.databases.pipeline().jdbcUrl(), PIPELINE_USER);
            return demo;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(server);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("demo database set-up failed", e);
        }
    }

    public Databases databases() {
        return databases;
    }

    /** The read-only source connection the pipeline uses. */
    public Endpoint source() {
        return databases.source();
    }

    public Endpoint sourceAdmin() {
        return databases.sourceAdmin();
    }

    public Endpoint pipeline() {
        return databases.pipeline();
    }

    public int port() {
        return server.getPort();
    }

    /** What was generated, or empty when the settings asked for no months. */
    public Optional<DemoData.Result> data() {
        return Optional.ofNullable(data);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DemoPostgres setUp(EmbeddedPostgres server, Path directory, Settings settings) throws SQLException {
        int port = server.getPort();
        String superPassword = newPassword();
        Endpoint admin = new Endpoint(url(port, SOURCE_DATABASE), SOURCE_ADMIN, newPassword());
        Endpoint reader = new Endpoint(url(port, SOURCE_DATABASE), SOURCE_READER, newPassword());
        Endpoint pipeline = new Endpoint(url(port, PIPELINE_DATABASE), PIPELINE_USER, newPassword());

        // The cluster starts with trust authentication for the superuser; set everything up as it,
        // then switch to passwords.
        try (Connection c = DriverManager.getConnection(url(port, "postgres"), "postgres", null);
             Statement s = c.createStatement()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            for (Endpoint e : List.of(admin, reader, pipeline)) {
                s.execute("CREATE ROLE " + e.user() + " LOGIN");
                pg.alterUserPassword(e.user(), e.password().toCharArray(), "scram-sha-256");
            }
            pg.alterUserPassword("postgres", superPassword.toCharArray(), "scram-sha-256");
            s.execute("CREATE DATABASE " + SOURCE_DATABASE + " OWNER " + SOURCE_ADMIN + " ENCODING 'UTF8'");
            s.execute("REVOKE ALL ON DATABASE " + SOURCE_DATABASE + " FROM PUBLIC");
            s.execute("GRANT CONNECT ON DATABASE " + SOURCE_DATABASE + " TO " + SOURCE_READER);
            s.execute("CREATE DATABASE " + PIPELINE_DATABASE + " OWNER " + PIPELINE_USER + " ENCODING 'UTF8'");
            s.execute("REVOKE ALL ON DATABASE " + PIPELINE_DATABASE + " FROM PUBLIC");
        }
        try (Connection c = DriverManager.getConnection(url(port, SOURCE_DATABASE), "postgres", null);
             Statement s = c.createStatement()) {
            // PostgreSQL 14 lets every role create objects in public; the reader must not write anywhere.
            s.execute("REVOKE CREATE ON SCHEMA " + SOURCE_SCHEMA + " FROM PUBLIC");
            s.execute("ALTER SCHEMA " + SOURCE_SCHEMA + " OWNER TO " + SOURCE_ADMIN);
        }

        Flyway.configure()
                .dataSource(admin.jdbcUrl(), admin.user(), admin.password())
                .locations("classpath:db/source")
                .schemas(SOURCE_SCHEMA)
                .load()
                .migrate();

        DemoData.Result data = null;
        if (settings.months() > 0) {
            data = DemoData.generate(admin.dataSource(), settings.firstMonth(), settings.months(),
                    settings.scale(), settings.seed());
        }
        try (Connection c = admin.connect(); Statement s = c.createStatement()) {
            s.execute("GRANT USAGE ON SCHEMA " + SOURCE_SCHEMA + " TO " + SOURCE_READER);
            for (String relation : SOURCE_RELATIONS) {
                s.execute("GRANT SELECT ON " + SOURCE_SCHEMA + "." + relation + " TO " + SOURCE_READER);
            }
        }

        requirePasswords(directory, port, superPassword);
        return new DemoPostgres(server, new Databases(reader, admin, pipeline), data);
    }

    /** Replaces the initial trust rules with password (SCRAM) logins for everyone, and reloads. */
    private static void requirePasswords(Path directory, int port, String superPassword) throws SQLException {
        String hba = """
                # Written by DemoPostgres: password logins only, local connections only.
                local all all scram-sha-256
                host  all all 127.0.0.1/32 scram-sha-256
                host  all all ::1/128 scram-sha-256
                """;
        try {
            Files.writeString(directory.resolve("pg_hba.conf"), hba, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection c = DriverManager.getConnection(url(port, "postgres"), "postgres", superPassword);
             Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        }
    }

    private static Path dataDirectory(Path requested) {
        try {
            if (requested == null) {
                return Files.createTempDirectory("labour-demo-pg-");
            }
            Files.createDirectories(requested);
            try (var entries = Files.list(requested)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("data directory " + requested + " is not empty");
                }
            }
            return requested;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String url(int port, String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void closeQuietly(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not stop the embedded PostgreSQL after a failed set-up", e);
        }
    }
}
