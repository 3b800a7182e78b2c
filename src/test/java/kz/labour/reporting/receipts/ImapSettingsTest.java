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
    void badValuesAreRefusedNamingTheVariableAndWhatIsAccepted() {
        assertThatThrownBy(() -> bind("h", "993", "u", "p", "tls", "Processed")).isInstanceOf(BadInputException.class)
                .hasMessage("RECEIPTS_IMAP_SECURITY: 'tls' is not known; accepted: ssl, starttls or none");
        assertThatThrownBy(() -> bind("h", "99999", "u", "p", "ssl", "Processed")).hasMessageStartingWith("RECEIPTS_IMAP_PORT: '99999'");
        assertThatThrownBy(() -> bind("h", "993", "", "p", "ssl", "Processed")).hasMessageStartingWith("RECEIPTS_IMAP_USER: empty");
        assertThatThrownBy(() -> bind("h", "993", "u", "", "ssl", "Processed")).hasMessageStartingWith("RECEIPTS_IMAP_PASSWORD: empty");
        assertThatThrownBy(() -> bind("h", "993", "u", "p", "ssl", "INBOX")).hasMessageStartingWith("RECEIPTS_IMAP_DONE_FOLDER: 'INBOX'");
        assertThatThrownBy(() -> bind("h", "993", "u", "p", "ssl", "failed")).hasMessageStartingWith("RECEIPTS_IMAP_DONE_FOLDER");
        assertThatThrownBy(() -> bind("h", "993", "u", "p", "ssl", " ")).hasMessageStartingWith("RECEIPTS_IMAP_DONE_FOLDER: ' '");
    }
}
