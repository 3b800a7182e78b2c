package kz.labour.reporting.form;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code .json} file: the form's numbers for machines, in the shape fixed by docs/interfaces.md. */
public final class FormJson {

    private FormJson() {
    }

    /**
     * UTF-8, pretty-printed, fields in the documented order; timestamps in {@code zone}. Adds {@code where}
     * to each finding and {@code contentHash} at the end.
     */
    public static byte[] render(FormTable table, List<Finding> findings, int version, Action action,
                                OffsetDateTime generatedAt, ZoneId zone) {
        ObjectNode root = Formats.MAPPER.createObjectNode()
                .put("form", table.form().ascii())
                .put("index", table.form().index())
                .put("period", table.period().toString())
                .put("accumulation", table.accumulation().name())
                .put("version", version)
                .put("action", String.valueOf(action.letter()))
                .put("asOf", Formats.timestamp(Formats.inZone(table.asOf(), zone)))
                .put("generatedAt", Formats.timestamp(Formats.inZone(generatedAt, zone)));
        ArrayNode columns = root.putArray("columns");
        for (ColumnDef c : table.definition().numericColumns()) {
            columns.addObject()
                    .put("number", c.number())
                    .put("code", c.code())
                    .put("kk", c.kk())
                    .put("ru", c.ru())
                    .put("unit", c.unit().isEmpty() ? null : c.unit());
        }
        ArrayNode rows = root.putArray("rows");
        for (FormRow row : table.rows()) {
            ObjectNode values = rows.addObject()
                    .put("kato", row.kato())
                    .put("kk", row.kk())
                    .put("ru", row.ru())
                    .put("total", row.total())
                    .putObject("values");
            for (ColumnDef c : table.definition().numericColumns()) {
                values.set(Integer.toString(c.number()), number(Formats.printed(row, c)));
            }
        }
        ArrayNode out = root.putArray("findings");
        for (Finding f : findings) {
            out.addObject()
                    .put("rule", f.rule())
                    .put("severity", f.severity().name())
                    .put("message", f.message())
                    .put("where", f.where());
        }
        root.put("contentHash", ContentHash.of(table));
        return Formats.json(root);
    }

    /**
     * Counts as JSON integers, decimals with their scale kept ("0.0", not "0"): DecimalNode directly, because
     * the node factory would strip trailing zeros.
     */
    private static JsonNode number(BigDecimal value) {
        return value.scale() == 0 ? LongNode.valueOf(value.longValueExact()) : DecimalNode.valueOf(value);
    }
}
