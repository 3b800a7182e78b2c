package kz.labour.reporting.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;

/**
 * The service's SMTP transport ({@link DsnTransport}), except that with {@code mail.smtp.auth=true} (SMTP_USER set) it refuses
 * a relay that offers no login instead of sending unauthenticated: JavaMail logs in only "if the
 * server supports the AUTH extension" and otherwise sends without a word. The check runs after EHLO
 * and STARTTLS, when the relay has said what it offers, and before any message is handed over.
 *
 * <p>Chosen per session by {@code mail.smtp.class} ({@link DeliveryConfiguration#smtpProperties}); JavaMail
 * knows the class from {@code META-INF/jakarta.providers}, where it is registered under a protocol
 * name of its own so that no other session in the JVM gets it by default.
 */
public class LoginRequiredTransport extends DsnTransport {

    public LoginRequiredTransport(Session session, URLName urlname) {
        super(session, urlname);
    }

    @Override
    protected synchronized boolean protocolConnect(String host, int port, String user, String password)
            throws MessagingException {
        boolean connected = super.protocolConnect(host, port, user, password);
        boolean loginRequired = Boolean.parseBoolean(session.getProperty("mail.smtp.auth"));
        if (connected && loginRequired && !supportsExtension("AUTH") && !supportsExtension("AUTH=LOGIN")) {
            // connected, but without logging in: hand nothing over
            close();
            throw new LoginNotOfferedException(host + ":" + port);
        }
        return connected;
    }
}
