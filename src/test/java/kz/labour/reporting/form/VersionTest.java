package kz.labour.reporting.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionTest {

    @Test
    void isLabelledWithFourDigits() {
        assertThat(Version.FIRST.label()).isEqualTo("V0001");
        assertThat(Version.of(12).label()).isEqualTo("V0012");
        assertThat(Version.of(9999)).hasToString("V9999");
    }

    @Test
    void readsItsLabelBack() {
        assertThat(Version.parse("V0012")).isEqualTo(Version.of(12));
        assertThat(Version.parse(" v0003 ")).isEqualTo(Version.of(3));
    }

    @Test
    void refusesWhatFourDigitsCannotName() {
        assertThatThrownBy(() -> Version.of(0)).hasMessageContaining("outside 1..9999");
        assertThatThrownBy(() -> Version.of(10000)).hasMessageContaining("outside 1..9999");
        assertThatThrownBy(() -> Version.of(9999).next()).hasMessageContaining("outside 1..9999");
        assertThatThrownBy(() -> Version.parse("V0000")).hasMessage("'V0000' is not a version; accepted: V0001 to V9999");
        assertThatThrownBy(() -> Version.parse("1")).hasMessage("'1' is not a version; accepted: V0001 to V9999");
    }

    @Test
    void ordersByNumber() {
        assertThat(Version.of(2)).isGreaterThan(Version.FIRST);
        assertThat(Version.FIRST.next()).isEqualTo(Version.of(2));
    }
}
