package kz.labour.reporting.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import kz.labour.reporting.form.FormId;
import kz.labour.reporting.support.FormSql;
import kz.labour.reporting.support.TestPostgres;

/**
 * The history statement of a form ({@code {form}-history.sql}) reads a range of months in one
 * statement; the quality checks take each month's rows as that month's aggregation. So for every month
 * it must return exactly the rows the form's aggregation returns for the month alone at the same
 * cut-off: the same regions (a null region or a prefix that is no region included), the same values of
 * the same types, the same suspect and unplaced counts. The source spans 2024-01..2025-08 with rows
 * of every kind the aggregation cannot count, repeated ids within and across months, victims without
 * an accident and date-less rows recorded in various months (fixtures/history-months.sql); the cut-offs
 * fall after the range and inside it.
 */
class HistoryStatementIntegrationTest {

    static final DataSource SOURCE = TestPostgres.dataSource(TestPostgres.newSource("/fixtures/history-months.sql"));
    static final YearMonth FIRST = YearMonth.of(2024, 1);
    static final YearMonth LAST = YearMonth.of(2025, 7);

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({
            "1-MEIZhM, 2025-08-02T06:00+05:00",
            "1-MEIZhM, 2024-10-15T12:00+05:00",
            "1-MEIZhM, 2025-03-01T00:00+05:00",
            "2-OZh, 2025-08-02T06:00+05:00",
            "2-OZh, 2024-10-15T12:00+05:00",
            "2-OZh, 2025-03-01T00:00+05:00"})
    void everyMonthOfTheHistoryIsThatMonthsOwnAggregation(String ascii, OffsetDateTime asOf) throws SQLException {
        FormId form = FormId.parse(ascii);
        try (Connection c = SOURCE.getConnection()) {
            Map<YearMonth, List<Map<String, Object>>> history = byMonth(FormSql.history(c, form, FormSql.months(FIRST, LAST, asOf)));
            assertThat(history.keySet()).as("every month of the range, and only those").containsExactlyElementsOf(months());
            for (YearMonth month : months()) {
                List<Map<String, Object>> own = FormSql.run(c, "/sql/" + ascii + ".sql", FormSql.monthly(month, asOf));
                // rows of one month come in region order; the null regions' rows among themselves in any
                assertThat(history.get(month)).as("%s %s at %s", ascii, month, asOf).containsExactlyInAnyOrderElementsOf(own);
            }
            if (asOf.isAfter(LAST.plusMonths(1).atDay(1).atStartOfDay().atOffset(asOf.getOffset()))) {
                // the comparison covers months with rows that cannot be counted, of both kinds, and without
                List<Map<String, Object>> all = history.values().stream().flatMap(List::stream).toList();
                assertThat(all).as("a month with suspect rows").anyMatch(r -> ((Number) r.get("suspect")).longValue() > 0);
                assertThat(all).as("a month with unplaced rows").anyMatch(r -> ((Number) r.get("unplaced")).longValue() > 0);
                assertThat(history.values()).as("a month without unplaced rows among %s", summary(history))
                        .anyMatch(rows -> rows.stream().allMatch(r -> ((Number) r.get("unplaced")).longValue() == 0));
            }
        }
    }

    /** Each month's suspect and unplaced rows, for a failure's message. */
    static Map<YearMonth, String> summary(Map<YearMonth, List<Map<String, Object>>> history) {
        Map<YearMonth, String> summary = new TreeMap<>();
        history.forEach((month, rows) -> summary.put(month, "suspect " + rows.stream().mapToLong(r -> ((Number) r.get("suspect")).longValue()).sum()
                + ", unplaced " + rows.get(0).get("unplaced")));
        return summary;
    }

    static List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = FIRST; !m.isAfter(LAST); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    /** The history's rows by month, each without its month: as the aggregation returns them. */
    static Map<YearMonth, List<Map<String, Object>>> byMonth(List<Map<String, Object>> rows) {
        Map<YearMonth, List<Map<String, Object>>> months = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> own = new LinkedHashMap<>(row);
            YearMonth month = YearMonth.from(((Date) own.remove("month")).toLocalDate());
            months.computeIfAbsent(month, m -> new ArrayList<>()).add(own);
        }
        return months;
    }
}
