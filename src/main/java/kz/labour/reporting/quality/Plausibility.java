package kz.labour.reporting.quality;

import java.math.BigDecimal;
import java.math.MathContext;
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
 * Each cell of a built form, the national total included, against a model of its own history
 * (docs/quality.md): one rule, WARN, for zeros, spikes and drops alike. A cell is reported when the
 * probability of a value at least as far from the expected one ({@link CellModel}) is below
 * {@code significance} <em>and</em> its effect on the national total is at least {@code min-share} of
 * the column's expected national figure: improbable and material, as selective editing asks.
 *
 * Pure: a table and its history in, findings out, ranked by score ({@link Significance}).
 */
final class Plausibility {

    static final String OUTLIER = "history-outlier";

    /** Probabilities below this are printed as this and count as certain in the score. */
    static final double SMALLEST_PROBABILITY = 1e-12;

    private Plausibility() {
    }

    /** The rule as the report lists it, with what this run could model (the month of the year or not) and how many cells it judged. */
    static RuleDef rule(PlausibilitySettings settings, int knownPeriods, int cellsJudged) {
        String season = knownPeriods >= CellModel.SEASONAL_PERIODS
                ? "the month of the year is modelled (" + knownPeriods + " periods known)"
                : "the month of the year is not modelled: " + knownPeriods + " periods known, "
                        + CellModel.SEASONAL_PERIODS + " needed";
        return new RuleDef(OUTLIER, Severity.WARN,
                "each cell, the national total included, against a model of its own history (counts: Poisson, or "
                        + "negative binomial where the history is overdispersed; amounts: a robust model of the logarithm): "
                        + "reported when the probability of a value at least as far from the expected one is below "
                        + settings.significance().toPlainString() + " (significance) and the effect on the national total is "
                        + "at least " + percent(settings.minShare()) + " of it (min-share); " + season + "; " + cellsJudged
                        + " cells judged, so a month without anomalies raises about "
                        + String.format(Locale.ROOT, "%.2f", cellsJudged * settings.significance().doubleValue())
                        + " warnings by chance at most");
    }

    /** The rule before anything is known of a run, for "not run" entries. */
    static RuleDef rule(PlausibilitySettings settings) {
        return rule(settings, 0, 0);
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
            return new StageResult(Stage.PLAUSIBILITY, List.of(), List.of(), List.of(new NotRun(OUTLIER, reason)));
        }

        // each cell's known months, and each count column's dispersion over its regions
        Map<String, Map<Integer, List<CellModel.Point>>> past = new HashMap<>();
        Map<Integer, Double> dispersion = new HashMap<>();
        for (ColumnDef column : table.definition().numericColumns()) {
            List<List<CellModel.Point>> regions = new ArrayList<>();
            for (FormRow row : table.rows()) {
                List<CellModel.Point> points = new ArrayList<>();
                for (YearMonth q : window) {
                    BigDecimal v = series.monthly(q, row.kato(), column.number());
                    if (v != null) {
                        points.add(new CellModel.Point(q, v.doubleValue()));
                    }
                }
                past.computeIfAbsent(row.kato(), k -> new HashMap<>()).put(column.number(), points);
                if (!row.total()) {
                    regions.add(points);
                }
            }
            dispersion.put(column.number(), PlausibilitySettings.money(column) ? 1.0 : CellModel.columnDispersion(regions));
        }

        Map<Integer, Double> national = new HashMap<>();
        List<Finding> findings = new ArrayList<>();
        int judged = 0;
        for (FormRow row : table.rows()) {
            for (ColumnDef column : table.definition().numericColumns()) {
                BigDecimal x = series.monthly(period, row.kato(), column.number());
                List<CellModel.Point> points = past.get(row.kato()).get(column.number());
                if (x == null || points.size() < settings.minHistoryPeriods()) {
                    continue; // a row the history does not hold (older region catalogue): nothing to compare with
                }
                judged++;
                CellModel.Expectation e;
                if (!PlausibilitySettings.money(column)) {
                    e = CellModel.count(points, period, x.doubleValue(), dispersion.get(column.number()));
                } else if (x.signum() > 0) {
                    e = CellModel.amount(points, period, x.doubleValue());
                } else {
                    // no amount means no fine: as probable as the count before it (c8 for c9) being 0
                    int count = column.number() - 1;
                    List<CellModel.Point> counts = past.get(row.kato()).get(count);
                    double none = counts == null || counts.size() < settings.minHistoryPeriods() ? 1
                            : CellModel.count(counts, period, 0, dispersion.getOrDefault(count, 1.0)).probability();
                    e = CellModel.amountNone(points, period, none);
                }
                if (e == null) {
                    continue; // an amount whose history had almost no month with any: nothing to model it on
                }
                if (row.total()) {
                    national.put(column.number(), e.expected());
                }
                Finding f = judge(table, row, column, x, e, points, national.get(column.number()), settings);
                if (f != null) {
                    findings.add(f);
                }
            }
        }
        return new StageResult(Stage.PLAUSIBILITY, List.of(rule(settings, known, judged)), Significance.rank(findings));
    }

    /** The previous {@code n} periods, oldest first. */
    static List<YearMonth> window(YearMonth period, int n) {
        List<YearMonth> periods = new ArrayList<>();
        for (int i = n; i >= 1; i--) {
            periods.add(period.minusMonths(i));
        }
        return periods;
    }

    private static Finding judge(FormTable table, FormRow row, ColumnDef column, BigDecimal x, CellModel.Expectation e,
                                 List<CellModel.Point> past, Double nationalExpected, PlausibilitySettings settings) {
        double alpha = settings.significance().doubleValue();
        if (!(e.probability() < alpha)) {
            return null;
        }
        boolean money = PlausibilitySettings.money(column);
        BigDecimal expected = BigDecimal.valueOf(e.expected()).setScale(money ? 1 : 2, RoundingMode.HALF_UP);
        BigDecimal effect = x.subtract(expected);
        BigDecimal share = Significance.share(effect, nationalExpected == null ? 0 : nationalExpected);
        if (share.abs().compareTo(settings.minShare()) < 0) {
            return null;
        }
        double[] band = e.band(alpha);
        RobustStats stats = RobustStats.of(past.stream()
                .map(p -> BigDecimal.valueOf(p.value()).setScale(money ? 1 : 0, RoundingMode.HALF_UP)).toList());
        BigDecimal probability = probability(e.probability());
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        values.put("value", x);
        values.put(Significance.EXPECTED, expected);
        values.put(Significance.LOW, BigDecimal.valueOf(band[0]).setScale(money ? 1 : 0, RoundingMode.HALF_UP));
        values.put(Significance.HIGH, BigDecimal.valueOf(band[1]).setScale(money ? 1 : 0, RoundingMode.HALF_UP));
        values.put(Significance.PROBABILITY, probability);
        values.put(Significance.SCORE, Significance.score(e.probability(), share));
        values.put(Significance.EFFECT, effect);
        values.put(Significance.SHARE, share);
        values.put("median", stats.median());
        values.put("min", stats.min());
        values.put("max", stats.max());
        values.put("periods", BigDecimal.valueOf(e.periods()));
        if (e.kind() == CellModel.Kind.NEGATIVE_BINOMIAL) {
            values.put("dispersion", BigDecimal.valueOf(e.dispersion()).setScale(2, RoundingMode.HALF_UP));
        }
        if (table.accumulation() == Accumulation.YEAR_TO_DATE) {
            values.put("cell", row.value(column.number()));
        }

        String what = (table.accumulation() == Accumulation.YEAR_TO_DATE
                ? "monthly increment " + x.toPlainString() + " (year to date " + row.value(column.number()).toPlainString() + ")"
                : "value " + x.toPlainString());
        String message = what + " where " + describe(e) + " of the previous " + e.periods() + " periods expects "
                + expected.toPlainString() + " (" + values.get(Significance.LOW).toPlainString() + " to "
                + values.get(Significance.HIGH).toPlainString() + " would not be improbable); the probability of a value this "
                + (e.above() ? "high" : "low") + " is " + (e.probability() < SMALLEST_PROBABILITY ? "below " : "")
                + probability.toPlainString() + "; effect on the national total " + signed(effect) + " ("
                + percent(share.abs()) + " of it)";
        String where = "row " + row.label() + ", column " + column.number();
        return Finding.ofCell(OUTLIER, Severity.WARN, where, message, row.kato(), column.number(), values, e.model());
    }

    /** How a message names the model. */
    private static String describe(CellModel.Expectation e) {
        String model = switch (e.kind()) {
            case POISSON -> "a Poisson model";
            case NEGATIVE_BINOMIAL -> String.format(Locale.ROOT, "a negative binomial model (dispersion %.2f)", e.dispersion());
            case LOG_T -> "a model of the amount's logarithm";
        };
        return model + (e.seasonal() ? " with the month of the year" : "");
    }

    /** Two significant digits, never below {@link #SMALLEST_PROBABILITY}. */
    static BigDecimal probability(double p) {
        return new BigDecimal(Math.max(p, SMALLEST_PROBABILITY), new MathContext(2, RoundingMode.HALF_UP)).stripTrailingZeros();
    }

    static String percent(BigDecimal share) {
        return share.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }

    static String signed(BigDecimal v) {
        return (v.signum() > 0 ? "+" : "") + v.toPlainString();
    }
}
