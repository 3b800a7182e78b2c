package kz.labour.reporting.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.ColumnDef;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormRow;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Severity;

/**
 * Each cell of a built form, the national total included, against the same cell of the previous
 * periods (docs/quality.md). Two rules, both WARN: reported, never blocking.
 *
 * <ul>
 *   <li>{@value #OUTLIER}: the monthly figure is more than {@code outlier-score} robust standard
 *       deviations ({@link RobustStats#spread}) from the history's median <em>and</em> differs from it by at least
 *       {@code min-change}, so that a small region going from 1 to 4 does not flag on noise;</li>
 *   <li>{@value #ZERO}: the figure is 0 where the history's median is at least {@code zero-median},
 *       a busy region reporting nothing (a missed import, a region code gone wrong), which the
 *       outlier rule may miss when the history itself varies a lot. A cell caught by this rule is
 *       not reported again as an outlier.</li>
 * </ul>
 *
 * Pure: a table and its history in, findings out, ranked by significance ({@link Significance}).
 */
final class Plausibility {

    static final String OUTLIER = "history-outlier";
    static final String ZERO = "history-zero";

    static final RuleDef OUTLIER_RULE = new RuleDef(OUTLIER, Severity.WARN,
            "each cell, the national total included, against the same cell of the previous periods: more than "
                    + "outlier-score robust standard deviations from their median (the largest of 1.4826 x MAD, "
                    + "1.2533 x mean absolute deviation and, for counts, the square root of the median) and by at least "
                    + "min-change");
    static final RuleDef ZERO_RULE = new RuleDef(ZERO, Severity.WARN,
            "a cell, the national total included, that is 0 where the median of the previous periods is at least zero-median");

    private Plausibility() {
    }

    /**
     * @param table   the form just built
     * @param history the same form's previous periods, same accumulation (any may be missing)
     */
    static StageResult check(FormTable table, Series history, PlausibilitySettings settings) {
        if (history.form() != table.form() || history.accumulation() != table.accumulation()) {
            throw new IllegalArgumentException("history of " + history.form() + " " + history.accumulation()
                    + " cannot judge " + table.form() + " " + table.accumulation());
        }
        YearMonth period = table.period();
        Series series = history.with(PeriodFigures.of(table, PeriodFigures.Origin.BUILT, null));
        List<YearMonth> window = window(period, settings.historyPeriods());
        String total = table.total().kato();
        int known = (int) window.stream()
                .filter(q -> series.monthly(q, total, table.definition().numericColumns().get(0).number()) != null).count();
        if (known < settings.minHistoryPeriods()) {
            String reason = "only " + known + " of the previous " + window.size() + " periods are known"
                    + (table.accumulation() == Accumulation.YEAR_TO_DATE ? " as monthly increments" : "")
                    + "; at least " + settings.minHistoryPeriods() + " are needed (min-history-periods)";
            return new StageResult(Stage.PLAUSIBILITY, List.of(), List.of(),
                    List.of(new NotRun(OUTLIER, reason), new NotRun(ZERO, reason)));
        }

        Map<Integer, BigDecimal> nationalMedian = new HashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (FormRow row : table.rows()) {
            for (ColumnDef column : table.definition().numericColumns()) {
                BigDecimal x = series.monthly(period, row.kato(), column.number());
                List<BigDecimal> past = new ArrayList<>();
                for (YearMonth q : window) {
                    BigDecimal v = series.monthly(q, row.kato(), column.number());
                    if (v != null) {
                        past.add(v);
                    }
                }
                if (x == null || past.size() < settings.minHistoryPeriods()) {
                    continue; // a row the history does not hold (older region catalogue): nothing to compare with
                }
                RobustStats stats = RobustStats.of(past);
                if (row.total()) {
                    nationalMedian.put(column.number(), stats.median());
                }
                BigDecimal national = nationalMedian.getOrDefault(column.number(), BigDecimal.ZERO);
                Finding f = judge(table, row, column, x, stats, national, settings);
                if (f != null) {
                    findings.add(f);
                }
            }
        }
        return new StageResult(Stage.PLAUSIBILITY, List.of(OUTLIER_RULE, ZERO_RULE), Significance.rank(findings));
    }

    /** The previous {@code n} periods, oldest first. */
    static List<YearMonth> window(YearMonth period, int n) {
        List<YearMonth> periods = new ArrayList<>();
        for (int i = n; i >= 1; i--) {
            periods.add(period.minusMonths(i));
        }
        return periods;
    }

    private static Finding judge(FormTable table, FormRow row, ColumnDef column, BigDecimal x, RobustStats stats,
                                 BigDecimal nationalMedian, PlausibilitySettings settings) {
        BigDecimal effect = x.subtract(stats.median());
        BigDecimal minChange = settings.minChange(column);
        boolean zero = x.signum() == 0 && stats.median().compareTo(settings.zeroMedian(column)) >= 0;
        double score = stats.score(x, !PlausibilitySettings.money(column));
        boolean outlier = effect.abs().compareTo(minChange) >= 0 && score > settings.outlierScore().doubleValue();
        if (!zero && !outlier) {
            return null;
        }
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        values.put("value", x);
        values.put("median", stats.median());
        values.put("min", stats.min());
        values.put("max", stats.max());
        values.put(Significance.EFFECT, effect);
        if (!zero && !Double.isInfinite(score)) {
            values.put("score", BigDecimal.valueOf(score).setScale(2, RoundingMode.HALF_UP));
        }
        values.put("periods", BigDecimal.valueOf(stats.n()));
        if (table.accumulation() == Accumulation.YEAR_TO_DATE) {
            values.put("cell", row.value(column.number()));
        }
        values.put(Significance.SHARE, Significance.share(effect, nationalMedian, minChange));

        String what = (table.accumulation() == Accumulation.YEAR_TO_DATE
                ? "monthly increment " + x.toPlainString() + " (year to date " + row.value(column.number()).toPlainString() + ")"
                : "value " + x.toPlainString());
        String history = "the median of the previous " + stats.n() + " periods, " + stats.median().toPlainString()
                + " (range " + stats.min().toPlainString() + " to " + stats.max().toPlainString() + ")";
        String impact = "; effect on the national total " + signed(effect);
        String message = zero
                ? what + " where " + history + " is at least " + settings.zeroMedian(column).toPlainString() + impact
                : what + " is " + (Double.isInfinite(score) ? "away from a history that never changed, "
                        : String.format(Locale.ROOT, "%.1f robust standard deviations from ", score))
                        + history + impact;
        String where = "row " + row.label() + ", column " + column.number();
        return Finding.ofCell(zero ? ZERO : OUTLIER, Severity.WARN, where, message, row.kato(), column.number(), values);
    }

    static String signed(BigDecimal v) {
        return (v.signum() > 0 ? "+" : "") + v.toPlainString();
    }
}
