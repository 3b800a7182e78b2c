package kz.labour.reporting.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FormIdTest {

    @Test
    void acceptsAsciiIdsAndPrintedIndexesInAnyCase() {
        assertThat(FormId.parse("1-MEIZhM")).isEqualTo(FormId.MEIZHM);
        assertThat(FormId.parse("1-meizhm")).isEqualTo(FormId.MEIZHM);
        assertThat(FormId.parse("1-МЕИЖМ")).isEqualTo(FormId.MEIZHM);
        assertThat(FormId.parse("2-өж")).isEqualTo(FormId.OZH);
        assertThat(FormId.parse(" 2-OZH ")).isEqualTo(FormId.OZH);
    }

    @Test
    void unknownFormNamesWhatIsAccepted() {
        assertThatThrownBy(() -> FormId.parse("3-XYZ"))
                .hasMessageContaining("--form").hasMessageContaining("unknown form '3-XYZ'")
                .hasMessageContaining("1-MEIZhM (1-МЕИЖМ), 2-OZh (2-ӨЖ)");
    }
}
