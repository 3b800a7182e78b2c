package kz.labour.reporting.source;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a form's aggregation statement returned: the column values of each region, and what tells
 * whether they can be trusted. {@code suspectRows} counts the period's source rows the source checks
 * would reject; {@code foreignPrefixes} lists the region prefixes (first two digits of a code) that
 * name no region of the catalogue, a missing code shown as {@code "null"}. Either one means the
 * numbers are not sent: the source checks then name the offending rows.
 */
public record Aggregate(Map<String, SortedMap<Integer, BigDecimal>> byRegion, long suspectRows,
        List<String> foreignPrefixes) {

    public Aggregate {
        byRegion = Map.copyOf(byRegion);
        foreignPrefixes = List.copyOf(foreignPrefixes);
    }

    /** True when every counted row is sound and belongs to a region of the catalogue. */
    public boolean sound() {
        return suspectRows == 0 && foreignPrefixes.isEmpty();
    }

    /** One line for logs and findings: what made the aggregate unsound. */
    public String describeSuspects() {
        StringBuilder s = new StringBuilder();
        if (suspectRows > 0) {
            s.append(suspectRows).append(" row").append(suspectRows == 1 ? "" : "s").append(" that cannot be counted");
        }
        if (!foreignPrefixes.isEmpty()) {
            s.append(s.isEmpty() ? "" : "; ").append("region codes starting ").append(String.join(", ", foreignPrefixes))
                    .append(", which match no region");
        }
        return s.isEmpty() ? "nothing suspect" : s.toString();
    }
}
