package kz.labour.reporting.form;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** One printed row: the total or a region, with a value for every numeric column, keyed by column number. */
public record FormRow(String kato, String kk, String ru, boolean total, SortedMap<Integer, BigDecimal> values) {

    public FormRow {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    public BigDecimal value(int column) {
        BigDecimal v = values.get(column);
        if (v == null) {
            throw new IllegalArgumentException("row " + kato + " has no column " + column);
        }
        return v;
    }

    /** How a finding names this row: "350000000 Қарағанды облысы". */
    public String label() {
        return kato + " " + kk;
    }
}
