package kz.labour.reporting.delivery;

import java.util.Properties;

import org.apache.camel.component.mail.MailAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import kz.labour.reporting.BadInputException;
import kz.labour.reporting.ledger.Channel;

/**
 * The check a delivering run makes before it reads anything, so settings that cannot deliver stop it
 * as bad input (exit 2) instead of leaving half a delivery: the addresses ({@link DeliverySettings#validate()})
 * and, with SMTP_USER set, whether the mail relay offers a login at all. For that it connects as the
 * e-mail step will (EHLO, STARTTLS as configured, the login through {@link LoginRequiredTransport}) and
 * hangs up without sending. The e-mail step itself refuses such a relay again at send time.
 *
 * <p>A relay that cannot be reached is not refused here: that is an outage, which the e-mail step
 * retries like any other, and the run goes on.
 */
@Component("deliveryPreflight")
public class DeliveryPreflight {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPreflight.class);

    private final DeliverySettings settings;
    private final Properties smtpProperties;
    private final MailAuthenticator smtpAuthenticator;
    private final DeliveryFaults faults;

    public DeliveryPreflight(DeliverySettings settings, @Qualifier("smtpProperties") Properties smtpProperties,
                             @Qualifier("smtpAuthenticator") MailAuthenticator smtpAuthenticator, DeliveryFaults faults) {
        this.settings = settings;
        this.smtpProperties = smtpProperties;
        this.smtpAuthenticator = smtpAuthenticator;
        this.faults = faults;
    }

    /** Refuses, naming the setting, delivery settings that cannot work; returns when delivery may begin. */
    public void check() {
        settings.validate();
        if (settings.smtp().authenticates()) {
            checkRelayLogin();
        }
    }

    private void checkRelayLogin() {
        DeliverySettings.Smtp smtp = settings.smtp();
        Properties properties = new Properties();
        properties.putAll(smtpProperties);
        Session session = Session.getInstance(properties, smtpAuthenticator);
        PasswordAuthentication login = smtpAuthenticator.getPasswordAuthentication();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(smtp.host(), smtp.port(), login.getUserName(), login.getPassword());
        } catch (MessagingException e) {
            if (faults.transientFault(e)) {
                log.warn("login on mail relay {} not checked before delivery: {}; the e-mail step retries", smtp.address(),
                        faults.explain(Channel.MAIL, e));
                return;
            }
            throw new BadInputException(setting(e), faults.explain(Channel.MAIL, e));
        }
    }

    /** Which setting to look at first, as the refusal names it. */
    private static String setting(MessagingException e) {
        if (e instanceof LoginNotOfferedException) {
            return "SMTP_USER";
        }
        if (e instanceof AuthenticationFailedException) {
            return "SMTP_PASSWORD";
        }
        String m = String.valueOf(e.getMessage());
        return m.contains("STARTTLS") ? "SMTP_STARTTLS" : "SMTP_HOST";
    }
}
