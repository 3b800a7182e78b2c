package kz.labour.reporting.quality;

import static kz.labour.reporting.quality.Tables.ABAI;
import static kz.labour.reporting.quality.Tables.ALMATY_CITY;
import static kz.labour.reporting.quality.Tables.KARAGANDA;
import static kz.labour.reporting.quality.Tables.TOTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Severity;

/**
 * Each rule against a planted anomaly in thirteen hand-made months (June 2024 to May 2025 as history,
 * June 2025 built). Expected medians, spreads and scores are worked out in the comments.
 */
class PlausibilityTest {

    static final PlausibilitySettings DEFAULTS = PlausibilitySettings.defaults();

    /** Karaganda inspections, June 2024 to May 2025: sorted 55 56 57 58 58 59 60 60 61 62 63 64, median 59.5, MAD 2. */
    static final String[] KARAGANDA_INSPECTIONS = {"60", "55", "62", "58", "61", "57", "59", "63", "56", "60", "64", "58"};

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

    static Map<String, BigDecimal> values(Object... pairs) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], new BigDecimal(pairs[i + 1].toString()));
        }
        return m;
    }

    static StageResult check(Tables t) {
        return Plausibility.check(t.june2025(), t.history(), DEFAULTS);
    }

    @Test
    void aRegionsDeathsTenTimesUsualAreAnOutlierAndSoIsTheNationalTotal() {
        // Karaganda deaths: seven 2s, three 3s, a 1 and a 4 -> median 2, range 1..4, MAD 0 (ties);
        // spread = max(1.4826 x 0, 1.2533 x 0.5, sqrt(2)) = 1.41421; June 20: 18 / 1.41421 = 12.73
        Tables t = Tables.of(FormId.OZH).cell(KARAGANDA, 8, "2", "3", "2", "1", "2", "3", "2", "2", "4", "2", "3", "2", "20");

        StageResult result = check(t);

        assertThat(result.stage()).isEqualTo(Stage.PLAUSIBILITY);
        assertThat(result.ran()).extracting(RuleDef::id).containsExactly(Plausibility.OUTLIER, Plausibility.ZERO);
        assertThat(result.notRun()).isEmpty();
        // the national total is Karaganda's alone here: the same numbers; share = 18 / max(2, min-change 5)
        Map<String, BigDecimal> expected = values("value", 20, "median", 2, "min", 1, "max", 4, "effect", 18,
                "score", "12.73", "periods", 12, "share", "3.6000");
        assertThat(result.findings()).extracting(Finding::kato, Finding::column, Finding::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TOTAL, 8, Plausibility.OUTLIER),
                        org.assertj.core.groups.Tuple.tuple(KARAGANDA, 8, Plausibility.OUTLIER));
        for (Finding f : result.findings()) {
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.values()).containsExactlyEntriesOf(expected);
        }
        assertThat(result.findings().get(1).where()).isEqualTo("row 350000000 Қарағанды облысы, column 8");
        assertThat(result.findings().get(1).message()).contains("value 20", "12.7 robust standard deviations",
                "median of the previous 12 periods, 2 (range 1 to 4)", "effect on the national total +18");
    }

    @Test
    void aBusyRegionWithNoInspectionsIsAZeroAndTheNationalTotalAnOutlier() {
        // Karaganda 0 where its median is 59.5 (>= zero-median 10): reported once, as a zero, not also as an outlier.
        // The total (Karaganda + Almaty city's steady 40) falls from a median of 99.5 (range 95..104) to 40:
        // spread = max(1.4826 x 2, 1.2533 x 2.25, sqrt(99.5) = 9.97497) -> 59.5 / 9.97497 = 5.96 > 5.
        Tables t = Tables.of(FormId.MEIZHM)
                .cell(KARAGANDA, 2, then(KARAGANDA_INSPECTIONS, "0"))
                .cell(ALMATY_CITY, 2, twelveTimes("40", "40"));

        List<Finding> findings = check(t).findings();

        // equal effects (-59.5) and shares (-59.5 / 99.5): the total first, by code
        assertThat(findings).extracting(Finding::kato, Finding::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple(TOTAL, Plausibility.OUTLIER),
                org.assertj.core.groups.Tuple.tuple(KARAGANDA, Plausibility.ZERO));
        assertThat(findings.get(0).values()).containsExactlyEntriesOf(values("value", 40, "median", "99.5", "min", 95,
                "max", 104, "effect", "-59.5", "score", "5.96", "periods", 12, "share", "-0.5980"));
        assertThat(findings.get(1).values()).containsExactlyEntriesOf(values("value", 0, "median", "59.5", "min", 55,
                "max", 64, "effect", "-59.5", "periods", 12, "share", "-0.5980"));
        assertThat(findings.get(1).column()).isEqualTo(2);
        assertThat(findings.get(1).message()).contains("value 0 where the median of the previous 12 periods, 59.5",
                "is at least 10", "effect on the national total -59.5");
    }

    @Test
    void aDoubleImportIsANationalMonthOnMonthJumpRankedFirst() {
        // Every inspection of June counted twice: Karaganda 120 (median 59.5), Almaty city 80 (always 40),
        // Abai 6 (always 3). National median 59.5 + 40 + 3 = 102.5 (range 98..107), June 206.
        Tables t = Tables.of(FormId.MEIZHM)
                .cell(KARAGANDA, 2, then(KARAGANDA_INSPECTIONS, "120"))
                .cell(ALMATY_CITY, 2, twelveTimes("40", "80"))
                .cell(ABAI, 2, twelveTimes("3", "6"));

        List<Finding> findings = check(t).findings();

        // total: 103.5 / sqrt(102.5) = 10.22, share 103.5 / 102.5; Karaganda 60.5 / sqrt(59.5) = 7.84, share
        // 60.5 / 102.5; Almaty city 40 / sqrt(40) = 6.32 (its constant history has no spread of its own), share
        // 40 / 102.5; Abai's +3 is below min-change and its score 3 / sqrt(3) below 5
        assertThat(findings).extracting(Finding::kato).containsExactly(TOTAL, KARAGANDA, ALMATY_CITY);
        assertThat(findings).allMatch(f -> f.rule().equals(Plausibility.OUTLIER) && f.column() == 2);
        assertThat(findings.get(0).values()).containsExactlyEntriesOf(values("value", 206, "median", "102.5", "min", 98,
                "max", 107, "effect", "103.5", "score", "10.22", "periods", 12, "share", "1.0098"));
        assertThat(findings.get(1).values()).containsEntry("score", new BigDecimal("7.84"))
                .containsEntry("share", new BigDecimal("0.5902"));
        assertThat(findings.get(2).values()).containsEntry("median", new BigDecimal("40"))
                .containsEntry("score", new BigDecimal("6.32")).containsEntry("share", new BigDecimal("0.3902"));
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

        assertThat(result.ran()).hasSize(2);
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void smallRegionsDoNotFlagOnNoiseBecauseOfTheMinimumChange() {
        // Abai 1 every month, then 4: with outlier-score lowered to 2 the score 3 / sqrt(1) = 3 passes,
        // but the change 3 is below min-change 5; with min-change 2 it is reported
        Tables t = Tables.of(FormId.MEIZHM).cell(ABAI, 2, twelveTimes("1", "4"));
        PlausibilitySettings lowScore = settings(new BigDecimal("2"), new BigDecimal("5"));
        PlausibilitySettings lowChange = settings(new BigDecimal("2"), new BigDecimal("2"));

        assertThat(Plausibility.check(t.june2025(), t.history(), lowScore).findings()).isEmpty();
        assertThat(Plausibility.check(t.june2025(), t.history(), lowChange).findings())
                .extracting(Finding::kato).containsExactly(TOTAL, ABAI);
    }

    @Test
    void fineAmountsUseThousandTengeThresholdsAndAConstantHistoryFlagsAnyChangeAboveTheMinimum() {
        // column 9, thousand tenge: 100.0 every month, no spread at all (MAD and mean deviation 0, no Poisson
        // floor for amounts): 1050.0 moves 950 < min-change-thousand-tenge 1000, nothing; 1200.0 moves 1100
        Tables small = Tables.of(FormId.MEIZHM).cell(KARAGANDA, 9, twelveTimes("100.0", "1050.0"));
        Tables large = Tables.of(FormId.MEIZHM).cell(KARAGANDA, 9, twelveTimes("100.0", "1200.0"));

        assertThat(check(small).findings()).isEmpty();
        List<Finding> findings = check(large).findings();
        assertThat(findings).extracting(Finding::kato).containsExactly(TOTAL, KARAGANDA);
        // infinitely many spreads away: no score is written, the message says why; share 1100 / max(100, 1000)
        assertThat(findings.get(1).values()).containsExactlyEntriesOf(values("value", "1200.0", "median", "100.0",
                "min", "100.0", "max", "100.0", "effect", "1100.0", "periods", 12, "share", "1.1000"));
        assertThat(findings.get(1).message()).contains("away from a history that never changed");
    }

    @Test
    void aZeroFineAmountIsSuspiciousOnlyAboveTheThousandTengeMedian() {
        // median 1500.0 thousand tenge is below zero-median-thousand-tenge 2000: a zero is not a zero-finding,
        // but 1500 away with a spread of 1.4826 x 100 = 148.3 it is an outlier; 2500.0 makes it a zero
        String[] history = {"1400.0", "1600.0", "1500.0", "1400.0", "1600.0", "1500.0", "1400.0", "1600.0", "1500.0",
                "1400.0", "1600.0", "1500.0"};
        String[] higher = java.util.Arrays.stream(history).map(v -> new BigDecimal(v).add(new BigDecimal("1000.0")).toPlainString())
                .toArray(String[]::new);

        assertThat(check(Tables.of(FormId.MEIZHM).cell(KARAGANDA, 9, then(history, "0.0"))).findings())
                .extracting(Finding::rule).containsOnly(Plausibility.OUTLIER);
        assertThat(check(Tables.of(FormId.MEIZHM).cell(KARAGANDA, 9, then(higher, "0.0"))).findings())
                .filteredOn(f -> f.kato().equals(KARAGANDA)).extracting(Finding::rule).containsExactly(Plausibility.ZERO);
    }

    @Test
    void yearToDateComparesTheMonthsIncrementsNotTheGrowingCells() {
        // Karaganda adds 10 inspections a month: year-to-date cells 60 (June 2024) .. 120 (December), 10
        // (January) .. 50 (May 2025). Increments July 2024 to May 2025 are all 10 (11 of them: June 2024's
        // needs May 2024, which is not held). June 2025 at 60 adds 10: nothing. At 150 it adds 100:
        // median 10, spread sqrt(10), 90 / 3.1623 = 28.46.
        String[] cells = {"60", "70", "80", "90", "100", "110", "120", "10", "20", "30", "40", "50"};
        Tables steady = Tables.of(FormId.MEIZHM, Accumulation.YEAR_TO_DATE).cell(KARAGANDA, 2, then(cells, "60"));
        Tables jump = Tables.of(FormId.MEIZHM, Accumulation.YEAR_TO_DATE).cell(KARAGANDA, 2, then(cells, "150"));

        assertThat(check(steady).findings()).isEmpty();
        List<Finding> findings = check(jump).findings();
        assertThat(findings).extracting(Finding::kato).containsExactly(TOTAL, KARAGANDA);
        assertThat(findings.get(1).values()).containsExactlyEntriesOf(values("value", 100, "median", 10, "min", 10,
                "max", 10, "effect", 90, "score", "28.46", "periods", 11, "cell", 150, "share", "9.0000"));
        assertThat(findings.get(1).message()).startsWith("monthly increment 100 (year to date 150)");
    }

    @Test
    void fewerThanTheMinimumPeriodsOfHistoryMeansTheRulesDoNotRunAndSaySo() {
        Tables t = Tables.of(FormId.OZH).cell(KARAGANDA, 8, twelveTimes("2", "20"));

        StageResult five = Plausibility.check(t.june2025(), t.history(7), DEFAULTS);
        StageResult six = Plausibility.check(t.june2025(), t.history(6), DEFAULTS);

        assertThat(five.ran()).isEmpty();
        assertThat(five.findings()).isEmpty();
        assertThat(five.notRun()).extracting(NotRun::rule).containsExactly(Plausibility.OUTLIER, Plausibility.ZERO);
        assertThat(five.notRun().get(0).reason())
                .isEqualTo("only 5 of the previous 12 periods are known; at least 6 are needed (min-history-periods)");
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

    static PlausibilitySettings settings(BigDecimal outlierScore, BigDecimal minChange) {
        PlausibilitySettings d = DEFAULTS;
        return new PlausibilitySettings(true, d.historyPeriods(), d.minHistoryPeriods(), outlierScore, minChange,
                d.minChangeThousandTenge(), d.zeroMedian(), d.zeroMedianThousandTenge(), d.crossFormPeriods(),
                d.crossFormMinAccidents());
    }
}
