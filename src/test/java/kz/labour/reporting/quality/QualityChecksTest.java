package kz.labour.reporting.quality;

import static kz.labour.reporting.quality.Tables.KARAGANDA;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;

/** Where the history comes from: delivered versions first, the source only for what was never delivered. */
class QualityChecksTest {

    static final String[] DEATHS = {"2", "3", "2", "1", "2", "3", "2", "2", "4", "2", "3", "2", "20"};

    final Tables inspectors = Tables.of(FormId.MEIZHM).cell(KARAGANDA, 14, "1", "1", "1", "1", "1", "1", "1", "1", "1", "1",
            "1", "1", "1");
    final Tables injuries = Tables.of(FormId.OZH).cell(KARAGANDA, 2, DEATHS).cell(KARAGANDA, 4, DEATHS)
            .cell(KARAGANDA, 8, DEATHS);
    final InMemoryHistory delivered = new InMemoryHistory();
    final List<String> built = new ArrayList<>();

    /** Builds from the hand-made months, noting what was asked. */
    SourceBuild source() {
        return (form, period) -> {
            built.add(form + " " + period);
            Tables t = form == FormId.MEIZHM ? inspectors : injuries;
            int i = (int) Tables.FIRST.until(period, java.time.temporal.ChronoUnit.MONTHS);
            return i < 0 || i > 12 ? Optional.empty() : Optional.of(t.month(i));
        };
    }

    /** The defaults with a year of history, which the hand-made months hold. */
    static final PlausibilitySettings A_YEAR = new PlausibilitySettings(true, 12, 6, PlausibilitySettings.defaults().significance(),
            PlausibilitySettings.defaults().minShare(), 3, 3);

    QualityChecks checks() {
        return new QualityChecks(delivered, A_YEAR, Tables.REGIONS, Tables.LABELS);
    }

    void deliverHistory() {
        for (int i = 0; i < 12; i++) {
            delivered.record(inspectors.month(i), 1);
            delivered.record(injuries.month(i), 1);
        }
    }

    @Test
    void deliveredPeriodsCostNoSourceReadOnlyTheOtherFormsCurrentPeriodIsBuilt() {
        deliverHistory();

        QualityChecks.Result result = checks().check(injuries.june2025(), source());

        assertThat(built).containsExactly("1-MEIZhM 2025-06");
        assertThat(result.stages()).extracting(StageResult::stage).containsExactly(Stage.PLAUSIBILITY, Stage.CROSS_FORM);
        assertThat(result.stages().get(0).findings()).extracting(f -> f.kato() + " c" + f.column())
                .containsExactlyInAnyOrder("000000000 c2", "000000000 c4", "000000000 c8", "350000000 c2", "350000000 c4",
                        "350000000 c8");
        assertThat(result.stages().get(1).ran()).hasSize(2);
        assertThat(result.stages().get(1).findings()).isEmpty();
        assertThat(result.history()).hasSize(12 + 3);
        assertThat(result.history()).filteredOn(p -> p.origin() == PeriodFigures.Origin.BUILT)
                .extracting(p -> p.form() + " " + p.period()).containsExactly("1-MEIZhM 2025-06");
    }

    @Test
    void thePeriodsAReadFindsUndeliveredAreAskedOfTheSourceTogether() {
        for (int i = 0; i < 12; i += 2) {
            delivered.record(injuries.month(i), 1);
        }
        List<String> asked = new ArrayList<>();
        SourceBuild hand = source();
        SourceBuild together = new SourceBuild() {
            @Override
            public Optional<FormTable> build(FormId form, YearMonth period) {
                return hand.build(form, period);
            }

            @Override
            public Map<YearMonth, Optional<FormTable>> buildAll(FormId form, List<YearMonth> periods) {
                asked.add(form + " " + periods);
                return SourceBuild.super.buildAll(form, periods);
            }
        };

        QualityChecks.Result result = checks().check(injuries.june2025(), together);

        // 2-ӨЖ's history lacks the odd months of June 2024..May 2025; the cross-form window all of 1-МЕИЖМ's
        assertThat(asked).containsExactly(
                "2-OZh [2024-07, 2024-09, 2024-11, 2025-01, 2025-03, 2025-05]",
                "1-MEIZhM [2025-04, 2025-05, 2025-06]");
        assertThat(result.history()).hasSize(12 + 3);
    }

    @Test
    void aNewDeploymentBuildsEachMissingPeriodOnceFromTheSource() {
        QualityChecks.Result result = checks().check(injuries.june2025(), source());

        // 2-ӨЖ June 2024 to May 2025 for its history; 1-МЕИЖМ April to June 2025 for the cross-form window
        assertThat(built).hasSize(12 + 3).doesNotHaveDuplicates()
                .contains("2-OZh 2024-06", "2-OZh 2025-05", "1-MEIZhM 2025-04", "1-MEIZhM 2025-06");
        assertThat(result.stages().get(0).findings()).hasSize(6);
        assertThat(result.history()).allMatch(p -> p.origin() == PeriodFigures.Origin.BUILT && p.version() == null);
    }

    @Test
    void theLatestDeliveredVersionOfAPeriodIsTheOneComparedWith() {
        deliverHistory();
        // May 2025 delivered again as V2 with Karaganda's deaths at 20: June's 20 is then less unusual, but the
        // median of the twelve stays 2 and it is still reported; the report's history names V2
        Tables corrected = Tables.of(FormId.OZH).cell(KARAGANDA, 8, "2", "3", "2", "1", "2", "3", "2", "2", "4", "2", "3",
                "20", "20");
        delivered.record(corrected.month(11), 2);

        QualityChecks.Result result = checks().check(injuries.june2025(), source());

        assertThat(result.history()).filteredOn(p -> p.form() == FormId.OZH && p.period().equals(YearMonth.of(2025, 5)))
                .singleElement().satisfies(p -> assertThat(p.version()).isEqualTo(2));
        assertThat(result.stages().get(0).findings()).filteredOn(f -> f.column() == 8 && f.kato().equals(KARAGANDA))
                .singleElement().satisfies(f -> assertThat(f.values().get("max")).isEqualByComparingTo("20"));
    }

    @Test
    void aBuiltPeriodWithNothingAtAllInItIsNotTakenAsHistory() {
        // the source has data from December 2024 only: earlier months build as all zeros, which would
        // make every ordinary June a jump from nothing
        SourceBuild shortSource = (form, period) -> {
            FormTable t = source().build(form, period).orElseThrow();
            return period.isBefore(YearMonth.of(2024, 12))
                    ? Optional.of(Tables.of(form).month((int) Tables.FIRST.until(period, java.time.temporal.ChronoUnit.MONTHS)))
                    : Optional.of(t);
        };

        QualityChecks.Result result = checks().check(injuries.june2025(), shortSource);

        assertThat(result.history()).filteredOn(p -> p.form() == FormId.OZH).extracting(PeriodFigures::period)
                .first().isEqualTo(YearMonth.of(2024, 12));
        assertThat(result.stages().get(0).findings()).filteredOn(f -> f.column() == 8)
                .allSatisfy(f -> assertThat(f.values().get("periods")).isEqualByComparingTo("6"));
    }

    @Test
    void yearToDateReadsOnePeriodMoreForTheFirstIncrement() {
        Tables ytd = Tables.of(FormId.OZH, Accumulation.YEAR_TO_DATE);
        FormTable june = ytd.june2025();

        checks().check(june, (form, period) -> Optional.empty());

        assertThat(delivered.reads).containsExactly("2-OZh 2024-05..2025-05", "1-MEIZhM 2025-03..2025-06");
    }

    @Test
    void aHistoryThatCannotBeReadLeavesTheStagesNotRunAndTheBuildGoesOn() {
        SourceBuild down = (form, period) -> {
            throw new IllegalStateException("source database unreachable");
        };

        QualityChecks.Result result = checks().check(injuries.june2025(), down);

        assertThat(result.stages()).allSatisfy(s -> assertThat(s.ran()).isEmpty());
        // the plausibility stage's one rule, the cross-form stage's two
        assertThat(result.stages()).extracting(s -> s.notRun().size()).containsExactly(1, 2);
        assertThat(result.stages().get(0).notRun().get(0).reason())
                .isEqualTo("the history could not be read: source database unreachable");
    }

    @Test
    void switchedOffTheChecksReadNothingAndSaySo() {
        PlausibilitySettings off = PlausibilitySettings.defaults().switchedOff();

        QualityChecks.Result result = new QualityChecks(delivered, off, Tables.REGIONS, Tables.LABELS).check(injuries.june2025(), source());

        assertThat(delivered.reads).isEmpty();
        assertThat(built).isEmpty();
        assertThat(result.stages()).flatExtracting(StageResult::notRun).extracting(NotRun::reason)
                .containsOnly("reporting.plausibility.enabled is false");
    }

    @Test
    void aDeliveredVersionIsKeptAsHistory() {
        checks().delivered(injuries.june2025(), 1);

        assertThat(delivered.latest(FormId.OZH, Accumulation.MONTH, Tables.JUNE_2025, Tables.JUNE_2025))
                .containsKey(Tables.JUNE_2025);
    }
}
