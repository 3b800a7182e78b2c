package kz.labour.reporting.form;

import static kz.labour.reporting.form.Fixtures.AS_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class ContentHashTest {

    @Test
    void isSixtyFourLowerCaseHexDigits() {
        assertTrue(ContentHash.of(Fixtures.injuries()).matches("[0-9a-f]{64}"));
    }

    @Test
    void ignoresAsOfGeneratedAtVersionActionAndFindings() {
        RenderedForm first = Fixtures.render(Fixtures.injuries(AS_OF, 3), List.of(), 1, Action.NEW, Fixtures.GENERATED_AT);
        RenderedForm later = Fixtures.render(Fixtures.injuries(AS_OF.plusDays(2), 3),
                List.of(new Finding("c16<=c15", Severity.WARN, "row 000000000", "late")), 2, Action.REPLACEMENT,
                OffsetDateTime.parse("2025-07-03T12:30:00+05:00"));
        assertEquals(first.contentHash(), later.contentHash());
    }

    @Test
    void changesWhenOneCellChanges() {
        assertNotEquals(ContentHash.of(Fixtures.injuries(AS_OF, 3)), ContentHash.of(Fixtures.injuries(AS_OF, 4)));
    }

    @Test
    void coversTheAccumulation() {
        FormTable month = Fixtures.injuries();
        FormTable yearToDate = new FormTable(month.definition(), month.period(), Accumulation.YEAR_TO_DATE, month.asOf(), month.rows());
        assertNotEquals(ContentHash.of(month), ContentHash.of(yearToDate));
    }

    @Test
    void canonicalTextListsFormPeriodAccumulationAndEveryCellAsPrinted() {
        List<String> lines = ContentHash.canonicalText(Fixtures.inspections()).lines().toList();
        assertEquals(3 + 21, lines.size());
        assertEquals(List.of("form=1-MEIZhM", "period=2025-06", "accumulation=MONTH"), lines.subList(0, 3));
        assertEquals("000000000 2=70 3=2 4=2 5=2 6=2 7=2 8=2 9=15.6 10=2 11=2 12=2 13=2 14=2 15=2 16=2 17=2", lines.get(3));
        assertEquals("100000000 2=0 3=0 4=0 5=0 6=0 7=0 8=0 9=0.0 10=0 11=0 12=0 13=0 14=0 15=0 16=0 17=0", lines.get(4));
        assertEquals("350000000 2=40 3=1 4=1 5=1 6=1 7=1 8=1 9=12.4 10=1 11=1 12=1 13=1 14=1 15=1 16=1 17=1", lines.get(3 + 9));
    }
}
