package kz.labour.reporting.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.attachment.DefaultAttachment;
import org.springframework.stereotype.Component;

import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * Puts a composed mail's files on the Camel message as attachments (the YAML DSL has no step for
 * that). Each keeps its own name and content type; camel-mail encodes the names.
 */
@Component("mailAttachments")
class MailAttachments {

    public void attach(@ExchangeProperty("mail") BureauMail mail, Exchange exchange) {
        AttachmentMessage message = exchange.getMessage(AttachmentMessage.class);
        for (BureauMail.Attachment a : mail.attachments()) {
            ByteArrayDataSource source = new ByteArrayDataSource(a.content(), a.contentType());
            source.setName(a.name());
            DefaultAttachment attachment = new DefaultAttachment(new DataHandler(source));
            attachment.setHeader("Content-Type", a.contentType());
            message.addAttachmentObject(a.name(), attachment);
        }
    }
}
