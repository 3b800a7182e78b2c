package kz.labour.reporting.delivery;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import kz.labour.reporting.form.Organisation;

/**
 * The message on the wire for a composed {@link BureauMail}: From (MAIL_FROM, shown as the
 * organisation's name), To (MAIL_TO), Reply-To (ORG_EMAIL, the people who answer), a request for a
 * disposition notification to MAIL_FROM, the subject, the text and the files, then signed by
 * {@code signer} (S/MIME with the organisation's key, or unchanged when none is configured), as a
 * {@link BureauMessage} that asks the relays for delivery status notifications. camel-mail sends a message body as it is, so everything the bureau receives is
 * decided here. Every part is base64: a relay must not re-encode what is signed.
 */
public final class MimeMail {

    private final String from;
    private final List<String> to;
    private final Organisation org;
    private final Clock clock;
    private final UnaryOperator<MimeMessage> signer;

    /**
     * @param signer the S/MIME signature ({@code Signing::sign}), or {@code UnaryOperator.identity()} to send unsigned
     */
    public MimeMail(String from, List<String> to, Organisation org, Clock clock, UnaryOperator<MimeMessage> signer) {
        this.from = from;
        this.to = List.copyOf(to);
        this.org = org;
        this.clock = clock;
        this.signer = signer;
    }

    /** The message for {@code mail}, ready to send, with a Message-ID of its own and no envelope id. */
    public MimeMessage message(BureauMail mail) {
        return message(mail, null);
    }

    /**
     * The message for {@code mail}, ready to send. {@code key} names this delivery of this version (the
     * same again after a crash, another for a resend): the Message-ID is made from it and the sender's
     * domain, so a message sent twice because the ledger missed the relay's acceptance carries the same
     * ID and the bureau's mail system can drop the repeat. It is also the envelope id (ENVID) that
     * every DSN for this message carries back.
     */
    public MimeMessage message(BureauMail mail, String key) {
        try {
            if (to.isEmpty()) {
                throw new kz.labour.reporting.BadInputException("MAIL_TO", "no address; accepted: the bureau's addresses, comma-separated");
            }
            MimeMessage message = new MimeMessage((Session) null);
            message.setFrom(address("MAIL_FROM", from, org.name()));
            message.setRecipients(MimeMessage.RecipientType.TO,
                    to.stream().map(a -> address("MAIL_TO", a, null)).toArray(InternetAddress[]::new));
            if (org.email() != null && !org.email().isBlank()) {
                message.setReplyTo(new InternetAddress[] {address("ORG_EMAIL", org.email(), org.executor())});
            }
            // RFC 8098: the bureau's mail program may answer with a disposition notification (an MDN) to
            // this address. It is the envelope sender too, so a program need not ask its reader
            // whether to answer an address other than the Return-Path; the receipts mailbox reads it.
            message.setHeader("Disposition-Notification-To", address("MAIL_FROM", from, null).getAddress());
            message.setSubject(mail.subject(), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.body(), "UTF-8", "plain");
            text.setHeader("Content-Transfer-Encoding", "base64");
            mixed.addBodyPart(text);
            for (BureauMail.Attachment a : mail.attachments()) {
                MimeBodyPart file = new MimeBodyPart();
                file.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.contentType())));
                file.setFileName(a.name());
                file.setDisposition(Part.ATTACHMENT);
                file.setHeader("Content-Transfer-Encoding", "base64");
                mixed.addBodyPart(file);
            }
            message.setContent(mixed);
            message.saveChanges();
            // with the envelope that asks for delivery status notifications (DSN) under the delivery's key
            MimeMessage sent = BureauMessage.of(signer.apply(message), key);
            if (key != null) {
                // a top-level header, outside what the S/MIME signature covers; camel-mail keeps a set Message-ID
                sent.setHeader("Message-ID", messageId(key, from));
            }
            return sent;
        } catch (MessagingException e) {
            throw new IllegalStateException("the message for «" + mail.subject() + "» cannot be put together: " + e.getMessage(), e);
        }
    }

    /** {@code <key@domain of MAIL_FROM>}: only letters, digits and {@code . - _} of the key are kept. */
    static String messageId(String key, String from) {
        String domain = from.substring(from.lastIndexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "");
        return "<" + key.replaceAll("[^A-Za-z0-9._-]", "_") + "@" + (domain.isEmpty() ? "labour-reporting.invalid" : domain) + ">";
    }

    private static InternetAddress address(String setting, String address, String personal) {
        try {
            InternetAddress parsed = new InternetAddress(address.strip(), true);
            if (personal != null && !personal.isBlank()) {
                parsed.setPersonal(personal.strip(), "UTF-8");
            }
            return parsed;
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new kz.labour.reporting.BadInputException(setting, "'" + address + "' is not an e-mail address: " + e.getMessage());
        }
    }
}
