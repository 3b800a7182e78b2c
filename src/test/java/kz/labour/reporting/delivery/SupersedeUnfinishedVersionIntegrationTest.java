package kz.labour.reporting.delivery;

import static kz.labour.reporting.support.DeliveryEnvironment.BUREAU;
import static kz.labour.reporting.support.DeliveryEnvironment.run;
import static kz.labour.reporting.support.DeliveryEnvironment.transmit;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import kz.labour.reporting.form.FormId;
import kz.labour.reporting.ledger.ChannelStatus;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.Status;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.ops.Cli;
import kz.labour.reporting.support.DeliveryEnvironment;
import kz.labour.reporting.support.DeliveryEnvironment.Run;
import kz.labour.reporting.support.PipelineTest;
import kz.labour.reporting.support.TestPostgres;

/**
 * An unfinished version whose stored files are gone or changed cannot be finished, since its files
 * must go out exactly as recorded. A plain transmit says so and sends nothing; {@code --force}
 * supersedes it (kept in the ledger as FAILED, with when and why) and delivers the next version.
 * Each test uses its own month of 2-ӨЖ.
 */
@PipelineTest
class SupersedeUnfinishedVersionIntegrationTest {

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

    @BeforeEach
    void serversUp() {
        env.reset();
    }

    @Test
    void aLostFileStopsThePlainRunAndForceSupersedesTheVersionWithACorrection() throws IOException {
        YearMonth april = YearMonth.of(2025, 4);
        // V0001 reaches the bureau by e-mail only: the SFTP server is down
        env.sftp.stop();
        assertThat(transmit(cli, "2025-04", "2-OZh").exitCode()).isEqualTo(4);
        env.sftp.start();
        Path lost = env.outbox.resolve("2025-04").resolve("2-OZh_2025-04_V0001_N.xlsx");
        Files.delete(lost);

        Run plain = transmit(cli, "2025-04", "2-OZh");

        assertThat(plain.exitCode()).as(plain.toString()).isEqualTo(1);
        assertThat(plain.out() + plain.err()).contains("V0001 cannot be finished", lost.toString(), "missing",
                "transmit --period 2025-04 --form 2-OZh --force to supersede it with V0002");
        assertThat(env.remoteFiles()).noneMatch(name -> name.contains("_2025-04_"));
        assertThat(ledger.history(FormId.OZH, april)).singleElement().satisfies(v1 -> {
            assertThat(v1.status()).isEqualTo(Status.FAILED);
            assertThat(v1.superseded()).isFalse();
        });

        Run forced = transmit(cli, "2025-04", "2-OZh", "--force");

        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        List<Transmission> history = ledger.history(FormId.OZH, april);
        assertThat(history).hasSize(2);
        Transmission v1 = history.get(0);
        assertThat(v1.status()).isEqualTo(Status.FAILED);
        assertThat(v1.superseded()).isTrue();
        assertThat(v1.supersededReason()).startsWith("superseded by V0002 (--force): ").contains(lost.toString(), "missing");
        // the e-mail it did get to the bureau stays on record; only the channel it never reached is closed
        assertThat(v1.mailStatus()).isEqualTo(ChannelStatus.DONE);
        assertThat(v1.sftpStatus()).isEqualTo(ChannelStatus.FAILED);
        assertThat(v1.sftpError()).isEqualTo(v1.supersededReason());
        Transmission v2 = history.get(1);
        assertThat(v2.version().label()).isEqualTo("V0002");
        // the bureau holds V0001's e-mail, so the next version is a correction
        assertThat(v2.action()).isEqualTo('R');
        assertThat(v2.status()).isEqualTo(Status.DELIVERED);
        assertThat(env.remoteFiles()).filteredOn(name -> name.contains("_2025-04_")).allMatch(name -> name.contains("_V0002_R"))
                .contains("2-OZh_2025-04_V0002_R.xlsx", "2-OZh_2025-04_V0002_R.manifest.json");
        assertThat(env.mailsTo(BUREAU)).hasSize(2);
        assertThat(events(april)).containsSubsequence("FAILED", "SUPERSEDED", "BUILT", "DELIVERED");

        Run after = transmit(cli, "2025-04", "2-OZh");
        assertThat(after.exitCode()).isZero();
        assertThat(after.out()).contains("already delivered V0002");
        assertThat(run(cli, "status", "--period", "2025-04", "--form", "2-OZh").out())
                .contains("V0001 N FAILED", "SUPERSEDED", "superseded by V0002 (--force)", "V0002 R DELIVERED");
    }

    @Test
    void aChangedFileOfAVersionThatReachedNobodyIsSupersededByAFirstDelivery() throws IOException {
        YearMonth march = YearMonth.of(2025, 3);
        env.sftp.stop();
        env.mail.stop();
        assertThat(transmit(cli, "2025-03", "2-OZh").exitCode()).isEqualTo(4);
        env.reset();
        Path changed = env.outbox.resolve("2025-03").resolve("2-OZh_2025-03_V0001_N.json");
        Files.writeString(changed, Files.readString(changed).replace("\"2025-03\"", "\"2025-04\""));

        Run forced = transmit(cli, "2025-03", "2-OZh", "--force");

        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        List<Transmission> history = ledger.history(FormId.OZH, march);
        assertThat(history).extracting(t -> t.version().label() + " " + t.action() + " " + t.status())
                .containsExactly("V0001 N FAILED", "V0002 N DELIVERED");
        assertThat(history.get(0).supersededReason()).contains(changed.toString(), "SHA-256");
        assertThat(env.remoteFiles()).filteredOn(name -> name.contains("_2025-03_")).allMatch(name -> name.contains("_V0002_N"));
        assertThat(env.mailsTo(BUREAU)).hasSize(1);
    }

    @Test
    void forceLeavesAnUnfinishedVersionWithIntactFilesToBeFinished() {
        YearMonth february = YearMonth.of(2025, 2);
        env.sftp.stop();
        assertThat(transmit(cli, "2025-02", "2-OZh").exitCode()).isEqualTo(4);
        env.sftp.start();

        Run forced = transmit(cli, "2025-02", "2-OZh", "--force");

        assertThat(forced.exitCode()).as(forced.toString()).isEqualTo(2);
        assertThat(forced.out() + forced.err()).contains("V0001 is FAILED and its stored files are intact",
                "run transmit without a flag to finish it first");
        assertThat(ledger.history(FormId.OZH, february)).singleElement()
                .satisfies(v1 -> assertThat(v1.superseded()).isFalse());
        assertThat(transmit(cli, "2025-02", "2-OZh").exitCode()).isZero();
        assertThat(ledger.latest(FormId.OZH, february).orElseThrow().status()).isEqualTo(Status.DELIVERED);
    }

    private List<String> events(YearMonth period) {
        return new JdbcTemplate(TestPostgres.dataSource(env.pipeline)).queryForList(
                "SELECT event FROM transmission_event WHERE form = '2-OZh' AND period = ? ORDER BY id", String.class,
                period.toString());
    }
}
