package kz.labour.reporting.receipts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.mail.smime.SMIMESignedGenerator;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import kz.labour.reporting.support.TestPki;

/**
 * Receipts as they arrive in the pipeline's mailbox, shaped after what real programs write: Postfix's
 * delivery reports (success and failure, RET=HDRS so the returned part is text/rfc822-headers),
 * a mail program's disposition notification (RFC 8098), a person's reply. Line ends are CRLF, as on
 * the wire.
 */
public final class ReceiptMails {

    public static final String FROM = "reports@inspection.kz";

    private ReceiptMails() {
    }

    /** Our Message-ID for a delivery key. */
    public static String messageId(String key) {
        return "<" + key + "@inspection.kz>";
    }

    /** A recipient's part of a DSN: address, action, status, diagnostic. */
    public record Rcpt(String address, String action, String status, String diagnostic) {

        public static Rcpt delivered(String address) {
            return new Rcpt(address, "delivered", "2.0.0", "smtp; 250 2.0.0 Ok: queued as 4B1C2D3E4F");
        }

        public static Rcpt failed(String address) {
            return new Rcpt(address, "failed", "5.1.1", "X-Postfix; unknown user: \"" + address.substring(0, address.indexOf('@')) + "\"");
        }
    }

    /** Postfix's report for the message of {@code key} (ENVID and returned headers), {@code id} its own queue id. */
    public static byte[] dsn(String id, String envid, String returnedMessageId, List<Rcpt> recipients) {
        boolean failed = recipients.stream().anyMatch(r -> r.action().equals("failed"));
        StringBuilder perRecipient = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (Rcpt r : recipients) {
            perRecipient.append("\nFinal-Recipient: rfc822; ").append(r.address())
                    .append("\nOriginal-Recipient: rfc822;").append(r.address())
                    .append("\nAction: ").append(r.action())
                    .append("\nStatus: ").append(r.status())
                    .append("\nDiagnostic-Code: ").append(r.diagnostic()).append("\n");
            text.append("<").append(r.address()).append(">: ").append(r.diagnostic()).append("\n\n");
        }
        String boundary = id + ".1751331605/mail.inspection.kz";
        String mail = """
                Return-Path: <>
                X-Original-To: reports@inspection.kz
                Delivered-To: reports@inspection.kz
                Date: Tue,  1 Jul 2025 06:00:05 +0500 (+05)
                From: MAILER-DAEMON@mail.inspection.kz (Mail Delivery System)
                Subject: %s
                To: reports@inspection.kz
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status;
                \tboundary="%s"
                Content-Transfer-Encoding: 8bit
                Message-Id: <20250701010005.%s@mail.inspection.kz>

                This is a MIME-encapsulated message.

                --%s
                Content-Description: Notification
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                This is the mail system at host mail.inspection.kz.

                %s

                %s
                --%s
                Content-Description: Delivery report
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mail.inspection.kz
                %sX-Postfix-Queue-ID: %s
                X-Postfix-Sender: rfc822; reports@inspection.kz
                Arrival-Date: Tue,  1 Jul 2025 06:00:04 +0500 (+05)
                %s
                --%s
                Content-Description: Message Headers
                Content-Type: text/rfc822-headers
                Content-Transfer-Encoding: 8bit

                Return-Path: <reports@inspection.kz>
                From: =?UTF-8?B?0KLQtdGB0YIg0LjQvdGB0L/QtdC60YbQuNGP0YHRiw==?= <reports@inspection.kz>
                To: stat@bureau.kz, archive@bureau.kz
                Disposition-Notification-To: reports@inspection.kz
                Subject: =?UTF-8?B?Mi3Tqdch?=
                %sMIME-Version: 1.0

                --%s--
                """.formatted(failed ? "Undelivered Mail Returned to Sender" : "Successful Mail Delivery Report", boundary, id,
                boundary,
                failed ? "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients."
                        : "Your message was successfully delivered to the destination(s)\nlisted below.",
                text, boundary, envid == null ? "" : "Original-Envelope-Id: " + envid + "\n", id, perRecipient, boundary,
                returnedMessageId == null ? "" : "Message-ID: " + returnedMessageId + "\n", boundary);
        return crlf(mail);
    }

    public static byte[] dsn(String id, String key, List<Rcpt> recipients) {
        return dsn(id, key, messageId(key), recipients);
    }

    /** A mail program's disposition notification: {@code disposition} e.g. "displayed", for our {@code originalMessageId}. */
    public static byte[] mdn(String id, String originalMessageId, String disposition) {
        return crlf(headersOfMdn(id) + mdnBody(originalMessageId, disposition));
    }

    private static String headersOfMdn(String id) {
        return """
                Date: Tue, 1 Jul 2025 09:30:00 +0500
                From: Статистика <stat@bureau.kz>
                To: reports@inspection.kz
                Subject: =?UTF-8?B?0J/RgNC+0YfQuNGC0LDQvdC+?=
                Message-ID: <%s@bureau.kz>
                MIME-Version: 1.0
                """.formatted(id);
    }

    private static String mdnBody(String originalMessageId, String disposition) {
        return """
                Content-Type: multipart/report; report-type=disposition-notification;
                \tboundary="------------mdn-boundary"

                This is a cryptographically unsigned message in MIME format.

                --------------mdn-boundary
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: 8bit

                Сообщение было открыто получателем.

                --------------mdn-boundary
                Content-Type: message/disposition-notification; name="MDNPart2.txt"
                Content-Disposition: inline
                Content-Transfer-Encoding: 7bit

                Reporting-UA: mail.bureau.kz; Thunderbird 128.5.0
                Original-Recipient: rfc822;stat@bureau.kz
                Final-Recipient: rfc822;stat@bureau.kz
                Original-Message-ID: %s
                Disposition: manual-action/MDN-sent-manually; %s

                --------------mdn-boundary
                Content-Type: text/rfc822-headers; name="MDNPart3.txt"
                Content-Disposition: inline

                From: reports@inspection.kz
                Message-ID: %s

                --------------mdn-boundary--
                """.formatted(originalMessageId, disposition, originalMessageId);
    }

    /** The same MDN, S/MIME-signed by {@code signer} (multipart/signed around the report). */
    public static byte[] signedMdn(String id, String originalMessageId, String disposition, TestPki.Issued signer) {
        try {
            Session session = Session.getInstance(new Properties());
            MimeMessage unsigned = new MimeMessage(session, new java.io.ByteArrayInputStream(mdn(id, originalMessageId, disposition)));
            MimeBodyPart report = new MimeBodyPart();
            report.setContent(unsigned.getContent(), unsigned.getContentType());
            report.setHeader("Content-Type", unsigned.getContentType());
            SMIMESignedGenerator generator = new SMIMESignedGenerator();
            generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withRSA", signer.privateKey(),
                    signer.certificate()));
            generator.addCertificates(new JcaCertStore(signer.chain()));
            MimeMultipart signed = generator.generate(report);
            MimeMessage message = new MimeMessage(session);
            for (String h : List.of("Date", "From", "To", "Subject", "Message-ID")) {
                message.setHeader(h, unsigned.getHeader(h, null));
            }
            message.setContent(signed, signed.getContentType());
            message.saveChanges();
            message.setHeader("Message-ID", unsigned.getMessageID());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A person's answer to our message {@code inReplyTo}. */
    public static byte[] reply(String id, String inReplyTo, String subject) {
        return crlf("""
                Date: Wed, 2 Jul 2025 11:05:00 +0500
                From: Айгүл Сәрсенова <a.sarsenova@bureau.kz>
                To: reports@inspection.kz
                Subject: %s
                Message-ID: <%s@bureau.kz>
                In-Reply-To: %s
                References: %s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: 8bit

                Добрый день! В строке Шымкента проверьте графу 4.
                """.formatted(encoded(subject), id, inReplyTo, inReplyTo));
    }

    private static String encoded(String subject) {
        try {
            return jakarta.mail.internet.MimeUtility.encodeText(subject, "UTF-8", "B");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A multipart message whose boundary never comes: not MIME that can be read. */
    public static byte[] malformed(String id) {
        return crlf("""
                Date: Wed, 2 Jul 2025 11:05:00 +0500
                From: MAILER-DAEMON@mail.inspection.kz
                To: reports@inspection.kz
                Subject: broken
                Message-ID: <%s@mail.inspection.kz>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status

                no boundary parameter, no parts
                """.formatted(id));
    }

    static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
