package kz.labour.reporting.delivery;

import static kz.labour.reporting.support.DeliveryEnvironment.BUREAU;
import static kz.labour.reporting.support.DeliveryEnvironment.transmit;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import kz.labour.reporting.form.FormId;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.Status;
import kz.labour.reporting.ops.Cli;
import kz.labour.reporting.support.DeliveryEnvironment;
import kz.labour.reporting.support.DeliveryEnvironment.Run;
import kz.labour.reporting.support.PipelineTest;
import kz.labour.reporting.support.TestPostgres;

/**
 * Two instances of the application, as two JVMs would run against one pipeline database, asked to
 * transmit the same form and period at the same moment: the lease lets one deliver and the
 * other find it delivered.
 */
@PipelineTest
class ConcurrentTransmitIntegrationTest {

    /** The servers and databases of this class, stopped after its last test. */
    @RegisterExtension
    static final DeliveryEnvironment env = new DeliveryEnvironment();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        env.register(registry);
    }

    @Autowired
    Cli cli;

    @Autowired
    CamelContext camel;

    @Autowired
    Ledger ledger;

    static final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> LEASE_LOG =
            new ch.qos.logback.core.read.ListAppender<>();

    @Test
    void twoInstancesTransmittingTheSameFormAndPeriodAtOnceDeliverItOnce() throws Exception {
        ch.qos.logback.classic.Logger leases = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                kz.labour.reporting.ledger.Leases.class);
        leases.setLevel(ch.qos.logback.classic.Level.INFO);
        LEASE_LOG.start();
        leases.addAppender(LEASE_LOG);
        try (ConfigurableApplicationContext other = env.secondInstance()) {
            Cli otherCli = other.getBean(Cli.class);
            // Whichever instance gets the lease first: if it is this one, it holds the lease inside its
            // delivery until the other instance is seen waiting for it, so the two really overlap.
            AdviceWith.adviceWith(camel, "deliver", route -> route.weaveAddFirst().process(exchange -> awaitAWaiter()));

            CompletableFuture<Run> here = CompletableFuture.supplyAsync(() -> transmit(cli, "2025-06", "2-OZh"));
            CompletableFuture<Run> there = CompletableFuture.supplyAsync(() -> transmit(otherCli, "2025-06", "2-OZh"));
            List<Run> runs = List.of(here.get(), there.get());

            assertThat(runs).allSatisfy(run -> assertThat(run.exitCode()).as(run.toString()).isZero());
            assertThat(runs).filteredOn(run -> run.out().contains("V0001 N DELIVERED")).hasSize(1);
            assertThat(runs).filteredOn(run -> run.out().contains("ALREADY_DELIVERED")).hasSize(1);
        }
        assertThat(env.sftp.completedUploads()).containsExactly(
                "2-OZh_2025-06_V0001_N.xlsx", "2-OZh_2025-06_V0001_N.json", "2-OZh_2025-06_V0001_N.validation.json",
                "2-OZh_2025-06_V0001_N.manifest.json");
        assertThat(env.mailsTo(BUREAU)).hasSize(1);
        assertThat(ledger.history(FormId.OZH, YearMonth.parse("2025-06"))).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo(Status.DELIVERED);
            assertThat(t.deliveries()).isEqualTo(1);
        });
    }

    /** Until the other run is seen waiting for the lease this one holds (Leases says so once, at INFO). */
    private static void awaitAWaiter() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> LEASE_LOG.list.stream().anyMatch(e -> e.getFormattedMessage().contains("waiting up to")));
    }
}
