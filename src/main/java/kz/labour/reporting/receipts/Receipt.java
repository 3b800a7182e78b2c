package kz.labour.reporting.receipts;

import java.time.OffsetDateTime;
import java.util.List;

/** One recorded receipt of a version, as {@code status --period P --form F} lists it. */
public record Receipt(long id, ReceiptKind kind, String channel, String recipient, String status, String detail,
                      ReceiptOutcome outcome, String reason, Verification verification, String receiptId,
                      OffsetDateTime bureauAt, OffsetDateTime recordedAt, String rawPath, Integer delivery,
                      List<ReceiptMessage> messages) {

    public Receipt {
        messages = List.copyOf(messages);
    }
}
