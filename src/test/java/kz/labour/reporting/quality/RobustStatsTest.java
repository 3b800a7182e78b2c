package kz.labour.reporting.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
        // deviations 4, 4, 0 -> MAD 4; mean deviation 8/3
        assertThat(s.mad()).isEqualByComparingTo("4");
        assertThat(s.meanAbsDev()).isEqualByComparingTo("2.666667");
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValuesExactly() {
        // 12.3 and 12.4 thousand tenge: the median is 12.35, not rounded to the column's one decimal
        RobustStats s = RobustStats.of(values("12.4", "10.0", "12.3", "20.1"));
        assertThat(s.median()).isEqualByComparingTo("12.35");
        // deviations 0.05, 2.35, 0.05, 7.75 -> sorted 0.05, 0.05, 2.35, 7.75 -> MAD (0.05 + 2.35) / 2
        assertThat(s.mad()).isEqualByComparingTo("1.2");
    }

    @Test
    void tiesAtTheMedianMakeTheMadZeroAndTheMeanDeviationStillSeesTheOthers() {
        // seven 2s, three 3s, a 1 and a 4: median 2, deviations 0 x7, 1 x4, 2 -> MAD 0; mean 6/12
        RobustStats s = RobustStats.of(values("2", "3", "2", "1", "2", "3", "2", "2", "4", "2", "3", "2"));
        assertThat(s.median()).isEqualByComparingTo("2");
        assertThat(s.mad()).isEqualByComparingTo("0");
        assertThat(s.meanAbsDev()).isEqualByComparingTo("0.5");
        // amounts: 1.2533 x 0.5; counts: never below the Poisson floor sqrt(2)
        assertThat(s.spread(false)).isCloseTo(0.62665, within(1e-9));
        assertThat(s.spread(true)).isCloseTo(Math.sqrt(2), within(1e-9));
        assertThat(s.score(new BigDecimal("20"), true)).isCloseTo(18 / Math.sqrt(2), within(1e-9));
    }

    @Test
    void theMadDrivesTheSpreadWhenTheHistoryVariesEvenly() {
        // 55..64: median 59.5, MAD 2 (worked out in PlausibilityTest), mean deviation 2.25
        RobustStats s = RobustStats.of(values("60", "55", "62", "58", "61", "57", "59", "63", "56", "60", "64", "58"));
        assertThat(s.median()).isEqualByComparingTo("59.5");
        assertThat(s.mad()).isEqualByComparingTo("2");
        assertThat(s.meanAbsDev()).isEqualByComparingTo("2.25");
        assertThat(s.spread(false)).isCloseTo(1.4826 * 2, within(1e-9));
        // a count of about 60 varies by about sqrt(59.5) = 7.7 even when the history happened to vary less
        assertThat(s.spread(true)).isCloseTo(Math.sqrt(59.5), within(1e-9));
    }

    @Test
    void aLumpyHistoryIsJudgedByItsMeanDeviationNotOnlyItsMad() {
        // six 0s, four 1s and two lumps: MAD 0.5 would call 8 extreme; the mean deviation remembers the lumps
        RobustStats s = RobustStats.of(values("0", "0", "1", "1", "0", "1", "0", "12", "0", "0", "10", "1"));
        assertThat(s.median()).isEqualByComparingTo("0.5");
        assertThat(s.mad()).isEqualByComparingTo("0.5");
        // deviations: 0.5 x10, 11.5, 9.5 -> mean 26/12
        assertThat(s.meanAbsDev()).isEqualByComparingTo("2.166667");
        assertThat(s.spread(true)).isCloseTo(1.2533 * 2.166667, within(1e-6));
    }

    @Test
    void aConstantAmountHasNoSpreadSoAnyChangeIsInfinitelyFarAndNoChangeIsNotFarAtAll() {
        RobustStats s = RobustStats.of(values("100.0", "100.0", "100.0", "100.0", "100.0", "100.0"));
        assertThat(s.spread(false)).isZero();
        assertThat(s.score(new BigDecimal("100.0"), false)).isZero();
        assertThat(s.score(new BigDecimal("100.1"), false)).isInfinite();
        // counted events: the Poisson floor, sqrt(100)
        assertThat(s.score(new BigDecimal("150"), true)).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void aZeroMedianCountUsesAFloorOfOne() {
        RobustStats s = RobustStats.of(values("0", "0", "0", "0", "0", "0"));
        assertThat(s.spread(true)).isEqualTo(1.0);
        assertThat(s.score(new BigDecimal("6"), true)).isEqualTo(6.0);
    }

    @Test
    void oneValueIsItsOwnMedianAndNoValuesAreRefused() {
        RobustStats s = RobustStats.of(values("7"));
        assertThat(s.median()).isEqualByComparingTo("7");
        assertThat(s.mad()).isEqualByComparingTo("0");
        assertThatThrownBy(() -> RobustStats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
