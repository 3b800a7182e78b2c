package kz.labour.reporting.quality;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a reader wants to know of a cell's history at a glance, beside the model's expectation: its
 * median, smallest and largest value. Exact decimals: the median of an even count is the mean of the
 * two middle values, which halving keeps exact (12.35 for 12.3 and 12.4).
 *
 * @param n how many values
 */
record RobustStats(int n, BigDecimal median, BigDecimal min, BigDecimal max) {

    public static RobustStats of(List<BigDecimal> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to summarise");
        }
        List<BigDecimal> sorted = values.stream().sorted().toList();
        return new RobustStats(sorted.size(), median(sorted), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private static BigDecimal median(List<BigDecimal> sorted) {
        int n = sorted.size();
        if (n % 2 == 1) {
            return sorted.get(n / 2);
        }
        return sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2));
    }
}
