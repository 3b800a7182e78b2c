package kz.labour.reporting.quality;

import static kz.labour.reporting.quality.Tables.JUNE_2025;
import static kz.labour.reporting.quality.Tables.KARAGANDA;
import static kz.labour.reporting.quality.Tables.TOTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.ledger.PipelineDatabase;
import kz.labour.reporting.support.TestPostgres;

/** The delivered history in a real pipeline database, migrated by the application's own Flyway set-up. */
class HistoryStoreIntegrationTest {

    final DataSource pipeline = TestPostgres.dataSource(TestPostgres.newDatabase("pipeline"));
    final HistoryStore store = new HistoryStore(TestPostgres.pipeline(pipeline));

    final Tables inspectors = Tables.of(FormId.MEIZHM)
            .cell(KARAGANDA, 2, "60", "55", "62", "58", "61", "57", "59", "63", "56", "60", "64", "58", "61")
            .cell(KARAGANDA, 8, "3", "2", "4", "3", "2", "3", "1", "2", "3", "2", "4", "2", "3")
            .cell(KARAGANDA, 9, "12.4", "0.1", "350.0", "99.9", "12.4", "7.0", "1.5", "0.0", "120.3", "88.8", "42.0", "5.5", "12.4");

    @Test
    void aDeliveredVersionIsReadBackCellByCellTheTotalRowAndTheDecimalsIncluded() {
        FormTable june = inspectors.june2025();

        store.record(june, 1);
        Map<YearMonth, PeriodFigures> read = store.latest(FormId.MEIZHM, Accumulation.MONTH, JUNE_2025, JUNE_2025);

        PeriodFigures figures = read.get(JUNE_2025);
        assertThat(figures.origin()).isEqualTo(PeriodFigures.Origin.DELIVERED);
        assertThat(figures.version()).isEqualTo(1);
        assertThat(figures.asOf().toInstant()).isEqualTo(june.asOf().toInstant());
        // 21 rows (total and 20 regions) x 16 columns, each as printed
        assertThat(figures.rows()).hasSize(21);
        assertThat(figures.rows().values()).allSatisfy(row -> assertThat(row).hasSize(16));
        assertThat(figures.value(KARAGANDA, 2)).isEqualByComparingTo("61");
        assertThat(figures.value(KARAGANDA, 9)).isEqualTo(new java.math.BigDecimal("12.4"));
        assertThat(figures.value(TOTAL, 9)).isEqualTo(new java.math.BigDecimal("12.4"));
        assertThat(figures.value("100000000", 9)).isEqualTo(new java.math.BigDecimal("0.0"));
        assertThat(figures.rows()).containsOnlyKeys(june.rows().stream().map(r -> r.kato()).toList());
    }

    @Test
    void eachPeriodIsReadAtItsLatestDeliveredVersionWithinTheRangeAndAccumulation() {
        for (int i = 0; i < 13; i++) {
            store.record(inspectors.month(i), 1);
        }
        Tables corrected = Tables.of(FormId.MEIZHM).cell(KARAGANDA, 2, "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0",
                "70", "0");
        store.record(corrected.month(11), 2);
        Tables yearToDate = Tables.of(FormId.MEIZHM, Accumulation.YEAR_TO_DATE).cell(KARAGANDA, 2, "1", "1", "1", "1", "1",
                "1", "1", "1", "1", "1", "1", "999", "1");
        store.record(yearToDate.month(11), 3);

        Map<YearMonth, PeriodFigures> read = store.latest(FormId.MEIZHM, Accumulation.MONTH, JUNE_2025.minusMonths(12),
                JUNE_2025.minusMonths(1));

        assertThat(read).hasSize(12).doesNotContainKey(JUNE_2025);
        assertThat(read.keySet()).first().isEqualTo(YearMonth.of(2024, 6));
        // May 2025: V2 (70), not V1 (58), and not the year-to-date V3 (999)
        PeriodFigures may = read.get(YearMonth.of(2025, 5));
        assertThat(may.version()).isEqualTo(2);
        assertThat(may.value(KARAGANDA, 2)).isEqualByComparingTo("70");
        assertThat(read.get(YearMonth.of(2025, 4)).value(KARAGANDA, 2)).isEqualByComparingTo("64");
        assertThat(store.latest(FormId.OZH, Accumulation.MONTH, JUNE_2025.minusMonths(12), JUNE_2025)).isEmpty();
        assertThat(store.latest(FormId.MEIZHM, Accumulation.YEAR_TO_DATE, JUNE_2025.minusMonths(12), JUNE_2025))
                .containsOnlyKeys(YearMonth.of(2025, 5));
    }

    @Test
    void recordingTheSameVersionAgainChangesNothingAndOtherNumbersUnderItAreRefused() {
        FormTable june = inspectors.june2025();
        store.record(june, 1);

        store.record(june, 1); // a resend, or a delivery finished by a later run
        Tables other = Tables.of(FormId.MEIZHM).cell(KARAGANDA, 2, "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1");

        assertThatThrownBy(() -> store.record(other.june2025(), 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1-MEIZhM 2025-06 V0001 is kept in the delivered history with other numbers");
        assertThat(store.latest(FormId.MEIZHM, Accumulation.MONTH, JUNE_2025, JUNE_2025).get(JUNE_2025).value(KARAGANDA, 2))
                .isEqualByComparingTo("61");
        Integer cells = new org.springframework.jdbc.core.JdbcTemplate(pipeline)
                .queryForObject("SELECT count(*) FROM delivered_cell", Integer.class);
        assertThat(cells).isEqualTo(21 * 16);
    }

    @Test
    void checkingAMonthAgainstDeliveredHistoryReadsNothingFromTheSource() {
        Tables injuries = Tables.of(FormId.OZH).cell(KARAGANDA, 8, "2", "3", "2", "1", "2", "3", "2", "2", "4", "2", "3", "2",
                "20");
        for (int i = 0; i < 12; i++) {
            store.record(inspectors.month(i), 1);
            store.record(injuries.month(i), 1);
        }
        store.record(inspectors.june2025(), 1);
        SourceBuild none = (form, period) -> {
            throw new AssertionError("the source was asked for " + form + " " + period);
        };

        // a year of history, all of it delivered
        QualityChecks.Result result = new QualityChecks(store, QualityChecksTest.A_YEAR, Tables.REGIONS, Tables.LABELS)
                .check(injuries.june2025(), none);

        assertThat(result.stages()).allSatisfy(s -> assertThat(s.notRun()).isEmpty());
        assertThat(result.stages().get(0).findings()).extracting(f -> f.kato() + " c" + f.column())
                .containsExactly("000000000 c8", "350000000 c8");
        assertThat(result.history()).allMatch(p -> p.origin() == PeriodFigures.Origin.DELIVERED);
    }
}
