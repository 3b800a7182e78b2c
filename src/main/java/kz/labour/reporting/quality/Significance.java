package kz.labour.reporting.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import kz.labour.reporting.form.Finding;

/**
 * How findings are ranked, most significant first: by their effect on the national total as a share
 * of that total ({@code share}), then by the effect itself, then by place, so the order is total and
 * stable. The share, not the raw effect, comes first because columns differ in unit and size: 40
 * thousand tenge of fines and 40 deaths are not comparable, 40 % of the national figure is. Within
 * one column both orders agree. Findings without a share (arithmetic controls) follow, in the order
 * they were raised.
 */
final class Significance {

    static final String SHARE = "share";
    static final String EFFECT = "effect";

    /** Most significant first; see the class comment. */
    static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> magnitude(f, SHARE), Comparator.reverseOrder())
            .thenComparing(f -> magnitude(f, EFFECT), Comparator.reverseOrder())
            .thenComparing(f -> f.kato() == null ? "" : f.kato())
            .thenComparing(f -> f.column() == null ? 0 : f.column())
            .thenComparing(Finding::rule);

    private Significance() {
    }

    /** The findings in {@link #ORDER}; those without a share keep their order after the others. */
    static List<Finding> rank(List<Finding> findings) {
        List<Finding> ranked = findings.stream().filter(f -> f.values().containsKey(SHARE)).sorted(ORDER).toList();
        List<Finding> rest = findings.stream().filter(f -> !f.values().containsKey(SHARE)).toList();
        return Stream.concat(ranked.stream(), rest.stream()).toList();
    }

    /** {@code effect / max(|national|, floor)}, four decimals: the floor keeps a near-zero total from magnifying noise. */
    static BigDecimal share(BigDecimal effect, BigDecimal national, BigDecimal floor) {
        BigDecimal denominator = national.abs().max(floor);
        return effect.divide(denominator, 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal magnitude(Finding f, String key) {
        BigDecimal v = f.values().get(key);
        return v == null ? BigDecimal.ZERO : v.abs();
    }
}
