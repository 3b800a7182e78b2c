package kz.labour.reporting.quality;

import static kz.labour.reporting.quality.Tables.KARAGANDA;
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

class WarnSummaryTest {

    static List<String> lines(FormId form, List<StageResult> stages, String lang) {
        return WarnSummary.lines(form, stages, Tables.LABELS, Tables.REGIONS, lang);
    }

    @Test
    void eachWarningIsOneLineInKazakhAndInRussianMostSignificantFirst() {
        // Karaganda's deaths 2 -> 20 (the national total with it), and Abai's criminal cases above its
        // referrals, a control WARN with no effect on a total: it comes last
        Tables t = Tables.of(FormId.OZH).cell(KARAGANDA, 8, "2", "3", "2", "1", "2", "3", "2", "2", "4", "2", "3", "2", "20");
        StageResult plausibility = Plausibility.check(t.june2025(), t.history(), PlausibilitySettings.defaults());
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        values.put("c15", BigDecimal.ZERO);
        values.put("c16", BigDecimal.ONE);
        Finding control = Finding.ofCell("c16<=c15", kz.labour.reporting.form.Severity.WARN, "row 100000000 Абай облысы",
                "more criminal cases opened than materials referred to law enforcement (c15=0, c16=1)", "100000000", null, values);
        List<StageResult> stages = List.of(new StageResult(Stage.CONTROLS, List.of(), List.of(control)), plausibility);

        // expected (28 + 1/2) / 12 = 2.375, printed 2.38; effect 20 - 2.38 = +17.62, share 17.62 / 2.375 = 741.9 %;
        // values from 0 to 9 would not be improbable at 0.001 (CellModelTest checks such bands against commons-math)
        assertThat(lines(FormId.OZH, stages, "kk")).containsExactly(
                "Қазақстан Республикасы, 8-баған «Қаза тапқандар саны»: 20, алдыңғы 12 кезең үлгісі бойынша күтілгені 2.38 "
                        + "(әдетте 0–9); мұндай мәннің ықтималдығы 8.4e-11; республика бойынша жиынға әсері +17.62 (741.9 %)",
                "350000000 Қарағанды облысы, 8-баған «Қаза тапқандар саны»: 20, алдыңғы 12 кезең үлгісі бойынша күтілгені 2.38 "
                        + "(әдетте 0–9); мұндай мәннің ықтималдығы 8.4e-11; республика бойынша жиынға әсері +17.62 (741.9 %)",
                "100000000 Абай облысы: қозғалған қылмыстық істер саны (16-баған) құқық қорғау органдарына берілген "
                        + "материалдар санынан (15-баған) көп (c15=0, c16=1)");
        assertThat(lines(FormId.OZH, stages, "ru")).containsExactly(
                "Республика Казахстан, гр. 8 «погибших»: 20 при ожидаемом по модели 12 предыдущих периодов 2.38 (обычно от 0 "
                        + "до 9); вероятность такого значения 8.4e-11; влияние на итог по республике +17.62 (741.9 %)",
                "350000000 Карагандинская область, гр. 8 «погибших»: 20 при ожидаемом по модели 12 предыдущих периодов 2.38 "
                        + "(обычно от 0 до 9); вероятность такого значения 8.4e-11; влияние на итог по республике +17.62 (741.9 %)",
                "100000000 область Абай: возбужденных уголовных дел (гр. 16) больше, чем материалов, переданных в "
                        + "правоохранительные органы (гр. 15) (c15=0, c16=1)");
    }

    @Test
    void aZeroAndANegativeEffectAreWordedAsSuch() {
        Tables t = Tables.of(FormId.MEIZHM).cell(KARAGANDA, 2, PlausibilityTest.then(PlausibilityTest.KARAGANDA_INSPECTIONS, "0"));

        List<String> ru = lines(FormId.MEIZHM, List.of(Plausibility.check(t.june2025(), t.history(),
                PlausibilitySettings.defaults())), "ru");

        // expected 713.5 / 12 = 59.46; the total is Karaganda's alone, so the effect is 100 % of it
        assertThat(ru).contains("350000000 Карагандинская область, гр. 2 «Количество проведенных проверок (в отношении "
                + "физических и юридических лиц)»: 0 при ожидаемом по модели 12 предыдущих периодов 59.46 (обычно от 36 до "
                + "86); вероятность такого значения < 1e-12; влияние на итог по республике -59.46 (100.0 %)");
    }

    @Test
    void yearToDateSaysTheComparedFigureIsTheMonthsIncrement() {
        String[] cells = {"60", "70", "80", "90", "100", "110", "120", "10", "20", "30", "40", "50", "150"};
        Tables t = Tables.of(FormId.MEIZHM, Accumulation.YEAR_TO_DATE).cell(KARAGANDA, 2, cells);

        List<String> kk = lines(FormId.MEIZHM, List.of(Plausibility.check(t.june2025(), t.history(),
                PlausibilitySettings.defaults())), "kk");

        assertThat(kk.get(1)).startsWith("350000000 Қарағанды облысы, 2-баған «Жүргізілген тексерулер саны (жеке және заңды "
                + "тұлғаларға қатысты)»: 100 (айлық өсім; жыл басынан 150), алдыңғы 11 кезең үлгісі бойынша күтілгені 10.05");
    }

    @Test
    void crossFormWarningsNameBothForms() {
        Tables inspectors = Tables.of(FormId.MEIZHM).cell(Tables.ABAI, 14, CrossFormTest.lastThree("1", "0", "1"));
        Tables injuries = Tables.of(FormId.OZH);
        StageResult cross = CrossForm.check(FormId.MEIZHM, Tables.JUNE_2025, inspectors.all(), injuries.all(),
                Tables.REGIONS.regions(), PlausibilitySettings.defaults());

        assertThat(lines(FormId.MEIZHM, List.of(cross), "ru")).containsExactly("100000000 область Абай: за последние 3 мес. "
                + "госинспекторами труда завершено расследований несчастных случаев: 2 (1-МЕИЖМ, гр. 14), но в форме 2-ӨЖ "
                + "по региону нет ни одного несчастного случая (гр. 2)");
    }

    @Test
    void noWarningsNoLinesAndErrorsAreNotSummarised() {
        Tables t = Tables.of(FormId.MEIZHM);
        FormTable negative = FormTable.assemble(Tables.LABELS.form(FormId.MEIZHM), Tables.REGIONS, Tables.LABELS.totalRow(),
                Tables.JUNE_2025, Accumulation.MONTH, Tables.cutOff(Tables.JUNE_2025), Map.of("35", Map.of(2, BigDecimal.valueOf(-1))));
        List<StageResult> stages = List.of(Stages.controls(FormId.MEIZHM, Controls.check(negative)),
                Plausibility.check(t.june2025(), t.history(), PlausibilitySettings.defaults()));

        assertThat(lines(FormId.MEIZHM, stages, "kk")).isEmpty();
    }

    @Test
    void aStoredReportGivesTheSameLinesAsTheStagesItWasWrittenFrom() {
        Tables t = ValidationReportTest.deaths();
        FormTable table = t.june2025();
        List<StageResult> stages = List.of(Stages.source(FormId.OZH, List.of()),
                Stages.controls(FormId.OZH, Controls.check(table)),
                Plausibility.check(table, t.history(), PlausibilitySettings.defaults()));
        byte[] report = ValidationReport.render(ValidationReportTest.header(table), table, stages, List.of(),
                ValidationReportTest.ALMATY).content();

        for (String lang : List.of("kk", "ru")) {
            assertThat(WarnSummary.lines(report, Tables.LABELS, Tables.REGIONS, lang))
                    .hasSize(6).isEqualTo(lines(FormId.OZH, stages, lang));
        }
    }
}
