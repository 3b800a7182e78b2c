package kz.labour.reporting.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import kz.labour.reporting.ledger.Origin;
import kz.labour.reporting.support.CamelStubs;
import kz.labour.reporting.support.Instance;
import kz.labour.reporting.support.TestPostgres;
import kz.labour.reporting.transmission.Job;
import kz.labour.reporting.transmission.Mode;
import kz.labour.reporting.transmission.Outcome;
import kz.labour.reporting.transmission.TransmissionService;
import kz.labour.reporting.transmission.TransmitRequest;

/**
 * Two instances on one pipeline database: an operator's rerun on one waits for the scheduled run of
 * the same form and period on the other (the ledger's lock), then sees its result instead of
 * sending the form a second time.
 */
class ConcurrentRunsIntegrationTest {

    static final String SOURCE = TestPostgres.newSource("/fixtures/june-2025.sql");

    @TempDir
    Path outbox;

    final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void rerunOnOneInstanceWaitsForTheScheduledRunOnTheOtherAndSendsNothingMore() throws Exception {
        String pipeline = TestPostgres.newDatabase("pipeline");
        CountDownLatch scheduledRunSending = new CountDownLatch(1);
        CountDownLatch letItFinish = new CountDownLatch(1);
        CamelStubs heldOnA = new CamelStubs().stub("direct:deliver-sftp", exchange -> {
            scheduledRunSending.countDown();
            assertThat(letItFinish.await(2, TimeUnit.MINUTES)).isTrue();
                    }).stub("direct:deliver-mail", CamelStubs.SUCCEED);
        Map<String, String> settings = Map.of("reporting.schedule.catch-up-at-startup", "false");
        JdbcTemplate db = new JdbcTemplate(TestPostgres.dataSource(pipeline));

        try (Instance a = Instance.start(SOURCE, pipeline, outbox.toString(), settings, heldOnA);
             Instance b = Instance.start(SOURCE, pipeline, outbox.toString(), settings, new CamelStubs().channelsSucceed())) {
            // after both have started: a starting application sets its logging up anew
            kz.labour.reporting.support.LeaseLog leaseLog = kz.labour.reporting.support.LeaseLog.attach();
            Future<List<Job>> scheduled = transmit(a, new TransmitRequest("2025-06", "2-OZh", null, Mode.PLAIN,
                    Origin.SCHEDULE, "schedule:monthly-trigger@a"));
            assertThat(scheduledRunSending.await(1, TimeUnit.MINUTES)).isTrue();

            Future<List<Job>> rerun = transmit(b, new TransmitRequest("2025-06", "2-OZh", null, Mode.PLAIN,
                    Origin.JMX, "jmx:operator"));
            // the rerun waits for the lease the scheduled run holds
            await().atMost(Duration.ofMinutes(1)).until(leaseLog::someoneWaits);
            assertThat(rerun.isDone()).isFalse();

            letItFinish.countDown();
            assertThat(scheduled.get(1, TimeUnit.MINUTES)).singleElement().extracting(Job::outcome).isEqualTo(Outcome.DELIVERED);
            assertThat(rerun.get(1, TimeUnit.MINUTES)).singleElement().satisfies(job -> {
                assertThat(job.outcome()).isEqualTo(Outcome.ALREADY_DELIVERED);
                assertThat(job.version()).hasToString("V0001");
            });
        }
        assertThat(db.queryForMap("SELECT count(*) AS versions, max(deliveries) AS deliveries, max(trigger) AS trigger "
                + "FROM transmission WHERE form = '2-OZh' AND period = '2025-06'"))
                .containsEntry("versions", 1L).containsEntry("deliveries", 1).containsEntry("trigger", "SCHEDULE");
    }

    @SuppressWarnings("unchecked")
    Future<List<Job>> transmit(Instance instance, TransmitRequest request) {
        return threads.submit(() -> instance.bean(TransmissionService.class).transmit(request).jobs());
    }
}
