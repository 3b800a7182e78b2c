package kz.labour.reporting.receipts;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The bureau's acknowledgement file, {@code {stem}.ack.json} (docs/interfaces.md, "Receipts"): which
 * version ({@code file}, its stem), the SHA-256 of the manifest it acknowledges, the status, the
 * bureau's receipt id and time, and its messages.
 */
@JsonPropertyOrder({"file", "manifestSha256", "status", "receiptId", "receivedAt", "messages"})
record AckFile(String file, String manifestSha256, String status, String receiptId, OffsetDateTime receivedAt,
               List<ReceiptMessage> messages) {
}
