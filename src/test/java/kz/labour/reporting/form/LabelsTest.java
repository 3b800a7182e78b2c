package kz.labour.reporting.form;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
