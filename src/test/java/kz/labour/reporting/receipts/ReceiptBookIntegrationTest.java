package kz.labour.reporting.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Sha256;
import kz.labour.reporting.form.Version;
import kz.labour.reporting.ledger.Build;
import kz.labour.reporting.ledger.Channel;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.PipelineDatabase;
import kz.labour.reporting.ledger.Requester;
import kz.labour.reporting.ledger.Status;
import kz.labour.reporting.ledger.StoredFile;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.ledger.Trigger;
import kz.labour.reporting.support.TestPostgres;

/**
 * The receipt book on a real PostgreSQL, as two instances would share it: each receipt is one row, its
 * raw bytes are in the outbox, and the version's bureau status, recipients, events and alerts move
 * with it in one transaction. Each test uses its own period.
 */
class ReceiptBookIntegrationTest {

    static final Requester BY = new Requester(Trigger.CLI, "test");
    static final OffsetDateTime AT = OffsetDateTime.parse("2025-07-01T09:12:44+05:00");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-07-15T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path outbox;

    static DataSource ds;
    static PipelineDatabase database;
    static Ledger ledger;
    static ReceiptBook book;
    static JdbcTemplate db;

    @BeforeAll
    static void databases() {
        ds = TestPostgres.dataSource(TestPostgres.newDatabase("receipts"));
        database = TestPostgres.pipeline(ds);
        ledger = new Ledger(database);
        book = book(database);
        db = new JdbcTemplate(ds);
    }

    static ReceiptBook book(PipelineDatabase on) {
        return new ReceiptBook(on, new Ledger(on),
                new ReportingSettings("Asia/Almaty", "MONTH", "2024-01", outbox.toString(), null), CLOCK);
    }

    /** A version of 2-ӨЖ for {@code period} delivered on both channels; its manifest's SHA-256 is "c…c". */
    static Transmission delivered(YearMonth period, int version) {
        String stem = stem(period, version);
        Transmission t = ledger.record(new Build(FormId.OZH, period, Version.of(version), version == 1 ? 'N' : 'R',
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

    @Test
    void anAcceptanceIsRecordedWithItsRawBytesInTheOutboxAndAcceptsTheVersion() throws Exception {
        YearMonth p = YearMonth.of(2025, 1);
        Transmission t = delivered(p, 1);
        IncomingReceipt ack = Receipts.ack(stem(p, 1), "ACCEPTED", "c".repeat(64), AT, Verification.NOT_CHECKED,
                new ReceiptMessage("K-17", "WARN", "check column 8", "550000000", 8));

        RecordedReceipt r = book.record(ack);

        assertThat(r.outcome()).isEqualTo(ReceiptOutcome.MATCHED);
        assertThat(r.version().id()).isEqualTo(t.id());
        assertThat(r.bureauStatus()).isEqualTo(BureauStatus.ACCEPTED);
        assertThat(r.alert()).isNull();
        assertThat(r.rawPath()).startsWith(outbox.resolve("receipts").resolve("2025-07"));
        assertThat(Files.readAllBytes(r.rawPath())).isEqualTo(ack.raw());
        assertThat(r.rawPath().getFileName().toString()).isEqualTo(Sha256.hex(ack.raw()).substring(0, 16) + "_" + stem(p, 1) + ".ack.json");
        assertThat(book.bureauStatus(t)).isEqualTo(BureauStatus.ACCEPTED);
        assertThat(book.receipts(t)).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(ReceiptKind.ACK);
            assertThat(x.status()).isEqualTo("ACCEPTED");
            assertThat(x.receiptId()).isEqualTo("NSB-ACCEPTED");
            assertThat(x.bureauAt()).isEqualTo(AT);
            assertThat(x.messages()).containsExactly(new ReceiptMessage("K-17", "WARN", "check column 8", "550000000", 8));
            assertThat(outbox.resolve(x.rawPath())).isEqualTo(r.rawPath());
        });
        assertThat(db.queryForObject("SELECT raw_sha256 FROM receipt WHERE id = ?", String.class, r.id()))
                .isEqualTo(Sha256.hex(ack.raw()));
        assertThat(db.queryForList("SELECT event FROM transmission_event WHERE transmission_id = ? ORDER BY id", String.class, t.id()))
                .endsWith("DELIVERED", "BUREAU_ACCEPTED");
        assertThat(book.bureauStatuses(p)).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(BureauStatus.ACCEPTED);
            assertThat(s.at()).isEqualTo(AT);
        });
    }

    @Test
    void theSameReceiptTwiceIsRecordedOnceAndChangesNothingTheSecondTime() {
        YearMonth p = YearMonth.of(2025, 2);
        Transmission t = delivered(p, 1);
        IncomingReceipt ack = Receipts.ack(stem(p, 1), "REJECTED", "c".repeat(64), AT, Verification.NOT_CHECKED);
        RecordedReceipt first = book.record(ack);
        RecordedReceipt again = book.record(ack);

        assertThat(first.outcome()).isEqualTo(ReceiptOutcome.MATCHED);
        assertThat(first.alert()).as("one alert").isNotNull();
        assertThat(again.outcome()).isEqualTo(ReceiptOutcome.DUPLICATE);
        assertThat(again.alert()).isNull();
        assertThat(again.setAside()).isFalse();
        assertThat(again.version().id()).isEqualTo(t.id());
        assertThat(again.rawPath()).isEqualTo(first.rawPath());
        assertThat(book.receipts(t)).hasSize(1);
    }

    @Test
    void twoInstancesRecordingTheSameReceiptAtOnceRecordItOnceAndAlertOnce() throws Exception {
        YearMonth p = YearMonth.of(2025, 3);
        Transmission t = delivered(p, 1);
        ReceiptBook other = book(TestPostgres.pipeline(ds));
        IncomingReceipt ack = Receipts.ack(stem(p, 1), "REJECTED", "c".repeat(64), AT, Verification.NOT_CHECKED);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<RecordedReceipt>> both = two.invokeAll(List.<Callable<RecordedReceipt>>of(() -> book.record(ack),
                    () -> other.record(ack)));
            List<RecordedReceipt> results = List.of(both.get(0).get(), both.get(1).get());
            assertThat(results).extracting(RecordedReceipt::outcome)
                    .containsExactlyInAnyOrder(ReceiptOutcome.MATCHED, ReceiptOutcome.DUPLICATE);
            assertThat(results).filteredOn(RecordedReceipt::alertDue).hasSize(1);
        } finally {
            two.shutdownNow();
        }
        assertThat(book.receipts(t)).hasSize(1);
        assertThat(book.bureauStatus(t)).isEqualTo(BureauStatus.REJECTED);
    }

    @Test
    void aLaterAcknowledgementReplacesTheStatusAndBothAreKept() {
        YearMonth p = YearMonth.of(2025, 4);
        Transmission t = delivered(p, 1);
        RecordedReceipt received = book.record(Receipts.ack(stem(p, 1), "RECEIVED", "c".repeat(64), AT, null));
        RecordedReceipt accepted = book.record(Receipts.ack(stem(p, 1), "ACCEPTED_WITH_WARNINGS", "c".repeat(64),
                AT.plusHours(2), null));
        assertThat(received.bureauStatus()).isEqualTo(BureauStatus.RECEIVED);
        assertThat(accepted.bureauStatus()).isEqualTo(BureauStatus.ACCEPTED_WITH_WARNINGS);
        assertThat(received.rawPath()).isNotEqualTo(accepted.rawPath()).exists();
        assertThat(book.receipts(t)).extracting(Receipt::status).containsExactly("RECEIVED", "ACCEPTED_WITH_WARNINGS");

        RecordedReceipt late = book.record(Receipts.ack(stem(p, 1), "RECEIVED", "c".repeat(64), AT.plusHours(1), null));
        assertThat(late.outcome()).isEqualTo(ReceiptOutcome.MATCHED);
        assertThat(late.bureauStatus()).as("an older acknowledgement read late").isEqualTo(BureauStatus.ACCEPTED_WITH_WARNINGS);
    }

    @Test
    void aMismatchIsRecordedAlertedOnceAndSetAside() {
        YearMonth p = YearMonth.of(2025, 5);
        Transmission t = delivered(p, 1);
        RecordedReceipt first = book.record(Receipts.ack(stem(p, 1), "ACCEPTED", "d".repeat(64), AT, null));
        RecordedReceipt second = book.record(Receipts.ack(stem(p, 1), "ACCEPTED", "e".repeat(64), AT.plusMinutes(1), null));
        assertThat(first.outcome()).isEqualTo(ReceiptOutcome.MISMATCH);
        assertThat(first.setAside()).isTrue();
        assertThat(first.bureauStatus()).isEqualTo(BureauStatus.MISMATCH);
        assertThat(first.alertSubject()).isEqualTo("2-ӨЖ " + p + " V0001: the bureau acknowledged other bytes than were delivered");
        assertThat(second.outcome()).isEqualTo(ReceiptOutcome.MISMATCH);
        assertThat(second.alert()).as("one alert per version and cause").isNull();
        assertThat(book.receipts(t)).extracting(Receipt::outcome).containsExactly(ReceiptOutcome.MISMATCH, ReceiptOutcome.MISMATCH);
    }

    @Test
    void receiptsNamingNothingOfOursAreKeptUnmatchedWithoutAVersion() {
        RecordedReceipt r = book.record(Receipts.ack("2-OZh_2019-01_V0001_N", "ACCEPTED", "c".repeat(64), AT, null));
        assertThat(r.outcome()).isEqualTo(ReceiptOutcome.UNMATCHED);
        assertThat(r.reason()).isEqualTo("2-OZh 2019-01 V0001 was never delivered");
        assertThat(r.version()).isNull();
        assertThat(r.setAside()).isTrue();
        assertThat(r.rawPath()).exists();
        assertThat(db.queryForObject("SELECT transmission_id FROM receipt WHERE id = ?", Long.class, r.id())).isNull();
        assertThat(r.logLine()).contains("UNMATCHED: 2-OZh 2019-01 V0001 was never delivered").contains("no version");
    }

    @Test
    void anInvalidReceiptIsKeptWithItsReason() {
        YearMonth p = YearMonth.of(2025, 6);
        Transmission t = delivered(p, 1);
        RecordedReceipt r = book.record(Receipts.invalidAck(stem(p, 1) + ".ack.json", "{\"status\": ", "malformed JSON"));
        assertThat(r.outcome()).isEqualTo(ReceiptOutcome.INVALID);
        assertThat(r.version().id()).as("linked to the version its name gives").isEqualTo(t.id());
        assertThat(book.bureauStatus(t)).isEqualTo(BureauStatus.NONE);
        assertThat(db.queryForObject("SELECT reason FROM receipt WHERE id = ?", String.class, r.id())).isEqualTo("malformed JSON");
    }

    @Test
    void aReceiptForAVersionAReplacementFollowedIsSuperseded() {
        YearMonth p = YearMonth.of(2025, 7);
        Transmission first = delivered(p, 1);
        delivered(p, 2);
        RecordedReceipt r = book.record(Receipts.ack(stem(p, 1), "REJECTED", "c".repeat(64), AT, null));
        assertThat(r.outcome()).isEqualTo(ReceiptOutcome.SUPERSEDED);
        assertThat(r.alert()).isNull();
        assertThat(book.bureauStatus(first)).isEqualTo(BureauStatus.NONE);
        assertThat(book.receipts(first)).singleElement().extracting(Receipt::outcome).isEqualTo(ReceiptOutcome.SUPERSEDED);
    }

    @Test
    void dsnsRecordEachRecipientOfTheirDeliveryAndAFailureAlertsOnce() {
        YearMonth p = YearMonth.of(2025, 8);
        Transmission t = delivered(p, 1);
        String key = "2-OZh." + p + ".V0001.delivery1";
        assertThat(book.record(Receipts.dsn(key, "a@stat.kz", "delivered", "2.0.0", AT)).alert()).isNull();
        RecordedReceipt failed = book.record(Receipts.dsn(key, "b@stat.kz", "failed", "5.1.1 user unknown", AT));
        RecordedReceipt failedToo = book.record(Receipts.dsn(key, "c@stat.kz", "failed", "5.1.1 user unknown", AT));
        assertThat(failed.alertSubject()).isEqualTo("2-ӨЖ " + p + " V0001: e-mail to b@stat.kz failed");
        assertThat(failed.alertText()).contains("5.1.1 user unknown");
        assertThat(failedToo.alert()).isNull();
        assertThat(book.recipients(t)).extracting(MailRecipient::recipient, MailRecipient::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a@stat.kz", "DELIVERED"), org.assertj.core.groups.Tuple.tuple("b@stat.kz", "FAILED"),
                org.assertj.core.groups.Tuple.tuple("c@stat.kz", "FAILED"));
        assertThat(book.receipts(t)).extracting(Receipt::delivery).containsOnly(1);
        assertThat(book.bureauStatus(t)).as("mail receipts do not touch the bureau status").isEqualTo(BureauStatus.NONE);
    }

    @Test
    void everyReplyAlertsAndAnMdnOnlyRecords() {
        YearMonth p = YearMonth.of(2025, 9);
        Transmission t = delivered(p, 1);
        String key = "2-OZh." + p + ".V0001.delivery1";
        assertThat(book.record(Receipts.mdn(key, AT)).alert()).isNull();
        assertThat(book.record(Receipts.reply(key, "Re: one", AT)).alertSubject()).endsWith("reply from the bureau: Re: one");
        assertThat(book.record(Receipts.reply(key, "Re: two", AT)).alertSubject()).endsWith("reply from the bureau: Re: two");
        assertThat(book.receipts(t)).extracting(Receipt::kind).containsExactly(ReceiptKind.MDN, ReceiptKind.REPLY, ReceiptKind.REPLY);
    }

    @Test
    void aDeliveredVersionWithoutAcknowledgementIsAlertedOnceAfterTheWaitAndNotBefore() {
        YearMonth p = YearMonth.of(2025, 10);
        Transmission t = delivered(p, 1);
        // delivered "now" by the database's clock; the book's clock says 2025-07-15
        db.update("UPDATE transmission SET sftp_at = ? WHERE id = ?", OffsetDateTime.parse("2025-07-12T00:00:00Z"), t.id());
        assertThat(book.claimMissingAcknowledgements(Duration.ofDays(4))).isEmpty();
        List<Alert> due = book.claimMissingAcknowledgements(Duration.ofDays(2));
        assertThat(due).singleElement().satisfies(a -> assertThat(a.subject()).isEqualTo("2-ӨЖ " + p + " V0001: no acknowledgement from the bureau"));
        assertThat(book.claimMissingAcknowledgements(Duration.ofDays(2))).as("once").isEmpty();
        assertThat(book.unacknowledged(OffsetDateTime.parse("2025-07-13T00:00:00Z")))
                .extracting(VersionBureauStatus::transmissionId).contains(t.id());
        book.record(Receipts.ack(stem(p, 1), "RECEIVED", "c".repeat(64), AT, null));
        assertThat(book.unacknowledged(OffsetDateTime.parse("2025-07-13T00:00:00Z")))
                .extracting(VersionBureauStatus::transmissionId).doesNotContain(t.id());
    }
}
