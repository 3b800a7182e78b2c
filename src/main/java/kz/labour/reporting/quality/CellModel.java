package kz.labour.reporting.quality;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Beta;

/**
 * What a cell's own history leads one to expect of its current value, and how surprising the value
 * is: the tail probability of a value at least as far from the expected one, in its direction, under
 * a model fitted on the history (docs/quality.md, section 3).
 *
 * <ul>
 *   <li><b>Counts</b>: Poisson, or negative binomial where the history is overdispersed (a χ² test of
 *       the Pearson statistic at 5 %). The mean and the dispersion come from the last twelve months
 *       after months further than three robust standard deviations from their median are set aside, so
 *       one wild month in the history (a past zero, a past double import) neither drags the mean nor
 *       inflates the dispersion. The probability is that of the <em>predictive</em> distribution: the
 *       count's own variation plus the uncertainty of a mean estimated from a year (for a Poisson
 *       count, the negative binomial that a gamma posterior of the mean gives).</li>
 *   <li><b>Amounts</b> (thousand tenge): the logarithm of 1 + amount, whose location and scale come
 *       from the same trimmed months, judged by Student's t with the months' degrees of freedom.</li>
 *   <li><b>Month of year</b>: with at least {@value #SEASONAL_PERIODS} known months, the same calendar
 *       month of earlier years, each against the twelve-month level around it, gives a seasonal factor
 *       (a log-scale difference for amounts) applied to the current level; its own uncertainty widens
 *       the predictive distribution.</li>
 * </ul>
 *
 * Pure and deterministic; the distributions are commons-math's.
 */
final class CellModel {

    /** Known months from which the month of the year is modelled: two of each calendar month. */
    static final int SEASONAL_PERIODS = 24;
    /** The level and dispersion are estimated from this many most recent months. */
    static final int LEVEL_PERIODS = 12;
    /** Months further than this many robust standard deviations from the median are set aside from the level. */
    static final double TRIM = 3.0;
    /**
     * ... and further than this many from the dispersion: wide enough to keep the genuine heavy tail of
     * lumpy series (a large fine, an act removing a dozen workers), narrow enough to leave out an
     * anomaly of the past (a month in tenge, a double import).
     */
    static final double TRIM_DISPERSION = 5.0;
    /**
     * How strongly the month of the year is believed to be near the year's level before the history
     * speaks: a gamma prior of the seasonal factor with mean 1 and shape 4 (a coefficient of variation of
     * 50 %), so two or three Decembers of a busy cell decide its factor and those of a cell that sees a
     * few events a year barely move it.
     */
    static final double SEASON_PRIOR = 4.0;
    /** The same belief for an amount's seasonal log difference: normal, mean 0, standard deviation 0.5. */
    static final double SEASON_PRIOR_LOG_SD = 0.5;
    /** Overdispersion is taken as real when the Pearson statistic is this improbable under Poisson. */
    static final double OVERDISPERSION_LEVEL = 0.05;
    /** The least standard deviation of an amount's logarithm: 5 %, so a history that hardly moved does not make every change improbable. */
    static final double MIN_LOG_SD = 0.05;
    /** The column's dispersion needs this many regions with events in their history. */
    static final int MIN_REGIONS_FOR_DISPERSION = 5;
    /** Jeffreys' half count: a history of zeros expects a little, not nothing, so a first case is not impossible. */
    static final double HALF = 0.5;

    /** The model a cell was judged by; {@link #key} is how the report names it. */
    enum Kind {
        POISSON("poisson"), NEGATIVE_BINOMIAL("negative-binomial"), LOG_T("log-t");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        String key() {
            return key;
        }
    }

    /** One known month of the cell's history. */
    record Point(YearMonth period, double value) {
    }

    /**
     * @param periods     the months of history the model was fitted on
     * @param expected    the expected value (counts: the predictive mean; amounts: the median)
     * @param dispersion  counts: the variance-to-mean ratio used (1 for Poisson); amounts: the
     *                    standard deviation of the logarithm's prediction
     * @param probability the probability of a value at least as far from the expected one, in its direction
     */
    record Expectation(Kind kind, boolean seasonal, int periods, double expected, double dispersion, double probability,
                       Tail tail) {

        /** Whether the value lies above the expected one. */
        boolean above() {
            return tail.above;
        }

        /** The band of values the model does not find improbable at {@code alpha}: [low, high]. */
        double[] band(double alpha) {
            return tail.band(alpha);
        }

        String model() {
            return kind.key() + (seasonal ? "-seasonal" : "");
        }
    }

    /** The predictive distribution of one cell, able to say how improbable a value is and which values are not. */
    abstract static sealed class Tail permits CountTail, LogTail {
        final boolean above;

        Tail(boolean above) {
            this.above = above;
        }

        abstract double[] band(double alpha);
    }

    private CellModel() {
    }

    /** A count: {@code x} against the history (any order, at least two months), the column's dispersion unknown. */
    static Expectation count(List<Point> history, YearMonth period, double x) {
        return count(history, period, x, 1.0);
    }

    /**
     * A count: {@code x} against the history (any order, at least two months).
     *
     * @param columnDispersion the dispersion of the column's regions together ({@link #columnDispersion}): a
     *                         cell whose own history is too quiet to show it (a year of zeros) still varies as
     *                         its column does, where events come in clumps (victims of one group accident,
     *                         workers removed by one act)
     */
    static Expectation count(List<Point> history, YearMonth period, double x, double columnDispersion) {
        List<Point> sorted = sorted(history);
        double[] recent = recent(sorted);
        Level level = Level.of(recent, true, columnDispersion);
        double mu = level.mean;
        double[] own = sorted.size() >= SEASONAL_PERIODS ? yearOnYear(sorted, level.mean)
                : new double[] {level.sumSquares / level.mean, level.spreadKept - 1.0};
        double phi = Math.max(1.0, overdispersion(own[0], own[1]));
        phi = Math.max(phi, columnDispersion);
        Kind kind = phi > 1 ? Kind.NEGATIVE_BINOMIAL : Kind.POISSON;
        // the level's own uncertainty: a mean of kept months, each varying as the count does
        double relativeVariance = phi / (level.kept * level.mean);
        boolean seasonal = false;
        Season season = sorted.size() >= SEASONAL_PERIODS ? Season.of(sorted, period, true) : null;
        if (season != null) {
            // gamma prior (shape SEASON_PRIOR, mean 1) updated by the same months' counts, scaled by the dispersion
            double shape = SEASON_PRIOR + season.sameMonth / phi;
            double factor = shape / (SEASON_PRIOR + season.levels / phi);
            mu = level.mean * factor;
            relativeVariance += 1.0 / shape;
            seasonal = true;
        }
        double variance = phi * mu + mu * mu * relativeVariance;
        CountTail tail = new CountTail(mu, variance, x >= mu);
        return new Expectation(kind, seasonal, sorted.size(), mu, phi, tail.probability(x), tail);
    }

    /**
     * The Pearson statistic of a seasonal history and its degrees of freedom, from the changes of the last
     * twelve months against the same months a year before, which the month of the year does not move:
     * each change varies twice as much as one month, Σ d² / (2 × level). Changes further than
     * {@link #TRIM_DISPERSION} robust standard deviations from their median are set aside.
     */
    static double[] yearOnYear(List<Point> sorted, double level) {
        Map<YearMonth, Double> byPeriod = new TreeMap<>();
        sorted.forEach(p -> byPeriod.put(p.period(), p.value()));
        List<Double> changes = new ArrayList<>();
        for (Point p : sorted.subList(Math.max(0, sorted.size() - LEVEL_PERIODS), sorted.size())) {
            Double before = byPeriod.get(p.period().minusYears(1));
            if (before != null) {
                changes.add(p.value() - before);
            }
        }
        double[] d = changes.stream().mapToDouble(Double::doubleValue).toArray();
        if (d.length < 3) {
            return new double[] {0, 0};
        }
        double median = median(d);
        double spread = Math.max(1.4826 * median(Arrays.stream(d).map(v -> Math.abs(v - median)).toArray()),
                Math.sqrt(2 * Math.max(level, 1)));
        double squares = 0;
        int kept = 0;
        for (double v : d) {
            if (Math.abs(v - median) <= TRIM_DISPERSION * spread) {
                squares += v * v;
                kept++;
            }
        }
        return new double[] {squares / (2 * level), kept};
    }

    /** {@link #yearOnYear} with every change kept: what a lumpy column's tail is made of. */
    private static double[] yearOnYearAll(List<Point> sorted, double level) {
        Map<YearMonth, Double> byPeriod = new TreeMap<>();
        sorted.forEach(p -> byPeriod.put(p.period(), p.value()));
        double squares = 0;
        int n = 0;
        for (Point p : sorted.subList(Math.max(0, sorted.size() - LEVEL_PERIODS), sorted.size())) {
            Double before = byPeriod.get(p.period().minusYears(1));
            if (before != null) {
                squares += (p.value() - before) * (p.value() - before);
                n++;
            }
        }
        return new double[] {squares / (2 * level), n};
    }

    /**
     * The Pearson statistic over its degrees of freedom where it shows overdispersion (χ² test at
     * {@link #OVERDISPERSION_LEVEL}), otherwise 1.
     */
    static double overdispersion(double pearson, double degreesOfFreedom) {
        if (degreesOfFreedom < 2 || !(pearson > degreesOfFreedom)) {
            return 1.0;
        }
        double p = 1 - new ChiSquaredDistribution(null, degreesOfFreedom).cumulativeProbability(pearson);
        return p < OVERDISPERSION_LEVEL ? pearson / degreesOfFreedom : 1.0;
    }

    /**
     * The dispersion of a column over its regions, where their histories together show overdispersion
     * (their Pearson statistics summed against their degrees of freedom summed): the median of the
     * regions' own variance-to-mean ratios, each over all its last months. All months, because what makes
     * a column lumpy (the victims of one group accident, the workers one act removes) is exactly what a
     * single region's trimmed history hides; the median, so one region's wild past does not speak for all.
     * With two years known, from the changes against the same month a year before, as {@link #yearOnYear}.
     * Regions with no event in their history say nothing of it and are left out; fewer than
     * {@value #MIN_REGIONS_FOR_DISPERSION} regions with events say too little. 1 otherwise.
     */
    static double columnDispersion(List<List<Point>> regions) {
        double pearson = 0;
        double df = 0;
        List<Double> ratios = new ArrayList<>();
        for (List<Point> history : regions) {
            if (history.size() < 3) {
                continue;
            }
            List<Point> sorted = sorted(history);
            double[] recent = recent(sorted);
            double sum = Arrays.stream(recent).sum();
            if (sum < 1) {
                continue;
            }
            double mean = sum / recent.length;
            double[] stat = sorted.size() >= SEASONAL_PERIODS ? yearOnYearAll(sorted, mean)
                    : new double[] {Arrays.stream(recent).map(v -> (v - mean) * (v - mean)).sum() / mean, recent.length - 1.0};
            if (stat[1] < 2) {
                continue;
            }
            pearson += stat[0];
            df += stat[1];
            ratios.add(stat[0] / stat[1]);
        }
        if (ratios.size() < MIN_REGIONS_FOR_DISPERSION || overdispersion(pearson, df) == 1.0) {
            return 1.0;
        }
        return Math.max(1.0, median(ratios.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    /**
     * An amount in thousand tenge: {@code x} against the history's months with an amount, on the scale
     * of log(1 + amount). A month without any amount (no fine at all) is the count's business: the
     * caller judges a 0 by the count column. Null when fewer than two months of the history had an amount.
     */
    static Expectation amount(List<Point> history, YearMonth period, double x) {
        List<Point> positive = history.stream().filter(p -> p.value() > 0).toList();
        if (positive.size() < 2 || !(x > 0)) {
            return null;
        }
        List<Point> sorted = sorted(positive);
        double[] recent = Arrays.stream(recent(sorted)).map(Math::log1p).toArray();
        Level level = Level.of(recent, false);
        double location = level.mean;
        double sd = level.spreadKept >= 2 ? Math.sqrt(level.sumSquares / (level.spreadKept - 1.0)) : 0;
        sd = Math.max(sd, MIN_LOG_SD);
        double variance = sd * sd * (1 + 1.0 / level.kept);
        boolean seasonal = false;
        Season season = sorted.size() >= SEASONAL_PERIODS ? Season.of(sorted, period, false) : null;
        if (season != null) {
            // normal prior (mean 0, sd SEASON_PRIOR_LOG_SD) updated by the same months' mean difference
            double dataPrecision = season.years / (sd * sd);
            double precision = dataPrecision + 1 / (SEASON_PRIOR_LOG_SD * SEASON_PRIOR_LOG_SD);
            location += season.difference * dataPrecision / precision;
            variance += 1 / precision;
            seasonal = true;
        }
        double scale = Math.sqrt(variance);
        double y = Math.log1p(x);
        LogTail tail = new LogTail(location, scale, Math.max(1, level.spreadKept - 1), y >= location);
        return new Expectation(Kind.LOG_T, seasonal, history.size(), Math.expm1(location), scale, tail.probability(y), tail);
    }

    /**
     * An amount of 0: no fine at all, which happens exactly when the count of fines is 0 (a control
     * holds the two together). Its probability is the count's ({@code probabilityOfNone}, the count
     * column's model at 0); the expected amount and band are the amount model's. Null as for {@link #amount}.
     */
    static Expectation amountNone(List<Point> history, YearMonth period, double probabilityOfNone) {
        Expectation fitted = amount(history, period, Double.MIN_NORMAL);
        return fitted == null ? null : new Expectation(fitted.kind(), fitted.seasonal(), fitted.periods(), fitted.expected(),
                fitted.dispersion(), probabilityOfNone, fitted.tail());
    }

    private static List<Point> sorted(List<Point> history) {
        if (history.size() < 2) {
            throw new IllegalArgumentException("a model needs at least two months of history, got " + history.size());
        }
        return history.stream().sorted((a, b) -> a.period().compareTo(b.period())).toList();
    }

    /** The values of the last {@link #LEVEL_PERIODS} known months. */
    private static double[] recent(List<Point> sorted) {
        return sorted.subList(Math.max(0, sorted.size() - LEVEL_PERIODS), sorted.size()).stream()
                .mapToDouble(Point::value).toArray();
    }

    /**
     * The level of some months with the wild ones set aside: those further than {@link #TRIM} robust
     * standard deviations (1.4826 × MAD, and for counts at least the count's own √(dispersion × median))
     * from the median;
     * their spread from the months within {@link #TRIM_DISPERSION} of them.
     *
     * @param mean       counts: (sum + ½) / kept; amounts: the plain mean of the kept values
     * @param sumSquares Σ (v − mean)² over the months within {@link #TRIM_DISPERSION}
     * @param kept       the months the mean is of
     * @param spreadKept the months the sum of squares is over
     */
    record Level(double mean, double sumSquares, int kept, int spreadKept) {

        static Level of(double[] values, boolean counts) {
            return of(values, counts, 1.0);
        }

        /**
         * @param dispersion for counts, the column's dispersion: the spread is at least the model's own
         *                   standard deviation at the median, √(dispersion × max(median, 1)), so in a lumpy
         *                   column a region's occasional clump (a group accident of four) is part of its
         *                   level, not set aside as wild
         */
        static Level of(double[] values, boolean counts, double dispersion) {
            double median = median(values);
            double[] deviations = Arrays.stream(values).map(v -> Math.abs(v - median)).toArray();
            double spread = 1.4826 * median(deviations);
            spread = counts ? Math.max(spread, Math.sqrt(dispersion * Math.max(median, 1))) : Math.max(spread, MIN_LOG_SD);
            double sum = 0;
            int kept = 0;
            for (double v : values) {
                if (Math.abs(v - median) <= TRIM * spread) {
                    sum += v;
                    kept++;
                }
            }
            double mean = counts ? (sum + HALF) / kept : sum / kept;
            double squares = 0;
            int spreadKept = 0;
            for (double v : values) {
                if (Math.abs(v - median) <= TRIM_DISPERSION * spread) {
                    squares += (v - mean) * (v - mean);
                    spreadKept++;
                }
            }
            return new Level(mean, squares, kept, spreadKept);
        }
    }

    /**
     * The same calendar month in earlier years against the level of the twelve months around each.
     *
     * @param sameMonth  counts: the sum of the same-month values
     * @param levels     counts: the sum of their twelve-month levels
     * @param difference amounts: the mean log difference of the same month from its level
     * @param years      how many earlier same months were compared
     */
    record Season(double sameMonth, double levels, double difference, int years) {

        /** Null when no earlier same month has a complete twelve-month window around it. */
        static Season of(List<Point> sorted, YearMonth period, boolean counts) {
            Map<YearMonth, Double> byPeriod = new TreeMap<>();
            sorted.forEach(p -> byPeriod.put(p.period(), counts ? p.value() : Math.log1p(p.value())));
            double sameMonth = 0;
            double levels = 0;
            double difference = 0;
            int years = 0;
            for (YearMonth same = period.minusYears(1); !same.isBefore(sorted.get(0).period()); same = same.minusYears(1)) {
                Double value = byPeriod.get(same);
                double[] window = value == null ? null : window(byPeriod, same, period);
                if (window == null) {
                    continue;
                }
                Level level = Level.of(window, counts);
                double around = counts ? level.mean - HALF / level.kept : level.mean;
                sameMonth += value;
                levels += around;
                difference += value - around;
                years++;
            }
            return years == 0 ? null : new Season(sameMonth, levels, difference / years, years);
        }

        /** Twelve consecutive known months containing {@code month}, before {@code current}, as centred as the history allows. */
        private static double[] window(Map<YearMonth, Double> byPeriod, YearMonth month, YearMonth current) {
            for (int shift = 0; shift <= 6; shift++) {
                for (int sign : new int[] {1, -1}) {
                    YearMonth first = month.minusMonths(6 + sign * (long) shift);
                    double[] values = new double[12];
                    boolean complete = true;
                    for (int i = 0; i < 12 && complete; i++) {
                        YearMonth m = first.plusMonths(i);
                        Double v = m.isBefore(current) ? byPeriod.get(m) : null;
                        complete = v != null;
                        values[i] = complete ? v : 0;
                    }
                    if (complete) {
                        return values;
                    }
                }
            }
            return null;
        }
    }

    /**
     * A count's predictive distribution: negative binomial with the given mean and variance (variance
     * above the mean), as the regularised incomplete beta function gives its tails.
     */
    static final class CountTail extends Tail {
        private final double size;
        private final double success;

        CountTail(double mean, double variance, boolean above) {
            super(above);
            if (!(mean > 0) || !(variance > mean)) {
                throw new IllegalArgumentException("a negative binomial needs 0 < mean < variance, got " + mean + ", " + variance);
            }
            this.size = mean * mean / (variance - mean);
            this.success = size / (size + mean);
        }

        /** P(X ≤ k). */
        double atMost(double k) {
            return k < 0 ? 0 : Beta.regularizedBeta(success, size, Math.floor(k) + 1);
        }

        /** P(X ≥ k). */
        double atLeast(double k) {
            return k <= 0 ? 1 : Beta.regularizedBeta(1 - success, Math.ceil(k), size);
        }

        double probability(double x) {
            return above ? atLeast(x) : atMost(x);
        }

        /** [the least k with P(X ≤ k) ≥ alpha, the largest k with P(X ≥ k) ≥ alpha]. */
        @Override
        double[] band(double alpha) {
            double mean = size * (1 - success) / success;
            double sd = Math.sqrt(mean / success);
            double top = Math.ceil(mean + 50 * sd + 10);
            double low = search(0, Math.ceil(mean), k -> atMost(k) >= alpha ? 1 : 0);
            double high = search(Math.floor(mean), top, k -> atLeast(k + 1) < alpha ? 1 : 0);
            return new double[] {low, high};
        }

        /** The least integer k in [from, to] where {@code test} holds (1), the test being monotone. */
        private static double search(double from, double to, DoubleUnaryOperator test) {
            double lo = from;
            double hi = to;
            while (lo < hi) {
                double mid = Math.floor((lo + hi) / 2);
                if (test.applyAsDouble(mid) == 1) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }
    }

    /** An amount's predictive distribution: Student's t on the scale of log(1 + amount). */
    static final class LogTail extends Tail {
        private final double location;
        private final double scale;
        private final TDistribution t;

        LogTail(double location, double scale, double degreesOfFreedom, boolean above) {
            super(above);
            this.location = location;
            this.scale = scale;
            this.t = new TDistribution(null, degreesOfFreedom);
        }

        /** The probability of a log value at least as far from the location in this tail's direction. */
        double probability(double y) {
            double z = (y - location) / scale;
            return t.cumulativeProbability(above ? -z : z);
        }

        @Override
        double[] band(double alpha) {
            double q = t.inverseCumulativeProbability(1 - alpha);
            return new double[] {Math.max(0, Math.expm1(location - q * scale)), Math.expm1(location + q * scale)};
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The history of a cell as points, skipping unknown months. */
    static List<Point> points(Map<YearMonth, Double> values) {
        List<Point> points = new ArrayList<>();
        values.forEach((p, v) -> {
            if (v != null) {
                points.add(new Point(p, v));
            }
        });
        return points;
    }
}
