package kz.labour.reporting.delivery;

import jakarta.mail.MessagingException;

/**
 * A login (SMTP_USER) is configured but the mail relay offers none: nothing is sent, since the
 * message would otherwise go unauthenticated. Retrying cannot help (a permanent fault). Not an
 * {@code AuthenticationFailedException}: JavaMail answers that by asking for the login again and
 * connecting a second time.
 */
public class LoginNotOfferedException extends MessagingException {

    private static final long serialVersionUID = 1L;

    public LoginNotOfferedException(String relay) {
        super("mail relay " + relay + " offers no login (no SMTP AUTH after EHLO), though SMTP_USER is set");
    }
}
