package kz.labour.reporting.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.Controls;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Severity;
import kz.labour.reporting.source.SourceResults;
import kz.labour.reporting.support.TestPostgres;

class StagesTest {

    @Test
    void everyProblemTheReportListsIsOneTheSourceChecksStatementLooksFor() {
        for (FormId form : FormId.values()) {
            String sql = TestPostgres.resource("/sql/" + form.ascii() + "-source-checks.sql");
            List<String> problems = form == FormId.MEIZHM ? Stages.MEIZHM_PROBLEMS : Stages.OZH_PROBLEMS;
            assertThat(problems).allSatisfy(p -> assertThat(sql).as(form + " source checks").contains("'" + p + "'"));
        }
    }

    @Test
    void aCleanAggregationPassesEverySourceCheckOfItsForm() {
        StageResult injuries = Stages.source(FormId.OZH, List.of());

        assertThat(injuries.stage()).isEqualTo(Stage.SOURCE);
        assertThat(injuries.ran()).extracting(RuleDef::id).containsExactlyElementsOf(
                Stages.OZH_PROBLEMS.stream().map(p -> "source: " + p).toList());
        assertThat(injuries.ran()).extracting(RuleDef::id).contains("source: accident without victims",
                "source: accident_id matches no accident", "source: duplicate id: the same id on more than one row");
        assertThat(injuries.ran()).allMatch(r -> r.severity() == Severity.ERROR);
        assertThat(injuries.findings()).isEmpty();
    }

    @Test
    void sourceFindingsKeepTheirRuleSoTheReportFindsThem() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("relation", "accident");
        row.put("problem", "accident without victims");
        row.put("n", 2L);
        row.put("ids", "907, 912");
        List<Finding> findings = SourceResults.sourceFindings(List.of(row));

        StageResult stage = Stages.source(FormId.OZH, findings);

        assertThat(stage.ran()).extracting(RuleDef::id).contains(findings.get(0).rule());
    }

    @Test
    void theControlsListEveryRuleCheckRanAndEveryRuleItsFindingsName() {
        // a 2-ӨЖ row breaking every row rule: 2 accidents, 3 group accidents, 1 victim, 4 group victims ...
        Map<String, Map<Integer, BigDecimal>> byPrefix = Map.of("35",
                Map.of(2, n(2), 3, n(3), 4, n(1), 5, n(4), 6, n(5), 7, n(0), 8, n(0)));
        FormTable broken = FormTable.assemble(Tables.LABELS.form(FormId.OZH), Tables.REGIONS, Tables.LABELS.totalRow(),
                Tables.JUNE_2025, Accumulation.MONTH, Tables.cutOff(Tables.JUNE_2025), byPrefix);
        List<Finding> findings = Controls.check(broken);

        StageResult stage = Stages.controls(FormId.OZH, findings);

        assertThat(stage.ran()).extracting(RuleDef::id).containsExactly("cell-present", "non-negative",
                "total=sum(regions)", "c3<=c2", "c5<=c4", "c6+c7+c8=c4", "c5>=2*c3", "c4-c5=c2-c3");
        assertThat(findings).isNotEmpty();
        assertThat(stage.ran()).extracting(RuleDef::id).containsAll(findings.stream().map(Finding::rule).distinct().toList());
    }

    @Test
    void aNegativeCellStopsTheControlsAfterTheCellRulesAndTheReportListsOnlyThose() {
        FormTable negative = FormTable.assemble(Tables.LABELS.form(FormId.MEIZHM), Tables.REGIONS, Tables.LABELS.totalRow(),
                Tables.JUNE_2025, Accumulation.MONTH, Tables.cutOff(Tables.JUNE_2025), Map.of("35", Map.of(2, n(-1))));
        List<Finding> findings = Controls.check(negative);

        StageResult stage = Stages.controls(FormId.MEIZHM, findings);

        assertThat(findings).extracting(Finding::rule).containsOnly("non-negative");
        assertThat(stage.ran()).extracting(RuleDef::id).containsExactly("cell-present", "non-negative");
    }

    static BigDecimal n(int v) {
        return BigDecimal.valueOf(v);
    }
}
