package kz.labour.reporting.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import jakarta.mail.internet.MimeMessage;
import kz.labour.reporting.form.Action;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Version;
import kz.labour.reporting.ledger.Build;
import kz.labour.reporting.ledger.Channel;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.Requester;
import kz.labour.reporting.ledger.Status;
import kz.labour.reporting.ledger.StoredFile;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.ledger.Origin;
import kz.labour.reporting.support.DeliveryEnvironment;
import kz.labour.reporting.support.PipelineTest;
import kz.labour.reporting.support.TestPostgres;

/**
 * Acknowledgement files read by the route receipts-sftp from the embedded SFTP server (host key pinned,
 * key login), recorded in the ledger on a real PostgreSQL. Every kind of bad file is recorded with its
 * reason, kept in the outbox and moved to failed/, and the good ones beside it are read as usual.
 * The consumer runs from the context's start, as in the service: files appear while it polls. Each
 * test uses its own periods.
 */
@PipelineTest
class AckFilesIntegrationTest {

    @RegisterExtension
    static final DeliveryEnvironment env = new DeliveryEnvironment();
    static final String ACKS = "acks";
    static final long MAX_BYTES = 4096;
    static final Requester BY = new Requester(Origin.CLI, "test");
    static final OffsetDateTime AT = OffsetDateTime.parse("2025-07-01T09:12:44+05:00");
    static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        env.register(registry);
        registry.add("receipts.sftp.directory", () -> ACKS);
        registry.add("receipts.sftp.poll-delay", () -> 200);
        registry.add("receipts.max-bytes", () -> MAX_BYTES);
    }

    @Autowired
    Ledger ledger;

    @Autowired
    ReceiptBook book;

    @Autowired
    CamelContext camel;

    static JdbcTemplate db;

    @BeforeAll
    static void directory() throws IOException {
        Files.createDirectories(acks());
        db = new JdbcTemplate(TestPostgres.dataSource(env.pipeline));
    }

    static Path acks() {
        return env.sftp.root().resolve(ACKS);
    }

    /**
     * The consumer runs as in the service: the test context reads receipts (it is no one-shot command,
     * only its schedule is off), so the route exists and started with the context; nobody starts it.
     */
    void reading() {
        assertThat(camel.getRouteController().getRouteStatus("receipts-sftp")).isEqualTo(ServiceStatus.Started);
    }

    Transmission delivered(YearMonth period, int version) {
        String stem = stem(period, version);
        Transmission t = ledger.record(new Build(FormId.OZH, period, Version.of(version), version == 1 ? Action.NEW : Action.REPLACEMENT,
                Accumulation.MONTH, AT, "a".repeat(64), List.of(new StoredFile(stem + ".xlsx", 10, "b".repeat(64)),
                new StoredFile(stem + ".manifest.json", 5, "c".repeat(64))), List.of(), Status.BUILT), BY);
        t = ledger.startDelivery(t, false, BY);
        t = ledger.channelDone(t, Channel.SFTP, BY);
        t = ledger.channelDone(t, Channel.MAIL, BY);
        return ledger.finishDelivery(t, BY);
    }

    static String stem(YearMonth period, int version) {
        return "2-OZh_" + period + "_V" + String.format("%04d", version) + "_" + (version == 1 ? 'N' : 'R');
    }

    static String ack(String stem, String sha, String status) {
        return """
                {
                  "file": "%s",
                  "manifestSha256": "%s",
                  "status": "%s",
                  "receiptId": "NSB-2025-000123",
                  "receivedAt": "2025-07-01T09:12:44+05:00",
                  "messages": [
                    {"rule": "K-17", "severity": "ERROR", "text": "column 8 exceeds column 3", "kato": "550000000", "column": 8},
                    {"rule": "K-2", "severity": "WARN", "text": "check the total", "kato": null, "column": null}
                  ]
                }
                """.formatted(stem, sha, status);
    }

    static void put(String name, String content) throws IOException {
        put(name, content.getBytes(StandardCharsets.UTF_8));
    }

    static void put(String name, byte[] content) throws IOException {
        Path part = acks().resolve(".incoming-" + name);
        Files.write(part, content);
        Files.move(part, acks().resolve(name));
    }

    static List<String> files(String folder) {
        Path dir = folder == null ? acks() : acks().resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(dir)) {
            return all.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    List<String> alertSubjects() {
        return env.mailsTo(DeliveryEnvironment.OPERATOR).stream().map(AckFilesIntegrationTest::subject).toList();
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    String outcomeOf(String name) {
        List<String> outcomes = db.queryForList("SELECT outcome FROM receipt WHERE source_key LIKE ?", String.class,
                "sftp:" + name + ":%");
        return outcomes.isEmpty() ? null : String.join(",", outcomes);
    }

    @Test
    void everyBadFileIsRecordedWithItsReasonAndSetAsideWhileTheGoodOnesAreRead() throws Exception {
        YearMonth accepted = YearMonth.of(2024, 1);
        YearMonth rejected = YearMonth.of(2024, 2);
        YearMonth mismatched = YearMonth.of(2024, 3);
        YearMonth replaced = YearMonth.of(2024, 4);
        Transmission a = delivered(accepted, 1);
        Transmission r = delivered(rejected, 1);
        Transmission m = delivered(mismatched, 1);
        Transmission old = delivered(replaced, 1);
        delivered(replaced, 2);
        String good = stem(accepted, 1) + ".ack.json";
        String rejection = stem(rejected, 1) + ".ack.json";
        String mismatch = stem(mismatched, 1) + ".ack.json";
        String superseded = stem(replaced, 1) + ".ack.json";
        String unknown = "2-OZh_2019-01_V0001_N.ack.json";
        String malformed = stem(YearMonth.of(2024, 5), 1) + ".ack.json";
        String oversized = stem(YearMonth.of(2024, 6), 1) + ".ack.json";
        put(good, ack(stem(accepted, 1), "c".repeat(64), "ACCEPTED"));
        put(rejection, ack(stem(rejected, 1), "c".repeat(64), "REJECTED"));
        put(mismatch, ack(stem(mismatched, 1), "d".repeat(64), "ACCEPTED"));
        put(superseded, ack(stem(replaced, 1), "c".repeat(64), "ACCEPTED"));
        put(unknown, ack("2-OZh_2019-01_V0001_N", "c".repeat(64), "ACCEPTED"));
        put(malformed, "{\"file\": \"" + stem(YearMonth.of(2024, 5), 1) + "\", \"status\": ");
        put(oversized, "{" + " ".repeat((int) MAX_BYTES) + "}");
        put("notes.txt", "not an acknowledgement: never read");

        reading();

        await().atMost(WAIT).untilAsserted(() -> assertThat(files("done")).contains(good, rejection));
        await().atMost(WAIT).untilAsserted(() -> assertThat(files("failed"))
                .contains(mismatch, superseded, unknown, malformed, oversized));
        assertThat(files(null)).as("only what is not an acknowledgement stays").containsExactly("notes.txt");

        assertThat(book.bureauStatus(a)).isEqualTo(BureauStatus.ACCEPTED);
        assertThat(book.bureauStatus(r)).isEqualTo(BureauStatus.REJECTED);
        assertThat(book.bureauStatus(m)).isEqualTo(BureauStatus.MISMATCH);
        assertThat(book.bureauStatus(old)).isEqualTo(BureauStatus.NONE);
        assertThat(outcomeOf(good)).isEqualTo("MATCHED");
        assertThat(outcomeOf(rejection)).isEqualTo("MATCHED");
        assertThat(outcomeOf(mismatch)).isEqualTo("MISMATCH");
        assertThat(outcomeOf(superseded)).isEqualTo("SUPERSEDED");
        assertThat(outcomeOf(unknown)).isEqualTo("UNMATCHED");
        assertThat(outcomeOf(malformed)).isEqualTo("INVALID");
        assertThat(outcomeOf(oversized)).isEqualTo("INVALID");
        assertThat(db.queryForObject("SELECT reason FROM receipt WHERE source_key LIKE ?", String.class, "sftp:" + malformed + ":%"))
                .startsWith("not an acknowledgement: ");
        assertThat(db.queryForObject("SELECT reason FROM receipt WHERE source_key LIKE ?", String.class, "sftp:" + oversized + ":%"))
                .startsWith("larger than RECEIPTS_MAX_BYTES (" + MAX_BYTES + " bytes kept)");
        // every one kept raw in the outbox, as read (the oversized one up to the limit)
        for (String raw : db.queryForList("SELECT raw_path FROM receipt WHERE source_key LIKE 'sftp:2-OZh_2019%' "
                + "OR source_key LIKE 'sftp:2-OZh_2024%'", String.class)) {
            assertThat(env.outbox.resolve(raw)).exists();
        }
        assertThat(Files.readString(env.outbox.resolve(db.queryForObject("SELECT raw_path FROM receipt WHERE source_key LIKE ?",
                String.class, "sftp:" + good + ":%")))).isEqualTo(ack(stem(accepted, 1), "c".repeat(64), "ACCEPTED"));
        assertThat(book.receipts(r)).singleElement().satisfies(x -> {
            assertThat(x.receiptId()).isEqualTo("NSB-2025-000123");
            assertThat(x.messages()).containsExactly(new ReceiptMessage("K-17", "ERROR", "column 8 exceeds column 3", "550000000", 8),
                    new ReceiptMessage("K-2", "WARN", "check the total", null, null));
        });
        // one alert each for the rejection and the mismatch
        await().atMost(WAIT).untilAsserted(() -> assertThat(alertSubjects()).contains(
                "2-ӨЖ 2024-02 V0001 REJECTED by the bureau",
                "2-ӨЖ 2024-03 V0001: the bureau acknowledged other bytes than were delivered"));
        assertThat(alertSubjects()).filteredOn(s -> s.startsWith("2-ӨЖ 2024-0")).hasSize(2);
    }

    @Test
    void theSameAcknowledgementAgainIsRecordedOnceAndALaterOneReplacesTheStatus() throws Exception {
        YearMonth p = YearMonth.of(2024, 7);
        Transmission t = delivered(p, 1);
        String name = stem(p, 1) + ".ack.json";
        String received = ack(stem(p, 1), "c".repeat(64), "RECEIVED").replace("09:12:44", "08:00:00");
        reading();
        put(name, received);
        await().atMost(WAIT).untilAsserted(() -> assertThat(book.bureauStatus(t)).isEqualTo(BureauStatus.RECEIVED));
        await().atMost(WAIT).untilAsserted(() -> assertThat(files(null)).doesNotContain(name));

        // the bureau writes the same file once more: read (a new file), recorded once
        put(name, received);
        await().atMost(WAIT).untilAsserted(() -> assertThat(files(null)).doesNotContain(name));
        assertThat(book.receipts(t)).hasSize(1);

        put(name, ack(stem(p, 1), "c".repeat(64), "ACCEPTED_WITH_WARNINGS"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(book.bureauStatus(t)).isEqualTo(BureauStatus.ACCEPTED_WITH_WARNINGS));
        assertThat(book.receipts(t)).extracting(Receipt::status).containsExactly("RECEIVED", "ACCEPTED_WITH_WARNINGS");
    }

    @Test
    void whereTheServerForbidsMovingAFileItIsReadOnceAndLeftInPlace() throws Exception {
        YearMonth p = YearMonth.of(2024, 8);
        YearMonth q = YearMonth.of(2024, 9);
        Transmission t = delivered(p, 1);
        Transmission next = delivered(q, 1);
        // a file where the done/ folder would be: every move there fails, as on a server that forbids moving
        Path done = acks().resolve("done");
        Path earlier = acks().resolve("done-before-" + p);
        if (Files.isDirectory(done)) {
            Files.move(done, earlier);
        }
        Files.writeString(done, "a file where the folder would be");
        try {
            String name = stem(p, 1) + ".ack.json";
            put(name, ack(stem(p, 1), "c".repeat(64), "ACCEPTED"));
            reading();
            await().atMost(WAIT).untilAsserted(() -> assertThat(book.bureauStatus(t)).isEqualTo(BureauStatus.ACCEPTED));
            // a later file is read: the consumer polled again, and left the first alone
            put(stem(q, 1) + ".ack.json", ack(stem(q, 1), "c".repeat(64), "RECEIVED"));
            await().atMost(WAIT).untilAsserted(() -> assertThat(book.bureauStatus(next)).isEqualTo(BureauStatus.RECEIVED));
            assertThat(files(null)).as("left in place").contains(name);
            assertThat(book.receipts(t)).hasSize(1);
            assertThat(db.queryForObject("SELECT count(*) FROM camel_messageprocessed WHERE processorname = 'receipts-sftp' "
                    + "AND messageid LIKE ?", Integer.class, name + "-%")).as("remembered as read").isEqualTo(1);
        } finally {
            // the directory is put back with the consumer stopped, so it never sees it half restored
            camel.getRouteController().stopRoute("receipts-sftp");
            Files.delete(done);
            if (Files.isDirectory(earlier)) {
                Files.move(earlier, done);
            }
            try (Stream<Path> left = Files.list(acks())) {
                for (Path f : left.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".ack.json")).toList()) {
                    Files.delete(f);
                }
            }
            camel.getRouteController().startRoute("receipts-sftp");
        }
    }

    @Autowired
    org.apache.camel.ProducerTemplate producer;

    @Test
    void aVersionUnacknowledgedLongerThanTheWaitIsAlertedOnceWhicheverCheckFindsIt() {
        YearMonth p = YearMonth.of(2024, 10);
        Transmission t = delivered(p, 1);
        // "now" is 2025-07-15 (FixedClock); delivered on the 12th, three days ago, more than P2D
        db.update("UPDATE transmission SET sftp_at = '2025-07-12T00:00:00Z' WHERE id = ?", t.id());
        producer.sendBody("direct:receipts-ack-check", null);
        producer.sendBody("direct:receipts-ack-check", null);
        String subject = "2-ӨЖ " + p + " V0001: no acknowledgement from the bureau";
        await().atMost(WAIT).untilAsserted(() -> assertThat(alertSubjects()).contains(subject));
        assertThat(alertSubjects()).filteredOn(subject::equals).hasSize(1);
        assertThat(env.mailsTo(DeliveryEnvironment.OPERATOR).stream().filter(m -> subject.equals(subject(m))).findFirst()
                .map(m -> {
                    try {
                        return String.valueOf(m.getContent());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).orElseThrow()).contains("RECEIPTS_ACK_WITHIN").contains("PT48H");
    }
}
