package kz.labour.reporting.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.distribution.PascalDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/** Each model on histories whose expectation and tail are worked out by hand in the comments. */
class CellModelTest {

    static final YearMonth JUNE_2025 = YearMonth.of(2025, 6);
    static final YearMonth DECEMBER_2025 = YearMonth.of(2025, 12);

    /** The values as the months before {@code current}, the last value the month just before it. */
    static List<CellModel.Point> before(YearMonth current, double... values) {
        List<CellModel.Point> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new CellModel.Point(current.minusMonths(values.length - i), values[i]));
        }
        return points;
    }

    /** 36 months before December 2025: 20 in every month but December, 40 in each December. */
    static List<CellModel.Point> decemberPeaks() {
        List<CellModel.Point> points = new ArrayList<>();
        for (int i = 36; i >= 1; i--) {
            YearMonth month = DECEMBER_2025.minusMonths(i);
            points.add(new CellModel.Point(month, month.getMonthValue() == 12 ? 40 : 20));
        }
        return points;
    }

    @Test
    void aZeroAfterAYearOfSevenToFourteenIsImprobableUnderPoisson() {
        // sorted 7 7 8 8 9 9 10 10 10 11 11 14: median 9.5, sum 114. Set aside beyond 3 x max(1.4826 x MAD 1.5,
        // sqrt 9.5 = 3.08) = 9.25 from the median: none. Mean (114 + 1/2) / 12 = 9.5417; Pearson statistic
        // 43.02 / 9.5417 = 4.51 below its 11 degrees of freedom: not overdispersed, Poisson. Predictive: a
        // negative binomial of size 12 x 9.5417 = 114.5 and success 12/13, so P(0) = (12/13)^114.5 = 1.0465e-4.
        CellModel.Expectation e = CellModel.count(before(JUNE_2025, 7, 10, 8, 11, 9, 10, 14, 7, 9, 11, 8, 10), JUNE_2025, 0);

        assertThat(e.kind()).isEqualTo(CellModel.Kind.POISSON);
        assertThat(e.model()).isEqualTo("poisson");
        assertThat(e.seasonal()).isFalse();
        assertThat(e.expected()).isCloseTo(114.5 / 12, within(1e-9));
        assertThat(e.dispersion()).isEqualTo(1.0);
        assertThat(e.probability()).isCloseTo(Math.pow(12.0 / 13, 114.5), Percentage.withPercentage(1e-6));
        assertThat(e.probability()).isLessThan(0.001);
        assertThat(e.above()).isFalse();
    }

    @Test
    void aZeroWhereTheMedianIsOneIsOrdinary() {
        // sum 11: mean 11.5 / 12 = 0.958; P(0) = (12/13)^11.5 = 0.398
        CellModel.Expectation e = CellModel.count(before(JUNE_2025, 1, 0, 2, 1, 1, 0, 1, 2, 1, 0, 1, 1), JUNE_2025, 0);

        assertThat(e.expected()).isCloseTo(11.5 / 12, within(1e-9));
        assertThat(e.probability()).isCloseTo(Math.pow(12.0 / 13, 11.5), Percentage.withPercentage(1e-6));
    }

    @Test
    void oneWildMonthInTheHistoryIsSetAsideAndDoesNotMaskTheNextOne() {
        // a past zero (a missed import) among 9..11: 0 is 10 from the median 10, beyond 3 x sqrt(10) = 9.49, so
        // set aside; the mean of the other eleven is (110 + 1/2) / 11 = 10.045 and a zero now is as improbable as
        // if the past one had never been: (11/12)^110.5 = 6.7e-5
        CellModel.Expectation e = CellModel.count(before(JUNE_2025, 10, 9, 11, 10, 0, 10, 9, 11, 10, 10, 10, 10), JUNE_2025, 0);

        assertThat(e.expected()).isCloseTo(110.5 / 11, within(1e-9));
        assertThat(e.probability()).isCloseTo(Math.pow(11.0 / 12, 110.5), Percentage.withPercentage(1e-6));
    }

    @Test
    void anOverdispersedHistoryIsNegativeBinomialWithItsDispersionEstimated() {
        // 2 12 5 20 8 3 15 6 10 4 18 9: median 8.5, MAD 5 -> 1.4826 x 5 = 7.41, limit 22.2: none set aside.
        // sum 112, sum of squares 1428, mean 112.5 / 12 = 9.375; squares about the mean 1428 - 2 x 9.375 x 112 +
        // 12 x 9.375^2 = 382.69, Pearson 382.69 / 9.375 = 40.82 on 11 degrees of freedom (P < 0.001):
        // overdispersed, dispersion 40.82 / 11 = 3.71
        double[] h = {2, 12, 5, 20, 8, 3, 15, 6, 10, 4, 18, 9};
        double mean = 112.5 / 12;
        double squares = 0;
        for (double v : h) {
            squares += (v - mean) * (v - mean);
        }
        CellModel.Expectation e = CellModel.count(before(JUNE_2025, h), JUNE_2025, 30);

        assertThat(squares).isCloseTo(382.69, within(0.01));
        assertThat(e.dispersion()).isCloseTo(3.711, within(0.001));
        assertThat(e.kind()).isEqualTo(CellModel.Kind.NEGATIVE_BINOMIAL);
        assertThat(e.dispersion()).isCloseTo(squares / mean / 11, within(1e-9));
        // 30 is about 3.3 of the predictive's standard deviations above 9.4, a tail of about a thousandth:
        // improbable under Poisson (P(X >= 30 | 9.4) = 1e-7), far less so here
        assertThat(e.probability()).isBetween(1e-4, 0.01);
        assertThat(1 - new PoissonDistribution(mean).cumulativeProbability(29)).isLessThan(1e-6);
    }

    @Test
    void theNegativeBinomialTailsAreCommonsMathsForAWholeSize() {
        // size 4, success 0.4: mean 4 x 0.6 / 0.4 = 6, variance 6 / 0.4 = 15
        CellModel.CountTail tail = new CellModel.CountTail(6, 15, true);
        PascalDistribution pascal = new PascalDistribution(null, 4, 0.4);

        for (int k = 0; k <= 30; k++) {
            assertThat(tail.atMost(k)).isCloseTo(pascal.cumulativeProbability(k), within(1e-12));
            assertThat(tail.atLeast(k)).isCloseTo(k == 0 ? 1 : 1 - pascal.cumulativeProbability(k - 1), within(1e-12));
        }
        // the band at 0.05: the least k with P(X <= k) >= 0.05 and the largest with P(X >= k) >= 0.05
        double[] band = tail.band(0.05);
        assertThat(pascal.cumulativeProbability((int) band[0])).isGreaterThanOrEqualTo(0.05);
        assertThat(pascal.cumulativeProbability((int) band[0] - 1)).isLessThan(0.05);
        assertThat(1 - pascal.cumulativeProbability((int) band[1] - 1)).isGreaterThanOrEqualTo(0.05);
        assertThat(1 - pascal.cumulativeProbability((int) band[1])).isLessThan(0.05);
    }

    @Test
    void aRegularDecemberPeakPassesOnceTwoYearsAreKnown() {
        // last twelve months: eleven 20s and December 2024's 40, which the level sets aside (20 from the median
        // 20, beyond 3 x sqrt 20 = 13.4): level (220 + 1/2) / 11 = 20.045. Dispersion from the changes against a
        // year before, all 0: Poisson. The Decembers of 2022, 2023, 2024 (40 each) against the twelve months
        // around each (20 each): the gamma prior of shape 4 updated by 120 of 60 gives the factor
        // (4 + 120) / (4 + 60) = 1.9375, expected 20.045 x 1.9375 = 38.84
        CellModel.Expectation e = CellModel.count(decemberPeaks(), DECEMBER_2025, 40);

        assertThat(e.seasonal()).isTrue();
        assertThat(e.model()).isEqualTo("poisson-seasonal");
        assertThat(e.expected()).isCloseTo(220.5 / 11 * 124 / 64, within(1e-9));
        assertThat(e.probability()).isGreaterThan(0.3);
    }

    @Test
    void anUnusualDecemberIsFlaggedAgainstItsSeason() {
        // expected 38.84 with variance 38.84 + 38.84^2 x (1 / (11 x 20.045) + 1 / 124) = 57.8 (the level's and the
        // factor's own uncertainty widen it): 10 is 3.8 standard deviations below, 80 over 5 above
        assertThat(CellModel.count(decemberPeaks(), DECEMBER_2025, 10).probability()).isLessThan(0.001);
        assertThat(CellModel.count(decemberPeaks(), DECEMBER_2025, 80).probability()).isLessThan(0.001);
    }

    @Test
    void withoutTwoYearsTheMonthOfTheYearIsNotModelled() {
        // only the last twelve months: the level 20.045 without December 2024's 40, no seasonal factor
        CellModel.Expectation e = CellModel.count(decemberPeaks().subList(24, 36), DECEMBER_2025, 40);

        assertThat(e.seasonal()).isFalse();
        assertThat(e.model()).doesNotEndWith("-seasonal");
        assertThat(e.expected()).isCloseTo(220.5 / 11, within(1e-9));
    }

    @Test
    void anAmountInTengeInsteadOfThousandsIsImprobableOnTheLogScaleAndOrdinaryVariationIsNot() {
        // thousand tenge around 1000 (+-20 %): log(1 + x) about 6.9 with a standard deviation near 0.13
        double[] h = {1000, 850, 1200, 950, 1100, 900, 1050, 1150, 980, 870, 1010, 1190};
        CellModel.Expectation thousandTimes = CellModel.amount(before(JUNE_2025, h), JUNE_2025, 1_000_000);
        CellModel.Expectation ordinary = CellModel.amount(before(JUNE_2025, h), JUNE_2025, 1250);
        CellModel.Expectation none = CellModel.amountNone(before(JUNE_2025, h), JUNE_2025, 0.0067);

        assertThat(thousandTimes.kind()).isEqualTo(CellModel.Kind.LOG_T);
        assertThat(thousandTimes.probability()).isLessThan(1e-9);
        assertThat(thousandTimes.above()).isTrue();
        assertThat(ordinary.probability()).isGreaterThan(0.01);
        // no fine at all is as probable as the count of fines being 0, which the count's model says
        assertThat(CellModel.amount(before(JUNE_2025, h), JUNE_2025, 0)).isNull();
        assertThat(none.probability()).isEqualTo(0.0067);
        assertThat(none.above()).isFalse();
        assertThat(none.expected()).isEqualTo(ordinary.expected());
        assertThat(ordinary.expected()).isBetween(950.0, 1060.0);
        double[] band = ordinary.band(0.001);
        assertThat(band[0]).isBetween(400.0, 950.0);
        assertThat(band[1]).isBetween(1060.0, 2500.0);
    }
}
