package kz.labour.reporting.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.SortedMap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormRow;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Formats;
import kz.labour.reporting.form.Labels;

/**
 * A delivered version's numbers read back from its own {@code .json}: what the bureau received,
 * whichever way the version was delivered (built just now, finished by a later run, sent again).
 * Only the fields the history needs are read; the others (headings, findings) are the bureau's.
 */
final class DeliveredJson {

    /** The part of a form's {@code .json} that the history keeps. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Form(String form, String period, Accumulation accumulation, int version, String asOf, List<Row> rows) {
    }

    /** A row as printed: every numeric column by its number, decimals with their printed scale ("0.0"). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Row(String kato, String kk, String ru, boolean total, SortedMap<Integer, BigDecimal> values) {
    }

    private DeliveredJson() {
    }

    /** The version number the {@code .json} names. */
    static int version(byte[] json) {
        return read(json).version();
    }

    /** The table the {@code .json} prints: its rows in order, each numeric column as printed. */
    static FormTable table(byte[] json, Labels labels) {
        Form form = read(json);
        FormId id = FormId.parse(form.form());
        if (form.rows() == null || form.rows().isEmpty()) {
            throw new IllegalArgumentException("the .json of " + id + " " + form.period() + " has no rows");
        }
        List<FormRow> rows = form.rows().stream()
                .map(r -> new FormRow(r.kato(), r.kk(), r.ru(), r.total(), r.values()))
                .toList();
        return new FormTable(labels.form(id), YearMonth.parse(form.period()), form.accumulation(),
                OffsetDateTime.parse(form.asOf()), rows);
    }

    private static Form read(byte[] json) {
        try {
            return Formats.read(json, Form.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a delivered .json cannot be read back", e);
        }
    }
}
