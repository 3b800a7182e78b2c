package kz.labour.reporting.receipts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import kz.labour.reporting.form.Sha256;
import kz.labour.reporting.ledger.Channel;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.DispositionNotification;
import org.eclipse.angus.mail.dsn.MultipartReport;

/**
 * One message from the receipts mailbox, read into receipts (plain Java, no Camel, no server): a
 * delivery status notification (RFC 3464, {@code multipart/report; report-type=delivery-status}) gives
 * one receipt per recipient with its action, status code and diagnostic; a disposition notification
 * (RFC 8098, {@code report-type=disposition-notification}) one with its disposition type; any other
 * message one REPLY, which names our e-mail by In-Reply-To or References. Each names the delivery it
 * answers by the delivery key ({@link DeliveryKey}): a DSN by its ENVID ({@code Original-Envelope-Id}),
 * else by the Message-ID of the returned headers; an MDN by its {@code Original-Message-ID}.
 *
 * <p>The MIME structure is Angus Mail's ({@code org.eclipse.angus:dsn}). Nothing is lost: a message
 * over the size limit is not parsed, and one that cannot be read is a receipt with
 * {@code invalidReason}, its raw bytes kept either way.
 *
 * <p>With a trust store ({@link SmimeVerifier}), an MDN must be S/MIME-signed by a certificate that
 * chains to it: VERIFIED, else UNSIGNED or INVALID. DSNs come from mail servers, which do not sign,
 * and replies from people: NOT_CHECKED.
 */
public final class MailReceiptReader {

    private static final Session SESSION = Session.getInstance(new Properties());

    private final long maxBytes;
    private final SmimeVerifier verifier;

    /**
     * @param maxBytes the largest message read; a larger one is recorded invalid unread
     * @param verifier the bureau's trust store, or null when none is configured
     */
    public MailReceiptReader(long maxBytes, SmimeVerifier verifier) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("a size limit of " + maxBytes + " bytes reads nothing; accepted: 1 or more");
        }
        this.maxBytes = maxBytes;
        this.verifier = verifier;
    }

    /**
     * The receipts in a message of the mailbox, read whole from the server. Fails only when the
     * server cannot give it (the message stays in the inbox for the next look).
     */
    public List<IncomingReceipt> read(Part message) throws MessagingException, IOException {
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        message.writeTo(raw);
        return read(raw.toByteArray());
    }

    /** The receipts in {@code raw} (a whole message as the mailbox holds it): at least one, invalid ones included. */
    public List<IncomingReceipt> read(byte[] raw) {
        Envelope envelope = Envelope.of(raw);
        if (raw.length > maxBytes) {
            return List.of(envelope.invalid(raw, "the message has " + raw.length + " bytes, over the limit of " + maxBytes
                    + " (receipts.imap.max-bytes)"));
        }
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            Verification verification = Verification.NOT_CHECKED;
            Part body = message;
            if (message.isMimeType("multipart/signed")) {
                MimeMultipart signed = (MimeMultipart) message.getContent();
                verification = verifier == null ? Verification.NOT_CHECKED : verifier.verify(signed);
                body = signed.getBodyPart(0);
            } else if (verifier != null) {
                verification = Verification.UNSIGNED;
            }
            if (body.isMimeType("multipart/report")) {
                String type = new ContentType(body.getContentType()).getParameter("report-type");
                MultipartReport report = new MultipartReport(body.getDataHandler().getDataSource());
                if ("delivery-status".equalsIgnoreCase(type)) {
                    return deliveryStatus(envelope, raw, message, report);
                }
                if ("disposition-notification".equalsIgnoreCase(type)) {
                    return List.of(disposition(envelope, raw, message, report, verification));
                }
            }
            return List.of(reply(envelope, raw, message));
        } catch (MessagingException | IOException | RuntimeException e) {
            return List.of(envelope.invalid(raw, "the message cannot be read as MIME: " + e.getMessage()));
        }
    }

    /** One receipt per recipient of the report. */
    private List<IncomingReceipt> deliveryStatus(Envelope envelope, byte[] raw, MimeMessage message, MultipartReport report)
            throws MessagingException {
        if (!(report.getReport() instanceof DeliveryStatus status)) {
            return List.of(envelope.invalid(raw, "a delivery-status report without a message/delivery-status part"));
        }
        if (status.getRecipientDSNCount() == 0) {
            return List.of(envelope.invalid(raw, "a delivery-status report that names no recipient"));
        }
        String envid = field(status.getMessageDSN(), "Original-Envelope-Id");
        String reference = DeliveryKey.find(envid).or(() -> returnedMessageId(report)).map(DeliveryKey::toString).orElse(null);
        List<IncomingReceipt> receipts = new ArrayList<>();
        for (int i = 0; i < status.getRecipientDSNCount(); i++) {
            InternetHeaders recipient = status.getRecipientDSN(i);
            String address = address(Optional.ofNullable(field(recipient, "Original-Recipient"))
                    .orElse(field(recipient, "Final-Recipient")));
            String action = field(recipient, "Action");
            if (address == null || action == null) {
                receipts.add(envelope.invalid(raw, "#" + (i + 1), "recipient " + (i + 1) + " of the delivery-status report lacks "
                        + (address == null ? "Final-Recipient" : "Action")));
                continue;
            }
            String detail = Stream.of(field(recipient, "Status"), field(recipient, "Diagnostic-Code"))
                    .filter(s -> s != null && !s.isBlank()).reduce((a, b) -> a + " " + b).orElse(null);
            receipts.add(new IncomingReceipt(ReceiptKind.DSN, Channel.MAIL, envelope.sourceKey() + "#" + address,
                    envelope.rawName(), raw, reference, address, action.toLowerCase(Locale.ROOT), detail, envelope.messageId,
                    date(message), null, null, Verification.NOT_CHECKED, null));
        }
        return receipts;
    }

    private IncomingReceipt disposition(Envelope envelope, byte[] raw, MimeMessage message, MultipartReport report,
            Verification verification) throws MessagingException {
        if (!(report.getReport() instanceof DispositionNotification notification)) {
            return envelope.invalid(raw, "a disposition-notification report without a message/disposition-notification part");
        }
        InternetHeaders fields = notification.getNotifications();
        String disposition = field(fields, "Disposition");
        if (disposition == null || disposition.indexOf(';') < 0) {
            return envelope.invalid(raw, "a disposition notification without a Disposition field ('action/sending; type')");
        }
        // "manual-action/MDN-sent-manually; displayed/error": the type, without modifiers
        String type = disposition.substring(disposition.indexOf(';') + 1).strip().split("[/\\s]", 2)[0].toLowerCase(Locale.ROOT);
        String reference = DeliveryKey.find(field(fields, "Original-Message-ID"))
                .or(() -> DeliveryKey.find(header(message, "In-Reply-To")))
                .or(() -> returnedMessageId(report)).map(DeliveryKey::toString).orElse(null);
        String recipient = address(Optional.ofNullable(field(fields, "Original-Recipient")).orElse(field(fields, "Final-Recipient")));
        return new IncomingReceipt(ReceiptKind.MDN, Channel.MAIL, envelope.sourceKey(), envelope.rawName(), raw, reference,
                recipient, type, disposition, envelope.messageId, date(message), null, null, verification, null);
    }

    /** Anything else: a person's answer, naming our message by In-Reply-To or References (or nothing of ours). */
    private IncomingReceipt reply(Envelope envelope, byte[] raw, MimeMessage message) throws MessagingException {
        String reference = DeliveryKey.find(header(message, "In-Reply-To")).or(() -> DeliveryKey.find(header(message, "References")))
                .map(DeliveryKey::toString).orElse(null);
        return new IncomingReceipt(ReceiptKind.REPLY, Channel.MAIL, envelope.sourceKey(), envelope.rawName(), raw, reference,
                address(header(message, "From")), null, message.getSubject(), envelope.messageId, date(message), null, null,
                Verification.NOT_CHECKED, null);
    }

    /** The delivery key in the Message-ID of the returned message or headers (RET=HDRS gives text/rfc822-headers). */
    private static Optional<DeliveryKey> returnedMessageId(MultipartReport report) {
        try {
            MimeMessage returned = report.getReturnedMessage();
            return returned == null ? Optional.empty() : DeliveryKey.find(returned.getHeader("Message-ID", null));
        } catch (MessagingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String field(InternetHeaders headers, String name) {
        String value = headers == null ? null : headers.getHeader(name, null);
        return value == null ? null : value.replaceAll("\\s*\\r?\\n\\s*", " ").strip();
    }

    private static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, " ");
        } catch (MessagingException e) {
            return null;
        }
    }

    /** "rfc822; stat@bureau.kz" (a report's address field) or "Name <a@b>" (From) → "stat@bureau.kz". */
    static String address(String field) {
        if (field == null || field.isBlank()) {
            return null;
        }
        String value = field.contains(";") ? field.substring(field.indexOf(';') + 1) : field;
        int open = value.lastIndexOf('<');
        int close = value.lastIndexOf('>');
        if (open >= 0 && close > open) {
            value = value.substring(open + 1, close);
        }
        return value.strip();
    }

    private static OffsetDateTime date(MimeMessage message) throws MessagingException {
        Date sent = message.getSentDate();
        return sent == null ? null : sent.toInstant().atOffset(ZoneOffset.UTC);
    }

    /**
     * What is known of a message before (or without) parsing its body: its headers, if they can be
     * read, for the key it is recorded under and the kind it claims to be.
     */
    private record Envelope(String messageId, String sha256, String contentType) {

        static Envelope of(byte[] raw) {
            String sha256 = Sha256.hex(raw);
            try {
                InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(raw));
                String id = headers.getHeader("Message-ID", null);
                return new Envelope(id == null || id.isBlank() ? null : id.strip(), sha256, headers.getHeader("Content-Type", null));
            } catch (MessagingException | RuntimeException e) {
                return new Envelope(null, sha256, null);
            }
        }

        /** The same message read again, by this or another instance, has the same key. */
        String sourceKey() {
            return "imap:" + (messageId != null ? messageId : sha256);
        }

        String rawName() {
            return sha256 + ".eml";
        }

        /** The kind the headers claim: what the set-aside message is listed as. */
        ReceiptKind claimedKind() {
            try {
                ContentType type = contentType == null ? null : new ContentType(contentType);
                String report = type == null || !type.match("multipart/report") ? null : type.getParameter("report-type");
                if ("delivery-status".equalsIgnoreCase(report)) {
                    return ReceiptKind.DSN;
                }
                if ("disposition-notification".equalsIgnoreCase(report)) {
                    return ReceiptKind.MDN;
                }
            } catch (ParseException e) {
                // a Content-Type that does not parse claims nothing
            }
            return ReceiptKind.REPLY;
        }

        IncomingReceipt invalid(byte[] raw, String reason) {
            return invalid(raw, "", reason);
        }

        /** {@code part}: which part of the message is unreadable, when others were read. */
        IncomingReceipt invalid(byte[] raw, String part, String reason) {
            return new IncomingReceipt(claimedKind(), Channel.MAIL, sourceKey() + part, rawName(), raw,
                    null, null, null, null, messageId, null, null, null, Verification.NOT_CHECKED, reason);
        }
    }
}
