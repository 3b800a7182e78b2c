package kz.labour.reporting.transmission;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.quality.SourceBuild;
import kz.labour.reporting.source.SourceQueries;

/**
 * The quality checks' history for periods never delivered: the form built from the source exactly as
 * route {@code build-form} builds it (the same statement, parameters, {@link SourceQueries} and
 * layout), at one run's cut-off. A period the run has already
 * read (for a build or another check) is taken from the run's {@link RunAggregations}.
 *
 * <p>Several months asked for at once ({@link #buildAll}) are read in one statement, the form's
 * history statement ({@code {form}-history.sql}: each month's rows exactly those of the aggregation
 * for that month alone), and each month's rows are kept in the run under the key of the aggregation
 * it stands for. Under {@code YEAR_TO_DATE} they are read period by period: a year to date's rows
 * that cannot be counted (repeated ids across its months, date-less rows recorded since 1 January)
 * and its per-region rounding of c9 are not sums of its months', so no month-by-month statement gives
 * them exactly.
 */
final class SourceFormBuild implements SourceBuild {

    private final SourceQueries source;
    private final YearMonth earliest;
    private final OffsetDateTime asOf;
    private final Accumulation accumulation;
    private final RunAggregations run;
    /** The statement's parameters for a period at a cut-off (FormBuilder.parameters). */
    private final BiFunction<YearMonth, OffsetDateTime, Map<String, Object>> parameters;
    /** The rows laid out as the form, empty when the aggregation counted rows that cannot be counted. */
    private final Layout layout;

    @FunctionalInterface
    interface Layout {
        Optional<FormTable> table(FormId form, YearMonth period, OffsetDateTime asOf, List<Map<String, Object>> rows);
    }

    SourceFormBuild(SourceQueries source, YearMonth earliest, OffsetDateTime asOf, Accumulation accumulation,
                    RunAggregations run, BiFunction<YearMonth, OffsetDateTime, Map<String, Object>> parameters, Layout layout) {
        this.source = source;
        this.earliest = earliest;
        this.asOf = asOf;
        this.accumulation = accumulation;
        this.run = run;
        this.parameters = parameters;
        this.layout = layout;
    }

    @Override
    public Optional<FormTable> build(FormId form, YearMonth period) {
        if (period.isBefore(earliest)) {
            return Optional.empty();
        }
        RunAggregations.Key key = key(form, period);
        Optional<List<Map<String, Object>>> read = run.rows(key);
        if (read.isPresent()) {
            return layout.table(form, period, asOf, read.get());
        }
        try {
            List<Map<String, Object>> rows = source.aggregation(form, parameters.apply(period, asOf));
            run.keep(key, rows);
            return layout.table(form, period, asOf, rows);
        } catch (SQLException e) {
            throw new IllegalStateException(form.index() + " " + period + " could not be built from the source: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<YearMonth, Optional<FormTable>> buildAll(FormId form, List<YearMonth> periods) {
        if (accumulation == Accumulation.MONTH) {
            List<YearMonth> unread = periods.stream()
                    .filter(p -> !p.isBefore(earliest) && run.rows(key(form, p)).isEmpty())
                    .sorted().toList();
            // one month alone: its own aggregation, as the build reads it
            if (unread.size() > 1) {
                readHistory(form, unread.get(0), unread.get(unread.size() - 1));
            }
        }
        return SourceBuild.super.buildAll(form, periods);
    }

    /** Reads {@code first}..{@code last} in one statement and keeps each month's rows in the run. */
    private void readHistory(FormId form, YearMonth first, YearMonth last) {
        Map<String, Object> range = new LinkedHashMap<>(parameters.apply(first, asOf));
        range.put("until", parameters.apply(last, asOf).get("until"));
        List<Map<String, Object>> rows;
        try {
            rows = source.history(form, range);
        } catch (SQLException e) {
            throw new IllegalStateException(form.index() + " " + first + ".." + last + " could not be built from the source: "
                    + e.getMessage(), e);
        }
        Map<YearMonth, List<Map<String, Object>>> byMonth = new HashMap<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> monthRow = new LinkedHashMap<>(row);
            YearMonth month = YearMonth.from(month(monthRow.remove("month")));
            byMonth.computeIfAbsent(month, m -> new ArrayList<>()).add(monthRow);
        }
        byMonth.forEach((month, monthRows) -> run.keep(key(form, month), monthRows));
    }

    private static LocalDate month(Object value) {
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof LocalDate date) {
            return date;
        }
        throw new IllegalStateException("the history statement's month is " + value + ", not a date");
    }

    private RunAggregations.Key key(FormId form, YearMonth period) {
        return new RunAggregations.Key(form, period, accumulation, asOf);
    }
}
