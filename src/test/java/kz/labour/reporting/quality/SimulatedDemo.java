package kz.labour.reporting.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import kz.labour.reporting.form.FormId;

/**
 * The demo generator's distributions (src/test/resources/db/demo/generate.sql) in plain Java, at
 * national scale (scale 1), so a simulation can make hundreds of clean months in seconds without a
 * database. What each month holds follows the generator: national monthly counts with their spread
 * and season, regions drawn by activity or injury weight, the kinds and severities in the same
 * proportions, fines as multiples of the year's MRP, group accidents of 2 to 5 victims, and the lags
 * that put a violation's elimination, an accident's investigation and a prosecution in a later
 * month. Two simplifications: every fact of a month counts (the cut-off's few late entries are
 * ignored), and the random streams differ from PostgreSQL's hash, so the months are alike in
 * distribution, not equal to the SQL generator's.
 */
final class SimulatedDemo {

    /** Region prefix, activity weight, injury weight (demo.region_weights). */
    static final String[] PREFIXES = {"10", "11", "15", "19", "23", "27", "31", "33", "35", "39", "43", "47", "55", "59", "61",
            "62", "63", "71", "75", "79"};
    static final double[] ACTIVITY = {1.6, 4.0, 8.0, 5.5, 5.0, 4.0, 4.0, 1.6, 12.0, 4.5, 3.0, 4.5, 9.0, 1.6, 4.0, 2.5, 10.0, 6.5,
            9.5, 2.0};
    static final double[] INJURY = {1.3, 3.5, 8.0, 5.0, 5.0, 3.0, 3.5, 1.3, 15.0, 4.0, 2.5, 5.0, 9.0, 1.3, 3.5, 3.0, 11.0, 5.0,
            8.0, 1.8};
    /** demo.month_plan's seasonal factor, January first. */
    static final double[] SEASON = {0.90, 0.97, 1.02, 1.03, 1.02, 0.98, 0.94, 0.95, 1.03, 1.05, 1.04, 1.07};
    /** demo.mrp, 2016..2026. */
    static final int[] MRP = {2121, 2269, 2405, 2525, 2778, 2917, 3063, 3450, 3692, 3932, 4325};

    private static final double[] ACTIVITY_CUMULATIVE = cumulative(ACTIVITY);
    private static final double[] INJURY_CUMULATIVE = cumulative(INJURY);

    /** One month's cells: form, region prefix, column number (index) → value; column 9 in tenge until {@link #printed}. */
    static final class Month {
        final YearMonth period;
        final Map<FormId, double[][]> cells = new HashMap<>();

        Month(YearMonth period) {
            this.period = period;
            cells.put(FormId.MEIZHM, new double[PREFIXES.length][18]);
            cells.put(FormId.OZH, new double[PREFIXES.length][9]);
        }

        void add(FormId form, int region, int column, double v) {
            cells.get(form)[region][column] += v;
        }

        /** The cells as the aggregation prints them: column 9 in thousand tenge, one decimal, half up. */
        Map<String, Map<Integer, BigDecimal>> printed(FormId form) {
            double[][] c = cells.get(form);
            Map<String, Map<Integer, BigDecimal>> byPrefix = new LinkedHashMap<>();
            for (int r = 0; r < PREFIXES.length; r++) {
                Map<Integer, BigDecimal> values = new LinkedHashMap<>();
                for (int col = 2; col < c[r].length; col++) {
                    values.put(col, form == FormId.MEIZHM && col == 9
                            ? BigDecimal.valueOf(c[r][col]).divide(BigDecimal.valueOf(1000), 1, RoundingMode.HALF_UP)
                            : BigDecimal.valueOf(Math.round(c[r][col])));
                }
                byPrefix.put(PREFIXES[r], values);
            }
            return byPrefix;
        }
    }

    private SimulatedDemo() {
    }

    /**
     * Months {@code from}..{@code to} of one seeded history. Facts that land in a later month (an
     * elimination, an investigation, a prosecution) are carried into it; months before {@code from}
     * are generated too, {@code warmUp} of them, so the first month returned carries its share.
     */
    static List<Month> generate(long seed, YearMonth from, YearMonth to, int warmUp) {
        return generate(seed, from, to, warmUp, 1.0);
    }

    /** The same at {@code scale} times the country's real monthly volume, as demo.generate's scale. */
    static List<Month> generate(long seed, YearMonth from, YearMonth to, int warmUp, double scale) {
        Map<YearMonth, Month> months = new LinkedHashMap<>();
        YearMonth first = from.minusMonths(warmUp);
        for (YearMonth m = first; !m.isAfter(to); m = m.plusMonths(1)) {
            months.put(m, new Month(m));
        }
        for (YearMonth m = first; !m.isAfter(to); m = m.plusMonths(1)) {
            month(new SplittableRandom(seed * 1_000_003L + m.getYear() * 12L + m.getMonthValue()), m, months, scale);
        }
        List<Month> out = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            out.add(months.get(m));
        }
        return out;
    }

    private static void month(SplittableRandom random, YearMonth m, Map<YearMonth, Month> months, double scale) {
        Month here = months.get(m);
        double season = SEASON[m.getMonthValue() - 1] * scale;
        int days = m.lengthOfMonth();
        FormId a = FormId.MEIZHM;

        // c2..c4 inspections, and the regions and days of the month's inspections for the violations
        int inspections = count(random, 550, 0.08, season);
        int[] inspectionRegion = new int[inspections];
        int[] inspectionDay = new int[inspections];
        for (int i = 0; i < inspections; i++) {
            int r = region(random, ACTIVITY_CUMULATIVE);
            inspectionRegion[i] = r;
            inspectionDay[i] = random.nextInt(days);
            here.add(a, r, 2, 1);
            double kind = random.nextDouble();
            if (kind < 0.87) {
                here.add(a, r, kind < 0.45 ? 3 : 4, 1); // preventive control, unscheduled; the rest "other"
            }
        }
        // c5, c6: violations found at one of the month's inspections, eliminated later or never
        int violations = count(random, 730, 0.08, season);
        for (int i = 0; i < violations && inspections > 0; i++) {
            int k = random.nextInt(inspections);
            int r = inspectionRegion[k];
            here.add(a, r, 5, 1);
            double never = random.nextDouble();
            double lag = random.nextDouble();
            double u = random.nextDouble();
            if (never >= 0.15) {
                int after = lag < 0.45 ? (int) (u * 10) : lag < 0.85 ? 10 + (int) (u * 35) : 45 + (int) (u * 75);
                later(months, m, inspectionDay[k] + after, a, r, 6, 1);
            }
        }
        // c7 prescriptions
        for (int i = count(random, 350, 0.08, season); i > 0; i--) {
            here.add(a, region(random, ACTIVITY_CUMULATIVE), 7, 1);
        }
        // c8, c9 fines: 12 % round amounts ending in 50, the others multiples of the year's MRP
        int mrp = MRP[Math.min(Math.max(m.getYear(), 2016), 2026) - 2016];
        for (int i = count(random, 240, 0.08, season); i > 0; i--) {
            int r = region(random, ACTIVITY_CUMULATIVE);
            here.add(a, r, 8, 1);
            here.add(a, r, 9, fine(random, mrp));
        }
        // c10..c12 suspensions by object kind
        for (int i = count(random, 10, 0.3, season); i > 0; i--) {
            int r = region(random, ACTIVITY_CUMULATIVE);
            double kind = random.nextDouble();
            here.add(a, r, kind < 0.55 ? 10 : kind < 0.85 ? 11 : 12, 1);
        }
        // c13 workers removed: one act removes 1 (72 %), 2-3 (18 %) or 4-12 (10 %)
        for (int i = count(random, 45, 0.15, season); i > 0; i--) {
            int r = region(random, ACTIVITY_CUMULATIVE);
            double size = random.nextDouble();
            double u = random.nextDouble();
            here.add(a, r, 13, size < 0.72 ? 1 : size < 0.90 ? 2 + (int) (u * 2) : 4 + (int) (u * 9));
        }
        injuries(random, m, months, days, scale);
        // c14: investigations of accidents the system does not hold
        for (int i = count(random, 4, 0.5, scale); i > 0; i--) {
            here.add(a, region(random, INJURY_CUMULATIVE), 14, 1);
        }
        // c15..c17: referrals, criminal cases (45 %, same month), persons charged 5..59 days after the case
        for (int i = count(random, 15, 0.25, scale); i > 0; i--) {
            int r = region(random, INJURY_CUMULATIVE);
            int day = random.nextInt(days);
            here.add(a, r, 15, 1);
            if (random.nextDouble() < 0.45) {
                here.add(a, r, 16, 1);
                int opened = day + (int) (random.nextDouble() * (days - day));
                double persons = random.nextDouble();
                int n = persons < 0.35 ? 0 : persons < 0.80 ? 1 : persons < 0.95 ? 2 : 3;
                for (int j = 0; j < n; j++) {
                    later(months, m, opened + 5 + (int) (random.nextDouble() * 55), a, r, 17, 1);
                }
            }
        }
    }

    /** 2-ӨЖ: the month's exact plan of victims, deaths and group accidents, and 1-МЕИЖМ c14's investigations. */
    private static void injuries(SplittableRandom random, YearMonth m, Map<YearMonth, Month> months, int days, double scale) {
        Month here = months.get(m);
        FormId o = FormId.OZH;
        int victims = (int) (scale * (110 + 11 * random.nextDouble()));
        int fatal = (int) (scale * (12 + 7 * random.nextDouble()));
        int severe = (int) (scale * (20 + 9 * random.nextDouble()));
        random.nextDouble(); // the moderate victims' plan: moderate and light both count in column 6
        int groups = (int) (scale * (2 + 3 * random.nextDouble()));
        List<Integer> sizes = new ArrayList<>();
        int inGroups = 0;
        for (int g = 0; g < groups; g++) {
            double u = random.nextDouble();
            int size = u < 0.55 ? 2 : u < 0.85 ? 3 : u < 0.96 ? 4 : 5;
            sizes.add(size);
            inGroups += size;
        }
        for (int s = Math.max(0, victims - inGroups); s > 0; s--) {
            sizes.add(1);
        }
        int accidents = sizes.size();
        int[] accidentRegion = new int[accidents];
        int[] accidentDay = new int[accidents];
        List<int[]> victimList = new ArrayList<>(); // {accident, rank key}
        for (int k = 0; k < accidents; k++) {
            accidentRegion[k] = region(random, INJURY_CUMULATIVE);
            accidentDay[k] = random.nextInt(days);
            here.add(o, accidentRegion[k], 2, 1);
            if (k < groups) {
                here.add(o, accidentRegion[k], 3, 1);
                here.add(o, accidentRegion[k], 5, sizes.get(k));
            }
            here.add(o, accidentRegion[k], 4, sizes.get(k));
            for (int j = 0; j < sizes.get(k); j++) {
                victimList.add(new int[] {k});
            }
        }
        // severities by a random ranking of the month's victims: the plan's exact numbers
        double[] keys = new double[victimList.size()];
        Integer[] order = new Integer[victimList.size()];
        for (int v = 0; v < keys.length; v++) {
            keys[v] = random.nextDouble();
            order[v] = v;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(keys[x], keys[y]));
        boolean[] serious = new boolean[accidents];
        for (int rank = 0; rank < order.length; rank++) {
            int k = victimList.get(order[rank])[0];
            int column = rank < fatal ? 8 : rank < fatal + severe ? 7 : 6;
            here.add(o, accidentRegion[k], column, 1);
            serious[k] |= rank < fatal + severe;
        }
        // 92 % of group, severe and fatal accidents investigated by an inspector, 7..41 days later
        for (int k = 0; k < accidents; k++) {
            boolean investigated = random.nextDouble() < 0.92;
            int after = 7 + (int) (random.nextDouble() * 35);
            if ((sizes.get(k) >= 2 || serious[k]) && investigated) {
                later(months, m, accidentDay[k] + after, FormId.MEIZHM, accidentRegion[k], 14, 1);
            }
        }
    }

    /** A fine in tenge (demo.fine_amount). */
    private static double fine(SplittableRandom random, int mrp) {
        if (random.nextDouble() < 0.12) {
            return 5050 + 100 * (int) (random.nextDouble() * 950);
        }
        double band = random.nextDouble();
        double pick = random.nextDouble();
        int[] multiples = band < 0.30 ? new int[] {5, 10, 15, 20} : band < 0.62 ? new int[] {25, 30, 40, 50}
                : band < 0.90 ? new int[] {50, 60, 70, 80} : band < 0.985 ? new int[] {100, 120, 150, 200} : new int[] {250, 300, 400};
        return (double) mrp * multiples[(int) (pick * multiples.length)];
    }

    /** A fact dated {@code dayOfMonth} days after the start of {@code m} (possibly in a later month), if that month is generated. */
    private static void later(Map<YearMonth, Month> months, YearMonth m, int dayOfMonth, FormId form, int region, int column,
                              double v) {
        LocalDate date = m.atDay(1).plusDays(dayOfMonth);
        Month target = months.get(YearMonth.from(date));
        if (target != null) {
            target.add(form, region, column, v);
        }
    }

    /** demo.monthly_count: stochastic rounding of mean × factor × (1 ± spread). */
    private static int count(SplittableRandom random, double mean, double spread, double factor) {
        return Math.max(0, (int) Math.floor(mean * factor * (1 + spread * (2 * random.nextDouble() - 1)) + random.nextDouble()));
    }

    private static int region(SplittableRandom random, double[] cumulative) {
        double u = random.nextDouble();
        for (int r = 0; r < cumulative.length; r++) {
            if (u < cumulative[r]) {
                return r;
            }
        }
        return cumulative.length - 1;
    }

    private static double[] cumulative(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum / total;
        }
        return c;
    }
}
