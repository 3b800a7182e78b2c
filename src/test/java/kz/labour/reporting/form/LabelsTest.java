package kz.labour.reporting.form;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class LabelsTest {

    private final Labels labels = Labels.load();

    @Test
    void wordsAccumulationInBothLanguages() {
        assertEquals("ай", labels.accumulation(Accumulation.MONTH, "kk"));
        assertEquals("месяц", labels.accumulation(Accumulation.MONTH, "ru"));
        assertEquals("жыл басынан", labels.accumulation(Accumulation.YEAR_TO_DATE, "kk"));
        assertEquals("с начала года", labels.accumulation(Accumulation.YEAR_TO_DATE, "ru"));
    }

    @Test
    void writesADateAsASignedPaperFormDoes() {
        assertEquals("«30» қараша 2026 ж.", labels.date(LocalDate.of(2026, 11, 30), "kk"));
        assertEquals("«30» ноября 2026 г.", labels.date(LocalDate.of(2026, 11, 30), "ru"));
        assertEquals("«01» шілде 2025 ж.", labels.date(LocalDate.of(2025, 7, 1), "kk"));
        assertEquals("«01» июля 2025 г.", labels.date(LocalDate.of(2025, 7, 1), "ru"));
    }

    @Test
    void namesTheAnnexOfOrder988ThatSetsOutEachForm() {
        assertEquals("1", labels.annex(FormId.MEIZHM));
        assertEquals("3", labels.annex(FormId.OZH));
    }

    @Test
    void groupsColumnsFiveToEightOfInjuriesUnderOneHead() {
        assertEquals(List.of(new ColumnGroup(5, 8, "оның ішінде", "в том числе")), labels.groups(FormId.OZH));
        assertEquals(List.of(), labels.groups(FormId.MEIZHM));
    }

    @Test
    void translatesColumnUnitsAndLeavesUnitlessColumnsBlank() {
        FormDefinition ozh = labels.form(FormId.OZH);
        assertEquals("адам", labels.unit(ozh.column(4), "kk"));
        assertEquals("человек", labels.unit(ozh.column(4), "ru"));
        assertEquals("единиц", labels.unit(ozh.column(2), "ru"));
        FormDefinition meizhm = labels.form(FormId.MEIZHM);
        assertEquals("тыс. тенге", labels.unit(meizhm.column(9), "ru"));
        assertEquals("", labels.unit(meizhm.column(2), "ru"));
    }
}
