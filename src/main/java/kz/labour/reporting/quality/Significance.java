package kz.labour.reporting.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import kz.labour.reporting.form.Finding;

/**
 * How findings are ranked, most significant first, as selective editing ranks suspicious cells: by
 * their {@code score}, surprise × effect on the national total, where surprise is −log₁₀ of the
 * probability of the value under the cell's model (capped at 12: beyond one in a trillion every value
 * is equally certainly wrong, and what matters is how much it moves the total) and the effect is
 * the share of the national figure, unit-free so fines in thousand tenge and deaths compare. Findings
 * without a score (the cross-form rules) follow by the size of their share; those without either (the
 * arithmetic controls' WARN) last, in the order they were raised. Ties are broken by effect, region
 * code, column and rule, so the order is total and stable.
 */
final class Significance {

    static final String SHARE = "share";
    static final String EFFECT = "effect";
    static final String SCORE = "score";
    static final String EXPECTED = "expected";
    static final String LOW = "low";
    static final String HIGH = "high";
    static final String PROBABILITY = "probability";

    /** Most significant first; see the class comment. */
    static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> magnitude(f, SCORE), Comparator.reverseOrder())
            .thenComparing(f -> magnitude(f, SHARE), Comparator.reverseOrder())
            .thenComparing(f -> magnitude(f, EFFECT), Comparator.reverseOrder())
            .thenComparing(f -> f.kato() == null ? "" : f.kato())
            .thenComparing(f -> f.column() == null ? 0 : f.column())
            .thenComparing(Finding::rule);

    private Significance() {
    }

    /** The findings in {@link #ORDER}; those without a score or share keep their order after the others. */
    static List<Finding> rank(List<Finding> findings) {
        List<Finding> ranked = findings.stream().filter(Significance::ranked).sorted(ORDER).toList();
        List<Finding> rest = findings.stream().filter(f -> !ranked(f)).toList();
        return Stream.concat(ranked.stream(), rest.stream()).toList();
    }

    private static boolean ranked(Finding f) {
        return f.values().containsKey(SCORE) || f.values().containsKey(SHARE);
    }

    /** {@code effect / max(|national|, 1)}, four decimals: the floor of one unit keeps a near-zero total from magnifying noise. */
    static BigDecimal share(BigDecimal effect, double national) {
        BigDecimal denominator = BigDecimal.valueOf(Math.max(Math.abs(national), 1.0));
        return effect.divide(denominator, 4, RoundingMode.HALF_UP);
    }

    /** −log₁₀ of the probability (at most 12) times the share's size, four decimals. */
    static BigDecimal score(double probability, BigDecimal share) {
        double surprise = -Math.log10(Math.max(probability, Plausibility.SMALLEST_PROBABILITY));
        return BigDecimal.valueOf(surprise).multiply(share.abs()).setScale(4, RoundingMode.HALF_UP);
    }

    private static BigDecimal magnitude(Finding f, String key) {
        BigDecimal v = f.values().get(key);
        return v == null ? BigDecimal.ZERO : v.abs();
    }
}
