package kz.labour.reporting.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormDefinition;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormRow;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Labels;

/**
 * A delivered version's numbers read back from its own {@code .json}: what the bureau received,
 * whichever way the version was delivered (built just now, finished by a later run, sent again).
 */
final class DeliveredJson {

    /** Decimals as printed: "0.0" stays "0.0" (the default node factory would strip the zero). */
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private DeliveredJson() {
    }

    /** The version number the {@code .json} names. */
    static int version(byte[] json) {
        return read(json).path("version").asInt();
    }

    /** The table the {@code .json} prints: its rows in order, each numeric column as printed. */
    static FormTable table(byte[] json, Labels labels) {
        JsonNode root = read(json);
        FormId form = FormId.parse(root.path("form").asText());
        FormDefinition definition = labels.form(form);
        List<FormRow> rows = new ArrayList<>();
        for (JsonNode row : root.path("rows")) {
            SortedMap<Integer, BigDecimal> values = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> cells = row.path("values").fields();
            while (cells.hasNext()) {
                Map.Entry<String, JsonNode> cell = cells.next();
                values.put(Integer.valueOf(cell.getKey()), cell.getValue().decimalValue());
            }
            rows.add(new FormRow(row.path("kato").asText(), row.path("kk").asText(), row.path("ru").asText(),
                    row.path("total").asBoolean(), values));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the .json of " + form + " " + root.path("period").asText() + " has no rows");
        }
        return new FormTable(definition, YearMonth.parse(root.path("period").asText()),
                Accumulation.valueOf(root.path("accumulation").asText()), OffsetDateTime.parse(root.path("asOf").asText()),
                rows);
    }

    private static JsonNode read(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("a delivered .json cannot be read back", e);
        }
    }
}
