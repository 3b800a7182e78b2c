package kz.labour.reporting.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.Sha256;
import kz.labour.reporting.ledger.Channel;
import kz.labour.reporting.receipts.ReceiptMails.Rcpt;
import kz.labour.reporting.support.TestPki;

/** Mail receipts read into receipts, without a server: each kind, and each way a message can be bad. */
class MailReceiptReaderTest {

    static final String KEY = "2-OZh.2025-06.V0001.delivery1";
    static final Instant NOW = Instant.now();
    static final TestPki BUREAU_CA = TestPki.create(NOW);

    MailReceiptReader reader = new MailReceiptReader(1_000_000, null);

    @Test
    void aDeliveryReportGivesOneReceiptPerRecipientNamedByItsEnvelopeId() {
        byte[] raw = ReceiptMails.dsn("3F2A1C0123", KEY,
                List.of(Rcpt.delivered("stat@bureau.kz"), Rcpt.failed("archive@bureau.kz")));

        List<IncomingReceipt> receipts = reader.read(raw);

        assertThat(receipts).hasSize(2);
        IncomingReceipt delivered = receipts.get(0);
        assertThat(delivered.kind()).isEqualTo(ReceiptKind.DSN);
        assertThat(delivered.channel()).isEqualTo(Channel.MAIL);
        assertThat(delivered.reference()).isEqualTo(KEY);
        assertThat(delivered.recipient()).isEqualTo("stat@bureau.kz");
        assertThat(delivered.status()).isEqualTo("delivered");
        assertThat(delivered.detail()).isEqualTo("2.0.0 smtp; 250 2.0.0 Ok: queued as 4B1C2D3E4F");
        assertThat(delivered.sourceKey()).isEqualTo("imap:<20250701010005.3F2A1C0123@mail.inspection.kz>#stat@bureau.kz");
        assertThat(delivered.receivedAt()).isEqualTo(OffsetDateTime.parse("2025-07-01T01:00:05Z"));
        assertThat(delivered.rawName()).isEqualTo(Sha256.hex(raw) + ".eml");
        assertThat(delivered.raw()).isEqualTo(raw);
        assertThat(delivered.invalidReason()).isNull();
        IncomingReceipt failed = receipts.get(1);
        assertThat(failed.recipient()).isEqualTo("archive@bureau.kz");
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.detail()).isEqualTo("5.1.1 X-Postfix; unknown user: \"archive\"");
        assertThat(failed.sourceKey()).isEqualTo("imap:<20250701010005.3F2A1C0123@mail.inspection.kz>#archive@bureau.kz");
    }

    @Test
    void aDeliveryReportWithoutEnvelopeIdIsNamedByTheReturnedHeadersMessageId() {
        byte[] raw = ReceiptMails.dsn("4A", null, ReceiptMails.messageId("1-MEIZhM.2025-06.V0002.delivery3"),
                List.of(Rcpt.delivered("stat@bureau.kz")));

        assertThat(reader.read(raw)).singleElement().satisfies(r -> assertThat(r.reference()).isEqualTo("1-MEIZhM.2025-06.V0002.delivery3"));
    }

    @Test
    void aDeliveryReportForSomethingWeNeverSentNamesNothing() {
        byte[] raw = ReceiptMails.dsn("5B", "someone-elses-envelope", "<abc@elsewhere.kz>", List.of(Rcpt.delivered("x@elsewhere.kz")));

        assertThat(reader.read(raw)).singleElement().satisfies(r -> {
            assertThat(r.reference()).isNull();
            assertThat(r.invalidReason()).isNull();
        });
    }

    @Test
    void aDispositionNotificationGivesItsTypeAndTheOriginalMessage() {
        byte[] raw = ReceiptMails.mdn("mdn-1", ReceiptMails.messageId(KEY), "displayed");

        assertThat(reader.read(raw)).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(ReceiptKind.MDN);
            assertThat(r.reference()).isEqualTo(KEY);
            assertThat(r.status()).isEqualTo("displayed");
            assertThat(r.detail()).isEqualTo("manual-action/MDN-sent-manually; displayed");
            assertThat(r.recipient()).isEqualTo("stat@bureau.kz");
            assertThat(r.sourceKey()).isEqualTo("imap:<mdn-1@bureau.kz>");
            assertThat(r.verification()).isEqualTo(Verification.NOT_CHECKED);
        });
        assertThat(reader.read(ReceiptMails.mdn("mdn-2", ReceiptMails.messageId(KEY), "deleted")).get(0).status()).isEqualTo("deleted");
        assertThat(reader.read(ReceiptMails.mdn("mdn-3", ReceiptMails.messageId(KEY), "processed/error")).get(0).status())
                .isEqualTo("processed");
    }

    @Test
    void aPersonsReplyIsCorrespondenceOnTheMessageItAnswers() {
        byte[] raw = ReceiptMails.reply("r-1", ReceiptMails.messageId(KEY), "Re: 2-ӨЖ · июнь 2025 года · V0001");

        assertThat(reader.read(raw)).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(ReceiptKind.REPLY);
            assertThat(r.reference()).isEqualTo(KEY);
            assertThat(r.detail()).isEqualTo("Re: 2-ӨЖ · июнь 2025 года · V0001");
            assertThat(r.recipient()).isEqualTo("a.sarsenova@bureau.kz");
            assertThat(r.status()).isNull();
        });
    }

    @Test
    void aMessageOverTheLimitIsKeptUnreadAsInvalid() {
        byte[] raw = ReceiptMails.dsn("6C", KEY, List.of(Rcpt.delivered("stat@bureau.kz")));
        MailReceiptReader small = new MailReceiptReader(raw.length - 1, null);

        assertThat(small.read(raw)).singleElement().satisfies(r -> {
            assertThat(r.kind()).as("what its headers claim").isEqualTo(ReceiptKind.DSN);
            assertThat(r.invalidReason()).contains(raw.length + " bytes").contains("limit of " + (raw.length - 1));
            assertThat(r.raw()).isEqualTo(raw);
            assertThat(r.sourceKey()).isEqualTo("imap:<20250701010005.6C@mail.inspection.kz>");
        });
        assertThat(new MailReceiptReader(raw.length, null).read(raw).get(0).invalidReason()).isNull();
    }

    @Test
    void malformedMimeIsKeptAsInvalidWithTheReason() {
        byte[] raw = ReceiptMails.malformed("bad-1");

        assertThat(reader.read(raw)).singleElement().satisfies(r -> {
            assertThat(r.invalidReason()).startsWith("the message cannot be read as MIME");
            assertThat(r.raw()).isEqualTo(raw);
            assertThat(r.sourceKey()).isEqualTo("imap:<bad-1@mail.inspection.kz>");
        });
    }

    @Test
    void bytesThatAreNoMailAtAllAreKeptUnderTheirHash() {
        byte[] raw = new byte[] {0, 1, 2, (byte) 0xff, '\n', '\n', 'x'};

        List<IncomingReceipt> receipts = reader.read(raw);

        assertThat(receipts).singleElement().satisfies(r -> {
            assertThat(r.sourceKey()).isEqualTo("imap:" + Sha256.hex(raw));
            assertThat(r.raw()).isEqualTo(raw);
        });
    }

    @Test
    void aDeliveryReportWithoutRecipientsIsInvalid() {
        byte[] raw = ReceiptMails.dsn("7D", KEY, List.of());

        assertThat(reader.read(raw)).singleElement().satisfies(r -> assertThat(r.invalidReason()).contains("names no recipient"));
    }

    @Test
    void withATrustStoreASignedNotificationVerifiesAndAnUnsignedOrForeignOneDoesNot() {
        TestPki.Issued bureau = BUREAU_CA.issue(TestPki.Spec.organisation("987654321098", NOW).subject("CN=mail.bureau.kz"));
        TestPki.Issued stranger = TestPki.create("Stranger CA", NOW.minusSeconds(86_400), java.time.Duration.ofDays(365)).issue(TestPki.Spec.organisation("987654321098", NOW).subject("CN=mail.bureau.kz"));
        MailReceiptReader checking = new MailReceiptReader(1_000_000, new SmimeVerifier(List.of(BUREAU_CA.ca())));
        String original = ReceiptMails.messageId(KEY);

        IncomingReceipt signed = checking.read(ReceiptMails.signedMdn("s-1", original, "displayed", bureau)).get(0);
        IncomingReceipt unsigned = checking.read(ReceiptMails.mdn("s-2", original, "displayed")).get(0);
        IncomingReceipt foreign = checking.read(ReceiptMails.signedMdn("s-3", original, "displayed", stranger)).get(0);
        byte[] tampered = ReceiptMails.signedMdn("s-4", original, "displayed", bureau);
        String text = new String(tampered, java.nio.charset.StandardCharsets.UTF_8).replace("; displayed", "; deleted  ");
        IncomingReceipt changed = checking.read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).get(0);

        assertThat(signed.verification()).isEqualTo(Verification.VERIFIED);
        assertThat(signed.kind()).isEqualTo(ReceiptKind.MDN);
        assertThat(signed.reference()).isEqualTo(KEY);
        assertThat(signed.status()).isEqualTo("displayed");
        assertThat(unsigned.verification()).isEqualTo(Verification.UNSIGNED);
        assertThat(foreign.verification()).isEqualTo(Verification.INVALID);
        assertThat(changed.status()).isEqualTo("deleted");
        assertThat(changed.verification()).isEqualTo(Verification.INVALID);
        // without a trust store a signed one is read all the same
        assertThat(reader.read(ReceiptMails.signedMdn("s-5", original, "displayed", bureau)).get(0).verification())
                .isEqualTo(Verification.NOT_CHECKED);
    }

    @Test
    void aSizeLimitBelowOneIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MailReceiptReader(0, null))
                .hasMessageContaining("accepted: 1 or more");
        assertThat(Arrays.asList(MailReceiptReader.address("rfc822; stat@bureau.kz"), MailReceiptReader.address("A <a@b.kz>")))
                .containsExactly("stat@bureau.kz", "a@b.kz");
    }
}
