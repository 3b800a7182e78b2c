package kz.labour.reporting.delivery;

import static kz.labour.reporting.support.DeliveryEnvironment.transmit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.YearMonth;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import kz.labour.reporting.form.FormId;
import kz.labour.reporting.ledger.ChannelStatus;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ops.Cli;
import kz.labour.reporting.support.DeliveryEnvironment;
import kz.labour.reporting.support.DeliveryEnvironment.Run;
import kz.labour.reporting.support.PipelineTest;

/**
 * A version's SFTP delivery logs in once: the look at the bureau's directory, the four uploads and
 * their renames share one SSH session, which is closed when the upload ends and when it fails half
 * way. Counted by the embedded SFTP server itself; each test uses its own month.
 */
@PipelineTest
@DirtiesContext
class SftpSessionPerVersionIntegrationTest {

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

    @BeforeEach
    void serversUpAndMailboxesEmpty() {
        env.reset();
    }

    @Test
    void eachFormsVersionIsCheckedUploadedAndRenamedInOneSshSessionThatIsClosedAfterwards() {
        int before = env.sftp.sessionsOpened();

        Run ozh = transmit(cli, "2025-04", "2-OZh");
        int afterOzh = env.sftp.sessionsOpened();
        Run meizhm = transmit(cli, "2025-04", "1-MEIZhM");

        assertThat(ozh.exitCode()).as(ozh.toString()).isZero();
        assertThat(meizhm.exitCode()).as(meizhm.toString()).isZero();
        assertThat(env.sftp.completedUploads()).filteredOn(n -> n.contains("_2025-04_")).hasSize(10);
        assertThat(afterOzh - before).as("SSH sessions for 2-OZh's five files").isEqualTo(1);
        assertThat(env.sftp.sessionsOpened() - afterOzh).as("SSH sessions for 1-MEIZhM's five files").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(env.sftp.sessionsOpen()).isZero());
    }

    @Test
    void anUploadThatFailsHalfWayClosesTheSessionAndLeavesTheRestUnsent() throws Exception {
        // the second file cannot be written: a directory stands where its temporary name goes
        Files.createDirectories(env.remoteDir().resolve("2-OZh_2025-03_V0001_N.json.part"));
        int before = env.sftp.sessionsOpened();

        Run run = transmit(cli, "2025-03", "2-OZh");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(ledger.latest(FormId.OZH, YearMonth.parse("2025-03")).orElseThrow().sftpStatus())
                .isEqualTo(ChannelStatus.FAILED);
        assertThat(env.sftp.completedUploads()).filteredOn(n -> n.contains("_2025-03_"))
                .containsExactly("2-OZh_2025-03_V0001_N.xlsx");
        assertThat(env.sftp.sessionsOpened() - before).as("SSH sessions").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(env.sftp.sessionsOpen()).isZero());
    }
}
