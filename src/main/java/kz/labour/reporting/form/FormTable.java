package kz.labour.reporting.form;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A built form: the total row first, then every region in code order. */
public record FormTable(FormDefinition definition, YearMonth period, Accumulation accumulation,
                        OffsetDateTime asOf, List<FormRow> rows) {

    public FormTable {
        rows = List.copyOf(rows);
    }

    public FormId form() {
        return definition.id();
    }

    public FormRow total() {
        return rows.get(0);
    }

    public List<FormRow> regionRows() {
        return rows.subList(1, rows.size());
    }

    /**
     * Lays the aggregation result out as the printed form. {@code byPrefix} holds, per region prefix,
     * the values the SQL statement returned (column number to value); a region with nothing at all
     * may be absent and prints zeros. The total row adds the region rows as printed.
     */
    public static FormTable assemble(FormDefinition definition, RegionCatalogue regions, Region totalRow,
                                     YearMonth period, Accumulation accumulation, OffsetDateTime asOf,
                                     Map<String, ? extends Map<Integer, BigDecimal>> byPrefix) {
        for (String prefix : byPrefix.keySet()) {
            if (regions.byPrefix(prefix) == null) {
                throw new IllegalArgumentException("aggregation returned region prefix " + prefix
                        + ", which is not in the catalogue");
            }
        }
        List<ColumnDef> columns = definition.numericColumns();
        SortedMap<Integer, BigDecimal> totals = new TreeMap<>();
        columns.forEach(c -> totals.put(c.number(), BigDecimal.ZERO.setScale(c.scale())));
        List<FormRow> regionRows = new java.util.ArrayList<>();
        for (Region region : regions.regions()) {
            Map<Integer, BigDecimal> found = byPrefix.get(region.prefix());
            SortedMap<Integer, BigDecimal> values = new TreeMap<>();
            for (ColumnDef c : columns) {
                BigDecimal v = found == null || found.get(c.number()) == null ? BigDecimal.ZERO : found.get(c.number());
                v = v.setScale(c.scale(), java.math.RoundingMode.HALF_UP);
                values.put(c.number(), v);
                totals.merge(c.number(), v, BigDecimal::add);
            }
            regionRows.add(new FormRow(region.kato(), region.kk(), region.ru(), false, values));
        }
        List<FormRow> rows = new java.util.ArrayList<>();
        rows.add(new FormRow(totalRow.kato(), totalRow.kk(), totalRow.ru(), true, totals));
        rows.addAll(regionRows);
        return new FormTable(definition, period, accumulation, asOf, rows);
    }
}
