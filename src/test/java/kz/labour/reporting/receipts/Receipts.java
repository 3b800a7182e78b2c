package kz.labour.reporting.receipts;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import kz.labour.reporting.form.Sha256;
import kz.labour.reporting.ledger.Channel;

/** Receipts as the readers hand them to the book, for tests. */
final class Receipts {

    private Receipts() {
    }

    static IncomingReceipt ack(String stem, String status, String manifestSha256, OffsetDateTime at, Verification verification,
                               ReceiptMessage... messages) {
        byte[] raw = ("{\"file\":\"" + stem + "\",\"status\":\"" + status + "\",\"at\":\"" + at + "\"}").getBytes(StandardCharsets.UTF_8);
        return new IncomingReceipt(ReceiptKind.ACK, Channel.SFTP, "sftp:" + stem + ".ack.json:" + Sha256.hex(raw),
                stem + ".ack.json", raw, stem, null, status, null, "NSB-" + status, at, manifestSha256, List.of(messages),
                verification, null);
    }

    static IncomingReceipt invalidAck(String name, String content, String reason) {
        byte[] raw = content.getBytes(StandardCharsets.UTF_8);
        String stem = name.endsWith(".ack.json") ? name.substring(0, name.length() - ".ack.json".length()) : name;
        return new IncomingReceipt(ReceiptKind.ACK, Channel.SFTP, "sftp:" + name + ":" + Sha256.hex(raw), name, raw, stem,
                null, null, null, null, null, null, List.of(), Verification.NOT_CHECKED, reason);
    }

    static IncomingReceipt dsn(String deliveryKey, String recipient, String action, String detail, OffsetDateTime at) {
        byte[] raw = ("DSN " + deliveryKey + " " + recipient + " " + action).getBytes(StandardCharsets.UTF_8);
        return new IncomingReceipt(ReceiptKind.DSN, Channel.MAIL, "imap:<dsn-" + deliveryKey + "@mta>#" + recipient,
                "dsn.eml", raw, deliveryKey, recipient, action, detail, null, at, null, List.of(), null, null);
    }

    static IncomingReceipt mdn(String deliveryKey, OffsetDateTime at) {
        byte[] raw = ("MDN " + deliveryKey).getBytes(StandardCharsets.UTF_8);
        return new IncomingReceipt(ReceiptKind.MDN, Channel.MAIL, "imap:<mdn-" + deliveryKey + "@bureau>", "mdn.eml", raw,
                "<" + deliveryKey + "@labour.example>", null, "displayed", "manual-action/MDN-sent-manually; displayed", null,
                at, null, List.of(), null, null);
    }

    static IncomingReceipt reply(String deliveryKey, String subject, OffsetDateTime at) {
        byte[] raw = ("Subject: " + subject).getBytes(StandardCharsets.UTF_8);
        return new IncomingReceipt(ReceiptKind.REPLY, Channel.MAIL, "imap:<reply-" + subject.hashCode() + "@bureau>",
                "reply.eml", raw, "<" + deliveryKey + "@labour.example>", null, null, subject, null, at, null, List.of(),
                null, null);
    }
}
