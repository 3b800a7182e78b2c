package kz.labour.reporting.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import kz.labour.reporting.demo.DemoData;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.ledger.PipelineDatabase;
import kz.labour.reporting.support.FormSql;
import kz.labour.reporting.support.TestPostgres;

/**
 * The checks end to end on thirteen months of realistic data: the seeded demo generator fills June 2024
 * to June 2025 at national scale; June 2024 to May 2025 are built with the project's own aggregation
 * and recorded as delivered in a real pipeline database; June 2025 is built from the source and
 * checked. Each anomaly is planted in the source inside a transaction that is rolled back, so every
 * test starts from the same clean data.
 *
 * <p>One change to the generated data makes the cross-form cases readable: Abai (10) has no accident
 * and no completed investigation from April to June 2025, so a planted investigation there is one
 * without accidents, and planted fatal accidents are ones without investigations.
 */
class QualityOnDemoHistoryIntegrationTest {

    static final long SEED = 11;
    static final YearMonth JUNE = YearMonth.of(2025, 6);
    static final String KARAGANDA = "350000000";
    static final String ABAI = "100000000";
    static final String TOTAL = "000000000";

    /** Every inspection of June 2025 imported a second time, under new ids. */
    static final String DOUBLE_IMPORT = """
            INSERT INTO inspection (id, recorded_at, region_kato, subject_kind, kind, completed_on)
            SELECT id + 700000000000000, recorded_at, region_kato, subject_kind, kind, completed_on
            FROM inspection WHERE completed_on >= '2025-06-01' AND completed_on < '2025-07-01';
            """;

    static final DataSource SOURCE = TestPostgres.dataSource(TestPostgres.newSource(null));
    static final HistoryStore STORE = new HistoryStore(TestPostgres.pipeline(
            TestPostgres.dataSource(TestPostgres.newDatabase("pipeline"))));
    static final QualityChecks CHECKS = new QualityChecks(STORE, PlausibilitySettings.defaults(), DemoForms.REGIONS, DemoForms.LABELS);

    @BeforeAll
    static void thirteenMonthsOneYearDelivered() throws SQLException {
        DemoData.generate(SOURCE, JUNE.minusMonths(12), 13, 1.0, SEED);
        try (Connection c = SOURCE.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    DELETE FROM accident_victim WHERE accident_id IN (SELECT id FROM accident WHERE region_kato LIKE '10%'
                        AND occurred_on >= '2025-04-01');
                    DELETE FROM accident WHERE region_kato LIKE '10%' AND occurred_on >= '2025-04-01';
                    DELETE FROM accident_investigation WHERE region_kato LIKE '10%' AND completed_on >= '2025-04-01';
                    """);
            DemoForms forms = new DemoForms(c);
            for (int i = 12; i >= 1; i--) {
                for (FormId form : FormId.values()) {
                    // version numbers are unique per form and period, as in the ledger: the year-to-date
                    // deliveries are V2, as if the deployment had switched accumulation and sent them again
                    STORE.record(forms.build(form, JUNE.minusMonths(i), Accumulation.MONTH), 1);
                    STORE.record(forms.build(form, JUNE.minusMonths(i), Accumulation.YEAR_TO_DATE), 2);
                }
            }
        }
    }

    /** June's checks of {@code form} with {@code plant} applied to the source first (and rolled back after). */
    static QualityChecks.Result june(FormId form, String plant) throws SQLException {
        return june(form, Accumulation.MONTH, plant);
    }

    static QualityChecks.Result june(FormId form, Accumulation accumulation, String plant) throws SQLException {
        try (Connection c = SOURCE.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                if (!plant.isBlank()) {
                    s.execute(plant);
                }
                DemoForms forms = new DemoForms(c);
                FormTable table = forms.build(form, JUNE, accumulation);
                return CHECKS.check(table, forms.at(accumulation, FormSql.scheduledRun(JUNE)));
            } finally {
                c.rollback();
            }
        }
    }

    static List<Finding> findings(QualityChecks.Result result) {
        List<Finding> all = new ArrayList<>();
        result.stages().forEach(s -> {
            assertThat(s.notRun()).as(s.stage() + " ran").isEmpty();
            all.addAll(s.findings());
        });
        return all;
    }

    static List<String> places(List<Finding> findings) {
        return findings.stream().map(f -> f.rule() + " " + f.kato() + (f.column() == null ? "" : " c" + f.column())).toList();
    }

    static BigDecimal delivered(FormId form, String kato, int column, YearMonth period) {
        return STORE.latest(form, Accumulation.MONTH, period, period).get(period).value(kato, column);
    }

    static BigDecimal median(List<BigDecimal> values) {
        List<BigDecimal> sorted = values.stream().sorted().toList();
        return sorted.get(5).add(sorted.get(6)).divide(BigDecimal.valueOf(2));
    }

    @Test
    void aCleanMonthOfBothFormsRaisesNothing() throws SQLException {
        QualityChecks.Result inspectors = june(FormId.MEIZHM, "");
        QualityChecks.Result injuries = june(FormId.OZH, "");

        assertThat(findings(inspectors)).isEmpty();
        assertThat(findings(injuries)).isEmpty();
        // twelve delivered periods of the form, and the other form's April, May (delivered) and June (built)
        assertThat(inspectors.history()).hasSize(15);
        assertThat(inspectors.history()).filteredOn(p -> p.origin() == PeriodFigures.Origin.BUILT)
                .extracting(p -> p.form() + " " + p.period()).containsExactly("2-OZh 2025-06");
    }

    @Test
    void yearToDateAMonthIsComparedByWhatItAddedSoACleanJuneRaisesNothingAndADoubleImportStillShows() throws SQLException {
        // June's year-to-date cells are about six times January's; compared as increments they are ordinary
        assertThat(findings(june(FormId.MEIZHM, Accumulation.YEAR_TO_DATE, ""))).isEmpty();
        assertThat(findings(june(FormId.OZH, Accumulation.YEAR_TO_DATE, ""))).isEmpty();

        List<Finding> doubled = findings(june(FormId.MEIZHM, Accumulation.YEAR_TO_DATE, DOUBLE_IMPORT));

        Finding total = doubled.get(0);
        assertThat(places(List.of(total)).get(0)).startsWith("history-outlier 000000000 c");
        // the increment, not the cumulative cell, is the value compared; the cell is carried beside it
        BigDecimal may = STORE.latest(FormId.MEIZHM, Accumulation.YEAR_TO_DATE, JUNE.minusMonths(1), JUNE.minusMonths(1))
                .get(JUNE.minusMonths(1)).value(TOTAL, total.column());
        assertThat(total.values().get("value")).isEqualByComparingTo(total.values().get("cell").subtract(may));
        assertThat(total.values().get("periods")).isEqualByComparingTo("11");
    }

    @Test
    void karagandasDeathsTenTimesUsualAreReportedWithTheirMedianRangeAndEffect() throws SQLException {
        List<BigDecimal> history = new ArrayList<>();
        for (int i = 12; i >= 1; i--) {
            history.add(delivered(FormId.OZH, KARAGANDA, 8, JUNE.minusMonths(i)));
        }
        BigDecimal usual = median(history);
        BigDecimal current = builtJune(FormId.OZH, KARAGANDA, 8);
        int planted = usual.multiply(BigDecimal.TEN).subtract(current).intValueExact();
        assertThat(planted).as("fatal accidents to plant").isPositive();

        List<Finding> found = findings(june(FormId.OZH, """
                INSERT INTO accident (id, recorded_at, region_kato, occurred_on)
                SELECT 900000000000 + g, '2025-06-20 10:00+05', '350000000', '2025-06-20' FROM generate_series(1, %d) g;
                INSERT INTO accident_victim (id, recorded_at, accident_id, severity)
                SELECT (900000000000 + g) * 100 + 1, '2025-06-20 11:00+05', 900000000000 + g, 'FATAL'
                FROM generate_series(1, %d) g;
                """.formatted(planted, planted)));

        // Karaganda's deaths first: ten times usual is the most improbable and moves the national deaths the most;
        // the national deaths next. The planted accidents are accidents and victims too: Karaganda's c2 and c4 rise
        // by the same number, improbable for the region though a smaller share of the national accidents
        assertThat(places(found).subList(0, 2)).containsExactly("history-outlier 350000000 c8", "history-outlier 000000000 c8");
        assertThat(places(found)).contains("history-outlier 350000000 c2", "history-outlier 350000000 c4")
                .allMatch(p -> p.endsWith(" c2") || p.endsWith(" c4") || p.endsWith(" c8"));
        assertThat(found).extracting(f -> f.values().get("score")).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        Finding deaths = found.get(0);
        assertThat(deaths.rule()).isEqualTo(Plausibility.OUTLIER);
        BigDecimal value = current.add(BigDecimal.valueOf(planted));
        assertThat(deaths.values()).containsEntry("value", value)
                .containsEntry("min", history.stream().min(BigDecimal::compareTo).orElseThrow())
                .containsEntry("max", history.stream().max(BigDecimal::compareTo).orElseThrow())
                .containsEntry("periods", BigDecimal.valueOf(12));
        assertThat(deaths.values().get("median")).isEqualByComparingTo(usual);
        assertThat(deaths.values().get("effect")).isEqualByComparingTo(value.subtract(deaths.values().get("expected")));
        assertThat(deaths.values().get("probability")).isLessThan(new BigDecimal("0.001"));
        assertThat(found.get(1).values().get("value"))
                .isEqualByComparingTo(builtJune(FormId.OZH, TOTAL, 8).add(BigDecimal.valueOf(planted)));
    }

    @Test
    void aBusyRegionWithNoInspectionsIsAZeroInEachOfItsInspectionColumns() throws SQLException {
        List<Finding> found = findings(june(FormId.MEIZHM, """
                DELETE FROM inspection WHERE region_kato LIKE '35%' AND completed_on >= '2025-06-01';
                """));

        // all inspections, preventive control and unscheduled: a zero where dozens are expected is beyond doubt;
        // the national totals fall by about a ninth, within what their own history allows
        assertThat(places(found)).containsExactlyInAnyOrder("history-outlier 350000000 c2", "history-outlier 350000000 c3",
                "history-outlier 350000000 c4");
        for (Finding f : found) {
            assertThat(f.values().get("value")).isZero();
            assertThat(f.values().get("effect")).isEqualByComparingTo(f.values().get("expected").negate());
            assertThat(f.values().get("probability")).isLessThan(new BigDecimal("1e-6"));
        }
    }

    @Test
    void aDoubleImportOfJunesInspectionsIsANationalJumpRankedFirst() throws SQLException {
        List<Finding> found = findings(june(FormId.MEIZHM, DOUBLE_IMPORT));

        // the national totals of c2, c3, c4 double: about as much again as their median, the largest shares
        assertThat(places(found).subList(0, 3)).containsExactlyInAnyOrder("history-outlier 000000000 c2",
                "history-outlier 000000000 c3", "history-outlier 000000000 c4");
        assertThat(found.get(0).values().get("share")).isGreaterThan(new BigDecimal("0.8"));
        assertThat(found).allSatisfy(f -> {
            assertThat(f.column()).isBetween(2, 4);
            assertThat(f.values().get("effect").signum()).isPositive();
        });
        assertThat(places(found)).contains("history-outlier 350000000 c2");
    }

    @Test
    void investigationsInARegionWithoutAccidentsAreReportedOnBothForms() throws SQLException {
        String plant = """
                INSERT INTO accident_investigation (id, recorded_at, accident_id, region_kato, completed_on) VALUES
                 (900000000001, '2025-06-10 10:00+05', NULL, '100000000', '2025-06-10'),
                 (900000000002, '2025-06-17 10:00+05', NULL, '101010000', '2025-06-17');
                """;

        List<Finding> inspectors = findings(june(FormId.MEIZHM, plant));
        List<Finding> injuries = findings(june(FormId.OZH, plant));

        assertThat(places(inspectors)).containsExactly("cross-investigations-without-accidents 100000000 c14");
        assertThat(places(injuries)).containsExactly("cross-investigations-without-accidents 100000000 c2");
        assertThat(inspectors.get(0).values()).containsEntry("investigations", BigDecimal.valueOf(2))
                .containsEntry("accidents", BigDecimal.ZERO).containsEntry("periods", BigDecimal.valueOf(3));
    }

    @Test
    void fatalAccidentsWithNoInvestigationAreReported() throws SQLException {
        String plant = """
                INSERT INTO accident (id, recorded_at, region_kato, occurred_on)
                SELECT 900000000000 + g, '2025-06-05 10:00+05', '100000000', '2025-06-05' FROM generate_series(1, 3) g;
                INSERT INTO accident_victim (id, recorded_at, accident_id, severity)
                SELECT (900000000000 + g) * 100 + 1, '2025-06-05 11:00+05', 900000000000 + g, 'FATAL'
                FROM generate_series(1, 3) g;
                """;

        List<Finding> injuries = findings(june(FormId.OZH, plant));

        assertThat(places(injuries)).contains("cross-accidents-without-investigations 100000000");
        Finding f = injuries.stream().filter(x -> x.rule().equals(CrossForm.ACCIDENTS_WITHOUT_INVESTIGATIONS)).findFirst()
                .orElseThrow();
        assertThat(f.values()).containsEntry("needingInvestigation", BigDecimal.valueOf(3))
                .containsEntry("investigations", BigDecimal.ZERO);
    }

    /** A cell of June as built from the clean source. */
    static BigDecimal builtJune(FormId form, String kato, int column) throws SQLException {
        try (Connection c = SOURCE.getConnection()) {
            FormTable t = new DemoForms(c).build(form, JUNE, Accumulation.MONTH);
            return t.rows().stream().filter(r -> r.kato().equals(kato)).findFirst().orElseThrow().value(column);
        }
    }
}
