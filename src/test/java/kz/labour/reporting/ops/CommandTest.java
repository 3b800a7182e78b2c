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
    void theJarKnowsNothingOfTheSourceTreesDemo() {
        assertThat(Command.USAGE).doesNotContain("mvn").doesNotContain("demo");
        assertThatThrownBy(() -> Command.parse("demo")).hasMessageContaining("unknown command 'demo'");
    }

    @Test
    void argumentWithoutValueIsRefused() {
        assertThatThrownBy(() -> Command.parse("transmit", "--period")).hasMessageStartingWith("--period: needs a value");
        assertThatThrownBy(() -> Command.parse("transmit", "--period", "--force")).hasMessageStartingWith("--period: needs a value");
    }

    @Test
    void statusTakesAPeriodAndAForm() {
        assertThat(Command.parse("status").kind()).isEqualTo(Command.Kind.STATUS);
        assertThat(Command.parse("status", "--period", "2025-06").period()).isEqualTo("2025-06");
        assertThat(Command.parse("status", "--form", "2-ӨЖ").form()).isEqualTo("2-ӨЖ");
        assertThatThrownBy(() -> Command.parse("status", "--force")).hasMessageContaining("is an argument of transmit");
        assertThatThrownBy(() -> Command.parse("status", "--cell", "350000000:2"))
                .hasMessageStartingWith("--cell: is an argument of explain, not of status; accepted for status: --period, --form");
    }

    @Test
    void repeatedArgumentIsRefusedNamingIt() {
        assertThatThrownBy(() -> Command.parse("transmit", "--period", "2025-05", "--period", "2025-06"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--period: given twice ('2025-05' and '2025-06'); give it once");
        assertThatThrownBy(() -> Command.parse("transmit", "--period", "2025-06", "--form=2-OZh", "--form", "2-OZh"))
                .hasMessageStartingWith("--form: given twice");
        assertThatThrownBy(() -> Command.parse("transmit", "--period", "2025-06", "--dry-run", "--dry-run"))
                .hasMessage("--dry-run: given twice; give it once");
        assertThatThrownBy(() -> Command.parse("explain", "--period", "2025-06", "--form", "2-OZh", "--cell", "350000000:2",
                "--json", "--json")).hasMessageStartingWith("--json: given twice");
    }

    @Test
    void unknownFormIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> Command.parse("transmit", "--period", "2025-06", "--form", "3-X"))
                .hasMessageStartingWith("--form: unknown form '3-X'").hasMessageContaining("1-MEIZhM");
    }

    @Test
    void readsEveryExplainArgument() {
        Command c = Command.parse("explain", "--period", "2025-06", "--form", "1-МЕИЖМ", "--cell", "000000000:9",
                "--version", "V0002", "--json");
        assertThat(c.kind()).isEqualTo(Command.Kind.EXPLAIN);
        assertThat(c.oneShot()).isTrue();
        assertThat(c.period()).isEqualTo("2025-06");
        assertThat(c.form()).isEqualTo("1-МЕИЖМ");
        assertThat(c.cell()).isEqualTo("000000000:9");
        assertThat(c.version()).isEqualTo("V0002");
        assertThat(c.json()).isTrue();
        Command plain = Command.parse("explain", "--period=2025-06", "--form=2-OZh", "--cell=750000000:8", "--as-of=2025-07-02");
        assertThat(plain.asOf()).isEqualTo("2025-07-02");
        assertThat(plain.json()).isFalse();
        assertThat(plain.version()).isNull();
    }

    @Test
    void explainNeedsPeriodFormAndCell() {
        assertThatThrownBy(() -> Command.parse("explain", "--period", "2025-06", "--form", "2-OZh"))
                .hasMessageStartingWith("--cell: missing");
        assertThatThrownBy(() -> Command.parse("explain", "--period", "2025-06", "--cell", "350000000:2"))
                .hasMessageStartingWith("--form: missing");
        assertThatThrownBy(() -> Command.parse("explain", "--form", "2-OZh", "--cell", "350000000:2"))
                .hasMessageStartingWith("--period: missing");
    }

    @Test
    void explainRefusesABadCellColumnOrVersionNamingIt() {
        assertThatThrownBy(() -> Command.parse("explain", "--period", "2025-06", "--form", "2-OZh", "--cell", "350000000-2"))
                .hasMessageStartingWith("--cell: '350000000-2' is not KATO:N");
        assertThatThrownBy(() -> Command.parse("explain", "--period", "2025-06", "--form", "2-OZh", "--cell", "350000000:9"))
                .hasMessageStartingWith("--cell: 2-OZh has no numeric column 9").hasMessageContaining("accepted: 2..8");
        assertThatThrownBy(() -> Command.parse("explain", "--period", "2025-06", "--form", "1-MEIZhM", "--cell", "350000000:1"))
                .hasMessageContaining("accepted: 2..17");
        assertThatThrownBy(() -> Command.parse("explain", "--period", "2025-06", "--form", "1-MEIZhM", "--cell", "990000000:2"))
                .hasMessageStartingWith("--cell: 990000000 is not a row of the form").hasMessageContaining("000000000 (the total)");
        assertThatThrownBy(() -> Command.parse("explain", "--period", "2025-06", "--form", "2-OZh", "--cell", "350000000:2",
                "--version", "first")).hasMessageStartingWith("--version: 'first' is not a version");
        assertThatThrownBy(() -> Command.parse("explain", "--period", "2025-06", "--form", "2-OZh", "--cell", "350000000:2",
                "--version", "V0001", "--as-of", "2025-07-02")).hasMessageContaining("--as-of and --version exclude each other");
        assertThatThrownBy(() -> Command.parse("transmit", "--period", "2025-06", "--json"))
                .hasMessageStartingWith("--json: is an argument of explain, not of transmit");
    }
}
