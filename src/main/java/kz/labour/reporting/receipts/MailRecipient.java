package kz.labour.reporting.receipts;

import java.time.OffsetDateTime;

/** One mail recipient of one delivery of a version, as the DSNs left it: DELIVERED or FAILED. */
public record MailRecipient(int delivery, String recipient, String status, String detail, OffsetDateTime at) {
}
