package kz.labour.reporting.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.YearMonth;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import kz.labour.reporting.form.FormId;
import kz.labour.reporting.support.TestPostgres;

/**
 * The transmission lease on a real PostgreSQL: one holder at a time, a holder that dies is replaced
 * once its lease expires, and the lease survives what ended the advisory lock it replaces: the
 * server ending the holder's sessions (idle_session_timeout, pg_terminate_backend).
 */
class LeasesIntegrationTest {

    static final YearMonth JUNE = YearMonth.of(2025, 6);

    HikariDataSource pool;
    PipelineDatabase database;
    Leases leases;

    @BeforeEach
    void database() {
        String url = TestPostgres.newDatabase("lease");
        pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("postgres");
        pool.setMinimumIdle(0);
        pool.setMaximumPoolSize(4);
        database = TestPostgres.pipeline(pool);
        leases = new Leases(database, 3, 50);
    }

    @AfterEach
    void close() {
        leases.destroy();
        pool.close();
    }

    @Test
    void secondRunWaitsForTheHolderAndIsToldWhoHoldsIt() {
        try (TransmissionLease first = leases.acquire(FormId.OZH, JUNE, Duration.ZERO, "alice@host")) {
            assertThatThrownBy(() -> leases.acquire(FormId.OZH, JUNE, Duration.ofMillis(300), "bob@host"))
                    .isInstanceOf(TransmissionBusyException.class)
                    .hasMessageContaining("2-OZh 2025-06 is being transmitted by alice@host");
            first.verify();
        }
    }

    @Test
    void otherFormsAndPeriodsAreNotBlocked() {
        try (TransmissionLease june = leases.acquire(FormId.OZH, JUNE, Duration.ZERO, "a");
             TransmissionLease meizhm = leases.acquire(FormId.MEIZHM, JUNE, Duration.ZERO, "a");
             TransmissionLease july = leases.acquire(FormId.OZH, JUNE.plusMonths(1), Duration.ZERO, "a")) {
            june.verify();
            meizhm.verify();
            july.verify();
        }
    }

    @Test
    void aReleasedLeaseIsTakenAtOnceWithAHigherToken() {
        TransmissionLease first = leases.acquire(FormId.OZH, JUNE, Duration.ZERO, "a");
        first.close();
        try (TransmissionLease second = leases.acquire(FormId.OZH, JUNE, Duration.ZERO, "b")) {
            assertThat(second.token()).isEqualTo(first.token() + 1);
            assertThatThrownBy(first::verify).isInstanceOf(LeaseLostException.class);
        }
    }

    @Test
    void aHolderThatStopsRenewingLosesTheLeaseToTheNextRunAndCanNoLongerSend() {
        // another instance that froze after taking the lease: it renews nothing and releases nothing
        Leases frozen = new Leases(database, 3, 50);
        TransmissionLease stalled = frozen.acquire(FormId.OZH, JUNE, Duration.ZERO, "stalled");
        frozen.destroy();
        try (TransmissionLease next = leases.acquire(FormId.OZH, JUNE, Duration.ofSeconds(10), "next")) {
            assertThat(next.token()).isGreaterThan(stalled.token());
            assertThatThrownBy(stalled::verify).isInstanceOf(LeaseLostException.class)
                    .hasMessageContaining("stopped before sending or recording anything more");
            next.verify();
        }
    }

    @Test
    void oneFailedRenewalNeverFailsTheChecksOfARunThatIsAlive() {
        JdbcTemplate admin = new JdbcTemplate(TestPostgres.dataSource(pool.getJdbcUrl()));
        try (TransmissionLease lease = leases.acquire(FormId.OZH, JUNE, Duration.ZERO, "alive")) {
            // the next renewal fails (as during a database restart), the ones after it succeed;
            // a sequence is not rolled back with the failed UPDATE, so it counts the attempts
            admin.execute("""
                    CREATE SEQUENCE renewal_attempt;
                    CREATE FUNCTION refuse_first_renewal() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF nextval('renewal_attempt') = 1 THEN
                            RAISE EXCEPTION 'renewal refused by the test';
                        END IF;
                        RETURN NEW;
                    END $$;
                    CREATE TRIGGER refuse_first_renewal BEFORE UPDATE ON transmission_lease
                        FOR EACH ROW EXECUTE FUNCTION refuse_first_renewal();
                    """);
            // checks all through the failed renewal and the one after it (ttl 3 s: one every 0.5 s)
            long until = System.nanoTime() + Duration.ofMillis(2200).toNanos();
            while (System.nanoTime() - until < 0) {
                lease.verify();
            }
            assertThat(admin.queryForObject("SELECT last_value FROM renewal_attempt", Long.class))
                    .as("renewals tried, the first refused").isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void theLeaseOutlivesTheServerEndingItsSessions() {
        JdbcTemplate admin = new JdbcTemplate(TestPostgres.dataSource(pool.getJdbcUrl()));
        String name = admin.queryForObject("SELECT current_database()", String.class);
        admin.execute("ALTER DATABASE " + name + " SET idle_session_timeout = '500ms'");
        try (TransmissionLease held = leases.acquire(FormId.OZH, JUNE, Duration.ZERO, "holder")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(7).toNanos();
            // longer than two times to live, with every other session of the database ended as well
            while (System.nanoTime() < deadline) {
                admin.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE datname = ? AND pid <> pg_backend_pid()", name);
                assertThatThrownBy(() -> leases.acquire(FormId.OZH, JUNE, Duration.ofMillis(200), "intruder"))
                        .isInstanceOf(TransmissionBusyException.class);
                Awaitility.await().pollDelay(Duration.ofMillis(400)).until(() -> true);
            }
            held.verify();
        }
    }

    @Test
    void aCheckInsideALedgerTransactionKeepsTheLeaseFromChangingHands() {
        try (TransmissionLease held = leases.acquire(FormId.OZH, JUNE, Duration.ZERO, "holder")) {
            held.verify(new JdbcTemplate(pool));
        }
    }
}
