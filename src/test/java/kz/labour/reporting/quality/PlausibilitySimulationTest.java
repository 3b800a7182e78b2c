package kz.labour.reporting.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormRow;
import kz.labour.reporting.form.FormTable;

/**
 * Measures the plausibility rule instead of asserting it: clean months at national scale from the demo
 * generator's distributions ({@link SimulatedDemo}), five seeded histories of 36 months before each of
 * 24 judged months, both forms: 240 form-months. Each judged form-month is checked clean (every
 * finding is a false alarm) and with each anomaly planted in turn: a region's month zeroed, tripled,
 * cut to a third, moved to its neighbour (the next region in code order); the whole month duplicated;
 * 1-МЕИЖМ column 9 of a region entered in tenge instead of thousands.
 *
 * <p>An anomaly counts for recall when at least one cell it changed is improbable under the clean
 * model (probability below 10⁻⁴) and moves the national total by at least 1 %. The clean model of a
 * cell is the generator's own distribution for that month: its mean and variance from
 * {@value #TRUTH_DRAWS} independent draws of the month, taken as negative binomial for counts (Poisson
 * where not overdispersed) and normal on log(1 + amount) for column 9. It is found when the rule
 * reports at least one cell it changed. The old rules (robust z-score above 5, zero where the median
 * is 10 or more) run on the same months for comparison. Seeds are fixed: the figures are the same on
 * every run; they are written to target/plausibility-simulation.txt (each false alarm of the rule to
 * target/plausibility-simulation-false-alarms.txt) and quoted in docs/quality.md.
 */
class PlausibilitySimulationTest {

    static final long[] SEEDS = {101, 202, 303, 404, 505};
    static final YearMonth FIRST_JUDGED = YearMonth.of(2023, 1);
    static final YearMonth LAST_JUDGED = YearMonth.of(2024, 12);
    static final int HISTORY = 36;
    static final int TRUTH_DRAWS = 200;
    static final double CLEAN_PROBABILITY = 1e-4;
    static final double MIN_EFFECT = 0.01;

    /** Every false alarm of the rule on clean months, for whoever calibrates it next. */
    static final List<String> FALSE_ALARMS = new java.util.ArrayList<>();

    enum Anomaly { ZEROED, TRIPLED, THIRD, MOVED, DUPLICATED, TENGE }

    /** Counts per anomaly kind for one rule set. */
    static final class Tally {
        final Map<Anomaly, int[]> byKind = new EnumMap<>(Anomaly.class); // planted, eligible, found eligible, found any
        int formMonths;
        int falseAlarms;
        long nanos;
        int checks;

        void planted(Anomaly kind, boolean eligible, boolean found) {
            int[] t = byKind.computeIfAbsent(kind, k -> new int[4]);
            t[0]++;
            t[1] += eligible ? 1 : 0;
            t[2] += eligible && found ? 1 : 0;
            t[3] += found ? 1 : 0;
        }

        int total(int i) {
            return byKind.values().stream().mapToInt(t -> t[i]).sum();
        }

        double recall() {
            return (double) total(2) / total(1);
        }

        double falseAlarmsPerFormMonth() {
            return (double) falseAlarms / formMonths;
        }
    }

    /** The generator's mean and variance of each cell in one month (amounts: of log(1 + thousand tenge)). */
    record Truth(Map<String, double[]> moments) {

        double[] of(FormId form, String kato, int column) {
            return moments.get(form + " " + kato + " " + column);
        }
    }

    interface Rules {
        Set<String> flagged(FormTable table, Series history);
    }

    @Test
    void plantedAnomaliesAreFoundAndCleanMonthsStayQuiet() throws IOException {
        PlausibilitySettings defaults = PlausibilitySettings.defaults();
        PlausibilitySettings aYear = new PlausibilitySettings(true, 12, 6, defaults.significance(), defaults.minShare(), 3, 3);
        Map<String, Rules> rules = new LinkedHashMap<>();
        rules.put("new, 36 months", (t, h) -> cells(Plausibility.check(t, h, defaults).findings()));
        rules.put("new, 12 months", (t, h) -> cells(Plausibility.check(t, h, aYear).findings()));
        rules.put("old rules", (t, h) -> new HashSet<>(OldRules.flagged(t, h)));
        Map<String, Tally> tallies = new LinkedHashMap<>();
        rules.keySet().forEach(k -> tallies.put(k, new Tally()));

        Map<YearMonth, Truth> truths = new HashMap<>();
        for (YearMonth m = FIRST_JUDGED; !m.isAfter(LAST_JUDGED); m = m.plusMonths(1)) {
            truths.put(m, truth(m));
        }
        for (long seed : SEEDS) {
            List<SimulatedDemo.Month> months = SimulatedDemo.generate(seed, FIRST_JUDGED.minusMonths(HISTORY), LAST_JUDGED, 4);
            Map<YearMonth, SimulatedDemo.Month> byPeriod = new HashMap<>();
            months.forEach(m -> byPeriod.put(m.period, m));
            for (FormId form : FormId.values()) {
                Map<YearMonth, PeriodFigures> delivered = new HashMap<>();
                months.forEach(m -> delivered.put(m.period, PeriodFigures.of(table(form, m.period, m.printed(form)),
                        PeriodFigures.Origin.DELIVERED, 1)));
                for (YearMonth t = FIRST_JUDGED; !t.isAfter(LAST_JUDGED); t = t.plusMonths(1)) {
                    Map<YearMonth, PeriodFigures> before = new HashMap<>();
                    for (int i = 1; i <= HISTORY; i++) {
                        before.put(t.minusMonths(i), delivered.get(t.minusMonths(i)));
                    }
                    Series history = new Series(form, Accumulation.MONTH, before);
                    Map<String, Map<Integer, BigDecimal>> clean = byPeriod.get(t).printed(form);
                    FormTable cleanTable = table(form, t, clean);
                    for (Map.Entry<String, Rules> r : rules.entrySet()) {
                        Tally tally = tallies.get(r.getKey());
                        long started = System.nanoTime();
                        Set<String> flagged = r.getValue().flagged(cleanTable, history);
                        tally.nanos += System.nanoTime() - started;
                        tally.checks++;
                        tally.formMonths++;
                        tally.falseAlarms += flagged.size();
                        if (r.getKey().startsWith("new, 36") && !flagged.isEmpty()) {
                            YearMonth tt = t;
                            Plausibility.check(cleanTable, history, defaults).findings().forEach(f -> FALSE_ALARMS.add(
                                    "FA " + form + " " + tt + " " + f.kato() + " c" + f.column() + " " + f.model() + " " + f.values()));
                        }
                    }
                    SplittableRandom random = new SplittableRandom(seed * 7919 + t.getYear() * 12L + t.getMonthValue() + form.ordinal());
                    for (Anomaly kind : Anomaly.values()) {
                        if (kind == Anomaly.TENGE && form != FormId.MEIZHM) {
                            continue;
                        }
                        int region = random.nextInt(SimulatedDemo.PREFIXES.length);
                        FormTable planted = table(form, t, plant(clean, kind, region));
                        Set<String> changed = changed(cleanTable, planted);
                        boolean eligible = eligible(planted, changed, truths.get(t));
                        for (Map.Entry<String, Rules> r : rules.entrySet()) {
                            Set<String> flagged = r.getValue().flagged(planted, history);
                            flagged.retainAll(changed);
                            tallies.get(r.getKey()).planted(kind, eligible, !flagged.isEmpty());
                        }
                    }
                }
            }
        }

        String report = report(tallies);
        System.out.println(report);
        Path out = Path.of("target", "plausibility-simulation.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        Files.write(Path.of("target", "plausibility-simulation-false-alarms.txt"), FALSE_ALARMS);

        Tally model = tallies.get("new, 36 months");
        assertThat(model.formMonths).isGreaterThanOrEqualTo(200);
        assertThat(model.total(1)).as("anomalies improbable and material under the clean model").isGreaterThan(500);
        assertThat(model.recall()).as("recall of the rule with three years of history").isGreaterThanOrEqualTo(0.95);
        assertThat(model.falseAlarmsPerFormMonth()).as("false alarms per clean form-month").isLessThanOrEqualTo(0.5);
    }

    static Set<String> cells(List<Finding> findings) {
        Set<String> cells = new HashSet<>();
        findings.forEach(f -> cells.add(f.kato() + ":" + f.column()));
        return cells;
    }

    static FormTable table(FormId form, YearMonth period, Map<String, Map<Integer, BigDecimal>> byPrefix) {
        return FormTable.assemble(Tables.LABELS.form(form), Tables.REGIONS, Tables.LABELS.totalRow(), period, Accumulation.MONTH,
                Tables.cutOff(period), byPrefix);
    }

    /** The month's cells with the anomaly planted; {@code region} is the index of the region it strikes. */
    static Map<String, Map<Integer, BigDecimal>> plant(Map<String, Map<Integer, BigDecimal>> clean, Anomaly kind, int region) {
        Map<String, Map<Integer, BigDecimal>> out = new LinkedHashMap<>();
        clean.forEach((prefix, values) -> out.put(prefix, new LinkedHashMap<>(values)));
        String prefix = SimulatedDemo.PREFIXES[region];
        String neighbour = SimulatedDemo.PREFIXES[(region + 1) % SimulatedDemo.PREFIXES.length];
        switch (kind) {
            case ZEROED -> out.get(prefix).replaceAll((c, v) -> v.multiply(BigDecimal.ZERO).setScale(v.scale()));
            case TRIPLED -> out.get(prefix).replaceAll((c, v) -> v.multiply(BigDecimal.valueOf(3)));
            case THIRD -> out.get(prefix).replaceAll((c, v) -> v.divide(BigDecimal.valueOf(3), v.scale(), RoundingMode.HALF_UP));
            case MOVED -> {
                out.get(neighbour).replaceAll((c, v) -> v.add(out.get(prefix).get(c)));
                out.get(prefix).replaceAll((c, v) -> v.multiply(BigDecimal.ZERO).setScale(v.scale()));
            }
            case DUPLICATED -> out.values().forEach(values -> values.replaceAll((c, v) -> v.multiply(BigDecimal.valueOf(2))));
            case TENGE -> out.get(prefix).computeIfPresent(9, (c, v) -> v.multiply(BigDecimal.valueOf(1000)));
        }
        return out;
    }

    /** The cells ("kato:column") whose value the anomaly changed, the total row's included. */
    static Set<String> changed(FormTable clean, FormTable planted) {
        Set<String> changed = new HashSet<>();
        for (int i = 0; i < clean.rows().size(); i++) {
            FormRow a = clean.rows().get(i);
            FormRow b = planted.rows().get(i);
            a.values().forEach((column, v) -> {
                if (v.compareTo(b.value(column)) != 0) {
                    changed.add(a.kato() + ":" + column);
                }
            });
        }
        return changed;
    }

    /** Whether a changed cell is improbable under the clean model and moves the national total by at least 1 %. */
    static boolean eligible(FormTable planted, Set<String> changed, Truth truth) {
        boolean money;
        for (FormRow row : planted.rows()) {
            for (Map.Entry<Integer, BigDecimal> cell : row.values().entrySet()) {
                int column = cell.getKey();
                if (!changed.contains(row.kato() + ":" + column)) {
                    continue;
                }
                money = planted.form() == FormId.MEIZHM && column == 9;
                double[] m = truth.of(planted.form(), row.kato(), column);
                double[] national = truth.of(planted.form(), Tables.TOTAL, column);
                double x = cell.getValue().doubleValue();
                double p;
                double effect;
                if (money) {
                    double sd = Math.max(Math.sqrt(m[1]), 1e-6);
                    double y = Math.log1p(x);
                    NormalDistribution normal = new NormalDistribution(null, m[0], sd);
                    p = y >= m[0] ? normal.cumulativeProbability(2 * m[0] - y) : normal.cumulativeProbability(y);
                    effect = (x - m[2]) / Math.max(national[2], 1);
                } else {
                    p = countTail(x, m[0], m[1]);
                    effect = (x - m[0]) / Math.max(national[0], 1);
                }
                if (p < CLEAN_PROBABILITY && Math.abs(effect) >= MIN_EFFECT) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The tail of a count in the direction of {@code x}: negative binomial with this mean and variance, or Poisson. */
    static double countTail(double x, double mean, double variance) {
        if (mean <= 0) {
            return x > 0 ? 0 : 1;
        }
        if (variance <= mean * 1.0001) {
            PoissonDistribution poisson = new PoissonDistribution(null, mean, PoissonDistribution.DEFAULT_EPSILON,
                    PoissonDistribution.DEFAULT_MAX_ITERATIONS);
            return x >= mean ? 1 - poisson.cumulativeProbability((int) x - 1) : poisson.cumulativeProbability((int) x);
        }
        CellModel.CountTail tail = new CellModel.CountTail(mean, variance, x >= mean);
        return tail.probability(x);
    }

    /**
     * The generator's clean distribution of every cell of {@code period}: {@value #TRUTH_DRAWS} draws of
     * the month, each with the four months before it for the facts they carry into it.
     */
    static Truth truth(YearMonth period) {
        Map<String, double[]> sums = new HashMap<>(); // count: sum, sum of squares; amount: sum of log, of log^2, of value
        for (int d = 0; d < TRUTH_DRAWS; d++) {
            SimulatedDemo.Month month = SimulatedDemo.generate(1_000_000L + d, period, period, 4).get(0);
            for (FormId form : FormId.values()) {
                FormTable t = table(form, period, month.printed(form));
                for (FormRow row : t.rows()) {
                    row.values().forEach((column, v) -> {
                        double x = v.doubleValue();
                        boolean money = form == FormId.MEIZHM && column == 9;
                        double y = money ? Math.log1p(x) : x;
                        double[] s = sums.computeIfAbsent(form + " " + row.kato() + " " + column, k -> new double[3]);
                        s[0] += y;
                        s[1] += y * y;
                        s[2] += x;
                    });
                }
            }
        }
        Map<String, double[]> moments = new HashMap<>();
        sums.forEach((key, s) -> {
            double mean = s[0] / TRUTH_DRAWS;
            double variance = Math.max(0, (s[1] - TRUTH_DRAWS * mean * mean) / (TRUTH_DRAWS - 1));
            moments.put(key, new double[] {mean, variance, s[2] / TRUTH_DRAWS});
        });
        return new Truth(moments);
    }

    static String report(Map<String, Tally> tallies) {
        StringBuilder out = new StringBuilder();
        Tally any = tallies.values().iterator().next();
        out.append(String.format(Locale.ROOT, "Plausibility simulation: %d seeds, %s..%s judged against %d months of history, "
                + "both forms: %d form-months%n", SEEDS.length, FIRST_JUDGED, LAST_JUDGED, HISTORY, any.formMonths));
        out.append(String.format(Locale.ROOT, "Recall: anomalies with a changed cell of clean-model probability < %s and "
                + "effect >= %.0f %% of the national total, found by a report on a changed cell%n", "1e-4", MIN_EFFECT * 100));
        out.append(String.format(Locale.ROOT, "%-16s %8s %8s %8s %10s %11s %14s%n", "rules", "planted", "eligible", "found",
                "recall", "false/f-m", "ms/form-month"));
        tallies.forEach((name, t) -> out.append(String.format(Locale.ROOT, "%-16s %8d %8d %8d %9.1f%% %11.3f %14.2f%n", name,
                t.total(0), t.total(1), t.total(2), 100 * t.recall(), t.falseAlarmsPerFormMonth(),
                t.nanos / 1e6 / t.checks)));
        out.append("By anomaly (found eligible / eligible; found of all planted):\n");
        for (Anomaly kind : Anomaly.values()) {
            out.append(String.format(Locale.ROOT, "  %-11s", kind));
            tallies.forEach((name, t) -> {
                int[] k = t.byKind.get(kind);
                out.append(String.format(Locale.ROOT, "  %s %d/%d; %d of %d", name, k[2], k[1], k[3], k[0]));
            });
            out.append('\n');
        }
        return out.toString();
    }

}
