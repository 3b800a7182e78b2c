package kz.labour.reporting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.Action;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.Controls;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.Organisation;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.form.RenderedFile;
import kz.labour.reporting.form.RenderedForm;
import kz.labour.reporting.form.Rendering;
import kz.labour.reporting.form.Severity;
import kz.labour.reporting.quality.Stage;
import kz.labour.reporting.quality.StageResult;
import kz.labour.reporting.quality.ValidationHtml;
import kz.labour.reporting.quality.ValidationReport;

class MailComposerTest {

    static final Labels LABELS = Labels.load();
    static final RegionCatalogue REGIONS = RegionCatalogue.load();
    static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    /** 06:00 on 1 August 2025 in Almaty, given in UTC: the mail prints it in the reporting zone. */
    static final OffsetDateTime AS_OF = OffsetDateTime.of(2025, 8, 1, 1, 0, 0, 0, ZoneOffset.UTC);
    static final Organisation ORG = new Organisation("123456789012", "Тест инспекциясы", "Астана, Мәңгілік Ел 8",
            "+7 7172 000000", "inspection@test.kz", "Тестов Т.", "Басшы Б.");

    final MailComposer composer = new MailComposer(LABELS, ORG, ALMATY, REGIONS);

    /** 2-ӨЖ, July 2025: Pavlodar 3 accidents (1 group of 2), 4 victims: 2 light, 1 severe, 1 fatal. */
    static RenderedForm injuries(Accumulation accumulation, int version, Action action) {
        FormTable table = FormTable.assemble(LABELS.form(FormId.OZH), REGIONS, LABELS.totalRow(), YearMonth.of(2025, 7),
                accumulation, AS_OF, Map.of("55", values(2, 3, 3, 1, 4, 4, 5, 2, 6, 2, 7, 1, 8, 1)));
        return Rendering.render(table, Controls.check(table), LABELS, ORG, version, action, AS_OF, ALMATY);
    }

    @Test
    void subjectNamesTheIndexThePeriodInWordsInKazakhAndRussianAndTheVersion() {
        assertThat(composer.compose(injuries(Accumulation.MONTH, 1, Action.NEW), List.of()).subject())
                .isEqualTo("2-ӨЖ · 2025 жылғы шілде / июль 2025 года · V0001");
        assertThat(composer.compose(injuries(Accumulation.YEAR_TO_DATE, 12, Action.REPLACEMENT), List.of()).subject())
                .isEqualTo("2-ӨЖ · 2025 жылғы қаңтар – шілде / январь – июль 2025 года · V0012");
    }

    @Test
    void bodyNamesTheSenderItsBinAndWhomToAskInBothLanguages() {
        String body = composer.compose(injuries(Accumulation.MONTH, 1, Action.NEW), List.of()).body();

        assertThat(body).contains("нұсқасы: жаңа.\n"
                        + "Жіберуші: Тест инспекциясы, БСН 123456789012\n"
                        + "Орындаушы: Тестов Т., тел. +7 7172 000000, inspection@test.kz\n",
                "версия V0001: новая.\n"
                        + "Отправитель: Тест инспекциясы, БИН 123456789012\n"
                        + "Исполнитель: Тестов Т., тел. +7 7172 000000, inspection@test.kz\n");
    }

    @Test
    void theCutOffIsALocalDateAndTimeWithItsZone() {
        // 01:00 UTC is 06:00 in Almaty (UTC+5 all year since 2024)
        assertThat(composer.cutOff(AS_OF)).isEqualTo("01.08.2025 06:00:00 (Asia/Almaty, UTC+05:00)");
        assertThat(new MailComposer(LABELS, ORG, ZoneId.of("Asia/Aqtobe"), REGIONS).cutOff(AS_OF))
                .isEqualTo("01.08.2025 06:00:00 (Asia/Aqtobe, UTC+05:00)");
        assertThat(new MailComposer(LABELS, ORG, ZoneId.of("Europe/Moscow"), REGIONS).cutOff(AS_OF))
                .isEqualTo("01.08.2025 04:00:00 (Europe/Moscow, UTC+03:00)");
    }

    @Test
    void numbersAreWrittenAsTheFormPrintsThemWithASpaceForThousandsAndADecimalComma() {
        assertThat(MailComposer.number(new BigDecimal("45979.6"))).isEqualTo("45\u00a0979,6");
        assertThat(MailComposer.number(new BigDecimal("1234567"))).isEqualTo("1\u00a0234\u00a0567");
        assertThat(MailComposer.number(new BigDecimal("999"))).isEqualTo("999");
        assertThat(MailComposer.number(new BigDecimal("0.0"))).isEqualTo("0,0");
        assertThat(MailComposer.number(new BigDecimal("12.5"))).isEqualTo("12,5");
    }

    @Test
    void theTotalsRowUsesTheFormsNumberFormat() {
        // Astana: 1 234 inspections, 3 fines of 45 979.6 thousand tenge in all
        FormTable table = FormTable.assemble(LABELS.form(FormId.MEIZHM), REGIONS, LABELS.totalRow(), YearMonth.of(2025, 7),
                Accumulation.MONTH, AS_OF, Map.of("71", Map.of(2, new BigDecimal(1234), 8, new BigDecimal(3),
                        9, new BigDecimal("45979.6"))));
        RenderedForm form = Rendering.render(table, Controls.check(table), LABELS, ORG, 1, Action.NEW, AS_OF, ALMATY);

        String body = composer.compose(form, Controls.check(table)).body();

        assertThat(body).contains(": 1\u00a0234\n", "  9. Әкімшілік айыппұлдардың сомасы (мың теңге): 45\u00a0979,6\n",
                "  9. Сумма административных штрафов (тыс. тенге): 45\u00a0979,6\n");
    }

    @Test
    void bodySummarisesTheTotalsRowAndTheCutOffInKazakhThenRussian() {
        String body = composer.compose(injuries(Accumulation.MONTH, 1, Action.NEW), List.of()).body();

        assertThat(body).startsWith("2-ӨЖ · 2025 жылғы шілде / июль 2025 года · V0001\n\n— Қазақша —\n");
        assertThat(body.indexOf("— Қазақша —")).isLessThan(body.indexOf("— По-русски —"));
        assertThat(body).contains(
                "«Өндірістік жарақаттанудың жай-күйі туралы мәліметтер» (2-ӨЖ) нысаны, 2025 жылғы шілде, V0001 нұсқасы: жаңа.\n"
                        + "Жіберуші: Тест инспекциясы, БСН 123456789012\n"
                        + "Орындаушы: Тестов Т., тел. +7 7172 000000, inspection@test.kz\n"
                        + "Деректер жағдайы: 01.08.2025 06:00:00 (Asia/Almaty, UTC+05:00)\n\n"
                        + "Жиыны (Қазақстан Республикасы):\n"
                        + "  2. Барлығы жазатайым оқиғалар саны, бірлік: 3\n"
                        + "  3. Оның ішінде топтық, бірлік: 1\n"
                        + "  4. Барлығы зардап шеккендер саны, адам: 4\n"
                        + "  5. Топтық жазатайым оқиғаларда зардап шеккендердің саны, адам: 2\n"
                        + "  6. Жеңіл және орташа дәрежедегі зардап шеккендердің саны, адам: 2\n"
                        + "  7. Ауыр нәтижемен зардап шеккендер саны, адам: 1\n"
                        + "  8. Қаза тапқандар саны, адам: 1\n\n"
                        + "Ескертулер жоқ.\n\n"
                        + "Қоса берілген файлдар: 2-OZh_2025-07_V0001_N.xlsx, 2-OZh_2025-07_V0001_N.json\n",
                "Форма «Сведения о состоянии производственного травматизма» (2-ӨЖ) за июль 2025 года, версия V0001: новая.\n"
                        + "Отправитель: Тест инспекциясы, БИН 123456789012\n"
                        + "Исполнитель: Тестов Т., тел. +7 7172 000000, inspection@test.kz\n"
                        + "Данные по состоянию на: 01.08.2025 06:00:00 (Asia/Almaty, UTC+05:00)\n\n"
                        + "Итого (Республика Казахстан):\n"
                        + "  2. Всего несчастных случаев, единиц: 3\n",
                "  8. погибших, человек: 1\n\nПредупреждений нет.\n");
    }

    @Test
    void aReplacementSaysItReplacesThePreviousVersion() {
        String body = composer.compose(injuries(Accumulation.MONTH, 2, Action.REPLACEMENT), List.of()).body();

        assertThat(body).contains("V0002 нұсқасы: осы кезеңнің алдыңғы нұсқасын ауыстырады.",
                "версия V0002: заменяет предыдущую версию за этот период.");
    }

    @Test
    void listsEachWarnFindingWithTheRulesWordingAndTheValues() {
        // Shymkent: one criminal case opened, no material referred (c16 > c15 is a WARN); the fine keeps c8 and c9 consistent
        FormTable table = FormTable.assemble(LABELS.form(FormId.MEIZHM), REGIONS, LABELS.totalRow(), YearMonth.of(2025, 7),
                Accumulation.MONTH, AS_OF, Map.of("79", values(2, 1, 16, 1)));
        RenderedForm form = Rendering.render(table, Controls.check(table), LABELS, ORG, 1, Action.NEW, AS_OF, ALMATY);

        String body = composer.compose(form, Controls.check(table)).body();

        // the total row breaks the rule as well: 1 case, 0 referrals
        assertThat(body).contains("Ескертулер (жіберуге кедергі келтірмейді):\n"
                + "  • 000000000 Қазақстан Республикасы: қозғалған қылмыстық істер саны (16-баған) құқық қорғау органдарына "
                + "берілген материалдар санынан (15-баған) көп (c15=0, c16=1)\n"
                + "  • 790000000 Шымкент қаласы: қозғалған қылмыстық істер саны (16-баған) құқық қорғау органдарына "
                + "берілген материалдар санынан (15-баған) көп (c15=0, c16=1)\n");
        assertThat(body).contains("Предупреждения (не препятствуют отправке):\n"
                + "  • 000000000 Республика Казахстан: возбужденных уголовных дел (гр. 16) больше, чем материалов, "
                + "переданных в правоохранительные органы (гр. 15) (c15=0, c16=1)\n"
                + "  • 790000000 город Шымкент: возбужденных уголовных дел (гр. 16) больше, чем материалов, "
                + "переданных в правоохранительные органы (гр. 15) (c15=0, c16=1)\n");
        // a column whose label names its unit prints the unit once
        assertThat(body).contains("  9. Әкімшілік айыппұлдардың сомасы (мың теңге): 0,0\n");
    }

    @Test
    void aVersionWithAValidationReportSummarisesItsWarningsMostSignificantFirstAndAttachesIt() {
        FormTable table = FormTable.assemble(LABELS.form(FormId.OZH), REGIONS, LABELS.totalRow(), YearMonth.of(2025, 7),
                Accumulation.MONTH, AS_OF, Map.of("55", values(2, 3)));
        // listed small first: the summary puts the larger share of the national total first
        Finding small = Finding.ofCell("test-small", Severity.WARN, "c2", "a small jump", "550000000", 2,
                Map.of("share", new BigDecimal("0.1000")));
        Finding large = Finding.ofCell("test-large", Severity.WARN, "c2", "a large jump", "550000000", 2,
                Map.of("share", new BigDecimal("0.9000")));
        ValidationReport.Header header = new ValidationReport.Header(FormId.OZH, YearMonth.of(2025, 7), Accumulation.MONTH, 1, 'N',
                AS_OF);
        List<StageResult> stages = List.of(new StageResult(Stage.PLAUSIBILITY, List.of(), List.of(small, large)));
        RenderedFile report = ValidationReport.render(header, table, stages, List.of(), ALMATY);
        RenderedFile html = ValidationHtml.render(header, table, stages, List.of(), ALMATY);
        RenderedForm form = Rendering.render(table, List.of(small, large), LABELS, ORG, 1, Action.NEW, AS_OF, ALMATY, report, html);

        BureauMail mail = composer.compose(form, List.of(small, large));

        assertThat(mail.body()).contains("  • 550000000 Павлодар облысы: a large jump\n  • 550000000 Павлодар облысы: a small jump\n");
        assertThat(mail.attachments()).extracting(BureauMail.Attachment::name).containsExactly("2-OZh_2025-07_V0001_N.xlsx",
                "2-OZh_2025-07_V0001_N.json", "2-OZh_2025-07_V0001_N.validation.json",
                "2-OZh_2025-07_V0001_N.validation.html");
        assertThat(mail.attachments().get(2).content()).isEqualTo(report.content());
        assertThat(mail.attachments().get(3).content()).isEqualTo(html.content());
        assertThat(mail.attachments().get(3).contentType()).isEqualTo("text/html; charset=UTF-8");
    }

    @Test
    void attachesTheWorkbookAndTheJsonUnderTheirOwnNamesAndTypes() {
        RenderedForm form = injuries(Accumulation.MONTH, 1, Action.NEW);

        List<BureauMail.Attachment> attachments = composer.compose(form, List.of()).attachments();

        assertThat(attachments).extracting(BureauMail.Attachment::name)
                .containsExactly("2-OZh_2025-07_V0001_N.xlsx", "2-OZh_2025-07_V0001_N.json");
        assertThat(attachments).extracting(BureauMail.Attachment::contentType).containsExactly(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/json; charset=UTF-8");
        assertThat(attachments.get(0).content()).isEqualTo(form.xlsx().content());
        assertThat(attachments.get(1).content()).isEqualTo(form.json().content());
    }

    /** Column number, value, column number, value…; columns not named are 0. */
    static Map<Integer, BigDecimal> values(int... pairs) {
        Map<Integer, BigDecimal> values = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], BigDecimal.valueOf(pairs[i + 1]));
        }
        return values;
    }
}
