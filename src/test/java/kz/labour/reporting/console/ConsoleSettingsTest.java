package kz.labour.reporting.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.console.ConsoleSettings.Account;

/** The console's users as the environment gives them: no default, every mistake named by its variable. */
class ConsoleSettingsTest {

    static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    /** bcrypt of "correct horse", cost 4. */
    static final String HASH = "{bcrypt}$2a$04$QrCL2wCkb14qRvWX88...ufWE4ZY3dbx1aYxy5EmXk.jXx6kaSJhC";

    static ConsoleSettings settings(String monitor, String monitorPassword, String operator, String operatorPassword) {
        return new ConsoleSettings(new Account(monitor, monitorPassword), new Account(operator, operatorPassword));
    }

    @Test
    void withNoUserTheConsoleIsOffAndHasNoUser() {
        ConsoleSettings none = settings("", "", null, null);
        assertThat(none.configured()).isFalse();
        assertThat(none.users(ENCODER)).isEmpty();
    }

    @Test
    void aPlainPasswordIsKeptOnlyAsItsBcryptHash() {
        List<ConsoleSettings.User> users = settings("mona", "monitor-secret", "otto", "operator-secret").users(ENCODER);
        assertThat(users).extracting(ConsoleSettings.User::name, ConsoleSettings.User::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mona", ConsoleRole.MONITOR),
                        org.assertj.core.groups.Tuple.tuple("otto", ConsoleRole.OPERATOR));
        assertThat(users.get(0).password()).startsWith("{bcrypt}$2").doesNotContain("monitor-secret");
        assertThat(ENCODER.matches("monitor-secret", users.get(0).password())).isTrue();
        assertThat(ENCODER.matches("operator-secret", users.get(0).password())).isFalse();
    }

    @Test
    void aBcryptHashIsTakenAsItIs() {
        ConsoleSettings.User otto = settings(null, null, "otto", HASH).users(ENCODER).get(0);
        assertThat(otto.password()).isEqualTo(HASH);
        assertThat(ENCODER.matches("correct horse", otto.password())).isTrue();
    }

    @Test
    void anOperatorIsAMonitorToo() {
        assertThat(ConsoleRole.OPERATOR.granted()).containsExactly(ConsoleRole.MONITOR, ConsoleRole.OPERATOR);
        assertThat(ConsoleRole.MONITOR.granted()).containsExactly(ConsoleRole.MONITOR);
    }

    @Test
    void aUserWithoutPasswordIsRefusedThereIsNoDefault() {
        assertThatThrownBy(() -> settings("mona", "", null, null).users(ENCODER))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("CONSOLE_MONITOR_PASSWORD: not set for CONSOLE_MONITOR_USER 'mona'")
                .hasMessageContaining("there is no default password");
    }

    @Test
    void aPasswordWithoutUserIsRefused() {
        assertThatThrownBy(() -> settings(null, null, " ", "operator-secret").users(ENCODER))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("CONSOLE_OPERATOR_USER: not set, but CONSOLE_OPERATOR_PASSWORD is");
    }

    @Test
    void oneNameForBothRolesIsRefused() {
        assertThatThrownBy(() -> settings("ops", "a", "ops", "b").users(ENCODER))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("CONSOLE_OPERATOR_USER: 'ops' is also CONSOLE_MONITOR_USER");
    }

    @Test
    void aNameHttpBasicCannotCarryIsRefused() {
        assertThatThrownBy(() -> settings("mo:na", "x", null, null).users(ENCODER))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("CONSOLE_MONITOR_USER: 'mo:na'");
    }

    @Test
    void aMalformedHashOrAnotherEncodingIsRefusedNotTakenAsAPassword() {
        assertThatThrownBy(() -> settings("mona", "{bcrypt}$2a$10$tooShort", null, null).users(ENCODER))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("CONSOLE_MONITOR_PASSWORD: is not a well-formed bcrypt hash");
        assertThatThrownBy(() -> settings("mona", "{noop}secret", null, null).users(ENCODER))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("CONSOLE_MONITOR_PASSWORD: starts with an encoding id other than {bcrypt}");
    }

    @Test
    void theStartUpLineNamesUsersAndRolesNeverPasswords() {
        ConsoleSettings both = settings("mona", "monitor-secret", "otto", HASH);
        assertThat(both.describeUsers()).isEqualTo("monitor 'mona', operator 'otto'");
        assertThat(both.users(ENCODER)).allSatisfy(u -> assertThat(u.toString()).doesNotContain("secret").doesNotContain("$2"));
    }
}
