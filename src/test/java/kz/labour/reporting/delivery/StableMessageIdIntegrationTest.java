package kz.labour.reporting.delivery;

import static kz.labour.reporting.support.DeliveryEnvironment.BUREAU;
import static kz.labour.reporting.support.DeliveryEnvironment.BUREAU_ARCHIVE;
import static kz.labour.reporting.support.DeliveryEnvironment.transmit;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
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
 * The bureau's e-mail carries a Message-ID made of the form, period, version and delivery, read back
 * from what the relay (GreenMail) received: a message sent again because the ledger never heard that
 * the relay took the first one carries the same ID, so the bureau's mail system can drop the repeat;
 * a resend is another delivery with an ID of its own. Each test uses its own month of 2-ӨЖ.
 */
@PipelineTest
// a context of its own (its own servers): stopped after the class, not left for the JVM's exit
@DirtiesContext
class StableMessageIdIntegrationTest {

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

    final JdbcTemplate pipeline = new JdbcTemplate(TestPostgres.dataSource(env.pipeline));

    @BeforeEach
    void serversUpAndMailboxesEmpty() {
        env.reset();
    }

    @Test
    void aDeliveryFinishedAfterTheLedgerMissedTheRelaysAcceptanceSendsTheSameMessageIdAgain() throws Exception {
        // From the moment the relay has taken the e-mail, the pipeline database takes no more changes of this
        // version (as when the process dies or the database goes away right then): the ledger never hears of it
        refuseEventsAfterTheMail("2025-06");

        Run interrupted = transmit(cli, "2025-06", "2-OZh");

        assertThat(interrupted.exitCode()).as(interrupted.toString()).isEqualTo(1);
        assertThat(env.mailsTo(BUREAU)).as("the relay accepted the e-mail").hasSize(1);
        Transmission unfinished = ledger.latest(FormId.OZH, YearMonth.parse("2025-06")).orElseThrow();
        assertThat(unfinished.status()).isEqualTo(Status.DELIVERING);
        assertThat(unfinished.sftpStatus()).isEqualTo(ChannelStatus.DONE);
        assertThat(unfinished.mailStatus()).isEqualTo(ChannelStatus.PENDING);

        acceptEventsAgain();
        Run finished = transmit(cli, "2025-06", "2-OZh");

        assertThat(finished.exitCode()).as(finished.toString()).isZero();
        assertThat(finished.out()).contains("V0001 N DELIVERED");
        // MAIL_FROM is reports@inspection.kz
        assertThat(messageIds(BUREAU)).containsExactly("<2-OZh.2025-06.V0001.delivery1@inspection.kz>",
                "<2-OZh.2025-06.V0001.delivery1@inspection.kz>");
        assertThat(messageIds(BUREAU_ARCHIVE)).containsExactly("<2-OZh.2025-06.V0001.delivery1@inspection.kz>",
                "<2-OZh.2025-06.V0001.delivery1@inspection.kz>");
        assertThat(env.mailsTo(BUREAU)).extracting(MimeMessage::getSubject).containsOnly("2-ӨЖ · 2025 жылғы маусым / июнь 2025 года · V0001");
        Transmission delivered = ledger.latest(FormId.OZH, YearMonth.parse("2025-06")).orElseThrow();
        assertThat(delivered.status()).isEqualTo(Status.DELIVERED);
        assertThat(delivered.deliveries()).isEqualTo(1);
    }

    @Test
    void aResendOfADeliveredVersionIsTheNextDeliveryWithAMessageIdOfItsOwn() throws Exception {
        assertThat(transmit(cli, "2025-05", "2-OZh").exitCode()).isZero();

        Run resend = transmit(cli, "2025-05", "2-OZh", "--resend");

        assertThat(resend.exitCode()).as(resend.toString()).isZero();
        assertThat(messageIds(BUREAU)).containsExactly("<2-OZh.2025-05.V0001.delivery1@inspection.kz>",
                "<2-OZh.2025-05.V0001.delivery2@inspection.kz>");
        assertThat(ledger.latest(FormId.OZH, YearMonth.parse("2025-05")).orElseThrow().deliveries()).isEqualTo(2);
    }

    /** A test-only trigger: the event log of this period refuses whatever would follow the e-mail. */
    private void refuseEventsAfterTheMail(String period) {
        ledger.list(); // the schema is in place
        pipeline.execute("""
                CREATE OR REPLACE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'injected fault: event % of % refused', NEW.event, NEW.period;
                END $$
                """);
        pipeline.execute("CREATE TRIGGER refuse_event BEFORE INSERT ON transmission_event FOR EACH ROW WHEN (NEW.event IN "
                + "('MAIL_DONE', 'MAIL_FAILED', 'DELIVERED', 'FAILED') AND NEW.period = '" + period + "') "
                + "EXECUTE FUNCTION refuse_event()");
    }

    private void acceptEventsAgain() {
        pipeline.execute("DROP TRIGGER refuse_event ON transmission_event");
    }

    private static List<String> messageIds(String mailbox) {
        return env.mailsTo(mailbox).stream().map(m -> {
            try {
                return m.getMessageID();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
