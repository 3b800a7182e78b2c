package kz.labour.reporting.quality;

import java.math.BigDecimal;
import java.time.Month;
import java.time.YearMonth;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;

/**
 * One form's numbers over consecutive periods, in one accumulation, read as monthly figures so that
 * every period compares like with like.
 *
 * <p>Under {@code MONTH} a period's figure is its cell. Under {@code YEAR_TO_DATE} a cell holds
 * 1 January to the period's end, so June's cell is about six times January's by construction;
 * comparing it with the previous twelve cells would flag every January and never a bad month. The
 * monthly figure is then the increment over the previous period's cell (January: the cell itself),
 * which is what the period added to the year: the facts dated in the month plus the late entries for
 * earlier months of the year recorded between the two cut-offs. The effect of an unusual increment
 * on the year-to-date national total is the same amount, so findings read the same in both modes.
 */
record Series(FormId form, Accumulation accumulation, Map<YearMonth, PeriodFigures> periods) {

    public Series {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(accumulation, "accumulation");
        for (PeriodFigures p : periods.values()) {
            if (p.form() != form || p.accumulation() != accumulation) {
                throw new IllegalArgumentException("a series of " + form + " " + accumulation + " cannot hold "
                        + p.form() + " " + p.period() + " " + p.accumulation());
            }
        }
        periods = Collections.unmodifiableMap(new TreeMap<>(periods));
    }

    /** The same series with one more period (the one being built). */
    public Series with(PeriodFigures figures) {
        Map<YearMonth, PeriodFigures> all = new TreeMap<>(periods);
        all.put(figures.period(), figures);
        return new Series(form, accumulation, all);
    }

    /**
     * The period's monthly figure for the cell, or null when it cannot be known: the period (or, year
     * to date, the period before it in the same year) is missing, or holds no such row.
     */
    public BigDecimal monthly(YearMonth period, String kato, int column) {
        PeriodFigures figures = periods.get(period);
        BigDecimal cell = figures == null ? null : figures.value(kato, column);
        if (cell == null || accumulation == Accumulation.MONTH || period.getMonth() == Month.JANUARY) {
            return cell;
        }
        PeriodFigures before = periods.get(period.minusMonths(1));
        BigDecimal previous = before == null ? null : before.value(kato, column);
        return previous == null ? null : cell.subtract(previous);
    }
}
