package kz.labour.reporting.bench;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Form cells as the variants are compared: numbers in one form whatever their scale, rows by region.
 * (The floor itself, a statement run on one bare connection, is {@code SqlBench}'s {@code bare}.)
 */
final class Cells {

    /** A number in one form whatever its scale: 870, 870.0 and 8.7E+2 all become 870. */
    static BigDecimal canon(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    /**
     * Region to column values, comparable across the variants (numbers as BigDecimal without trailing
     * zeros). Regions where nothing counted are left out: the statements list every region, a peer
     * only those it saw rows of.
     */
    static Map<String, Map<String, BigDecimal>> normalise(List<Map<String, Object>> rows) {
        Map<String, Map<String, BigDecimal>> result = new java.util.TreeMap<>();
        for (Map<String, Object> row : rows) {
            Map<String, BigDecimal> values = new java.util.TreeMap<>();
            row.forEach((k, v) -> {
                if (k.matches("c\\d+")) {
                    values.put(k, canon(new BigDecimal(v.toString())));
                }
            });
            if (values.values().stream().anyMatch(v -> v.signum() != 0)) {
                result.put(String.valueOf(row.get("region")), values);
            }
        }
        return result;
    }
}
