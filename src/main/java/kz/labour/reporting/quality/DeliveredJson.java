package kz.labour.reporting.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.TreeMap;

import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormRow;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.FormJson;
import kz.labour.reporting.form.Labels;

/**
 * A delivered version's numbers read back from its own {@code .json}: what the bureau received,
 * whichever way the version was delivered (built just now, finished by a later run, sent again).
 * The history takes its rows; the other fields (headings, findings) are the bureau's.
 */
final class DeliveredJson {

    private DeliveredJson() {
    }

    /** The version number the {@code .json} names. */
    static int version(byte[] json) {
        return read(json).version();
    }

    /** The table the {@code .json} prints: its rows in order, each numeric column as printed. */
    static FormTable table(byte[] json, Labels labels) {
        FormJson form = read(json);
        FormId id = FormId.parse(form.form());
        if (form.rows() == null || form.rows().isEmpty()) {
            throw new IllegalArgumentException("the .json of " + id + " " + form.period() + " has no rows");
        }
        List<FormRow> rows = form.rows().stream()
                .map(r -> new FormRow(r.kato(), r.kk(), r.ru(), r.total(), new TreeMap<>(r.values())))
                .toList();
        return new FormTable(labels.form(id), YearMonth.parse(form.period()), form.accumulation(),
                OffsetDateTime.parse(form.asOf()), rows);
    }

    private static FormJson read(byte[] json) {
        try {
            return FormJson.read(json);
        } catch (IOException e) {
            throw new UncheckedIOException("a delivered .json cannot be read back", e);
        }
    }
}
