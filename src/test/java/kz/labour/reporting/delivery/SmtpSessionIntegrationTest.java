package kz.labour.reporting.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The JavaMail settings the mail endpoints add, tried on a relay without STARTTLS (GreenMail): by
 * default nothing is sent in clear text; switched off, the message goes, without a login when no
 * user is set.
 */
class SmtpSessionIntegrationTest {

    GreenMail relay;

    @BeforeEach
    void startRelay() {
        relay = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        relay.start();
    }

    @AfterEach
    void stopRelay() {
        relay.stop();
    }

    DeliverySettings settings(String user, boolean starttls) {
        return new DeliverySettings(null,
                new DeliverySettings.Smtp("127.0.0.1", relay.getSmtp().getPort(), user, "", starttls, 3000, 3000),
                new DeliverySettings.Mail("reports@inspection.kz", "stat@bureau.kz", ""), null);
    }

    void send(DeliverySettings settings) throws MessagingException {
        DeliveryConfiguration configuration = new DeliveryConfiguration();
        Properties properties = configuration.smtpProperties(settings);
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", Integer.toString(relay.getSmtp().getPort()));
        Session session = Session.getInstance(properties, configuration.smtpAuthenticator(settings));
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("reports@inspection.kz"));
        message.setRecipients(Message.RecipientType.TO, "stat@bureau.kz");
        message.setSubject("2-ӨЖ · 2025 жылғы маусым · V0001", "UTF-8");
        message.setText("сынақ", "UTF-8");
        Transport.send(message);
    }

    @Test
    void byDefaultARelayWithoutStartTlsGetsNothing() {
        MessagingException refused = catchThrowableOfType(MessagingException.class, () -> send(settings("", true)));

        assertThat(refused).hasMessageContaining("STARTTLS");
        assertThat(relay.getReceivedMessages()).isEmpty();
        assertThat(new DeliveryFaults(settings("", true)).transientFault(refused)).isFalse();
    }

    @Test
    void withStartTlsSwitchedOffAndNoUserTheMessageGoesWithoutALogin() throws Exception {
        assertThat(new DeliveryConfiguration().smtpProperties(settings("", false)).getProperty("mail.smtp.auth")).isEqualTo("false");
        assertThat(new DeliveryConfiguration().smtpProperties(settings("labour", false)).getProperty("mail.smtp.auth"))
                .isEqualTo("true");

        send(settings("", false));

        assertThat(relay.getReceivedMessages()).singleElement()
                .satisfies(m -> assertThat(m.getSubject()).isEqualTo("2-ӨЖ · 2025 жылғы маусым · V0001"));
    }
}
