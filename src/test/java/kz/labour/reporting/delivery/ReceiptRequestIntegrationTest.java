package kz.labour.reporting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.internet.MimeMessage;
import kz.labour.reporting.support.RelayWithoutLogin;

/**
 * The bureau's e-mail asks for receipts on the wire, sent as the service sends it: camel-mail's SMTP
 * producer with the service's mail session ({@link DeliveryConfiguration#smtpProperties}). To a relay
 * that announces DSN, MAIL FROM carries {@code RET=HDRS ENVID=<delivery key>} and each RCPT TO
 * {@code NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;<address>}; to one that does not, no parameter at all
 * (it would refuse them). The message asks for a disposition notification to MAIL_FROM. The
 * operators' alerts ask for nothing.
 */
class ReceiptRequestIntegrationTest {

    static final String KEY = "2-OZh.2025-06.V0001.delivery1";

    RelayWithoutLogin relay;
    CamelContext camel;

    void start(boolean dsn) throws Exception {
        relay = new RelayWithoutLogin(ServerSetupTest.SMTP.dynamicPort(), dsn);
        relay.start();
        DeliverySettings settings = new DeliverySettings(null,
                new DeliverySettings.Smtp("127.0.0.1", relay.getSmtp().getPort(), "", "", false, 3000, 3000),
                new DeliverySettings.Mail("reports@inspection.kz", "stat@bureau.kz,archive@bureau.kz", "duty@inspection.kz"), null);
        DeliveryConfiguration configuration = new DeliveryConfiguration();
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("smtpProperties", configuration.smtpProperties(settings));
        camel.getRegistry().bind("smtpAuthenticator", configuration.smtpAuthenticator(settings));
        camel.start();
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (relay != null) {
            relay.stop();
        }
    }

    void send(Object body, String subject) {
        ProducerTemplate template = camel.createProducerTemplate();
        template.sendBodyAndHeaders("smtp://127.0.0.1:" + relay.getSmtp().getPort()
                + "?from=reports@inspection.kz&authenticator=#smtpAuthenticator&additionalJavaMailProperties=#smtpProperties"
                + "&contentType=text/plain;+charset=UTF-8", body,
                java.util.Map.of("Subject", subject, "To", "duty@inspection.kz"));
    }

    MimeMessage bureauMessage() {
        MimeMail mimeMail = new MimeMail("reports@inspection.kz", List.of("stat@bureau.kz", "archive@bureau.kz"), MimeMailIntegrationTest.ORG,
                MimeMailIntegrationTest.CLOCK, UnaryOperator.identity());
        return mimeMail.message(MimeMailIntegrationTest.MAIL, KEY);
    }

    @Test
    void toARelayThatAnnouncesDsnTheEnvelopeAsksForSuccessAndFailureUnderTheDeliveryKey() throws Exception {
        start(true);

        send(bureauMessage(), MimeMailIntegrationTest.MAIL.subject());

        assertThat(relay.envelope()).containsExactly(
                "MAIL FROM:<reports@inspection.kz> RET=HDRS ENVID=" + KEY,
                "RCPT TO:<stat@bureau.kz> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;stat@bureau.kz",
                "RCPT TO:<archive@bureau.kz> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;archive@bureau.kz");
        MimeMessage received = relay.getReceivedMessages()[0];
        assertThat(received.getMessageID()).isEqualTo("<" + KEY + "@inspection.kz>");
        assertThat(received.getHeader("Disposition-Notification-To")).containsExactly("reports@inspection.kz");
        // RFC 8098: the delivering server writes Original-Recipient from ORCPT, never the sender
        assertThat(received.getHeader("Original-Recipient")).isNull();
    }

    @Test
    void toARelayWithoutDsnTheEnvelopeCarriesNoParameterAndTheMessageStillGoes() throws Exception {
        start(false);

        send(bureauMessage(), MimeMailIntegrationTest.MAIL.subject());

        assertThat(relay.envelope()).containsExactly("MAIL FROM:<reports@inspection.kz>", "RCPT TO:<stat@bureau.kz>",
                "RCPT TO:<archive@bureau.kz>");
        assertThat(relay.getReceivedMessages()).hasSize(2);
        assertThat(relay.getReceivedMessages()[0].getHeader("Disposition-Notification-To")).containsExactly("reports@inspection.kz");
    }

    @Test
    void anOperatorsAlertAsksForNoReceipt() throws Exception {
        start(true);

        send("2-ӨЖ 2025-06 not delivered", "alert");

        assertThat(relay.envelope()).containsExactly("MAIL FROM:<reports@inspection.kz>", "RCPT TO:<duty@inspection.kz>");
        assertThat(relay.getReceivedMessages()[0].getHeader("Disposition-Notification-To")).isNull();
    }

    @Test
    void theTransportIsTheOneThatAddsTheEnvelopeIdWithOrWithoutALogin() {
        DeliveryConfiguration configuration = new DeliveryConfiguration();
        Properties open = configuration.smtpProperties(new DeliverySettings(null,
                new DeliverySettings.Smtp("relay", 587, "", "", true, 1, 1), null, null));
        Properties login = configuration.smtpProperties(new DeliverySettings(null,
                new DeliverySettings.Smtp("relay", 587, "labour", "secret", true, 1, 1), null, null));

        assertThat(open.getProperty("mail.smtp.class")).isEqualTo(DsnTransport.class.getName());
        assertThat(login.getProperty("mail.smtp.class")).isEqualTo(LoginRequiredTransport.class.getName());
        assertThat(new LoginRequiredTransport(jakarta.mail.Session.getInstance(new Properties()), null)).isInstanceOf(DsnTransport.class);
        // no session-wide DSN settings: they would reach the alerts too, and an ENVID must be per message
        assertThat(open.stringPropertyNames()).noneMatch(n -> n.startsWith("mail.smtp.dsn") || n.equals("mail.smtp.mailextension"));
    }
}
