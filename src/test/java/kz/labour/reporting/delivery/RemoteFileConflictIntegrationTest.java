package kz.labour.reporting.delivery;

import static kz.labour.reporting.support.DeliveryEnvironment.BUREAU;
import static kz.labour.reporting.support.DeliveryEnvironment.BUREAU_ARCHIVE;
import static kz.labour.reporting.support.DeliveryEnvironment.DIRECTORY;
import static kz.labour.reporting.support.DeliveryEnvironment.OPERATOR;
import static kz.labour.reporting.support.DeliveryEnvironment.transmit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Sha256;
import kz.labour.reporting.ledger.ChannelStatus;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.Status;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.ops.Cli;
import kz.labour.reporting.support.DeliveryEnvironment;
import kz.labour.reporting.support.DeliveryEnvironment.Run;
import kz.labour.reporting.support.PipelineTest;

/**
 * A file already on the bureau's SFTP server under a name of the version being delivered, with other
 * content: the bureau would hold two different versions of one number if anything more were sent.
 * The version stops on every channel (no upload, no e-mail), is recorded FAILED with the conflict,
 * the operators get one alert, and it stays so until the file is dealt with (operators' guide,
 * section 6). Real SFTP server and mail relay; each test uses its own month of 2-ӨЖ.
 */
@PipelineTest
// a context of its own (its own servers): stopped after the class, not left for the JVM's exit
@DirtiesContext
class RemoteFileConflictIntegrationTest {

    /** The servers and databases of this class, stopped after its last test. */
    @RegisterExtension
    static final DeliveryEnvironment env = new DeliveryEnvironment();
    static final byte[] THEIRS = "not the workbook this run built\n".getBytes(StandardCharsets.UTF_8);

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
    void aFileOfTheVersionOnTheServerWithOtherContentStopsItOnEveryChannelWithOneAlert() throws Exception {
        String xlsx = "2-OZh_2025-06_V0001_N.xlsx";
        Path theirs = Files.write(env.remoteDir().resolve(xlsx), THEIRS);

        Run run = transmit(cli, "2025-06", "2-OZh");

        String conflict = DIRECTORY + "/" + xlsx + " is already on " + env.sftp.host() + ":" + env.sftp.port()
                + " with other content (SHA-256 " + Sha256.hex(THEIRS) + ", ours " + Sha256.hex(stored("2025-06", xlsx))
                + "); it was not overwritten: ask the bureau which file they hold before removing theirs";
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(run.out()).contains("V0001 N FAILED", "SFTP: " + conflict);
        Transmission failed = ledger.latest(FormId.OZH, YearMonth.parse("2025-06")).orElseThrow();
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.sftpStatus()).isEqualTo(ChannelStatus.FAILED);
        assertThat(failed.sftpError()).isEqualTo(conflict);
        // the e-mail was not tried: it is not a failure of the relay, it was held back
        assertThat(failed.mailStatus()).isEqualTo(ChannelStatus.PENDING);
        assertThat(failed.mailError()).isNull();
        assertThat(failed.deliveries()).isZero();
        assertThat(env.mailsTo(BUREAU)).isEmpty();
        assertThat(env.mailsTo(BUREAU_ARCHIVE)).isEmpty();
        // nothing uploaded, theirs untouched
        assertThat(env.sftp.completedUploads()).noneMatch(name -> name.contains("_2025-06_"));
        assertThat(env.remoteFiles()).filteredOn(name -> name.contains("_2025-06_")).containsExactly(xlsx);
        assertThat(Files.readAllBytes(theirs)).isEqualTo(THEIRS);
        assertThat(env.mailsTo(OPERATOR)).singleElement().satisfies(alert -> {
            MailMessages m = MailMessages.read(alert);
            assertThat(m.subject()).isEqualTo("labour-reporting: 2-OZh 2025-06 V0001 not delivered");
            assertThat(m.text()).contains("SFTP:   FAILED: " + conflict, "E-mail: PENDING: held back, not sent");
        });

        Run again = transmit(cli, "2025-06", "2-OZh");

        assertThat(again.exitCode()).as(again.toString()).isEqualTo(4);
        assertThat(again.out()).contains("V0001 N FAILED", "SFTP: " + conflict);
        assertThat(env.mailsTo(BUREAU)).as("still no e-mail while the other file is there").isEmpty();
        assertThat(env.sftp.completedUploads()).noneMatch(name -> name.contains("_2025-06_"));
        assertThat(Files.readAllBytes(theirs)).isEqualTo(THEIRS);
        assertThat(ledger.history(FormId.OZH, YearMonth.parse("2025-06"))).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo(Status.FAILED);
            assertThat(t.mailStatus()).isEqualTo(ChannelStatus.PENDING);
            assertThat(t.deliveries()).isZero();
        });
        assertThat(env.mailsTo(OPERATOR)).as("one alert per failed run").hasSize(2);
    }

    @Test
    void onceTheConflictingFileIsRemovedAPlainTransmitDeliversTheVersionOnBothChannels() throws Exception {
        // the second file of the version conflicts: the first is not uploaded either
        String json = "2-OZh_2025-05_V0001_N.json";
        Path theirs = Files.write(env.remoteDir().resolve(json), THEIRS);
        Run stopped = transmit(cli, "2025-05", "2-OZh");
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(4);
        assertThat(env.remoteFiles()).filteredOn(name -> name.contains("_2025-05_")).containsExactly(json);
        assertThat(env.mailsTo(BUREAU)).isEmpty();

        // the operator has asked the bureau: the file is not theirs, and is removed
        Files.delete(theirs);
        Run finished = transmit(cli, "2025-05", "2-OZh");

        assertThat(finished.exitCode()).as(finished.toString()).isZero();
        assertThat(finished.out()).contains("V0001 N DELIVERED");
        assertThat(env.remoteFiles()).filteredOn(name -> name.contains("_2025-05_")).containsExactly(
                "2-OZh_2025-05_V0001_N.json", "2-OZh_2025-05_V0001_N.manifest.json", "2-OZh_2025-05_V0001_N.validation.json",
                "2-OZh_2025-05_V0001_N.xlsx");
        assertThat(Files.readAllBytes(env.remoteDir().resolve(json))).isEqualTo(stored("2025-05", json));
        assertThat(env.mailsTo(BUREAU)).singleElement()
                .satisfies(m -> assertThat(m.getSubject()).isEqualTo("2-ӨЖ · 2025 жылғы мамыр / май 2025 года · V0001"));
        Transmission delivered = ledger.latest(FormId.OZH, YearMonth.parse("2025-05")).orElseThrow();
        assertThat(delivered.status()).isEqualTo(Status.DELIVERED);
        assertThat(delivered.sftpError()).isNull();
        assertThat(delivered.deliveries()).isEqualTo(1);
    }

    /** The version's file as the outbox keeps it. */
    private static byte[] stored(String period, String name) throws Exception {
        return Files.readAllBytes(env.outbox.resolve(period).resolve(name));
    }
}
