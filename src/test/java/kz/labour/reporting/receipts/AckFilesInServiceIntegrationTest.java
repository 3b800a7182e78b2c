package kz.labour.reporting.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import kz.labour.reporting.LabourReportingApplication;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.support.DeliveryEnvironment;
import kz.labour.reporting.support.TestOrganisation;

/**
 * The service reads acknowledgement files from its start: started as the service is (no one-shot
 * override), with RECEIPTS_SFTP_DIRECTORY set, a file the bureau puts on the embedded SFTP server is
 * recorded and moved to done/ without anybody starting a route, whether the schedule runs or not. The
 * start-up log says where files are read, or that they are not; a one-shot command never reads them.
 */
@ExtendWith(OutputCaptureExtension.class)
class AckFilesInServiceIntegrationTest {

    @RegisterExtension
    static final DeliveryEnvironment env = new DeliveryEnvironment();
    static final Duration WAIT = Duration.ofSeconds(60);

    /** The service as {@code java -jar labour-reporting.jar} starts it, on the test's servers, with {@code extra}. */
    static ConfigurableApplicationContext service(Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>(env.properties());
        p.putAll(TestOrganisation.properties());
        p.put("source.datasource.username", "postgres");
        p.put("pipeline.datasource.username", "postgres");
        // contexts one after another in one JVM: no MBeans left behind to clash
        p.put("camel.main.jmx-enabled", false);
        p.put("spring.jmx.enabled", false);
        // the schedule may run, but its start-up catch-up would transmit: not this test's business
        p.put("reporting.schedule.catch-up-at-startup", false);
        p.putAll(extra);
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(LabourReportingApplication.class).web(WebApplicationType.NONE).run(args);
    }

    @ParameterizedTest(name = "schedule enabled: {0}")
    @ValueSource(booleans = {true, false})
    void aServiceReadsAnAcknowledgementFileWithoutAnyoneStartingTheRouteWhetherTheScheduleRunsOrNot(boolean schedule,
            CapturedOutput output) throws IOException {
        String directory = "acks-schedule-" + schedule;
        Path acks = Files.createDirectories(env.sftp.root().resolve(directory));
        YearMonth period = YearMonth.of(2022, schedule ? 1 : 2);
        try (ConfigurableApplicationContext service = service(Map.of("reporting.schedule.enabled", schedule,
                "receipts.sftp.directory", directory, "receipts.sftp.poll-delay", 200))) {
            assertThat(service.getBean(CamelContext.class).getRouteController().getRouteStatus("receipts-sftp"))
                    .isEqualTo(ServiceStatus.Started);
            assertThat(output).contains("acknowledgement files: reading " + env.sftp.host() + ":" + env.sftp.port() + "/"
                    + directory + " every 200 ms; recorded ones go to done/, ones set aside to failed/");

            Transmission delivered = TwoInstancesAckIntegrationTest.delivered(service.getBean(Ledger.class), period);
            String name = stem(period) + ".ack.json";
            TwoInstancesAckIntegrationTest.write(acks.resolve(name), ack(period));

            ReceiptBook book = service.getBean(ReceiptBook.class);
            await().atMost(WAIT).untilAsserted(() -> assertThat(book.bureauStatus(delivered)).isEqualTo(BureauStatus.ACCEPTED));
            await().atMost(WAIT).untilAsserted(() -> assertThat(acks.resolve("done").resolve(name)).exists());
            assertThat(acks.resolve(name)).doesNotExist();
        }
    }

    /**
     * Sessions on the server, counted there: the consumer's one, kept from look to look (two files
     * written one after the other are found by two looks at least, every 200 ms in between), and one
     * per file for the look for its signature. A session the server drops is replaced at the next look,
     * and none is left open when the service stops.
     */
    @Test
    void theConsumerKeepsOneSessionFromLookToLookAndReplacesOneTheServerDropped() throws IOException {
        String directory = "acks-one-session";
        Path acks = Files.createDirectories(env.sftp.root().resolve(directory));
        int openBefore = env.sftp.sessionsOpen();
        int before = env.sftp.sessionsOpened();
        try (ConfigurableApplicationContext service = service(Map.of("reporting.schedule.enabled", false,
                "receipts.sftp.directory", directory, "receipts.sftp.poll-delay", 200))) {
            ReceiptBook book = service.getBean(ReceiptBook.class);
            Ledger ledger = service.getBean(Ledger.class);
            for (YearMonth period : new YearMonth[] {YearMonth.of(2022, 3), YearMonth.of(2022, 4)}) {
                accepted(book, ledger, acks, period);
            }
            // the consumer's session and a look for each file's signature
            assertThat(env.sftp.sessionsOpened() - before).isEqualTo(1 + 2);

            env.sftp.stop();
            assertThat(env.sftp.sessionsOpen()).isEqualTo(0);
            env.sftp.start();
            accepted(book, ledger, acks, YearMonth.of(2022, 5));
            // a new session for the consumer, one more look for a signature
            assertThat(env.sftp.sessionsOpened() - before).isEqualTo(1 + 2 + 1 + 1);
            assertThat(env.sftp.sessionsOpen()).isEqualTo(1);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(env.sftp.sessionsOpen()).isEqualTo(openBefore));
    }

    /** Puts the bureau's ACCEPTED acknowledgement of a delivered version and waits for it to be recorded and moved. */
    private static void accepted(ReceiptBook book, Ledger ledger, Path acks, YearMonth period) throws IOException {
        Transmission delivered = TwoInstancesAckIntegrationTest.delivered(ledger, period);
        String name = stem(period) + ".ack.json";
        TwoInstancesAckIntegrationTest.write(acks.resolve(name), ack(period));
        await().atMost(WAIT).untilAsserted(() -> assertThat(book.bureauStatus(delivered)).isEqualTo(BureauStatus.ACCEPTED));
        await().atMost(WAIT).untilAsserted(() -> assertThat(acks.resolve("done").resolve(name)).exists());
    }

    @Test
    void withoutADirectoryTheRouteIsNotCreatedAndTheStartUpLogSaysFilesAreNotRead(CapturedOutput output) {
        try (ConfigurableApplicationContext service = service(Map.of("receipts.sftp.directory", ""))) {
            assertThat(service.getBean(CamelContext.class).getRoute("receipts-sftp")).isNull();
            assertThat(output).contains("acknowledgement files are not read: RECEIPTS_SFTP_DIRECTORY is not set")
                    .doesNotContain("acknowledgement files: reading");
        }
    }

    @Test
    void aOneShotCommandReadsNoAcknowledgementFilesWhateverIsConfiguredAndSaysNothingOfThem(CapturedOutput output) {
        // what LabourReportingApplication.oneShot puts above every other setting
        try (ConfigurableApplicationContext oneShot = service(Map.of("reporting.schedule.enabled", false, "receipts.read", false,
                "receipts.sftp.directory", "acks-one-shot"))) {
            assertThat(oneShot.getBean(CamelContext.class).getRoute("receipts-sftp")).isNull();
            assertThat(output).doesNotContain("acknowledgement files");
        }
    }

    static String stem(YearMonth period) {
        return "2-OZh_" + period + "_V0001_N";
    }

    static byte[] ack(YearMonth period) {
        return """
                {"file": "%s", "manifestSha256": "%s", "status": "ACCEPTED", "receiptId": "NSB-%s",
                 "receivedAt": "2025-07-01T09:12:44+05:00", "messages": []}
                """.formatted(stem(period), "c".repeat(64), period).getBytes(StandardCharsets.UTF_8);
    }
}
