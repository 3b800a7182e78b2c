package kz.labour.reporting.quality;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormRow;
import kz.labour.reporting.form.FormTable;

/**
 * The numbers of one form for one period as the checks compare them: by row code (the total
 * {@code 000000000} included) and column number. Unlike a {@link FormTable} a row may be absent
 * (history kept under an older region catalogue): absent means "not known", never zero.
 *
 * @param origin  where the numbers come from: a delivered version, or a build from the source
 * @param version the delivered version number, or null for a build
 */
public record PeriodFigures(FormId form, YearMonth period, Accumulation accumulation, OffsetDateTime asOf,
                            Origin origin, Integer version, Map<String, SortedMap<Integer, BigDecimal>> rows) {

    /** Where a period's numbers come from. */
    public enum Origin {
        /** The latest delivered version, as kept in the pipeline database. */
        DELIVERED,
        /** Built from the source at the current cut-off: the period was never delivered. */
        BUILT
    }

    public PeriodFigures {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(accumulation, "accumulation");
        Objects.requireNonNull(origin, "origin");
        if ((origin == Origin.DELIVERED) != (version != null)) {
            throw new IllegalArgumentException("a delivered period has a version, a built one none: " + origin + " " + version);
        }
        Map<String, SortedMap<Integer, BigDecimal>> copy = new LinkedHashMap<>();
        rows.forEach((kato, values) -> copy.put(kato, Collections.unmodifiableSortedMap(new TreeMap<>(values))));
        rows = Collections.unmodifiableMap(copy);
    }

    /** A built or delivered table's numbers. */
    public static PeriodFigures of(FormTable table, Origin origin, Integer version) {
        Map<String, SortedMap<Integer, BigDecimal>> rows = new LinkedHashMap<>();
        for (FormRow row : table.rows()) {
            rows.put(row.kato(), row.values());
        }
        return new PeriodFigures(table.form(), table.period(), table.accumulation(), table.asOf(), origin, version, rows);
    }

    /** The cell, or null when this period holds no such row or column. */
    public BigDecimal value(String kato, int column) {
        SortedMap<Integer, BigDecimal> row = rows.get(kato);
        return row == null ? null : row.get(column);
    }
}
