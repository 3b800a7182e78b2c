package kz.labour.reporting.source;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.Severity;

/**
 * What a form's aggregation statement returned: the column values of each region, and what tells
 * whether they can be trusted. {@code suspectRows} counts the period's source rows the source checks
 * would reject (those of a region, and those that belong to none: repeated ids, victims without an
 * accident); {@code foreignPrefixes} lists the region prefixes (first two digits of a code) that
 * name no region of the catalogue, a missing code shown as {@code "null"}. Either one means the
 * numbers are not sent: the source checks then name the offending rows.
 */
public record Aggregate(Map<String, SortedMap<Integer, BigDecimal>> byRegion, long suspectRows,
        List<String> foreignPrefixes) {

    /** The rule of the WARN a period gets when no source row counts in it. */
    public static final String NO_ROWS_RULE = "source: no rows in the period";

    public Aggregate {
        byRegion = Map.copyOf(byRegion);
        foreignPrefixes = List.copyOf(foreignPrefixes);
    }

    /** True when every counted row is sound and belongs to a region of the catalogue. */
    public boolean sound() {
        return suspectRows == 0 && foreignPrefixes.isEmpty();
    }

    /**
     * True when no source row counts in the period: every cell is zero. (Every row a sound period
     * counts adds at least 1 to some column: a row of each relation counts in a column of its own,
     * and a workers count below 1 or an unknown kind is suspect.)
     */
    public boolean empty() {
        return foreignPrefixes.isEmpty()
                && byRegion.values().stream().flatMap(v -> v.values().stream()).allMatch(v -> v.signum() == 0);
    }

    /**
     * What the numbers themselves say about the source, delivered with the form (WARN): a period in
     * which nothing at all counts is more likely a source not yet loaded than a quiet month.
     */
    public List<Finding> warnings() {
        if (!sound() || !empty()) {
            return List.of();
        }
        return List.of(new Finding(NO_ROWS_RULE, Severity.WARN, "source",
                "no source row counts in this period by the cut-off, so every cell is 0; "
                        + "if the period was not that quiet, check that the source is loaded before sending"));
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
