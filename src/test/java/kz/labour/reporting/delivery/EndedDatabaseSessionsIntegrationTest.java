package kz.labour.reporting.delivery;

import static kz.labour.reporting.support.DeliveryEnvironment.BUREAU;
import static kz.labour.reporting.support.DeliveryEnvironment.BUREAU_ARCHIVE;
import static kz.labour.reporting.support.DeliveryEnvironment.OPERATOR;
import static kz.labour.reporting.support.DeliveryEnvironment.transmit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import kz.labour.reporting.ops.Cli;
import kz.labour.reporting.support.DeliveryEnvironment;
import kz.labour.reporting.support.DeliveryEnvironment.Run;
import kz.labour.reporting.support.Instance;
import kz.labour.reporting.support.LeaseLog;
import kz.labour.reporting.support.TestPostgres;

/**
 * Issue 14, item 1, played end to end: the pipeline database ends idle sessions after a second and
 * the test ends every session of it twice while an SFTP upload hangs on a slow line, longer than
 * two times the lease's time to live; meanwhile a second instance is asked to transmit the same form
 * and period. With the old session lock the second run took over and sent again. The lease (renewed
 * on whatever connection the pool has at that moment) keeps the second run waiting: the bureau gets
 * one copy of each file and one e-mail, and the ledger one delivery.
 */
class EndedDatabaseSessionsIntegrationTest {

    /** The servers and databases of this class, stopped after its last test. */
    @RegisterExtension
    static final DeliveryEnvironment env = new DeliveryEnvironment();
    static final int TTL_SECONDS = 3;
    static final String XLSX = "2-OZh_2025-06_V0001_N.xlsx";

    final ExecutorService threads = Executors.newFixedThreadPool(2);
    final JdbcTemplate admin = new JdbcTemplate(TestPostgres.dataSource(env.pipeline));

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aSecondTransmitWhileTheFirstsSessionsAreEndedMidUploadWaitsAndTheVersionIsDeliveredOnce() throws Exception {
        String database = admin.queryForObject("SELECT current_database()", String.class);
        admin.execute("ALTER DATABASE \"" + database + "\" SET idle_session_timeout = '1s'");
        CountDownLatch slowLineClears = new CountDownLatch(1);
        env.sftp.holdUploadOf(XLSX, slowLineClears, Duration.ofMinutes(2));

        try (Instance first = Instance.start(env.source, env.pipeline, env.outbox.toString(), settings());
             Instance second = Instance.start(env.source, env.pipeline, env.outbox.toString(), settings())) {
            // after both have started: a starting application sets its logging up anew
            LeaseLog leaseLog = LeaseLog.attach();
            Future<Run> delivering = threads.submit(() -> transmit(first.bean(Cli.class), "2025-06", "2-OZh"));
            await("the upload of the workbook has begun").atMost(Duration.ofMinutes(1))
                    .until(() -> Files.exists(env.remoteDir().resolve(XLSX + ".part")));
            long token = admin.queryForObject("SELECT token FROM transmission_lease WHERE form = '2-OZh' AND period = '2025-06'",
                    Long.class);

            endEverySession(database);
            // the lease is renewed after its holder's sessions were ended, on new ones
            OffsetDateTime expiry = leaseExpiry();
            await("the lease renewed on new sessions").atMost(Duration.ofSeconds(30)).until(() -> leaseExpiry().isAfter(expiry));
            Future<Run> rerun = threads.submit(() -> transmit(second.bean(Cli.class), "2025-06", "2-OZh"));
            await("the second run waiting for the lease").atMost(Duration.ofMinutes(1)).until(leaseLog::someoneWaits);
            endEverySession(database);
            // the upload still hangs while the lease is renewed seven times more: over two times to live
            // pass with the waiting run polling for it
            Set<OffsetDateTime> renewals = new HashSet<>();
            await("seven more renewals").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> {
                renewals.add(leaseExpiry());
                return renewals.size() > 2 * TTL_SECONDS + 1;
            });
            assertThat(rerun.isDone()).as("the second run still waits").isFalse();
            assertThat(Files.exists(env.remoteDir().resolve(XLSX + ".part"))).as("still uploading").isTrue();
            assertThat(admin.queryForObject("SELECT token FROM transmission_lease WHERE form = '2-OZh' AND period = '2025-06'",
                    Long.class)).as("the lease never changed hands").isEqualTo(token);

            slowLineClears.countDown();
            Run delivered = delivering.get(2, TimeUnit.MINUTES);
            Run waited = rerun.get(2, TimeUnit.MINUTES);

            assertThat(delivered.exitCode()).as(delivered.toString()).isZero();
            assertThat(delivered.out()).contains("V0001 N DELIVERED");
            assertThat(waited.exitCode()).as(waited.toString()).isZero();
            assertThat(waited.out()).contains("ALREADY_DELIVERED", "already delivered V0001");
        }
        assertThat(env.sftp.completedUploads()).containsExactly(XLSX, "2-OZh_2025-06_V0001_N.json",
                "2-OZh_2025-06_V0001_N.validation.json", "2-OZh_2025-06_V0001_N.manifest.json");
        assertThat(env.remoteFiles()).containsExactly("2-OZh_2025-06_V0001_N.json", "2-OZh_2025-06_V0001_N.manifest.json",
                "2-OZh_2025-06_V0001_N.validation.json", XLSX);
        assertThat(env.mailsTo(BUREAU)).singleElement()
                .satisfies(m -> assertThat(m.getSubject()).isEqualTo("2-ӨЖ · 2025 жылғы маусым / июнь 2025 года · V0001"));
        assertThat(env.mailsTo(BUREAU_ARCHIVE)).hasSize(1);
        assertThat(env.mailsTo(OPERATOR)).as("no alert: nothing failed").isEmpty();
        assertThat(admin.queryForMap("SELECT count(*) AS versions, max(status) AS status, max(deliveries) AS deliveries, "
                + "max(sftp_error) AS sftp_error FROM transmission WHERE form = '2-OZh' AND period = '2025-06'"))
                .containsEntry("versions", 1L).containsEntry("status", "DELIVERED").containsEntry("deliveries", 1)
                .containsEntry("sftp_error", null);
    }

    /** Both instances: this environment's servers, the schedule off, a short lease, a patient SFTP client. */
    static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        env.properties().forEach((name, value) -> settings.put(name, String.valueOf(value)));
        settings.put("reporting.schedule.enabled", "false");
        settings.put("reporting.lease.ttl-seconds", String.valueOf(TTL_SECONDS));
        settings.put("reporting.lease.poll-millis", "200");
        settings.put("delivery.sftp.read-timeout", "120000");
        return settings;
    }

    /** What pg_terminate_backend does to a lock's session, a pooler or a failover: every session of the database but ours ends. */
    void endEverySession(String database) {
        admin.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()",
                Boolean.class, database);
    }

    OffsetDateTime leaseExpiry() {
        return admin.queryForObject("SELECT expires_at FROM transmission_lease WHERE form = '2-OZh' AND period = '2025-06'",
                OffsetDateTime.class);
    }
}
