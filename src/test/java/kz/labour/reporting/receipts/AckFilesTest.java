package kz.labour.reporting.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.form.Sha256;
import kz.labour.reporting.ledger.Channel;

/** An acknowledgement file's bytes as a receipt, and the receipts' settings as read from their text. */
class AckFilesTest {

    static final String STEM = "2-OZh_2025-06_V0001_N";
    static final String NAME = STEM + ".ack.json";
    static final String SHA = "5f1c" + "0".repeat(60);

    static IncomingReceipt parse(String json) {
        return AckFiles.parse(NAME, json.getBytes(StandardCharsets.UTF_8), false, Verification.NOT_CHECKED);
    }

    @Test
    void theFixedFormatBecomesAnAcknowledgementNamingItsStem() {
        String json = """
                {"file": "%s", "manifestSha256": "%s", "status": "ACCEPTED_WITH_WARNINGS", "receiptId": "NSB-2025-000123",
                 "receivedAt": "2025-07-01T09:12:44+05:00", "extra": "ignored",
                 "messages": [{"rule": "K-17", "severity": "WARN", "text": "check", "kato": "550000000", "column": 8}]}
                """.formatted(STEM, SHA);
        IncomingReceipt r = parse(json);
        assertThat(r.invalidReason()).isNull();
        assertThat(r.kind()).isEqualTo(ReceiptKind.ACK);
        assertThat(r.channel()).isEqualTo(Channel.SFTP);
        assertThat(r.reference()).isEqualTo(STEM);
        assertThat(r.status()).isEqualTo("ACCEPTED_WITH_WARNINGS");
        assertThat(r.receiptId()).isEqualTo("NSB-2025-000123");
        assertThat(r.receivedAt()).isEqualTo(OffsetDateTime.parse("2025-07-01T09:12:44+05:00"));
        assertThat(r.receivedAt().getOffset().getTotalSeconds()).as("the bureau's own offset kept").isEqualTo(5 * 3600);
        assertThat(r.manifestSha256()).isEqualTo(SHA);
        assertThat(r.messages()).containsExactly(new ReceiptMessage("K-17", "WARN", "check", "550000000", 8));
        assertThat(r.sourceKey()).isEqualTo("sftp:" + NAME + ":" + Sha256.hex(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.rawName()).isEqualTo(NAME);
    }

    @Test
    void whatIsNotAnAcknowledgementIsInvalidWithTheReason() {
        assertThat(parse("{\"file\": ").invalidReason()).startsWith("not an acknowledgement: ");
        assertThat(parse("[]").invalidReason()).startsWith("not an acknowledgement: ");
        assertThat(parse("{\"file\": \"" + STEM + "\", \"status\": \"ACCEPTED\"}").invalidReason())
                .isEqualTo("not an acknowledgement: 'manifestSha256' is missing");
        assertThat(parse("{\"file\": \"2-OZh_2025-06_V0002_R\", \"manifestSha256\": \"" + SHA + "\", \"status\": \"ACCEPTED\"}")
                .invalidReason()).isEqualTo("names the file '2-OZh_2025-06_V0002_R' but is called " + NAME);
        assertThat(parse("{\"file\": \"" + STEM + "\", \"manifestSha256\": \"abc\", \"status\": \"ACCEPTED\"}").invalidReason())
                .isEqualTo("manifestSha256 'abc' is not 64 hex digits");
        IncomingReceipt oversized = AckFiles.parse(NAME, new byte[2048], true, Verification.NOT_CHECKED);
        assertThat(oversized.invalidReason()).startsWith("larger than RECEIPTS_MAX_BYTES (2048 bytes kept)");
        assertThat(oversized.reference()).isEqualTo(STEM);
    }

    @Test
    void readingStopsOneByteAfterTheLimit() throws Exception {
        assertThat(AckFiles.readAtMost(new ByteArrayInputStream(new byte[10_000]), 1024)).hasSize(1025);
        assertThat(AckFiles.readAtMost(new ByteArrayInputStream(new byte[100]), 1024)).hasSize(100);
    }

    @Test
    void settingsAreReadStrictlyAndRefusedByName() {
        ReceiptsSettings defaults = new ReceiptsSettings(null, "P2D", "", null, "1048576");
        assertThat(defaults.ackWithin()).isEqualTo(Duration.ofDays(2));
        assertThat(defaults.readsAcknowledgementFiles()).isFalse();
        assertThat(defaults.verifies()).isFalse();
        assertThat(new ReceiptsSettings(new ReceiptsSettings.Sftp(" acks ", "60000"), "PT36H", null, null, "2048").sftp().directory())
                .isEqualTo("acks");
        assertThatThrownBy(() -> new ReceiptsSettings(null, "2 days", null, null, "1048576"))
                .isInstanceOf(BadInputException.class).hasMessage("RECEIPTS_ACK_WITHIN: '2 days' is not a positive ISO-8601 "
                        + "duration; accepted: such as P2D (two days), PT36H (36 hours), P1DT12H");
        assertThatThrownBy(() -> new ReceiptsSettings(null, "PT0S", null, null, "1048576"))
                .hasMessageStartingWith("RECEIPTS_ACK_WITHIN: 'PT0S'");
        assertThatThrownBy(() -> new ReceiptsSettings(null, "P2D", null, null, "1MB"))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("RECEIPTS_MAX_BYTES: '1MB' is not a size");
        assertThatThrownBy(() -> new ReceiptsSettings.Sftp("acks", "soon"))
                .hasMessageStartingWith("receipts.sftp.poll-delay: 'soon'");
    }

    @Test
    void theTrustStorePasswordIsNeverPrinted() {
        assertThat(new ReceiptsSettings(null, "P2D", "/etc/ca.p12", "s3cret", "1048576").toString()).doesNotContain("s3cret");
    }
}
