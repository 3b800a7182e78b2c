package kz.labour.reporting.quality;

import static kz.labour.reporting.quality.Tables.JUNE_2025;
import static kz.labour.reporting.quality.Tables.KARAGANDA;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import kz.labour.reporting.form.Controls;
import kz.labour.reporting.form.FileNames;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.RenderedFile;
import kz.labour.reporting.form.Severity;
import kz.labour.reporting.source.SourceResults;

class ValidationReportTest {

    static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    /** 2-ӨЖ whose Karaganda deaths jump from about 2 to 20 in June; every accident fatal and single, so the controls pass. */
    static Tables deaths() {
        String[] series = {"2", "3", "2", "1", "2", "3", "2", "2", "4", "2", "3", "2", "20"};
        return Tables.of(FormId.OZH).cell(KARAGANDA, 2, series).cell(KARAGANDA, 4, series).cell(KARAGANDA, 8, series);
    }

    static ValidationReport.Header header(FormTable table) {
        return new ValidationReport.Header(table.form(), table.period(), table.accumulation(), 1, 'N', table.asOf());
    }

    static JsonNode read(RenderedFile file) throws Exception {
        return JSON.readTree(file.content());
    }

    static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aBuiltVersionListsEveryRuleThatRanWithItsStatusAndTheFindingsBehindIt() throws Exception {
        Tables t = deaths();
        FormTable table = t.june2025();
        List<StageResult> stages = List.of(
                Stages.source(FormId.OZH, List.of()),
                Stages.controls(FormId.OZH, Controls.check(table)),
                Plausibility.check(table, t.history(), PlausibilitySettings.defaults()),
                new StageResult(Stage.CROSS_FORM, List.of(CrossForm.INVESTIGATIONS_RULE, CrossForm.ACCIDENTS_RULE), List.of()));
        List<PeriodFigures> history = List.copyOf(t.history().periods().values());

        RenderedFile file = ValidationReport.render(header(table), table, stages, history, ALMATY);
        JsonNode report = read(file);

        assertThat(file.name()).isEqualTo("2-OZh_2025-06_V0001_N.validation.json");
        assertThat(fields(report)).containsExactly("form", "index", "period", "accumulation", "version", "action", "asOf",
                "contentHash", "status", "counts", "rules", "notRun", "history");
        assertThat(report.path("index").asText()).isEqualTo("2-ӨЖ");
        assertThat(report.path("asOf").asText()).isEqualTo("2025-07-01T06:00:00+05:00");
        assertThat(report.path("contentHash").asText()).isEqualTo(kz.labour.reporting.form.ContentHash.of(table));
        assertThat(report.path("status").asText()).isEqualTo("WARN");
        // 9 source checks of 2-ӨЖ, 8 controls (3 on every form, 5 of 2-ӨЖ), the plausibility rule, 2 cross-form
        // rules; only history-outlier found anything
        assertThat(report.path("rules")).hasSize(20);
        assertThat(report.path("counts").toString()).isEqualTo("{\"PASS\":19,\"WARN\":1,\"ERROR\":0}");
        List<String> stagesInOrder = new ArrayList<>();
        report.path("rules").forEach(r -> stagesInOrder.add(r.path("stage").asText()));
        List<String> expectedStages = new ArrayList<>(java.util.Collections.nCopies(Stages.OZH_PROBLEMS.size(), "source"));
        expectedStages.addAll(java.util.Collections.nCopies(8, "controls"));
        expectedStages.addAll(List.of("plausibility", "cross-form", "cross-form"));
        assertThat(stagesInOrder).containsExactlyElementsOf(expectedStages);

        JsonNode outlier = report.path("rules").path(Stages.OZH_PROBLEMS.size() + 8);
        assertThat(fields(outlier)).containsExactly("stage", "rule", "severity", "status", "description", "findings");
        assertThat(outlier.path("rule").asText()).isEqualTo(Plausibility.OUTLIER);
        assertThat(outlier.path("status").asText()).isEqualTo("WARN");
        // Karaganda's c2, c4, c8 and the same three national totals, all +18
        assertThat(outlier.path("findings")).hasSize(6);
        JsonNode first = outlier.path("findings").path(0);
        // the finding's fields as before, and the model it was judged by; its values add the model's expectation,
        // band, probability and score: expected (28 + 1/2) / 12 = 2.375 -> 2.38, effect 17.62, share 17.62 / 2.375
        assertThat(fields(first)).containsExactly("severity", "where", "message", "kato", "column", "values", "relation", "ids",
                "model");
        assertThat(first.path("kato").asText()).isEqualTo("000000000");
        assertThat(first.path("model").asText()).isEqualTo("poisson");
        assertThat(fields(first.path("values"))).containsExactly("value", "expected", "low", "high", "probability", "score",
                "effect", "share", "median", "min", "max", "periods");
        assertThat(first.path("values").path("expected").decimalValue()).isEqualByComparingTo("2.38");
        assertThat(first.path("values").path("effect").decimalValue()).isEqualByComparingTo("17.62");
        assertThat(first.path("values").path("share").decimalValue()).isEqualByComparingTo("7.4189");
        assertThat(first.path("relation").isNull()).isTrue();
        assertThat(first.path("ids")).isEmpty();
        // findings of rules without a model have no model field
        assertThat(fields(report.path("rules").path(0))).doesNotContain("model");

        assertThat(report.path("notRun")).isEmpty();
        assertThat(report.path("history")).hasSize(12);
        assertThat(report.path("history").path(0).toString()).isEqualTo(
                "{\"form\":\"2-OZh\",\"period\":\"2024-06\",\"origin\":\"DELIVERED\",\"version\":1,\"asOf\":\"2024-07-01T06:00:00+05:00\"}");
    }

    @Test
    void theSameInputsGiveTheSameBytesWhateverOrderTheStagesAndHistoryCameIn() {
        Tables t = deaths();
        FormTable table = t.june2025();
        List<StageResult> stages = new ArrayList<>(List.of(Stages.source(FormId.OZH, List.of()),
                Stages.controls(FormId.OZH, Controls.check(table)),
                Plausibility.check(table, t.history(), PlausibilitySettings.defaults())));
        List<PeriodFigures> history = new ArrayList<>(t.history().periods().values());

        RenderedFile once = ValidationReport.render(header(table), table, stages, history, ALMATY);
        Collections.reverse(stages);
        Collections.reverse(history);
        RenderedFile again = ValidationReport.render(header(table), table, stages, history, ALMATY);

        assertThat(again.content()).isEqualTo(once.content());
        assertThat(new String(once.content(), java.nio.charset.StandardCharsets.UTF_8)).endsWith("}\n").doesNotContain("\r");
    }

    @Test
    void aRejectedBuildWithoutATableReportsTheSourceRowsThatStoppedIt() throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("relation", "accident");
        row.put("problem", "accident without victims");
        row.put("n", 2L);
        row.put("ids", "907, 912");
        List<Finding> findings = SourceResults.sourceFindings(List.of(row));
        ValidationReport.Header header = new ValidationReport.Header(FormId.OZH, JUNE_2025,
                kz.labour.reporting.form.Accumulation.MONTH, 3, 'R', Tables.cutOff(JUNE_2025));

        JsonNode report = read(ValidationReport.render(header, null, List.of(Stages.source(FormId.OZH, findings)), List.of(), ALMATY));

        assertThat(report.path("contentHash").isNull()).isTrue();
        assertThat(report.path("version").asInt()).isEqualTo(3);
        assertThat(report.path("action").asText()).isEqualTo("R");
        assertThat(report.path("status").asText()).isEqualTo("ERROR");
        // the 9 source checks of 2-ӨЖ, one of which named rows
        assertThat(report.path("counts").toString()).isEqualTo("{\"PASS\":8,\"WARN\":0,\"ERROR\":1}");
        JsonNode failed = report.path("rules").path(Stages.OZH_PROBLEMS.indexOf("accident without victims"));
        assertThat(failed.path("rule").asText()).isEqualTo("source: accident without victims");
        assertThat(failed.path("status").asText()).isEqualTo("ERROR");
        JsonNode finding = failed.path("findings").path(0);
        assertThat(finding.path("relation").asText()).isEqualTo("accident");
        assertThat(finding.path("ids").toString()).isEqualTo("[907,912]");
        assertThat(finding.path("values").toString()).isEqualTo("{\"rows\":2}");
        assertThat(finding.path("kato").isNull()).isTrue();
        assertThat(finding.path("column").isNull()).isTrue();
    }

    @Test
    void aFindingOfARuleTheStageDidNotListGetsAnEntryOfItsOwn() throws Exception {
        // what the build records when the aggregation saw rows the source checks did not name
        Finding unexplained = new Finding("source: rows that cannot be counted", Severity.ERROR, "aggregation",
                "1 suspect row(s), but the source checks named none");
        ValidationReport.Header header = new ValidationReport.Header(FormId.MEIZHM, JUNE_2025,
                kz.labour.reporting.form.Accumulation.MONTH, 1, 'N', Tables.cutOff(JUNE_2025));

        JsonNode report = read(ValidationReport.render(header, null,
                List.of(Stages.source(FormId.MEIZHM, List.of(unexplained))), List.of(), ALMATY));

        JsonNode last = report.path("rules").path(report.path("rules").size() - 1);
        assertThat(last.path("rule").asText()).isEqualTo("source: rows that cannot be counted");
        assertThat(last.path("severity").asText()).isEqualTo("ERROR");
        assertThat(last.path("status").asText()).isEqualTo("ERROR");
        assertThat(report.path("rules")).hasSize(Stages.MEIZHM_PROBLEMS.size() + 1);
    }

    @Test
    void rulesThatCouldNotRunAreListedWithTheReason() throws Exception {
        Tables t = deaths();
        FormTable table = t.june2025();
        StageResult tooShort = Plausibility.check(table, t.history(8), PlausibilitySettings.defaults());

        JsonNode report = read(ValidationReport.render(header(table), table, List.of(tooShort), List.of(), ALMATY));

        assertThat(report.path("status").asText()).isEqualTo("PASS");
        assertThat(report.path("rules")).isEmpty();
        assertThat(report.path("notRun").path(0).toString()).isEqualTo("{\"stage\":\"plausibility\",\"rule\":\"history-outlier\","
                + "\"reason\":\"only 4 of the previous 36 periods are known; at least 6 are needed (min-history-periods)\"}");
    }

    @Test
    void amountsKeepTheirPrintedDecimal() throws Exception {
        Tables t = Tables.of(FormId.MEIZHM).cell(KARAGANDA, 9, PlausibilityTest.twelveTimes("100.0", "1200.0"));
        FormTable table = t.june2025();

        JsonNode report = read(ValidationReport.render(header(table), table,
                List.of(Plausibility.check(table, t.history(), PlausibilitySettings.defaults())), List.of(), ALMATY));

        JsonNode values = report.path("rules").path(0).path("findings").path(1).path("values");
        assertThat(values.path("value").decimalValue()).isEqualTo(new java.math.BigDecimal("1200.0"));
        assertThat(values.path("expected").decimalValue()).isEqualTo(new java.math.BigDecimal("100.0"));
        assertThat(values.path("median").decimalValue()).isEqualTo(new java.math.BigDecimal("100.0"));
        assertThat(values.path("effect").decimalValue()).isEqualTo(new java.math.BigDecimal("1100.0"));
        // printed plainly, never in E-notation, however small
        String text = new String(ValidationReport.render(header(table), table,
                List.of(Plausibility.check(table, t.history(), PlausibilitySettings.defaults())), List.of(), ALMATY).content(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("\"probability\": 0.000000000001,").doesNotContainPattern("[0-9][eE][-+]?[0-9]");
    }

    @Test
    void theReportIsWrittenWholeUnderItsNameBesideTheOtherFiles(@TempDir Path outbox) throws Exception {
        Tables t = deaths();
        FormTable table = t.june2025();
        RenderedFile file = ValidationReport.render(header(table), table, List.of(Stages.source(FormId.OZH, List.of())),
                List.of(), ALMATY);
        Path dir = outbox.resolve("2025-06");

        Path written = ValidationReport.write(dir, file);

        assertThat(written).isEqualTo(dir.resolve(ValidationReport.fileName(FileNames.of(FormId.OZH, JUNE_2025, 1, 'N'))));
        assertThat(Files.readAllBytes(written)).isEqualTo(file.content());
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("2-OZh_2025-06_V0001_N.validation.json");
        }
    }
}
