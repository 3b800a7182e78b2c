package kz.labour.reporting.source;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import kz.labour.reporting.form.ColumnDef;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormDefinition;
import kz.labour.reporting.form.Severity;

/** Turns the rows the SQL statements return into domain values. Pure; no database access. */
public final class SourceResults {

    private SourceResults() {
    }

    /**
     * The aggregation statement's {@code region, c2, c3, …, suspect, unplaced} rows: {@code suspect}
     * counts a region's unsound rows, {@code unplaced} (the same on every row) those that belong to
     * no one region. A row whose region is not a prefix of the catalogue (or null, for a missing
     * code) is kept apart in {@link Aggregate#foreignPrefixes()}; its counts are not the form's.
     */
    public static Aggregate aggregate(FormDefinition form, Set<String> regionPrefixes, List<Map<String, Object>> rows) {
        Map<String, SortedMap<Integer, BigDecimal>> byRegion = new LinkedHashMap<>();
        Set<String> foreign = new TreeSet<>();
        long suspect = 0;
        long unplaced = 0;
        for (Map<String, Object> row : rows) {
            suspect += count(form, row, "suspect");
            unplaced = Math.max(unplaced, count(form, row, "unplaced"));
            Object region = row.get("region");
            if (region == null || !regionPrefixes.contains(region.toString())) {
                foreign.add(String.valueOf(region));
                continue;
            }
            SortedMap<Integer, BigDecimal> values = new TreeMap<>();
            for (ColumnDef c : form.numericColumns()) {
                Object v = row.get("c" + c.number());
                if (!(v instanceof Number number)) {
                    throw new IllegalStateException(form.id() + " aggregation returned no number for column " + c.number());
                }
                values.put(c.number(), number instanceof BigDecimal b ? b : new BigDecimal(number.toString()));
            }
            byRegion.put(region.toString(), values);
        }
        return new Aggregate(byRegion, suspect + unplaced, List.copyOf(foreign));
    }

    private static long count(FormDefinition form, Map<String, Object> row, String column) {
        if (!(row.get(column) instanceof Number n)) {
            throw new IllegalStateException(form.id() + " aggregation returned no " + column + " count");
        }
        return n.longValue();
    }

    /** One ERROR finding per relation and problem, naming the offending row ids (the statement lists the first 50). */
    public static List<Finding> sourceFindings(List<Map<String, Object>> rows) {
        List<Finding> findings = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            long n = ((Number) row.get("n")).longValue();
            String relation = String.valueOf(row.get("relation"));
            List<Long> ids = ids(row.get("ids"));
            String listed = ids.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + (ids.size() < n ? (ids.isEmpty() ? "" : " and ") + (n - ids.size()) + " more" : "");
            findings.add(Finding.ofSource("source: " + row.get("problem"), Severity.ERROR, relation + " id " + listed,
                    n + " row" + (n == 1 ? "" : "s") + ": " + row.get("problem"), relation, ids,
                    Map.of("rows", BigDecimal.valueOf(n))));
        }
        return findings;
    }

    private static List<Long> ids(Object text) {
        if (text == null || text.toString().isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.toString().split(",\\s*")).map(Long::valueOf).toList();
    }
}
