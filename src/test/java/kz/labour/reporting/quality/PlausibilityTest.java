package kz.labour.reporting.quality;

import static kz.labour.reporting.quality.Tables.ABAI;
import static kz.labour.reporting.quality.Tables.ALMATY_CITY;
import static kz.labour.reporting.quality.Tables.KARAGANDA;
import static kz.labour.reporting.quality.Tables.TOTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Severity;

/**
 * The rule on planted anomalies in hand-made months (June 2024 to May 2025 as history, June 2025 built;
 * 37 months for the seasons). The models' own arithmetic is worked out in CellModelTest; here, what
 * is reported, with which values, and in which order.
 */
class PlausibilityTest {

    static final PlausibilitySettings DEFAULTS = PlausibilitySettings.defaults();

    /** Karaganda inspections, June 2024 to May 2025: 55..64, sum 713, median 59.5. */
    static final String[] KARAGANDA_INSPECTIONS = {"60", "55", "62", "58", "61", "57", "59", "63", "56", "60", "64", "58"};
    /** Twelve months of 7 to 14, median 9.5, sum 114 (CellModelTest works out its zero). */
    static final String[] SEVEN_TO_FOURTEEN = {"7", "10", "8", "11", "9", "10", "14", "7", "9", "11", "8", "10"};

    static String[] then(String[] twelve, String current) {
        String[] all = java.util.Arrays.copyOf(twelve, 13);
        all[12] = current;
        return all;
    }

    static String[] twelveTimes(String value, String current) {
        String[] all = new String[13];
        java.util.Arrays.fill(all, value);
        all[12] = current;
        return all;
    }

    static StageResult check(Tables t) {
        return Plausibility.check(t.june2025(), t.history(), DEFAULTS);
    }

    @Test
    void theBusiestRegionsZeroAfterAYearOfSevenToFourteenIsReportedWithItsModelAndProbability() {
        // Karaganda 0 against Poisson 114.5 / 12 = 9.54, P(0) = (12/13)^114.5 = 1.05e-4 < 0.001; Almaty city a
        // steady 40, so the national total expects (114 + 480 + 1/2) / 12 = 49.54 and Karaganda's effect
        // -9.54 is 19.26 % of it; score = -log10(1.0465e-4) x 0.1926 = 3.980 x 0.1926 = 0.7666. The total's 40
        // is ordinary for a total expected at 49.5 with variance 53.7 (P ~ 0.1).
        Tables t = Tables.of(FormId.MEIZHM)
                .cell(KARAGANDA, 2, then(SEVEN_TO_FOURTEEN, "0"))
                .cell(ALMATY_CITY, 2, twelveTimes("40", "40"));

        StageResult result = check(t);

        assertThat(result.ran()).extracting(RuleDef::id).containsExactly(Plausibility.OUTLIER);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.kato()).isEqualTo(KARAGANDA);
            assertThat(f.column()).isEqualTo(2);
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.model()).isEqualTo("poisson");
            assertThat(f.values().keySet()).containsExactly("value", "expected", "low", "high", "probability", "score",
                    "effect", "share", "median", "min", "max", "periods");
            assertThat(f.values().get("value")).isEqualByComparingTo("0");
            assertThat(f.values().get("expected")).isEqualByComparingTo("9.54");
            assertThat(f.values().get("probability")).isEqualByComparingTo("0.0001");
            assertThat(f.values().get("effect")).isEqualByComparingTo("-9.54");
            assertThat(f.values().get("share")).isEqualByComparingTo("-0.1926");
            assertThat(f.values().get("score").doubleValue()).isCloseTo(0.7666, within(0.0001));
            assertThat(f.values().get("median")).isEqualByComparingTo("9.5");
            assertThat(f.values().get("periods")).isEqualByComparingTo("12");
            // the band holds the values the model does not find improbable at 0.001: 0 is below it
            CellModel.CountTail tail = new CellModel.CountTail(114.5 / 12, 114.5 / 12 * 13 / 12, false);
            double low = f.values().get("low").doubleValue();
            double high = f.values().get("high").doubleValue();
            assertThat(low).isPositive();
            assertThat(tail.atMost(low)).isGreaterThanOrEqualTo(0.001);
            assertThat(tail.atMost(low - 1)).isLessThan(0.001);
            assertThat(tail.atLeast(high)).isGreaterThanOrEqualTo(0.001);
            assertThat(tail.atLeast(high + 1)).isLessThan(0.001);
            assertThat(f.message()).contains("value 0 where a Poisson model of the previous 12 periods expects 9.54",
                    "the probability of a value this low is 0.0001", "effect on the national total -9.54 (19.26 % of it)");
        });
    }

    @Test
    void aZeroWhereTheMedianIsOneIsNotReported() {
        // P(0) = (12/13)^11.5 = 0.40
        Tables t = Tables.of(FormId.MEIZHM)
                .cell(ABAI, 2, "1", "0", "2", "1", "1", "0", "1", "2", "1", "0", "1", "1", "0")
                .cell(ALMATY_CITY, 2, twelveTimes("40", "40"));

        assertThat(check(t).findings()).isEmpty();
    }

    @Test
    void aDoubleImportIsReportedInTheTotalAndTheRegionsThatCarryItRankedByScore() {
        // Every inspection of June counted twice: Karaganda 120 (expects 713.5 / 12 = 59.46), Almaty city 80
        // (40.04), Abai 6 (3.04, P(X >= 6) about 0.08: not improbable). The total, 206 against (713 + 480 + 36 + 1/2)
        // / 12 = 102.46, is beyond one in a trillion: share 103.54 / 102.458 = 1.0106, score 12 x 1.0106 = 12.1272; Karaganda's and Almaty city's probabilities
        // are small too, their shares smaller: the score puts the total first, then Karaganda, then Almaty city
        Tables t = Tables.of(FormId.MEIZHM)
                .cell(KARAGANDA, 2, then(KARAGANDA_INSPECTIONS, "120"))
                .cell(ALMATY_CITY, 2, twelveTimes("40", "80"))
                .cell(ABAI, 2, twelveTimes("3", "6"));

        List<Finding> findings = check(t).findings();

        assertThat(findings).extracting(Finding::kato).containsExactly(TOTAL, KARAGANDA, ALMATY_CITY);
        assertThat(findings).allMatch(f -> f.rule().equals(Plausibility.OUTLIER) && f.column() == 2);
        assertThat(findings.get(0).values()).containsEntry("expected", new BigDecimal("102.46"))
                .containsEntry("probability", new BigDecimal("0.000000000001"))
                .containsEntry("share", new BigDecimal("1.0106")).containsEntry("score", new BigDecimal("12.1272"));
        assertThat(findings).extracting(f -> f.values().get("score")).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(findings.get(0).message()).contains("the probability of a value this high is below 0.000000000001");
    }

    @Test
    void aCleanMonthRaisesNothing() {
        Tables t = Tables.of(FormId.MEIZHM)
                .cell(KARAGANDA, 2, then(KARAGANDA_INSPECTIONS, "66"))
                .cell(ALMATY_CITY, 2, twelveTimes("40", "44"))
                .cell(ABAI, 2, twelveTimes("3", "0"))
                .cell(KARAGANDA, 9, "120.5", "98.0", "143.2", "110.0", "87.5", "131.0", "101.1", "125.0", "99.9", "118.4",
                        "140.0", "105.5", "150.3");

        StageResult result = check(t);

        assertThat(result.ran()).hasSize(1);
        assertThat(result.findings()).isEmpty();
        // 21 rows x 16 columns
        assertThat(result.ran().get(0).description()).contains("336 cells judged",
                "the month of the year is not modelled: 12 periods known, 24 needed");
    }

    @Test
    void anImprobableChangeTooSmallForTheNationalTotalIsNotReported() {
        // Abai 1 every month, then 7: P(X >= 7) under a mean of 1.04 is about 2e-4, improbable; but next to
        // Almaty city's 1000 its +5.96 is 0.6 % of the national total, below min-share 1 %
        Tables t = Tables.of(FormId.MEIZHM)
                .cell(ABAI, 2, twelveTimes("1", "7"))
                .cell(ALMATY_CITY, 2, twelveTimes("1000", "1000"));
        PlausibilitySettings tenthOfAPercent = new PlausibilitySettings(true, 36, 6, DEFAULTS.significance(),
                new BigDecimal("0.001"), 3, 3);

        assertThat(check(t).findings()).isEmpty();
        assertThat(Plausibility.check(t.june2025(), t.history(), tenthOfAPercent).findings())
                .extracting(Finding::kato).containsExactly(ABAI);
    }

    @Test
    void fineAmountsAreJudgedOnTheLogScaleSoTengeInsteadOfThousandsShows() {
        // Karaganda's fines around 5000 thousand tenge; June entered in tenge: 5 200 000
        String[] fines = {"5120.5", "4890.0", "5300.2", "4700.0", "5050.5", "5410.0", "4980.1", "5150.0", "4800.9",
                "5230.4", "5010.0", "4930.5"};
        Tables tenge = Tables.of(FormId.MEIZHM).cell(KARAGANDA, 9, then(fines, "5200000.0"))
                .cell(KARAGANDA, 8, twelveTimes("25", "25"));
        Tables ordinary = Tables.of(FormId.MEIZHM).cell(KARAGANDA, 9, then(fines, "5600.0"))
                .cell(KARAGANDA, 8, twelveTimes("25", "25"));

        List<Finding> findings = check(tenge).findings();

        assertThat(findings).extracting(Finding::kato).containsExactly(TOTAL, KARAGANDA);
        assertThat(findings.get(1).model()).isEqualTo("log-t");
        assertThat(findings.get(1).values().get("expected").scale()).isEqualTo(1);
        assertThat(findings.get(1).message()).contains("a model of the amount's logarithm");
        assertThat(check(ordinary).findings()).isEmpty();
    }

    @Test
    void yearToDateComparesTheMonthsIncrementsNotTheGrowingCells() {
        // Karaganda adds 10 inspections a month: year-to-date cells 60 (June 2024) .. 120 (December), 10
        // (January) .. 50 (May 2025). Increments July 2024 to May 2025 are all 10 (11 of them: June 2024's
        // needs May 2024, which is not held). June 2025 at 60 adds 10: nothing. At 150 it adds 100.
        String[] cells = {"60", "70", "80", "90", "100", "110", "120", "10", "20", "30", "40", "50"};
        Tables steady = Tables.of(FormId.MEIZHM, Accumulation.YEAR_TO_DATE).cell(KARAGANDA, 2, then(cells, "60"));
        Tables jump = Tables.of(FormId.MEIZHM, Accumulation.YEAR_TO_DATE).cell(KARAGANDA, 2, then(cells, "150"));

        assertThat(check(steady).findings()).isEmpty();
        List<Finding> findings = check(jump).findings();
        assertThat(findings).extracting(Finding::kato).containsExactly(TOTAL, KARAGANDA);
        // expected (110 + 1/2) / 11 = 10.05
        assertThat(findings.get(1).values()).containsEntry("value", new BigDecimal("100"))
                .containsEntry("expected", new BigDecimal("10.05")).containsEntry("periods", new BigDecimal("11"))
                .containsEntry("cell", new BigDecimal("150"));
        assertThat(findings.get(1).values().keySet()).last().isEqualTo("cell");
        assertThat(findings.get(1).message()).startsWith("monthly increment 100 (year to date 150)");
    }

    @Test
    void aRegularDecemberPeakPassesWithThreeYearsOfHistoryAndAnUnusualDecemberIsReported() {
        // Karaganda 20 a month, 40 each December, December 2022 to November 2025 (CellModelTest works the
        // seasonal factor out: 1.9375, expected 38.84)
        YearMonth december = YearMonth.of(2025, 12);
        Series history = Tables.history(FormId.MEIZHM, december.minusMonths(36), december.minusMonths(1),
                m -> Map.of(KARAGANDA, Map.of(2, m.getMonthValue() == 12 ? "40" : "20")));

        StageResult regular = Plausibility.check(Tables.table(FormId.MEIZHM, december, Map.of(KARAGANDA, Map.of(2, "40"))),
                history, DEFAULTS);
        StageResult unusual = Plausibility.check(Tables.table(FormId.MEIZHM, december, Map.of(KARAGANDA, Map.of(2, "10"))),
                history, DEFAULTS);

        assertThat(regular.findings()).isEmpty();
        assertThat(regular.ran().get(0).description()).contains("the month of the year is modelled (36 periods known)");
        assertThat(unusual.findings()).extracting(Finding::kato).containsExactly(TOTAL, KARAGANDA);
        assertThat(unusual.findings()).allSatisfy(f -> {
            assertThat(f.model()).isEqualTo("poisson-seasonal");
            assertThat(f.values().get("expected")).isEqualByComparingTo("38.84");
            assertThat(f.message()).contains("a Poisson model with the month of the year of the previous 36 periods");
        });
    }

    @Test
    void fewerThanTheMinimumPeriodsOfHistoryMeansTheRuleDoesNotRunAndSaysSo() {
        Tables t = Tables.of(FormId.OZH).cell(KARAGANDA, 8, twelveTimes("2", "20"));

        StageResult five = Plausibility.check(t.june2025(), t.history(7), DEFAULTS);
        StageResult six = Plausibility.check(t.june2025(), t.history(6), DEFAULTS);

        assertThat(five.ran()).isEmpty();
        assertThat(five.findings()).isEmpty();
        assertThat(five.notRun()).extracting(NotRun::rule).containsExactly(Plausibility.OUTLIER);
        assertThat(five.notRun().get(0).reason())
                .isEqualTo("only 5 of the previous 36 periods are known; at least 6 are needed (min-history-periods)");
        assertThat(six.notRun()).isEmpty();
        assertThat(six.findings()).extracting(Finding::kato).containsExactly(TOTAL, KARAGANDA);
        assertThat(six.findings().get(0).values()).containsEntry("periods", new BigDecimal("6"));
    }

    @Test
    void aHistoryOfAnotherFormOrAccumulationIsRefused() {
        Tables injuries = Tables.of(FormId.OZH);
        Tables yearToDate = Tables.of(FormId.MEIZHM, Accumulation.YEAR_TO_DATE);
        Tables monthly = Tables.of(FormId.MEIZHM);

        assertThatThrownBy(() -> Plausibility.check(monthly.june2025(), injuries.history(), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Plausibility.check(monthly.june2025(), yearToDate.history(), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
