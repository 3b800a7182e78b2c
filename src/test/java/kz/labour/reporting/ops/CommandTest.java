package kz.labour.reporting.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.transmission.Mode;

class CommandTest {

    @Test
    void noArgumentsRunsTheService() {
        assertThat(Command.parse().kind()).isEqualTo(Command.Kind.SERVICE);
    }

    @Test
    void readsEveryTransmitArgumentWithSpaceOrEquals() {
        Command c = Command.parse("transmit", "--period", "2025-06", "--form=2-ӨЖ", "--as-of", "2025-07-01T06:00:00+05:00", "--dry-run");
        assertThat(c.kind()).isEqualTo(Command.Kind.TRANSMIT);
        assertThat(c.period()).isEqualTo("2025-06");
        assertThat(c.form()).isEqualTo("2-ӨЖ");
        assertThat(c.asOf()).isEqualTo("2025-07-01T06:00:00+05:00");
        assertThat(c.mode()).isEqualTo(Mode.DRY_RUN);
    }

    @Test
    void plainTransmitHasNoMode() {
        assertThat(Command.parse("transmit", "--period", "2025-06").mode()).isEqualTo(Mode.PLAIN);
        assertThat(Command.parse("transmit", "--period", "2025-06", "--force").mode()).isEqualTo(Mode.FORCE);
        assertThat(Command.parse("transmit", "--period", "2025-06", "--resend").mode()).isEqualTo(Mode.RESEND);
    }

    @Test
    void transmitWithoutPeriodNamesTheArgument() {
        assertThatThrownBy(() -> Command.parse("transmit")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--period: missing");
    }

    @Test
    void twoModesAreRefused() {
        assertThatThrownBy(() -> Command.parse("transmit", "--period", "2025-06", "--dry-run", "--force"))
                .hasMessageContaining("exclude each other");
    }

    @Test
    void unknownArgumentIsNamedWithWhatIsAccepted() {
        assertThatThrownBy(() -> Command.parse("transmit", "--period", "2025-06", "--verbose"))
                .hasMessageStartingWith("--verbose: unknown argument").hasMessageContaining("--dry-run");
    }

    @Test
    void unknownCommandIsNamed() {
        assertThatThrownBy(() -> Command.parse("send")).hasMessageContaining("unknown command 'send'");
    }

    @Test
    void argumentWithoutValueIsRefused() {
        assertThatThrownBy(() -> Command.parse("transmit", "--period")).hasMessageStartingWith("--period: needs a value");
        assertThatThrownBy(() -> Command.parse("transmit", "--period", "--force")).hasMessageStartingWith("--period: needs a value");
    }

    @Test
    void statusTakesOnlyAPeriod() {
        assertThat(Command.parse("status").kind()).isEqualTo(Command.Kind.STATUS);
        assertThat(Command.parse("status", "--period", "2025-06").period()).isEqualTo("2025-06");
        assertThatThrownBy(() -> Command.parse("status", "--force")).hasMessageContaining("is an argument of transmit");
    }
}
