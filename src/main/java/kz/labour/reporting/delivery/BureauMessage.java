package kz.labour.reporting.delivery;

import java.util.Enumeration;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A bureau e-mail as handed to the relay: it asks for a delivery status notification of success and
 * of failure, with the headers only (RFC 3461 {@code NOTIFY=SUCCESS,FAILURE}, {@code RET=HDRS}), under
 * the envelope id of its delivery ({@code ENVID}, the delivery key). Angus Mail writes NOTIFY and RET
 * itself when the relay announces DSN; the envelope id and each recipient's ORCPT are added by
 * {@link DsnTransport}, also only then: a relay without DSN would refuse the parameters.
 */
public final class BureauMessage extends SMTPMessage {

    private final String envelopeId;

    private BureauMessage(String envelopeId) {
        super((Session) null);
        this.envelopeId = envelopeId;
        setNotifyOptions(NOTIFY_SUCCESS | NOTIFY_FAILURE);
        setReturnOption(RETURN_HDRS);
    }

    /**
     * {@code message} (as composed and signed) with its receipt request: the same headers and the same
     * content object, so a signature stays as it was made.
     */
    static BureauMessage of(MimeMessage message, String envelopeId) throws MessagingException {
        BureauMessage copy = new BureauMessage(envelopeId);
        for (Enumeration<Header> h = message.getAllHeaders(); h.hasMoreElements(); ) {
            Header header = h.nextElement();
            if (!header.getName().equalsIgnoreCase("Content-Type")) {
                copy.addHeader(header.getName(), header.getValue());
            }
        }
        try {
            copy.setContent(message.getContent(), message.getContentType());
        } catch (java.io.IOException e) {
            throw new MessagingException("the message's content cannot be read back: " + e.getMessage(), e);
        }
        copy.saveChanges(); // as the original was: what is written out later keeps a Message-ID set now
        return copy;
    }

    /** The DSN's ENVID: the delivery key; null when the message names no delivery. */
    public String envelopeId() {
        return envelopeId;
    }
}
