package kz.labour.reporting.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ServerSocket;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.support.RelayWithoutLogin;

/**
 * With SMTP_USER set, mail never goes out unauthenticated: the check before a delivering run refuses a
 * relay that offers no login (or refuses ours), and the e-mail step refuses it again at send time. Against
 * real SMTP servers: GreenMail, which offers a login, and GreenMail without its AUTH extension.
 */
class RelayLoginIntegrationTest {

    static final String USER = "pipeline@inspection.kz";
    static final String PASSWORD = "relay-secret-1";

    GreenMail relay;

    @AfterEach
    void stopRelay() {
        if (relay != null) {
            relay.stop();
        }
    }

    GreenMail relayWithLogin() {
        relay = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.setUser(USER, USER, PASSWORD);
        relay.start();
        return relay;
    }

    GreenMail relayWithoutLogin() {
        relay = new RelayWithoutLogin(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
        return relay;
    }

    static DeliverySettings settings(int port, String user, String password) {
        return new DeliverySettings(null, new DeliverySettings.Smtp("127.0.0.1", port, user, password, false, 15000, 15000),
                new DeliverySettings.Mail("reports@inspection.kz", "stat@bureau.kz", "duty@inspection.kz"),
                new DeliverySettings.Retry(0, 10, 2, 40));
    }

    static DeliveryPreflight preflight(DeliverySettings settings) {
        DeliveryConfiguration configuration = new DeliveryConfiguration();
        return new DeliveryPreflight(settings, configuration.smtpProperties(settings), configuration.smtpAuthenticator(settings),
                new DeliveryFaults(settings));
    }

    /** One message through Camel's smtp endpoint, configured as routes/3-deliver.camel.yaml configures it. */
    static void sendThroughCamel(DeliverySettings settings) throws Exception {
        DeliveryConfiguration configuration = new DeliveryConfiguration();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("smtpAuthenticator", configuration.smtpAuthenticator(settings));
            camel.getRegistry().bind("smtpProperties", configuration.smtpProperties(settings));
            camel.start();
            camel.createProducerTemplate().sendBodyAndHeader("smtp:127.0.0.1:" + settings.smtp().port()
                    + "?from=reports@inspection.kz&to=stat@bureau.kz&authenticator=#smtpAuthenticator"
                    + "&additionalJavaMailProperties=#smtpProperties", "2-ӨЖ 2025-06", "Subject", "V0001");
        }
    }

    // ---- the check before a delivering run ---------------------------------------------------

    @Test
    void aRelayThatTakesOurLoginPassesTheCheck() {
        int port = relayWithLogin().getSmtp().getPort();

        assertThatCode(() -> preflight(settings(port, USER, PASSWORD)).check()).doesNotThrowAnyException();
        assertThat(relay.getReceivedMessages()).as("the check sends nothing").isEmpty();
    }

    @Test
    void aRelayWithoutLoginIsRefusedAsBadInputWhenSmtpUserIsSet() {
        int port = relayWithoutLogin().getSmtp().getPort();

        assertThatThrownBy(() -> preflight(settings(port, USER, PASSWORD)).check()).isInstanceOf(BadInputException.class)
                .hasMessage("SMTP_USER: mail relay 127.0.0.1:" + port + " offers no login (SMTP AUTH), so nothing was sent: "
                        + "with SMTP_USER set a message never goes unauthenticated; use the relay's port that offers a login "
                        + "after STARTTLS (usually 587), or leave SMTP_USER empty if this relay takes mail without one");
        assertThat(relay.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRefusedLoginIsRefusedAsBadInputNamingThePassword() {
        int port = relayWithLogin().getSmtp().getPort();

        assertThatThrownBy(() -> preflight(settings(port, USER, "wrong")).check()).isInstanceOf(BadInputException.class)
                .hasMessage("SMTP_PASSWORD: mail relay 127.0.0.1:" + port + " refused the login of '" + USER
                        + "': check SMTP_USER and SMTP_PASSWORD");
    }

    @Test
    void withoutSmtpUserTheRelayIsNotAskedForALogin() {
        int port = relayWithoutLogin().getSmtp().getPort();

        assertThatCode(() -> preflight(settings(port, "", "")).check()).doesNotThrowAnyException();
    }

    @Test
    void anUnreachableRelayIsAnOutageForTheEmailStepNotBadInput() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        int port = closed;

        assertThatCode(() -> preflight(settings(port, USER, PASSWORD)).check()).doesNotThrowAnyException();
    }

    @Test
    void badAddressesAreRefusedBeforeTheRelayIsAsked() {
        int port = relayWithLogin().getSmtp().getPort();
        DeliverySettings noBureau = new DeliverySettings(null, settings(port, USER, PASSWORD).smtp(),
                new DeliverySettings.Mail("reports@inspection.kz", "", ""), null);

        assertThatThrownBy(() -> preflight(noBureau).check()).hasMessageStartingWith("MAIL_TO: is empty");
    }

    // ---- at send time ----------------------------------------------------------------------------

    @Test
    void theEmailStepRefusesToSendUnauthenticatedToARelayWithoutLogin() {
        int port = relayWithoutLogin().getSmtp().getPort();
        DeliverySettings settings = settings(port, USER, PASSWORD);

        Throwable refused = catchThrowable(() -> sendThroughCamel(settings));

        assertThat(refused).hasRootCauseInstanceOf(LoginNotOfferedException.class);
        assertThat(relay.getReceivedMessages()).as("nothing handed over").isEmpty();
        DeliveryFaults faults = new DeliveryFaults(settings);
        assertThat(faults.transientFault(refused)).as("retrying cannot help").isFalse();
        assertThat(faults.explain(kz.labour.reporting.ledger.Channel.MAIL, refused)).startsWith("mail relay 127.0.0.1:" + port + " offers no login (SMTP AUTH)");
    }

    @Test
    void theEmailStepLogsInAndSendsWhenTheRelayOffersALogin() throws Exception {
        int port = relayWithLogin().getSmtp().getPort();

        sendThroughCamel(settings(port, USER, PASSWORD));

        assertThat(relay.getReceivedMessages()).singleElement().satisfies(m -> assertThat(m.getSubject()).isEqualTo("V0001"));
    }

    @Test
    void withoutSmtpUserARelayWithoutLoginTakesTheMessage() throws Exception {
        int port = relayWithoutLogin().getSmtp().getPort();

        sendThroughCamel(settings(port, "", ""));

        assertThat(relay.getReceivedMessages()).hasSize(1);
    }
}
