package kz.labour.reporting.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class RobustStatsTest {

    static List<BigDecimal> values(String... v) {
        return Arrays.stream(v).map(BigDecimal::new).toList();
    }

    @Test
    void theMedianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
        RobustStats s = RobustStats.of(values("9", "1", "5"));
        assertThat(s.median()).isEqualByComparingTo("5");
        assertThat(s.min()).isEqualByComparingTo("1");
        assertThat(s.max()).isEqualByComparingTo("9");
        assertThat(s.n()).isEqualTo(3);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValuesExactly() {
        // 12.3 and 12.4 thousand tenge: the median is 12.35, not rounded to the column's one decimal
        RobustStats s = RobustStats.of(values("12.4", "10.0", "12.3", "20.1"));
        assertThat(s.median()).isEqualByComparingTo("12.35");
        assertThat(s.median().scale()).isEqualTo(2);
    }

    @Test
    void oneValueIsItsOwnMedianAndNoValuesAreRefused() {
        RobustStats s = RobustStats.of(values("7"));
        assertThat(s.median()).isEqualByComparingTo("7");
        assertThatThrownBy(() -> RobustStats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
