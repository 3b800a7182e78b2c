package kz.labour.reporting.quality;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.source.Aggregate;
import kz.labour.reporting.source.SourceResults;
import kz.labour.reporting.support.FormSql;

/**
 * Builds forms from a source database with the project's own aggregation statements, as the
 * pipeline does: what a {@link SourceBuild} is wired to in production.
 */
final class DemoForms {

    static final Labels LABELS = Labels.load();
    static final RegionCatalogue REGIONS = RegionCatalogue.load();

    private final Connection source;

    /** Builds on this connection, inside whatever transaction it has open; the caller closes it. */
    DemoForms(Connection source) {
        this.source = source;
    }

    /** The form for {@code month} at the scheduled run's cut-off (06:00 on the 1st of the next month). */
    FormTable build(FormId form, YearMonth month, Accumulation accumulation) {
        return build(form, month, accumulation, FormSql.scheduledRun(month));
    }

    FormTable build(FormId form, YearMonth month, Accumulation accumulation, OffsetDateTime asOf) {
        Map<String, Object> p = new LinkedHashMap<>(FormSql.monthly(month, asOf));
        p.put("from", accumulation.from(month));
        try {
            var rows = FormSql.run(source, "/sql/" + form.ascii() + ".sql", p);
            Aggregate aggregate = SourceResults.aggregate(LABELS.form(form), REGIONS.prefixes(), rows);
            if (!aggregate.sound()) {
                throw new IllegalStateException(form + " " + month + ": " + aggregate.describeSuspects());
            }
            return FormTable.assemble(LABELS.form(form), REGIONS, LABELS.totalRow(), month, accumulation, asOf,
                    aggregate.byRegion());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@link SourceBuild} over this source, at {@code asOf}, refusing nothing. */
    SourceBuild at(Accumulation accumulation, OffsetDateTime asOf) {
        return (form, month) -> Optional.of(build(form, month, accumulation, asOf));
    }
}
