package kz.labour.reporting.delivery;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * JavaMail's SMTP transport, adding to a {@link BureauMessage}'s envelope what Angus Mail has no
 * setting for, and only when the relay announces DSN (RFC 3461): {@code ENVID=} the delivery key on
 * MAIL FROM, so every DSN names the delivery, and {@code ORCPT=rfc822;address} on each RCPT TO, the
 * address as we wrote it, which the delivering server hands on as the message's Original-Recipient
 * (RFC 8098 section 2.3: the sender supplies it through ORCPT; it never writes that header itself).
 * Angus Mail itself writes {@code RET=} and {@code NOTIFY=} from the message. Other messages (the
 * operators' alerts) go as they are.
 *
 * <p>Every mail session of the service uses it ({@code mail.smtp.class}, {@link DeliveryConfiguration#smtpProperties});
 * it is registered in {@code META-INF/jakarta.providers} under a protocol name of its own.
 */
public class DsnTransport extends SMTPTransport {

    /** The message being sent: the commands are written while {@code sendMessage} runs, on its thread. */
    private Message sending;

    public DsnTransport(Session session, URLName urlname) {
        super(session, urlname);
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException, SendFailedException {
        sending = message;
        try {
            super.sendMessage(message, addresses);
        } finally {
            sending = null;
        }
    }

    @Override
    protected void sendCommand(String cmd) throws MessagingException {
        super.sendCommand(sending instanceof BureauMessage bureau && supportsExtension("DSN") ? withDsn(cmd, bureau.envelopeId()) : cmd);
    }

    /** {@code cmd} with the envelope's DSN parameters: ENVID on MAIL FROM, ORCPT on RCPT TO; any other command unchanged. */
    static String withDsn(String cmd, String envelopeId) {
        if (cmd.regionMatches(true, 0, "MAIL FROM:", 0, 10) && envelopeId != null) {
            return cmd + " ENVID=" + asXtext(envelopeId);
        }
        if (cmd.regionMatches(true, 0, "RCPT TO:", 0, 8)) {
            int open = cmd.indexOf('<');
            int close = cmd.indexOf('>', open + 1);
            if (open > 0 && close > open + 1) {
                return cmd + " ORCPT=rfc822;" + asXtext(cmd.substring(open + 1, close));
            }
        }
        return cmd;
    }

    /** RFC 3461 section 4: printable US-ASCII but '+' and '=' as is, everything else as {@code +HH}. */
    static String asXtext(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 33 && c <= 126 && c != '+' && c != '=') {
                out.append((char) c);
            } else {
                out.append('+').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
