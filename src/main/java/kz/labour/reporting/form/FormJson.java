package kz.labour.reporting.form;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code .json} file: the form's numbers for machines, in the shape fixed by docs/interfaces.md. The
 * field order is part of the format (the file's bytes and SHA-256 are in the manifest), so it is stated.
 * Timestamps are kept as printed ("2025-07-01T06:00:00+05:00"), so a file read back writes the same bytes.
 *
 * @param action   the one letter of {@link Action#letter()}
 * @param findings every finding of the version, with where it is
 */
@JsonPropertyOrder({"form", "index", "period", "accumulation", "version", "action", "asOf", "generatedAt",
        "columns", "rows", "findings", "contentHash"})
public record FormJson(String form, String index, String period, Accumulation accumulation, int version, String action,
                       String asOf, String generatedAt, List<Column> columns, List<Row> rows, List<Listed> findings,
                       String contentHash) {

    /** A numeric column; {@code unit} null when the column has none. */
    @JsonPropertyOrder({"number", "code", "kk", "ru", "unit"})
    public record Column(int number, String code, String kk, String ru, String unit) {
    }

    /**
     * A row; {@code values} every numeric column by its number as printed: counts as whole numbers, decimals
     * with their scale kept ("0.0", not "0").
     */
    @JsonPropertyOrder({"kato", "kk", "ru", "total", "values"})
    public record Row(String kato, String kk, String ru, boolean total, Map<Integer, BigDecimal> values) {
    }

    /** A finding as the bureau sees it. */
    @JsonPropertyOrder({"rule", "severity", "message", "where"})
    public record Listed(String rule, Severity severity, String message, String where) {
    }

    public FormJson {
        columns = columns == null ? List.of() : List.copyOf(columns);
        rows = rows == null ? List.of() : List.copyOf(rows);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /**
     * UTF-8, pretty-printed, fields in the documented order; timestamps in {@code zone}. Adds {@code where}
     * to each finding and {@code contentHash} at the end.
     */
    public static byte[] render(FormTable table, List<Finding> findings, int version, Action action,
                                OffsetDateTime generatedAt, ZoneId zone) {
        List<ColumnDef> numeric = table.definition().numericColumns();
        List<Column> columns = numeric.stream()
                .map(c -> new Column(c.number(), c.code(), c.kk(), c.ru(), c.unit().isEmpty() ? null : c.unit()))
                .toList();
        List<Row> rows = table.rows().stream().map(row -> {
            Map<Integer, BigDecimal> values = new LinkedHashMap<>();
            numeric.forEach(c -> values.put(c.number(), Formats.printed(row, c)));
            return new Row(row.kato(), row.kk(), row.ru(), row.total(), values);
        }).toList();
        List<Listed> listed = findings.stream().map(f -> new Listed(f.rule(), f.severity(), f.message(), f.where())).toList();
        return Formats.json(new FormJson(table.form().ascii(), table.form().index(), table.period().toString(),
                table.accumulation(), version, String.valueOf(action.letter()),
                Formats.timestamp(Formats.inZone(table.asOf(), zone)), Formats.timestamp(Formats.inZone(generatedAt, zone)),
                columns, rows, listed, ContentHash.of(table)));
    }

    /** Reads a {@code .json} the project wrote; numbers keep their printed scale. */
    public static FormJson read(byte[] json) throws IOException {
        return Formats.read(json, FormJson.class);
    }
}
