package kz.labour.reporting.receipts;

import static kz.labour.reporting.support.DeliveryEnvironment.BUREAU;
import static kz.labour.reporting.support.DeliveryEnvironment.BUREAU_ARCHIVE;
import static kz.labour.reporting.support.DeliveryEnvironment.OPERATOR;
import static kz.labour.reporting.support.DeliveryEnvironment.transmit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.ops.Cli;
import kz.labour.reporting.receipts.ReceiptMails.Rcpt;
import kz.labour.reporting.support.DeliveryEnvironment;
import kz.labour.reporting.support.PipelineTest;
import kz.labour.reporting.support.TestPostgres;

/**
 * Receipts read back from the pipeline's mailbox in service mode: a real IMAP server (GreenMail)
 * holding the mailbox of MAIL_FROM, the route receipts-mail consuming it, the ledger in a real
 * PostgreSQL, the alerts through the real relay. Versions are delivered first (the embedded SFTP
 * server and GreenMail's SMTP), then receipts for them are put into the inbox. Every kind of receipt
 * and every bad one; and a second instance reading the same mailbox records nothing twice.
 */
@PipelineTest
@DirtiesContext
class MailReceiptsIntegrationTest {

    static final String USER = "reports@inspection.kz";
    static final String PASSWORD = "imap-secret";
    static final int MAX_BYTES = 64 * 1024;

    @RegisterExtension
    static final DeliveryEnvironment env = new DeliveryEnvironment();

    static final GreenMail imap = startImap();

    static GreenMail startImap() {
        GreenMail server = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        server.start();
        server.setUser(USER, USER, PASSWORD);
        return server;
    }

    static Map<String, Object> imapSettings() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("receipts.imap.host", "127.0.0.1");
        p.put("receipts.imap.port", imap.getImap().getPort());
        p.put("receipts.imap.user", USER);
        p.put("receipts.imap.password", PASSWORD);
        p.put("receipts.imap.security", "none");
        p.put("receipts.imap.poll-delay", 200);
        p.put("receipts.imap.max-bytes", MAX_BYTES);
        return p;
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        env.register(registry);
        imapSettings().forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void stopImap() {
        imap.stop();
    }

    @Autowired
    Cli cli;

    @Autowired
    Ledger ledger;

    @Autowired
    ReceiptBook book;

    final JdbcTemplate pipeline = new JdbcTemplate(TestPostgres.dataSource(env.pipeline));

    @BeforeEach
    void serversUp() {
        env.reset();
    }

    Transmission delivered(String period, String form, String... flags) {
        DeliveryEnvironment.Run run = transmit(cli, period, form, flags);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return ledger.latest(FormId.parse(form), YearMonth.parse(period)).orElseThrow();
    }

    static void arrive(byte[] raw) {
        try {
            GreenMailUser user = imap.getUserManager().getUser(USER);
            user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Message-IDs in each folder of the mailbox, as an IMAP client sees them. */
    static Map<String, List<String>> folders() {
        Properties p = new Properties();
        try {
            Store store = Session.getInstance(p).getStore("imap");
            store.connect("127.0.0.1", imap.getImap().getPort(), USER, PASSWORD);
            try {
                Map<String, List<String>> out = new LinkedHashMap<>();
                for (String name : List.of("INBOX", "Processed", "Failed")) {
                    Folder folder = store.getFolder(name);
                    List<String> ids = new ArrayList<>();
                    if (folder.exists()) {
                        folder.open(Folder.READ_ONLY);
                        for (var m : folder.getMessages()) {
                            ids.add(((MimeMessage) m).getMessageID());
                        }
                        folder.close(false);
                    }
                    out.put(name, ids);
                }
                return out;
            } finally {
                store.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitInboxEmpty() {
        // a message the consumer moves while the test lists the folder cannot be read: look again
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> folders().get("INBOX").isEmpty());
    }

    List<Map<String, Object>> rows(String sourceKeyPrefix) {
        return pipeline.queryForList("SELECT source_key, kind, recipient, status, outcome, reason, reference FROM receipt"
                + " WHERE source_key LIKE ? ORDER BY id", sourceKeyPrefix + "%");
    }

    @Test
    void deliveryReportsSetEachRecipientAndAFailureAlertsTheOperators() {
        Transmission t = delivered("2025-06", "2-OZh");
        String key = "2-OZh.2025-06.V0001.delivery1";

        arrive(ReceiptMails.dsn("A1", key, List.of(Rcpt.delivered(BUREAU))));
        arrive(ReceiptMails.dsn("A2", key, List.of(Rcpt.failed(BUREAU_ARCHIVE))));
        awaitInboxEmpty();

        assertThat(folders().get("Processed")).contains("<20250701010005.A1@mail.inspection.kz>", "<20250701010005.A2@mail.inspection.kz>");
        assertThat(book.recipients(t)).extracting(MailRecipient::recipient, MailRecipient::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(BUREAU, "DELIVERED"),
                        org.assertj.core.groups.Tuple.tuple(BUREAU_ARCHIVE, "FAILED"));
        assertThat(rows("imap:<20250701010005.A")).extracting(r -> r.get("outcome")).containsOnly("MATCHED");
        await().atMost(Duration.ofSeconds(10)).until(() -> env.mailsTo(OPERATOR).stream().anyMatch(m -> subject(m).contains(BUREAU_ARCHIVE)));
    }

    @Test
    void aDispositionNotificationAndAReplyAreRecordedAndTheReplyIsQuotedToTheOperators() {
        delivered("2025-05", "2-OZh");
        String key = "2-OZh.2025-05.V0001.delivery1";

        arrive(ReceiptMails.mdn("mdn-05", ReceiptMails.messageId(key), "displayed"));
        arrive(ReceiptMails.reply("reply-05", ReceiptMails.messageId(key), "Re: 2-ӨЖ май: графа 4"));
        awaitInboxEmpty();

        assertThat(rows("imap:<mdn-05@")).singleElement().satisfies(r -> {
            assertThat(r.get("kind")).isEqualTo("MDN");
            assertThat(r.get("status")).isEqualTo("displayed");
            assertThat(r.get("outcome")).isEqualTo("MATCHED");
            assertThat(r.get("reference")).isEqualTo(key);
        });
        assertThat(rows("imap:<reply-05@")).singleElement().satisfies(r -> {
            assertThat(r.get("kind")).isEqualTo("REPLY");
            assertThat(r.get("outcome")).isEqualTo("MATCHED");
        });
        assertThat(folders().get("Processed")).contains("<mdn-05@bureau.kz>", "<reply-05@bureau.kz>");
        await().atMost(Duration.ofSeconds(10)).until(() -> env.mailsTo(OPERATOR).stream()
                .anyMatch(m -> subject(m).contains("Re: 2-ӨЖ май: графа 4") || body(m).contains("Re: 2-ӨЖ май: графа 4")));
    }

    @Test
    void badReceiptsAreKeptAndSetAsideAndTheNextOneIsReadAsUsual() {
        delivered("2025-04", "2-OZh");
        String key = "2-OZh.2025-04.V0001.delivery1";
        byte[] oversized = ReceiptMails.reply("big-04", ReceiptMails.messageId(key), "Re: big");
        byte[] padded = (new String(oversized, StandardCharsets.UTF_8) + "x".repeat(MAX_BYTES) + "\r\n").getBytes(StandardCharsets.UTF_8);

        arrive(ReceiptMails.dsn("B1", "2-OZh.2025-04.V0001.delivery7", List.of(Rcpt.delivered(BUREAU))));
        arrive(ReceiptMails.dsn("B2", "not-ours", "<x@elsewhere.kz>", List.of(Rcpt.delivered("x@elsewhere.kz"))));
        arrive(ReceiptMails.malformed("B3"));
        arrive(padded);
        arrive(ReceiptMails.dsn("B5", key, List.of(Rcpt.delivered(BUREAU))));
        awaitInboxEmpty();

        Map<String, List<String>> folders = await().ignoreExceptions().until(MailReceiptsIntegrationTest::folders, f -> true);
        assertThat(folders.get("Failed")).contains("<20250701010005.B1@mail.inspection.kz>", "<20250701010005.B2@mail.inspection.kz>",
                "<B3@mail.inspection.kz>", "<big-04@bureau.kz>");
        assertThat(folders.get("Processed")).contains("<20250701010005.B5@mail.inspection.kz>");
        assertThat(rows("imap:<20250701010005.B1@")).extracting(r -> r.get("outcome")).containsExactly("UNMATCHED");
        assertThat(rows("imap:<20250701010005.B2@")).extracting(r -> r.get("outcome")).containsExactly("UNMATCHED");
        assertThat(rows("imap:<B3@")).extracting(r -> r.get("outcome")).containsExactly("INVALID");
        assertThat(rows("imap:<big-04@")).singleElement().satisfies(r -> {
            assertThat(r.get("outcome")).isEqualTo("INVALID");
            assertThat((String) r.get("reason")).contains("over the limit");
        });
        assertThat(rows("imap:<20250701010005.B5@")).extracting(r -> r.get("outcome")).containsExactly("MATCHED");
        // the raw bytes of a set-aside message are kept in the outbox, whole
        String rawPath = pipeline.queryForObject("SELECT raw_path FROM receipt WHERE source_key LIKE 'imap:<big-04@%'", String.class);
        assertThat(env.outbox.resolve(rawPath)).exists().satisfies(p -> assertThat(p.toFile().length()).isGreaterThan(MAX_BYTES));
    }

    @Test
    void theSameReceiptTwiceIsRecordedOnceAndOneForASupersededVersionIsSetAside() {
        delivered("2025-03", "2-OZh");
        String v1 = "2-OZh.2025-03.V0001.delivery1";
        // an accident recorded late: the corrected numbers go out as V0002, which supersedes V0001
        TestPostgres.execute(TestPostgres.dataSource(env.source), """
                INSERT INTO accident (id, recorded_at, region_kato, occurred_on)
                     VALUES (311, '2025-03-10 12:00+05', '550000000', '2025-03-10');
                INSERT INTO accident_victim (id, recorded_at, accident_id, severity)
                     VALUES (311, '2025-03-10 12:00+05', 311, 'SEVERE');
                """);
        assertThat(delivered("2025-03", "2-OZh", "--force").version().label()).isEqualTo("V0002");

        arrive(ReceiptMails.mdn("dup-03", ReceiptMails.messageId("2-OZh.2025-03.V0002.delivery1"), "displayed"));
        arrive(ReceiptMails.mdn("dup-03", ReceiptMails.messageId("2-OZh.2025-03.V0002.delivery1"), "displayed"));
        arrive(ReceiptMails.dsn("C1", v1, List.of(Rcpt.delivered(BUREAU))));
        awaitInboxEmpty();

        assertThat(rows("imap:<dup-03@")).singleElement().satisfies(r -> assertThat(r.get("outcome")).isEqualTo("MATCHED"));
        assertThat(folders().get("Processed")).containsSubsequence("<dup-03@bureau.kz>", "<dup-03@bureau.kz>");
        assertThat(rows("imap:<20250701010005.C1@")).extracting(r -> r.get("outcome")).containsExactly("SUPERSEDED");
        assertThat(folders().get("Failed")).contains("<20250701010005.C1@mail.inspection.kz>");
    }

    @Test
    void twoInstancesReadingOneMailboxRecordEachReceiptOnce() {
        delivered("2025-02", "2-OZh");
        String key = "2-OZh.2025-02.V0001.delivery1";
        Map<String, Object> second = new LinkedHashMap<>(imapSettings());
        second.put("receipts.read", true);
        try (ConfigurableApplicationContext other = env.secondInstance(second)) {
            for (int i = 0; i < 20; i++) {
                arrive(ReceiptMails.mdn("two-" + i, ReceiptMails.messageId(key), "displayed"));
            }
            awaitInboxEmpty();
        }

        assertThat(pipeline.queryForObject("SELECT count(*) FROM receipt WHERE source_key LIKE 'imap:<two-%'", Integer.class)).isEqualTo(20);
        assertThat(pipeline.queryForObject("SELECT count(DISTINCT source_key) FROM receipt WHERE source_key LIKE 'imap:<two-%'",
                Integer.class)).isEqualTo(20);
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String body(MimeMessage m) {
        try {
            return String.valueOf(m.getContent());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
