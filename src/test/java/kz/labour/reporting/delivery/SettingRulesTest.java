package kz.labour.reporting.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import jakarta.mail.internet.InternetAddress;
import kz.labour.reporting.BadInputException;

/** How the delivery settings' text is read: strictly, and every refusal names the variable and what is accepted. */
class SettingRulesTest {

    @Test
    void aPortIsAWholeNumberFromOneTo65535() {
        assertThat(SettingRules.port("SFTP_PORT", "22")).isEqualTo(22);
        assertThat(SettingRules.port("SMTP_PORT", " 587 ")).isEqualTo(587);
        assertThat(SettingRules.port("SMTP_PORT", "65535")).isEqualTo(65535);
        for (String bad : new String[] {"abc", "", "0", "65536", "-22", "22.0", "0x16", "99999999999"}) {
            assertThatThrownBy(() -> SettingRules.port("SFTP_PORT", bad)).isInstanceOf(BadInputException.class)
                    .hasMessage("SFTP_PORT: '" + bad + "' is not a port; accepted: a whole number from 1 to 65535");
        }
    }

    @Test
    void aSwitchIsTrueOrFalseAndNothingElse() {
        assertThat(SettingRules.flag("SMTP_STARTTLS", "true")).isTrue();
        assertThat(SettingRules.flag("SMTP_STARTTLS", "FALSE")).isFalse();
        // Spring would read these as switches; a typo must not pick a side silently
        for (String bad : new String[] {"maybe", "", "yes", "no", "on", "off", "1", "0"}) {
            assertThatThrownBy(() -> SettingRules.flag("SMTP_STARTTLS", bad))
                    .hasMessage("SMTP_STARTTLS: '" + bad + "' is not a switch; accepted: true or false");
        }
    }

    @Test
    void addressesAreListsOfMailboxesWithNamesAllowed() {
        assertThat(SettingRules.addresses("MAIL_TO", "stat@bureau.kz, Archive <archive@bureau.kz>", true))
                .extracting(InternetAddress::getAddress).containsExactly("stat@bureau.kz", "archive@bureau.kz");
        assertThat(SettingRules.address("MAIL_FROM", "labour-reporting@localhost").getAddress())
                .isEqualTo("labour-reporting@localhost");
        assertThat(SettingRules.addresses("OPS_MAIL_TO", "", false)).isEmpty();
    }

    @Test
    void anAddressWithoutADomainOrWithSpacesIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> SettingRules.addresses("MAIL_TO", "not-an-address", true))
                .hasMessage("MAIL_TO: 'not-an-address' is not a list of mail addresses (Missing final '@domain'); "
                        + "accepted: local@domain or Name <local@domain>, separated by commas");
        assertThatThrownBy(() -> SettingRules.address("MAIL_FROM", "not an address"))
                .hasMessageStartingWith("MAIL_FROM: 'not an address' is not a mail address (")
                .hasMessageEndingWith("); accepted: local@domain or Name <local@domain>");
        assertThatThrownBy(() -> SettingRules.addresses("OPS_MAIL_TO", "duty@inspection.kz, @inspection.kz", false))
                .hasMessageStartingWith("OPS_MAIL_TO: 'duty@inspection.kz, @inspection.kz' is not a list of mail addresses");
        assertThatThrownBy(() -> SettingRules.addresses("MAIL_TO", "undisclosed-recipients:;", true))
                .hasMessageContaining("a group (name:list;) is not a mailbox");
    }

    @Test
    void aLineBreakIsRefusedSoNoSettingCanAddAMailHeader() {
        assertThatThrownBy(() -> SettingRules.addresses("MAIL_TO", "stat@bureau.kz\r\nBcc: someone@else.kz", true))
                .hasMessageStartingWith("MAIL_TO: contains a line break; accepted: addresses separated by commas on one line");
        assertThatThrownBy(() -> SettingRules.address("MAIL_FROM", "reports@inspection.kz\n"))
                .hasMessageStartingWith("MAIL_FROM: contains a line break");
    }

    @Test
    void theBureauNeedsAnAddressAndTheSenderExactlyOne() {
        assertThatThrownBy(() -> SettingRules.addresses("MAIL_TO", " ", true))
                .hasMessageStartingWith("MAIL_TO: is empty; accepted: one or more addresses");
        assertThatThrownBy(() -> SettingRules.addresses("MAIL_TO", ",", true))
                .hasMessageStartingWith("MAIL_TO: ',' holds no address");
        assertThatThrownBy(() -> SettingRules.address("MAIL_FROM", "a@inspection.kz, b@inspection.kz"))
                .hasMessage("MAIL_FROM: 'a@inspection.kz, b@inspection.kz' holds 2 addresses; accepted: exactly one, "
                        + "such as reports@inspection.kz");
    }

    @Test
    void deliverySettingsValidateEveryAddressButAllowNoOperators() {
        DeliverySettings.Mail good = new DeliverySettings.Mail("reports@inspection.kz", "stat@bureau.kz", "");
        new DeliverySettings(null, null, good, null).validate();

        assertThatThrownBy(() -> new DeliverySettings(null, null,
                new DeliverySettings.Mail("reports@inspection.kz", "", "duty@inspection.kz"), null).validate())
                .hasMessageStartingWith("MAIL_TO: is empty");
        assertThatThrownBy(() -> new DeliverySettings(null, null,
                new DeliverySettings.Mail("", "stat@bureau.kz", ""), null).validate())
                .hasMessageStartingWith("MAIL_FROM: is empty");
        assertThatThrownBy(() -> new DeliverySettings(null, null,
                new DeliverySettings.Mail("reports@inspection.kz", "stat@bureau.kz", "duty"), null).validate())
                .hasMessageStartingWith("OPS_MAIL_TO: 'duty' is not a list of mail addresses");
    }

    @Test
    void portsAndSwitchesAreReadWhenTheSettingsAreBoundFromText() {
        assertThat(new DeliverySettings.Smtp("relay", "2525", "", "", "false", 1000, 1000))
                .isEqualTo(new DeliverySettings.Smtp("relay", 2525, "", "", false, 1000, 1000));
        assertThatThrownBy(() -> new DeliverySettings.Sftp("sftp", "abc", "u", "k", "", "kh", "in", 1000, 1000))
                .hasMessageStartingWith("SFTP_PORT: 'abc' is not a port");
        assertThatThrownBy(() -> new DeliverySettings.Smtp("relay", "587", "", "", "maybe", 1000, 1000))
                .hasMessageStartingWith("SMTP_STARTTLS: 'maybe' is not a switch");
    }

    @Test
    void printedSettingsCarryNoSecret() {
        var sftp = new DeliverySettings.Sftp("sftp", 22, "labour", "/keys/id", "key-passphrase-1", "/keys/kh", "in", 1, 1);
        var smtp = new DeliverySettings.Smtp("relay", 587, "labour", "relay-password-1", true, 1, 1);
        assertThat(new DeliverySettings(sftp, smtp, null, null).toString())
                .contains("labour@sftp:22", "labour@relay:587").doesNotContain("key-passphrase-1", "relay-password-1");
    }
}
