package kz.labour.reporting.source;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import kz.labour.reporting.form.ColumnDef;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormDefinition;
import kz.labour.reporting.form.Severity;

/** Turns the rows the SQL statements return into domain values. Pure; no database access. */
public final class SourceResults {

    private SourceResults() {
    }

    /** Region prefix to column values, from the aggregation statement's {@code region, c2, c3, …} rows. */
    public static Map<String, SortedMap<Integer, BigDecimal>> byRegion(FormDefinition form, List<Map<String, Object>> rows) {
        Map<String, SortedMap<Integer, BigDecimal>> result = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            Object region = row.get("region");
            if (region == null) {
                throw new IllegalStateException(form.id() + " aggregation returned a row without a region");
            }
            SortedMap<Integer, BigDecimal> values = new TreeMap<>();
            for (ColumnDef c : form.numericColumns()) {
                Object v = row.get("c" + c.number());
                if (!(v instanceof Number n)) {
                    throw new IllegalStateException(form.id() + " aggregation returned no number for column " + c.number());
                }
                values.put(c.number(), n instanceof BigDecimal b ? b : new BigDecimal(n.toString()));
            }
            result.put(region.toString(), values);
        }
        return result;
    }

    /** One ERROR finding per relation and problem, naming the offending row ids. */
    public static List<Finding> sourceFindings(List<Map<String, Object>> rows) {
        List<Finding> findings = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            long n = ((Number) row.get("n")).longValue();
            String ids = String.valueOf(row.get("ids"));
            String listed = ids.isEmpty() ? "" : ids.split(",\\s*").length < n
                    ? ids + " and " + (n - ids.split(",\\s*").length) + " more" : ids;
            findings.add(new Finding("source: " + row.get("problem"), Severity.ERROR,
                    row.get("relation") + " id " + listed, n + " row" + (n == 1 ? "" : "s") + ": " + row.get("problem")));
        }
        return findings;
    }
}
