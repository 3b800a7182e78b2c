package kz.labour.reporting.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Reads a received message back the way a mail client would: decoded subject, text, attachments, and
 * whether it came S/MIME-signed (multipart/signed, whose first part is the message's content).
 */
record MailMessages(String subject, String from, List<String> to, String text, List<Received> attachments, boolean signed) {

    record Received(String name, String contentType, byte[] content) {
    }

    static MailMessages read(MimeMessage message) {
        try {
            List<String> to = new ArrayList<>();
            for (var address : message.getRecipients(MimeMessage.RecipientType.TO)) {
                to.add(((InternetAddress) address).getAddress());
            }
            String text = null;
            List<Received> attachments = new ArrayList<>();
            Object content = message.getContent();
            boolean signed = content instanceof Multipart m && m.getContentType().toLowerCase().startsWith("multipart/signed");
            if (signed) {
                content = ((Multipart) content).getBodyPart(0).getContent();
            }
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart part = multipart.getBodyPart(i);
                    if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                        attachments.add(new Received(part.getFileName(), part.getContentType(),
                                part.getInputStream().readAllBytes()));
                    } else {
                        text = (String) part.getContent();
                    }
                }
            } else {
                text = (String) content;
            }
            return new MailMessages(message.getSubject(), ((InternetAddress) message.getFrom()[0]).getAddress(), to, text,
                    attachments, signed);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
