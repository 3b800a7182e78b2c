package kz.labour.reporting.form;

import static kz.labour.reporting.form.Fixtures.REGION_KATO;
import static kz.labour.reporting.form.Fixtures.fieldNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class FormJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final List<Finding> FINDINGS = List.of(
            new Finding("c16<=c15", Severity.WARN, "row 350000000 Қарағанды облысы",
                    "more criminal cases opened than materials referred to law enforcement (c15=1, c16=2)"));

    private static byte[] injuries(List<Finding> findings) {
        return Fixtures.render(Fixtures.injuries(), findings, 1, Action.NEW, Fixtures.GENERATED_AT).json().content();
    }

    private static JsonNode parse(byte[] json) throws IOException {
        return MAPPER.readTree(json);
    }

    @Test
    void writesTheDocumentedFieldsInTheDocumentedOrder() throws IOException {
        JsonNode json = parse(injuries(FINDINGS));
        assertEquals(List.of("form", "index", "period", "accumulation", "version", "action", "asOf", "generatedAt",
                "columns", "rows", "findings", "contentHash"), fieldNames(json));
        assertEquals(List.of("number", "code", "kk", "ru", "unit"), fieldNames(json.get("columns").get(0)));
        assertEquals(List.of("kato", "kk", "ru", "total", "values"), fieldNames(json.get("rows").get(0)));
        assertEquals(List.of("rule", "severity", "message", "where"), fieldNames(json.get("findings").get(0)));
    }

    @Test
    void identifiesFormPeriodVersionAndAction() throws IOException {
        JsonNode json = parse(Fixtures.render(Fixtures.injuries(), List.of(), 3, Action.REPLACEMENT, Fixtures.GENERATED_AT).json().content());
        assertEquals("2-OZh", json.get("form").asText());
        assertEquals("2-ӨЖ", json.get("index").asText());
        assertEquals("2025-06", json.get("period").asText());
        assertEquals("MONTH", json.get("accumulation").asText());
        assertTrue(json.get("version").isInt());
        assertEquals(3, json.get("version").asInt());
        assertEquals("R", json.get("action").asText());
    }

    @Test
    void printsTimestampsInTheReportingZoneToTheSecond() throws IOException {
        JsonNode json = parse(injuries(List.of()));
        assertEquals("2025-07-01T06:00:00+05:00", json.get("asOf").asText());
        assertEquals("2025-07-01T06:00:02+05:00", json.get("generatedAt").asText());
    }

    @Test
    void describesEveryNumericColumn() throws IOException {
        JsonNode columns = parse(injuries(List.of())).get("columns");
        assertEquals(7, columns.size());
        for (int i = 0; i < 7; i++) {
            assertEquals(i + 2, columns.get(i).get("number").asInt());
        }
        JsonNode victims = columns.get(2);
        assertEquals("victims", victims.get("code").asText());
        assertEquals("Барлығы зардап шеккендер саны", victims.get("kk").asText());
        assertEquals("Всего пострадавших", victims.get("ru").asText());
        assertEquals("адам", victims.get("unit").asText());
    }

    @Test
    void putsTheTotalFirstThenTheTwentyRegionsInCodeOrder() throws IOException {
        JsonNode rows = parse(injuries(List.of())).get("rows");
        assertEquals(21, rows.size());
        JsonNode total = rows.get(0);
        assertEquals("000000000", total.get("kato").asText());
        assertEquals("Қазақстан Республикасы", total.get("kk").asText());
        assertEquals("Республика Казахстан", total.get("ru").asText());
        assertTrue(total.get("total").asBoolean());
        List<String> katos = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            katos.add(rows.get(i).get("kato").asText());
            assertFalse(rows.get(i).get("total").asBoolean());
        }
        assertEquals(REGION_KATO, katos);
        assertEquals("Абай облысы", rows.get(1).get("kk").asText());
        assertEquals("область Абай", rows.get(1).get("ru").asText());
    }

    @Test
    void keysEveryNumericColumnByItsNumberAsWholeNumbers() throws IOException {
        JsonNode rows = parse(injuries(List.of())).get("rows");
        List<String> keys = IntStream.rangeClosed(2, 8).mapToObj(Integer::toString).toList();
        for (JsonNode row : rows) {
            assertEquals(keys, fieldNames(row.get("values")));
            row.get("values").forEach(v -> assertTrue(v.isIntegralNumber(), row.get("kato") + " has " + v));
        }
        assertValues(rows.get(0), 5, 1, 7, 3, 4, 1, 2);
        assertValues(rows.get(9), 3, 1, 5, 3, 3, 1, 1); // Karaganda
        assertValues(rows.get(17), 2, 0, 2, 0, 1, 0, 1); // East Kazakhstan
        assertValues(rows.get(1), 0, 0, 0, 0, 0, 0, 0); // Abai
    }

    @Test
    void keysSeventeenColumnFormFromTwoToSeventeen() throws IOException {
        JsonNode rows = parse(Fixtures.render(Fixtures.inspections()).json().content()).get("rows");
        assertEquals(IntStream.rangeClosed(2, 17).mapToObj(Integer::toString).toList(), fieldNames(rows.get(0).get("values")));
        assertEquals(70, rows.get(0).get("values").get("2").asInt());
        assertEquals(2, rows.get(0).get("values").get("17").asInt());
    }

    @Test
    void writesColumnNineWithOneDecimal() throws IOException {
        byte[] bytes = Fixtures.render(Fixtures.inspections()).json().content();
        String text = new String(bytes, StandardCharsets.UTF_8);
        JsonNode rows = parse(bytes).get("rows");
        assertEquals("15.6", rows.get(0).get("values").get("9").asText()); // 12.4 + 3.2
        assertEquals("12.4", rows.get(9).get("values").get("9").asText()); // 12 350 tenge
        assertTrue(text.contains("\"9\": 15.6,"), text);
        assertTrue(text.contains("\"9\": 12.4,"), text);
        assertTrue(text.contains("\"9\": 0.0,"), "a zero amount keeps its decimal");
        assertTrue(rows.get(1).get("values").get("9").isFloatingPointNumber());
        assertTrue(rows.get(1).get("values").get("8").isIntegralNumber());
    }

    @Test
    void listsFindingsWithRuleSeverityMessageAndWhere() throws IOException {
        JsonNode finding = parse(injuries(FINDINGS)).get("findings").get(0);
        assertEquals("c16<=c15", finding.get("rule").asText());
        assertEquals("WARN", finding.get("severity").asText());
        assertEquals("more criminal cases opened than materials referred to law enforcement (c15=1, c16=2)",
                finding.get("message").asText());
        assertEquals("row 350000000 Қарағанды облысы", finding.get("where").asText());
        assertEquals(0, parse(injuries(List.of())).get("findings").size());
    }

    @Test
    void endsWithTheContentHash() throws IOException {
        RenderedForm rendered = Fixtures.render(Fixtures.injuries());
        JsonNode json = parse(rendered.json().content());
        assertEquals(rendered.contentHash(), json.get("contentHash").asText());
        assertTrue(json.get("contentHash").asText().matches("[0-9a-f]{64}"));
    }

    @Test
    void writesUtf8LettersUnescapedAndPrettyPrinted() {
        String text = new String(injuries(List.of()), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"kk\": \"Қазақстан Республикасы\""), "Kazakh letters as they are");
        assertFalse(text.contains("\\u"), "no escaped letters");
        assertTrue(text.startsWith("{\n  \"form\": \"2-OZh\",\n  \"index\": \"2-ӨЖ\",\n"), text.substring(0, 60));
        assertFalse(text.contains("\r"));
    }

    @Test
    void rendersTheSameBytesTwice() {
        assertEquals(new String(injuries(FINDINGS), StandardCharsets.UTF_8), new String(injuries(FINDINGS), StandardCharsets.UTF_8));
    }

    private static void assertValues(JsonNode row, int... expected) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], row.get("values").get(Integer.toString(i + 2)).asInt(),
                    row.get("kato").asText() + " column " + (i + 2));
        }
    }
}
