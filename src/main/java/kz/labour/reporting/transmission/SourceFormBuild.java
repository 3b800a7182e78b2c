package kz.labour.reporting.transmission;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
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
        RunAggregations.Key key = new RunAggregations.Key(form, period, accumulation, asOf);
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
}
