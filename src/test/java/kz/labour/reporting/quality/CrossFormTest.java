package kz.labour.reporting.quality;

import static kz.labour.reporting.quality.Tables.ABAI;
import static kz.labour.reporting.quality.Tables.KARAGANDA;
import static kz.labour.reporting.quality.Tables.JUNE_2025;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Severity;

/**
 * 1-МЕИЖМ against 2-ӨЖ, region by region over April to June 2025 (cross-form-periods 3). Months are
 * given June 2024 first; the window is the last three values.
 */
class CrossFormTest {

    static final PlausibilitySettings DEFAULTS = PlausibilitySettings.defaults();
    static final String NONE = "0";

    /** Thirteen values: zeros, then April, May and June 2025 as given. */
    static String[] lastThree(String april, String may, String june) {
        String[] v = new String[13];
        java.util.Arrays.fill(v, NONE);
        v[10] = april;
        v[11] = may;
        v[12] = june;
        return v;
    }

    static StageResult check(FormId reporting, Tables inspectors, Tables injuries) {
        return CrossForm.check(reporting, JUNE_2025, inspectors.all(), injuries.all(), Tables.REGIONS.regions(), DEFAULTS);
    }

    @Test
    void investigationsCompletedWhereNoAccidentWasReportedPointToAccidentsMissingFrom2OZh() {
        // Abai: investigations completed in April and June; its last accident was in February.
        // Karaganda: 3 accidents a month, none needing an inspector (all light): 9 accidents in the country.
        Tables inspectors = Tables.of(FormId.MEIZHM).cell(ABAI, 14, lastThree("1", "0", "1"));
        Tables injuries = Tables.of(FormId.OZH)
                .cell(ABAI, 2, "1", "0", "1", "0", "0", "1", "0", "0", "1", "0", "0", "0", "0")
                .cell(ABAI, 4, "1", "0", "1", "0", "0", "1", "0", "0", "1", "0", "0", "0", "0")
                .cell(ABAI, 6, "1", "0", "1", "0", "0", "1", "0", "0", "1", "0", "0", "0", "0")
                .cell(KARAGANDA, 2, lastThree("3", "3", "3"))
                .cell(KARAGANDA, 4, lastThree("3", "3", "3"))
                .cell(KARAGANDA, 6, lastThree("3", "3", "3"));

        StageResult forInspectors = check(FormId.MEIZHM, inspectors, injuries);
        StageResult forInjuries = check(FormId.OZH, inspectors, injuries);

        assertThat(forInspectors.ran()).extracting(RuleDef::id)
                .containsExactly(CrossForm.INVESTIGATIONS_WITHOUT_ACCIDENTS, CrossForm.ACCIDENTS_WITHOUT_INVESTIGATIONS);
        assertThat(forInspectors.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(CrossForm.INVESTIGATIONS_WITHOUT_ACCIDENTS);
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.kato()).isEqualTo(ABAI);
            assertThat(f.column()).isEqualTo(14);
            assertThat(f.where()).isEqualTo("row 100000000 Абай облысы, column 14");
            // share: 2 of the country's 9 accidents in the window
            assertThat(f.values()).containsExactlyEntriesOf(ValidationReportGoldenTest.values("investigations", 2, "accidents", 0,
                    "periods", 3, "effect", 2, "share", "0.2222"));
            assertThat(f.message()).isEqualTo("2 accident investigation(s) completed (1-MEIZhM c14) in 2025-04 to 2025-06, "
                    + "but no accident in 2-OZh (c2) in the region");
        });
        // the 2-ӨЖ report names its own column
        assertThat(forInjuries.findings()).singleElement().satisfies(f -> assertThat(f.column()).isEqualTo(2));
    }

    @Test
    void accidentsThatNeedAnInspectorWithNoInvestigationCompletedAreReported() {
        // Karaganda: a group accident (2 light victims) in April, a fatal one in May, a severe one in June:
        // c3 + max(0, c7 + c8 - c5) = 1 + 0, 0 + 1, 0 + 1 -> 3 needing investigation; none completed.
        Tables inspectors = Tables.of(FormId.MEIZHM);
        Tables injuries = Tables.of(FormId.OZH)
                .cell(KARAGANDA, 2, lastThree("1", "1", "1"))
                .cell(KARAGANDA, 3, lastThree("1", "0", "0"))
                .cell(KARAGANDA, 4, lastThree("2", "1", "1"))
                .cell(KARAGANDA, 5, lastThree("2", "0", "0"))
                .cell(KARAGANDA, 6, lastThree("2", "0", "0"))
                .cell(KARAGANDA, 7, lastThree("0", "0", "1"))
                .cell(KARAGANDA, 8, lastThree("0", "1", "0"));

        StageResult forInspectors = check(FormId.MEIZHM, inspectors, injuries);
        StageResult forInjuries = check(FormId.OZH, inspectors, injuries);

        assertThat(forInspectors.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(CrossForm.ACCIDENTS_WITHOUT_INVESTIGATIONS);
            assertThat(f.kato()).isEqualTo(KARAGANDA);
            assertThat(f.column()).isEqualTo(14);
            assertThat(f.values()).containsEntry("needingInvestigation", n("3")).containsEntry("investigations", n("0"))
                    .containsEntry("periods", n("3")).containsEntry("effect", n("3")).containsEntry("share", n("1.0000"));
        });
        // on the 2-ӨЖ report it concerns several columns (3, 5, 7, 8): the whole row
        assertThat(forInjuries.findings()).singleElement().satisfies(f -> {
            assertThat(f.column()).isNull();
            assertThat(f.where()).isEqualTo("row 350000000 Қарағанды облысы");
        });
    }

    @Test
    void anInvestigationCompletedInTheWindowCoversTheLagAfterAnAccident() {
        Tables inspectors = Tables.of(FormId.MEIZHM).cell(KARAGANDA, 14, lastThree("0", "0", "1"));
        Tables injuries = Tables.of(FormId.OZH)
                .cell(KARAGANDA, 2, lastThree("1", "1", "1"))
                .cell(KARAGANDA, 4, lastThree("1", "1", "1"))
                .cell(KARAGANDA, 7, lastThree("1", "1", "1"));

        assertThat(check(FormId.MEIZHM, inspectors, injuries).findings()).isEmpty();
    }

    @Test
    void victimsOfAGroupAccidentAreNotCountedAsAccidentsOfTheirOwn() {
        // April: one group accident with two fatal victims -> 1 + max(0, 2 - 2) = 1 (c3 + c8 would say 3);
        // May: one fatal accident -> 1. Two is below cross-form-min-accidents 3: nothing.
        Tables inspectors = Tables.of(FormId.MEIZHM);
        Tables injuries = Tables.of(FormId.OZH)
                .cell(KARAGANDA, 2, lastThree("1", "1", "0"))
                .cell(KARAGANDA, 3, lastThree("1", "0", "0"))
                .cell(KARAGANDA, 4, lastThree("2", "1", "0"))
                .cell(KARAGANDA, 5, lastThree("2", "0", "0"))
                .cell(KARAGANDA, 8, lastThree("2", "1", "0"));

        assertThat(check(FormId.MEIZHM, inspectors, injuries).findings()).isEmpty();
    }

    @Test
    void withoutBothFormsForTheWholeWindowTheRulesDoNotRunAndSaySo() {
        Tables inspectors = Tables.of(FormId.MEIZHM);
        Tables injuries = Tables.of(FormId.OZH);
        Map<YearMonth, PeriodFigures> withoutMay = new TreeMap<>(injuries.all().periods());
        withoutMay.remove(YearMonth.of(2025, 5));

        StageResult result = CrossForm.check(FormId.MEIZHM, JUNE_2025, inspectors.all(),
                new Series(FormId.OZH, injuries.all().accumulation(), withoutMay), Tables.REGIONS.regions(), DEFAULTS);

        assertThat(result.ran()).isEmpty();
        assertThat(result.notRun()).extracting(NotRun::reason).containsOnly(
                "the figures of both forms are needed for 2025-04 to 2025-06; missing for [2025-05]");
    }

    @Test
    void aRegionWithAccidentsAndInvestigationsRaisesNothing() {
        Tables inspectors = Tables.of(FormId.MEIZHM).cell(KARAGANDA, 14, lastThree("1", "1", "1"));
        Tables injuries = Tables.of(FormId.OZH)
                .cell(KARAGANDA, 2, lastThree("1", "1", "1"))
                .cell(KARAGANDA, 4, lastThree("1", "1", "1"))
                .cell(KARAGANDA, 8, lastThree("1", "1", "1"));

        StageResult result = check(FormId.OZH, inspectors, injuries);

        assertThat(result.ran()).hasSize(2);
        assertThat(result.findings()).isEmpty();
    }

    static BigDecimal n(String v) {
        return new BigDecimal(v);
    }


}
