package kz.labour.reporting.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.BadInputException;

/** The receipts mailbox settings as bound: defaults, what is refused (naming the variable), and no password in print. */
class ImapSettingsTest {

    static ImapSettings bind(String host, String port, String user, String password, String security, String done) {
        return new ImapSettings(host, port, user, password, security, done, "Failed", "10485760", "60000", "30000");
    }

    @Test
    void withoutAHostNothingIsReadAndNothingElseIsRequired() {
        ImapSettings none = bind("", "993", "", "", "ssl", "Processed");

        assertThat(none.reads()).isFalse();
        assertThat(none.toString()).isEqualTo("ImapSettings[not read]");
    }

    @Test
    void sslByDefaultWithTheServersNameCheckedAndThePasswordNeverPrinted() {
        ImapSettings imap = bind("imap.inspection.kz", "993", "reports", "s3cret-imap", "SSL", "Processed");

        assertThat(imap.reads()).isTrue();
        assertThat(imap.security()).isEqualTo(ImapSettings.Security.SSL);
        assertThat(imap.javaMailProperties()).containsEntry("mail.imap.ssl.enable", "true")
                .containsEntry("mail.imap.starttls.required", "false").containsEntry("mail.imap.ssl.checkserveridentity", "true");
        assertThat(imap.toString()).contains("reports@imap.inspection.kz:993 (ssl)").doesNotContain("s3cret-imap");
        assertThat(bind("h", "143", "u", "p", "starttls", "Processed").javaMailProperties())
                .containsEntry("mail.imap.ssl.enable", "false").containsEntry("mail.imap.starttls.required", "true");
    }

    @Test
    void anUnsetPortIsTheSecuritysUsualOneAndASetPortIsKeptWhateverTheSecurity() {
        // RECEIPTS_IMAP_PORT unset: bound as null, or as "" through ${RECEIPTS_IMAP_PORT:} in application.yml
        assertThat(bind("h", null, "u", "p", "ssl", "Processed").port()).isEqualTo(993);
        assertThat(bind("h", "", "u", "p", "ssl", "Processed").port()).isEqualTo(993);
        assertThat(bind("h", " ", "u", "p", "starttls", "Processed").port()).isEqualTo(143);
        assertThat(bind("h", "", "u", "p", "none", "Processed").port()).isEqualTo(143);
        assertThat(bind("h", "", "u", "p", "starttls", "Processed").server()).isEqualTo(new ImapSettings.Server("h", 143));
        assertThat(bind("h", "1993", "u", "p", "ssl", "Processed").port()).isEqualTo(1993);
        assertThat(bind("h", "993", "u", "p", "starttls", "Processed").port()).as("as set, even if unusual").isEqualTo(993);
        assertThat(bind("h", "", "u", "p", "none", "Processed").mailbox()).isEqualTo("u@h:143 (none)");
    }

    @Test
    void badValuesAreRefusedNamingTheVariableAndWhatIsAccepted() {
        assertThatThrownBy(() -> bind("h", "993", "u", "p", "tls", "Processed")).isInstanceOf(BadInputException.class)
                .hasMessage("RECEIPTS_IMAP_SECURITY: 'tls' is not known; accepted: ssl, starttls or none");
        assertThatThrownBy(() -> bind("h", "99999", "u", "p", "ssl", "Processed")).hasMessage("RECEIPTS_IMAP_PORT: '99999' is not a port; "
                + "accepted: a whole number from 1 to 65535, or unset for 993 with ssl and 143 otherwise");
        assertThatThrownBy(() -> bind("h", "imap", "u", "p", "ssl", "Processed")).hasMessageStartingWith("RECEIPTS_IMAP_PORT: 'imap'");
        assertThatThrownBy(() -> bind("h", "993", "", "p", "ssl", "Processed")).hasMessageStartingWith("RECEIPTS_IMAP_USER: empty");
        assertThatThrownBy(() -> bind("h", "993", "u", "", "ssl", "Processed")).hasMessageStartingWith("RECEIPTS_IMAP_PASSWORD: empty");
        assertThatThrownBy(() -> bind("h", "993", "u", "p", "ssl", "INBOX")).hasMessageStartingWith("RECEIPTS_IMAP_DONE_FOLDER: 'INBOX'");
        assertThatThrownBy(() -> bind("h", "993", "u", "p", "ssl", "failed")).hasMessageStartingWith("RECEIPTS_IMAP_DONE_FOLDER");
        assertThatThrownBy(() -> bind("h", "993", "u", "p", "ssl", " ")).hasMessageStartingWith("RECEIPTS_IMAP_DONE_FOLDER: ' '");
    }
}
