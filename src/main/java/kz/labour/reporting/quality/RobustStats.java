package kz.labour.reporting.quality;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Location and spread of a short history that a single wild month cannot drag: the median and the
 * median absolute deviation (MAD), with the minimum and maximum for the reader. Exact decimals: the
 * median of an even count is the mean of the two middle values, which halving keeps exact.
 *
 * @param n          how many values
 * @param median     the middle value
 * @param mad        median of |x - median|
 * @param meanAbsDev mean of |x - median|, which sees the values the MAD ignores
 */
record RobustStats(int n, BigDecimal median, BigDecimal mad, BigDecimal meanAbsDev, BigDecimal min,
                          BigDecimal max) {

    /** 1 / Φ⁻¹(3/4): makes the MAD estimate the standard deviation of normally distributed values. */
    static final double MAD_TO_SD = 1.4826;
    /** √(π/2): makes the mean absolute deviation estimate the standard deviation of normal values. */
    static final double MEAN_AD_TO_SD = 1.2533;

    public static RobustStats of(List<BigDecimal> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to summarise");
        }
        List<BigDecimal> sorted = values.stream().sorted().toList();
        BigDecimal median = median(sorted);
        List<BigDecimal> deviations = new ArrayList<>();
        BigDecimal sumDeviations = BigDecimal.ZERO;
        for (BigDecimal v : sorted) {
            BigDecimal d = v.subtract(median).abs();
            deviations.add(d);
            sumDeviations = sumDeviations.add(d);
        }
        BigDecimal mad = median(deviations.stream().sorted().toList());
        BigDecimal meanAbsDev = sumDeviations.divide(BigDecimal.valueOf(sorted.size()), 6, java.math.RoundingMode.HALF_UP);
        return new RobustStats(sorted.size(), median, mad, meanAbsDev, sorted.get(0), sorted.get(sorted.size() - 1));
    }

    /**
     * The history's spread in the units of the values, as an estimate of a standard deviation: the
     * largest of
     * <ul>
     *   <li>1.4826·MAD, the robust estimate, which one wild month cannot inflate;</li>
     *   <li>1.2533 times the mean absolute deviation, which still sees the months the MAD ignores:
     *       where more than half the months tie (MAD = 0), or where a few months carry large lumps
     *       (one act removing ten workers);</li>
     *   <li>for counts, √max(median, 1): counts of separate events vary at least as much as a Poisson
     *       count, whose standard deviation is the square root of its mean, so a small region's
     *       2, 2, 3, 2 does not make 8 look impossible.</li>
     * </ul>
     * 0 only for an amount whose every month was the same.
     */
    public double spread(boolean counts) {
        double spread = Math.max(MAD_TO_SD * mad.doubleValue(), MEAN_AD_TO_SD * meanAbsDev.doubleValue());
        if (counts) {
            spread = Math.max(spread, Math.sqrt(Math.max(median.doubleValue(), 1.0)));
        }
        return spread;
    }

    /**
     * How far {@code x} lies from the median in spreads (a robust z-score): 0 at the median, infinite
     * for any other amount when the history never changed.
     */
    public double score(BigDecimal x, boolean counts) {
        double distance = x.subtract(median).abs().doubleValue();
        if (distance == 0) {
            return 0;
        }
        double spread = spread(counts);
        return spread == 0 ? Double.POSITIVE_INFINITY : distance / spread;
    }

    private static BigDecimal median(List<BigDecimal> sorted) {
        int n = sorted.size();
        if (n % 2 == 1) {
            return sorted.get(n / 2);
        }
        return sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2));
    }
}
