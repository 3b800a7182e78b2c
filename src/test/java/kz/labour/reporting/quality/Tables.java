package kz.labour.reporting.quality;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.RegionCatalogue;

/**
 * Hand-made forms over thirteen months for the unit tests: June 2024 to May 2025 as history, June
 * 2025 as the month being built. A test names, per region prefix and column, the twelve past values
 * and the current one; every other cell is 0.
 */
final class Tables {

    static final Labels LABELS = Labels.load();
    static final RegionCatalogue REGIONS = RegionCatalogue.load();
    static final YearMonth JUNE_2025 = YearMonth.of(2025, 6);
    static final YearMonth FIRST = JUNE_2025.minusMonths(12);

    static final String TOTAL = "000000000";
    static final String ABAI = "100000000";
    static final String KARAGANDA = "350000000";
    static final String EAST_KAZAKHSTAN = "630000000";
    static final String ALMATY_CITY = "750000000";

    /** Cells of thirteen months: prefix → column → 13 values, June 2024 first, June 2025 last. */
    private final Map<String, Map<Integer, List<BigDecimal>>> cells = new LinkedHashMap<>();
    private final FormId form;
    private final Accumulation accumulation;

    private Tables(FormId form, Accumulation accumulation) {
        this.form = form;
        this.accumulation = accumulation;
    }

    static Tables of(FormId form) {
        return new Tables(form, Accumulation.MONTH);
    }

    static Tables of(FormId form, Accumulation accumulation) {
        return new Tables(form, accumulation);
    }

    /** Thirteen values of one cell, June 2024 to June 2025, as the cells print (a year-to-date table takes year-to-date values). */
    Tables cell(String kato, int column, String... thirteen) {
        if (thirteen.length != 13) {
            throw new IllegalArgumentException("13 values, June 2024 to June 2025; got " + thirteen.length);
        }
        cells.computeIfAbsent(kato.substring(0, 2), p -> new LinkedHashMap<>())
                .put(column, java.util.Arrays.stream(thirteen).map(BigDecimal::new).toList());
        return this;
    }

    /** The month {@code i} months after June 2024 (0..12). */
    FormTable month(int i) {
        YearMonth period = FIRST.plusMonths(i);
        Map<String, Map<Integer, BigDecimal>> byPrefix = new LinkedHashMap<>();
        cells.forEach((prefix, columns) -> {
            Map<Integer, BigDecimal> values = new LinkedHashMap<>();
            columns.forEach((column, series) -> values.put(column, series.get(i)));
            byPrefix.put(prefix, values);
        });
        return FormTable.assemble(LABELS.form(form), REGIONS, LABELS.totalRow(), period, accumulation, cutOff(period), byPrefix);
    }

    FormTable june2025() {
        return month(12);
    }

    /** June 2024 to May 2025 as delivered (version 1 each), the first {@code skip} months left out. */
    Series history(int skip) {
        Map<YearMonth, PeriodFigures> periods = new LinkedHashMap<>();
        for (int i = skip; i < 12; i++) {
            FormTable t = month(i);
            periods.put(t.period(), PeriodFigures.of(t, PeriodFigures.Origin.DELIVERED, 1));
        }
        return new Series(form, accumulation, periods);
    }

    Series history() {
        return history(0);
    }

    /** Every month, the current one included, as delivered: for the cross-form rules, which read both forms whole. */
    Series all() {
        return history().with(PeriodFigures.of(june2025(), PeriodFigures.Origin.BUILT, null));
    }

    /**
     * Any month of a form, monthly: the cells given by region code and column (as printed), every other 0.
     */
    static FormTable table(FormId form, YearMonth period, Map<String, Map<Integer, String>> cells) {
        Map<String, Map<Integer, BigDecimal>> byPrefix = new LinkedHashMap<>();
        cells.forEach((kato, columns) -> {
            Map<Integer, BigDecimal> values = new LinkedHashMap<>();
            columns.forEach((column, v) -> values.put(column, new BigDecimal(v)));
            byPrefix.put(kato.substring(0, 2), values);
        });
        return FormTable.assemble(LABELS.form(form), REGIONS, LABELS.totalRow(), period, Accumulation.MONTH, cutOff(period), byPrefix);
    }

    /** {@code from}..{@code to} of a form as delivered (version 1 each), each month's cells as {@code cells} gives them. */
    static Series history(FormId form, YearMonth from, YearMonth to,
                          java.util.function.Function<YearMonth, Map<String, Map<Integer, String>>> cells) {
        Map<YearMonth, PeriodFigures> periods = new LinkedHashMap<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            periods.put(m, PeriodFigures.of(table(form, m, cells.apply(m)), PeriodFigures.Origin.DELIVERED, 1));
        }
        return new Series(form, Accumulation.MONTH, periods);
    }

    /** The scheduled run's cut-off: 06:00 on the 1st of the next month, Almaty. */
    static OffsetDateTime cutOff(YearMonth period) {
        return period.plusMonths(1).atDay(1).atTime(6, 0).atOffset(ZoneOffset.ofHours(5));
    }

    static BigDecimal n(String value) {
        return new BigDecimal(value);
    }
}
