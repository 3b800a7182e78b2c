package kz.labour.reporting.delivery;

import static kz.labour.reporting.support.DeliveryEnvironment.BUREAU;
import static kz.labour.reporting.support.DeliveryEnvironment.OPERATOR;
import static kz.labour.reporting.support.DeliveryEnvironment.transmit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.jcraft.jsch.JSchUnknownHostKeyException;

import kz.labour.reporting.demo.EmbeddedSftpServer;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.ledger.ChannelStatus;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.Status;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.ops.Cli;
import kz.labour.reporting.support.DeliveryEnvironment;
import kz.labour.reporting.support.DeliveryEnvironment.Run;
import kz.labour.reporting.support.PipelineTest;
import kz.labour.reporting.support.RedeliveryWatch;

/**
 * Faults on the way to the bureau, played with the real servers: outages that end during the retries
 * or outlast them, a connection cut mid-upload, a host key that is unknown or changed. Retries are
 * 10, 20, 40 ms here (three redeliveries). Each test uses its own month of 2-ӨЖ.
 */
@PipelineTest
@Import(RedeliveryWatch.Config.class)
class DeliveryOutageIntegrationTest {

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
    Ledger ledger;

    @Autowired
    CamelContext camel;

    @Autowired
    RedeliveryWatch redeliveries;

    @BeforeEach
    void serversUpAndNothingCounted() {
        env.reset();
        redeliveries.reset();
    }

    @Test
    void anSftpServerBackBeforeTheRetriesRunOutGetsTheVersion() {
        env.sftp.stop();
        redeliveries.beforeNextRetry(env.sftp::start);

        Run run = transmit(cli, "2025-06", "2-OZh");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(redeliveries.count()).isEqualTo(1);
        assertThat(env.remoteFiles()).filteredOn(name -> name.contains("_2025-06_")).containsExactly(
                "2-OZh_2025-06_V0001_N.json", "2-OZh_2025-06_V0001_N.manifest.json",
                "2-OZh_2025-06_V0001_N.validation.json", "2-OZh_2025-06_V0001_N.xlsx");
        assertThat(ledger.latest(FormId.OZH, YearMonth.parse("2025-06")).orElseThrow().status()).isEqualTo(Status.DELIVERED);
        assertThat(env.mailsTo(OPERATOR)).isEmpty();
    }

    @Test
    void anSftpServerDownForGoodFailsWithExitCode4AlertsOnceAndTheNextRunOnlyUploads() {
        env.sftp.stop();

        Run run = transmit(cli, "2025-05", "2-OZh");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        String unavailable = "SFTP server 127.0.0.1:" + env.sftp.port() + " unavailable (";
        assertThat(run.out()).contains("FAILED", "SFTP: " + unavailable);
        // three retries of the remote check, then nothing more: the mail channel was still tried and went
        assertThat(redeliveries.count()).isEqualTo(3);
        Transmission failed = ledger.latest(FormId.OZH, YearMonth.parse("2025-05")).orElseThrow();
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.sftpStatus()).isEqualTo(ChannelStatus.FAILED);
        assertThat(failed.sftpError()).startsWith(unavailable).contains("Connection refused");
        assertThat(failed.mailStatus()).isEqualTo(ChannelStatus.DONE);
        assertThat(env.mailsTo(BUREAU)).hasSize(1);
        assertThat(env.outbox.resolve("2025-05")).isDirectoryContaining("glob:**/2-OZh_2025-05_V0001_N.xlsx")
                .isDirectoryContaining("glob:**/2-OZh_2025-05_V0001_N.manifest.json");
        assertThat(env.mailsTo(OPERATOR)).singleElement().satisfies(alert -> {
            MailMessages m = MailMessages.read(alert);
            assertThat(m.subject()).isEqualTo("labour-reporting: 2-OZh 2025-05 V0001 not delivered");
            assertThat(m.text()).contains("SFTP:   FAILED: " + unavailable, "E-mail: done",
                    "transmit --period 2025-05 --form 2-OZh", env.outbox.resolve("2025-05").toString());
        });

        env.sftp.start();
        Run next = transmit(cli, "2025-05", "2-OZh");

        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(env.remoteFiles()).filteredOn(name -> name.contains("_2025-05_")).containsExactly(
                "2-OZh_2025-05_V0001_N.json", "2-OZh_2025-05_V0001_N.manifest.json",
                "2-OZh_2025-05_V0001_N.validation.json", "2-OZh_2025-05_V0001_N.xlsx");
        assertThat(env.mailsTo(BUREAU)).hasSize(1);
        assertThat(env.mailsTo(OPERATOR)).hasSize(1);
        Transmission delivered = ledger.latest(FormId.OZH, YearMonth.parse("2025-05")).orElseThrow();
        assertThat(delivered.status()).isEqualTo(Status.DELIVERED);
        assertThat(delivered.deliveries()).isEqualTo(1);
    }

    @Test
    void aMailRelayDownLeavesTheUploadDoneAndTheNextRunSendsOnlyTheMail() {
        env.mail.stop();

        Run run = transmit(cli, "2025-04", "2-OZh");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        Transmission failed = ledger.latest(FormId.OZH, YearMonth.parse("2025-04")).orElseThrow();
        assertThat(failed.sftpStatus()).isEqualTo(ChannelStatus.DONE);
        assertThat(failed.mailStatus()).isEqualTo(ChannelStatus.FAILED);
        assertThat(failed.mailError()).startsWith("mail relay 127.0.0.1:" + env.smtpPort + " unavailable (");
        List<String> uploads = env.sftp.completedUploads();
        assertThat(uploads).filteredOn(name -> name.contains("_2025-04_")).hasSize(4);

        env.mail.start();
        Run next = transmit(cli, "2025-04", "2-OZh");

        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(env.sftp.completedUploads()).isEqualTo(uploads);
        assertThat(env.mailsTo(BUREAU)).singleElement()
                .satisfies(m -> assertThat(m.getSubject()).isEqualTo("2-ӨЖ · 2025 жылғы сәуір / апрель 2025 года · V0001"));
        assertThat(ledger.latest(FormId.OZH, YearMonth.parse("2025-04")).orElseThrow().status()).isEqualTo(Status.DELIVERED);
    }

    @Test
    void aConnectionCutMidUploadLeavesNoFileUnderItsFinalNameAndTheRetryFinishesIt() {
        env.sftp.cutConnectionDuringUploadOf("2-OZh_2025-03_V0001_N.json");
        AtomicReference<List<String>> atRetry = new AtomicReference<>();
        redeliveries.beforeNextRetry(() -> atRetry.set(env.remoteFiles()));

        Run run = transmit(cli, "2025-03", "2-OZh");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(atRetry.get()).filteredOn(name -> name.contains("_2025-03_"))
                .containsExactly("2-OZh_2025-03_V0001_N.json.part", "2-OZh_2025-03_V0001_N.xlsx");
        assertThat(env.remoteFiles()).filteredOn(name -> name.contains("_2025-03_")).containsExactly(
                "2-OZh_2025-03_V0001_N.json", "2-OZh_2025-03_V0001_N.manifest.json",
                "2-OZh_2025-03_V0001_N.validation.json", "2-OZh_2025-03_V0001_N.xlsx");
        assertThat(redeliveries.count()).isEqualTo(1);
    }

    @Test
    void anUploadCutOnEveryAttemptFailsAfterTheConfiguredRetriesAndNoMore() {
        String json = "2-OZh_2024-11_V0001_N.json";
        env.sftp.cutConnectionDuringUploadOf(json);
        cutAgainBeforeEachRetry(json);

        Run run = transmit(cli, "2024-11", "2-OZh");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        // the upload step is retried three times; the split and the routes around it add none
        assertThat(redeliveries.count()).isEqualTo(3);
        assertThat(env.remoteFiles()).filteredOn(name -> name.contains("_2024-11_"))
                .containsExactly("2-OZh_2024-11_V0001_N.json.part", "2-OZh_2024-11_V0001_N.xlsx");
        assertThat(ledger.latest(FormId.OZH, YearMonth.parse("2024-11")).orElseThrow().sftpError())
                .startsWith("SFTP server 127.0.0.1:" + env.sftp.port() + " unavailable (");
    }

    private void cutAgainBeforeEachRetry(String fileNamePart) {
        redeliveries.beforeNextRetry(() -> {
            env.sftp.cutConnectionDuringUploadOf(fileNamePart);
            cutAgainBeforeEachRetry(fileNamePart);
        });
    }

    @Test
    void anUnknownHostKeyIsRefusedAtOnceSayingHowToAddIt() throws Exception {
        Files.writeString(env.knownHosts, "");

        Run run = transmit(cli, "2025-02", "2-OZh");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(redeliveries.count()).isZero();
        int port = env.sftp.port();
        assertThat(ledger.latest(FormId.OZH, YearMonth.parse("2025-02")).orElseThrow().sftpError()).isEqualTo("host key of 127.0.0.1:" + port
                + " is not in " + env.knownHosts + ": add it with ssh-keyscan -p " + port
                + " 127.0.0.1 after checking its fingerprint with the bureau");
        assertThat(env.remoteFiles()).noneMatch(name -> name.contains("_2025-02_"));
        assertThat(env.mailsTo(OPERATOR)).hasSize(1);
    }

    @Test
    void aChangedHostKeyIsRefusedAtOnce() throws Exception {
        EmbeddedSftpServer impostor = new EmbeddedSftpServer(env.dir.resolve("impostor"));
        impostor.start().stop();
        String otherKey = impostor.knownHostsLine().substring(impostor.knownHostsLine().indexOf(' ') + 1);
        Files.writeString(env.knownHosts, "[127.0.0.1]:" + env.sftp.port() + " " + otherKey + "\n");

        Run run = transmit(cli, "2025-01", "2-OZh");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(redeliveries.count()).isZero();
        assertThat(ledger.latest(FormId.OZH, YearMonth.parse("2025-01")).orElseThrow().sftpError())
                .startsWith("host key of 127.0.0.1:" + env.sftp.port() + " differs from the one in " + env.knownHosts);
        assertThat(env.remoteFiles()).noneMatch(name -> name.contains("_2025-01_"));
    }

    @Test
    void theUploadEndpointItselfRefusesAnUnknownHostKey() throws Exception {
        Files.writeString(env.knownHosts, "");
        Endpoint upload = camel.getEndpoints().stream().filter(e -> e.getEndpointUri().startsWith("sftp:")).findFirst()
                .orElseThrow();
        ProducerTemplate producer = camel.createProducerTemplate();

        Exchange sent = producer.send(upload, exchange -> {
            exchange.getIn().setHeader(Exchange.FILE_NAME, "probe.txt");
            exchange.getIn().setBody("probe");
        });

        assertThat(sent.getException()).hasRootCauseInstanceOf(JSchUnknownHostKeyException.class);
        assertThat(env.remoteFiles()).doesNotContain("probe.txt", "probe.txt.part");
    }
}
