package kz.labour.reporting.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
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
 * Stopping the service in the middle of a delivery: the SFTP channel is a stub that holds the
 * delivery until the test lets it go, so the stop happens at a known point. Either the delivery
 * finishes within Camel's graceful shutdown, or it is cut off and the ledger shows DELIVERING for
 * the next plain run to finish. Whichever: no trigger fires while the service stops.
 */
class ShutdownIntegrationTest {

    static final String SOURCE = TestPostgres.newSource("/fixtures/june-2025.sql");
    static final TransmitRequest JUNE_OZH = new TransmitRequest("2025-06", "2-OZh", null, Mode.PLAIN, Origin.CLI, "test");

    @TempDir
    Path outbox;

    final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** Holds each SFTP delivery until released; records that one began. */
    static final class HeldSftp {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        CamelStubs stubs() {
            return new CamelStubs().stub("direct:deliver-sftp", exchange -> {
                entered.countDown();
                if (!release.await(2, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("the test never released the delivery");
                }
                            }).stub("direct:deliver-mail", CamelStubs.SUCCEED);
        }
    }

    /** Notes when Camel begins to stop, and whether the Quartz scheduler was already in standby then. */
    static final class StopWatcher implements CamelContextConfiguration {
        final CountDownLatch camelStopping = new CountDownLatch(1);
        final AtomicReference<Boolean> schedulerInStandby = new AtomicReference<>();

        @Override
        public void beforeApplicationStart(CamelContext camel) {
            camel.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
                @Override
                public void notify(CamelEvent event) throws Exception {
                    if (event.getType() == CamelEvent.Type.CamelContextStopping) {
                        Scheduler scheduler = camel.getRegistry().findSingleByType(Scheduler.class);
                        schedulerInStandby.set(scheduler.isInStandbyMode());
                        camelStopping.countDown();
                    }
                }
            });
        }

        @Override
        public void afterApplicationStart(CamelContext camel) {
        }
    }

    Map<String, Object> row(String pipeline) {
        return new JdbcTemplate(TestPostgres.dataSource(pipeline)).queryForMap(
                "SELECT version, status, sftp_status, mail_status, deliveries FROM transmission WHERE form = '2-OZh' AND period = '2025-06'");
    }

    @SuppressWarnings("unchecked")
    Future<List<Job>> transmitInBackground(Instance instance) {
        return threads.submit(() -> instance.bean(TransmissionService.class).transmit(JUNE_OZH).jobs());
    }

    @Test
    void deliveryInFlightWhenTheServiceStopsCompletesAndNoTriggerFiresMeanwhile() throws Exception {
        String pipeline = TestPostgres.newDatabase("pipeline");
        HeldSftp sftp = new HeldSftp();
        StopWatcher watcher = new StopWatcher();
        Instance service = Instance.start(SOURCE, pipeline, outbox.toString(),
                Map.of("reporting.schedule.catch-up-at-startup", "false"), sftp.stubs(), watcher);
        assertThat(service.bean(Scheduler.class).isStarted()).isTrue();

        Future<List<Job>> transmission = transmitInBackground(service);
        assertThat(sftp.entered.await(1, TimeUnit.MINUTES)).as("delivery began").isTrue();
        assertThat(row(pipeline)).containsEntry("status", "DELIVERING");

        Future<?> stopping = threads.submit(service::close);
        assertThat(watcher.camelStopping.await(1, TimeUnit.MINUTES)).as("Camel began to stop").isTrue();
        assertThat(watcher.schedulerInStandby.get()).as("Quartz in standby before Camel stops").isTrue();
        sftp.release.countDown(); // the SFTP upload finishes while Camel waits for it
        stopping.get(2, TimeUnit.MINUTES);

        List<Job> jobs = transmission.get(1, TimeUnit.MINUTES);
        assertThat(jobs).singleElement().extracting(Job::outcome).isEqualTo(Outcome.DELIVERED);
        assertThat(row(pipeline)).containsEntry("version", 1).containsEntry("status", "DELIVERED")
                .containsEntry("sftp_status", "DONE").containsEntry("mail_status", "DONE").containsEntry("deliveries", 1);
    }

    @Test
    void deliveryCutOffByTheStopTimeoutIsLeftDeliveringAndTheNextPlainRunFinishesTheSameVersion() throws Exception {
        String pipeline = TestPostgres.newDatabase("pipeline");
        HeldSftp sftp = new HeldSftp();
        StopWatcher watcher = new StopWatcher();
        Instance first = Instance.start(SOURCE, pipeline, outbox.toString(), Map.of(
                "reporting.schedule.catch-up-at-startup", "false",
                "camel.main.shutdown-timeout", "2",
                // the lease of the abandoned run expires by itself; short here so the next run need not wait long
                "reporting.lease.ttl-seconds", "3"), sftp.stubs(), watcher);

        Future<List<Job>> transmission = transmitInBackground(first);
        assertThat(sftp.entered.await(1, TimeUnit.MINUTES)).as("delivery began").isTrue();
        first.close(); // Camel waits 2 s for the held delivery, then gives up on it
        assertThat(watcher.schedulerInStandby.get()).as("Quartz in standby before Camel stops").isTrue();

        assertThat(row(pipeline)).as("left for the next run").containsEntry("version", 1).containsEntry("status", "DELIVERING")
                .containsEntry("sftp_status", "PENDING").containsEntry("mail_status", "PENDING");
        sftp.release.countDown(); // the abandoned thread runs on into a closed pool: it can record nothing
        try {
            transmission.get(1, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException expected) {
            // the abandoned run may end either way; what counts is the ledger
        }
        assertThat(row(pipeline)).containsEntry("status", "DELIVERING");

        try (Instance next = Instance.start(SOURCE, pipeline, outbox.toString(), Map.of(
                "reporting.schedule.catch-up-at-startup", "false", "reporting.lock-wait-seconds", "60"),
                new CamelStubs().channelsSucceed())) {
            @SuppressWarnings("unchecked")
            List<Job> jobs = next.bean(TransmissionService.class).transmit(JUNE_OZH).jobs();
            assertThat(jobs).singleElement().satisfies(job -> {
                assertThat(job.outcome()).as(job.message()).isEqualTo(Outcome.DELIVERED);
                assertThat(job.version()).hasToString("V0001");
                assertThat(job.message()).isEqualTo("delivered as 2-OZh_2025-06_V0001_N.xlsx, 2-OZh_2025-06_V0001_N.json, "
                        + "2-OZh_2025-06_V0001_N.validation.json, 2-OZh_2025-06_V0001_N.validation.html, "
                        + "2-OZh_2025-06_V0001_N.manifest.json");
            });
        }
        assertThat(row(pipeline)).containsEntry("version", 1).containsEntry("status", "DELIVERED").containsEntry("deliveries", 1);
        assertThat(new JdbcTemplate(TestPostgres.dataSource(pipeline)).queryForObject(
                "SELECT count(*) FROM transmission WHERE form = '2-OZh' AND period = '2025-06'", Integer.class))
                .as("no second version").isEqualTo(1);
    }
}
