package kz.labour.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.support.SilentServer;
import kz.labour.reporting.support.TestPostgres;

/**
 * A pool on a database that cannot be reached fails within its connect timeout with one line naming
 * the database, host and port, the cause and the settings; tried against a closed port, a server that
 * accepts and never answers, and a real PostgreSQL that refuses the database asked for.
 */
class DatabasePoolIntegrationTest {

    static final int TIMEOUT_SECONDS = 2;

    static DatabasePool pool(String url) {
        return new DatabasePool("source", "SOURCE_DB", url, "postgres", "", TIMEOUT_SECONDS);
    }

    record Attempt(Throwable fault, Duration took) {
    }

    static Attempt connect(DatabasePool pool) {
        long start = System.nanoTime();
        DatabaseUnavailableException fault = catchThrowableOfType(DatabaseUnavailableException.class, () -> {
            try (Connection c = pool.getConnection()) {
                c.isValid(1);
            }
        });
        assertThat((Throwable) fault).as("a DatabaseUnavailableException").isNotNull();
        return new Attempt(fault, Duration.ofNanos(System.nanoTime() - start));
    }

    @Test
    void theDriverReceivesEverySettingAsText() {
        // the driver reads its settings with Properties.getProperty, which sees String values only
        try (DatabasePool pool = pool("jdbc:postgresql://127.0.0.1:1/labour_source")) {
            pool.addDataSourceProperty("prepareThreshold", 0);
            assertThat(pool.getDataSourceProperties()).containsEntry("connectTimeout", String.valueOf(TIMEOUT_SECONDS))
                    .containsEntry("loginTimeout", String.valueOf(TIMEOUT_SECONDS)).containsEntry("tcpKeepAlive", "true")
                    .containsEntry("prepareThreshold", "0");
        }
    }

    @Test
    void aClosedPortFailsWithinTheTimeoutNamingHostPortAndCause() {
        int port = SilentServer.closedPort();
        try (DatabasePool pool = pool("jdbc:postgresql://127.0.0.1:" + port + "/labour_source")) {
            Attempt attempt = connect(pool);

            assertThat(attempt.fault()).hasMessage("source database 127.0.0.1:" + port
                    + ": connection refused; check SOURCE_DB_URL and that the server is up");
            assertThat(attempt.fault().getStackTrace()).as("an expected condition, told by its message").isEmpty();
            assertThat(attempt.took()).isLessThan(Duration.ofSeconds(TIMEOUT_SECONDS + 2 + 5));
        }
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersFailsWithinTheTimeout() {
        try (SilentServer silent = new SilentServer();
             DatabasePool pool = pool("jdbc:postgresql://127.0.0.1:" + silent.port() + "/labour_source")) {
            Attempt attempt = connect(pool);

            assertThat(silent.connections()).as("the server was reached").isPositive();
            assertThat(attempt.fault()).hasMessage("source database 127.0.0.1:" + silent.port() + ": no answer within "
                    + TIMEOUT_SECONDS + " s; check SOURCE_DB_URL and that the server is up");
            assertThat(attempt.took()).isGreaterThanOrEqualTo(Duration.ofSeconds(TIMEOUT_SECONDS))
                    .isLessThan(Duration.ofSeconds(TIMEOUT_SECONDS + 2 + 5));
        }
    }

    @Test
    void rightAfterAFailureTheNextRequestFailsAtOnceWithTheSameWords() {
        try (SilentServer silent = new SilentServer();
             DatabasePool pool = pool("jdbc:postgresql://127.0.0.1:" + silent.port() + "/labour_source")) {
            Attempt first = connect(pool);
            Attempt second = connect(pool);

            assertThat(second.fault()).hasMessage(first.fault().getMessage());
            assertThat(second.took()).as("no second wait for the next form").isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aServerThatRefusesTheDatabaseIsQuotedWithTheSettingsToCheck() {
        String url = TestPostgres.server().getJdbcUrl("postgres", "no_such_database");
        try (DatabasePool pool = pool(url)) {
            Attempt attempt = connect(pool);

            assertThat(attempt.fault().getMessage()).startsWith("source database localhost:" + TestPostgres.server().getPort()
                    + ": the server refused: database \"no_such_database\" does not exist; check SOURCE_DB_URL, "
                    + "SOURCE_DB_USER and SOURCE_DB_PASSWORD");
        }
    }

    @Test
    void aReachableServerGivesConnections() throws SQLException {
        try (DatabasePool pool = pool(TestPostgres.newDatabase("pool")); Connection c = pool.getConnection()) {
            assertThat(c.isValid(2)).isTrue();
        }
    }

    @Test
    void theAddressIsTheFirstHostAndPortOfTheUrlAndNeverItsCredentials() {
        assertThat(DatabasePool.address("jdbc:postgresql://db.example.kz/labour")).isEqualTo("db.example.kz:5432");
        assertThat(DatabasePool.address("jdbc:postgresql://db1:5433,db2:5434/labour?targetServerType=primary"))
                .isEqualTo("db1:5433");
        assertThat(DatabasePool.address("jdbc:postgresql://[::1]:6543/labour")).isEqualTo("[::1]:6543");
        assertThat(DatabasePool.address("jdbc:postgresql://db:5432/labour?user=reader&password=hunter2"))
                .isEqualTo("db:5432");
        assertThat(DatabasePool.address("postgres://db/labour")).isEqualTo("(unreadable JDBC URL)");
    }
}
