package kz.labour.reporting.receipts;

import java.time.OffsetDateTime;
import java.util.List;

import kz.labour.reporting.ledger.Channel;

/**
 * One receipt as read from its source (an acknowledgement file, or one recipient's part of a mail
 * report), before it is matched to the ledger. Readers fill what their kind carries and leave the
 * rest null; an unreadable one still arrives here, with {@code invalidReason} set and its raw bytes,
 * so nothing is lost.
 *
 * @param sourceKey      the same for the same receipt however often and by whichever instance it is
 *                       read: ACK {@code "sftp:" + file name + ":" + SHA-256 of the bytes}; mail
 *                       {@code "imap:" + Message-ID} (SHA-256 of the bytes when it has none), plus
 *                       {@code "#" + recipient} for each recipient of a DSN
 * @param rawName        the name its raw bytes are kept under in the outbox
 * @param reference      what it names of ours: ACK the stem ({@code 2-OZh_2025-06_V0001_N}); mail the
 *                       delivery key ({@link DeliveryKey}) from ENVID, the original Message-ID or
 *                       In-Reply-To/References; null when it names nothing
 * @param status         ACK {@code RECEIVED|ACCEPTED|ACCEPTED_WITH_WARNINGS|REJECTED}; DSN action
 *                       {@code delivered|failed|delayed|relayed|expanded}; MDN disposition type
 *                       {@code displayed|processed|deleted|dispatched}; REPLY null
 * @param detail         DSN status code and diagnostic; MDN disposition line; REPLY subject
 * @param receivedAt     the bureau's time (ACK) or the message's Date
 * @param manifestSha256 ACK only: the manifest SHA-256 it acknowledges
 * @param invalidReason  non-null when unreadable: recorded {@link ReceiptOutcome#INVALID} with it
 */
public record IncomingReceipt(ReceiptKind kind, Channel channel, String sourceKey, String rawName, byte[] raw,
        String reference, String recipient, String status, String detail, String receiptId, OffsetDateTime receivedAt,
        String manifestSha256, List<ReceiptMessage> messages, Verification verification, String invalidReason) {

    public IncomingReceipt {
        messages = messages == null ? List.of() : List.copyOf(messages);
        verification = verification == null ? Verification.NOT_CHECKED : verification;
    }
}
