package kz.labour.reporting.form.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextWidthsTest {

    @Test
    void measuresTimesNewRomanLettersIncludingKazakhOnes() {
        // А 722 + б 509 + а 444 + й 535 = 2210 thousandths of an em; at 8 pt, 17.68 pt (LibreOffice prints 17.75)
        assertEquals(17.68, TextWidths.width("Абай", 8, false), 1e-9);
        // Қ 667 + а 444 + з 395 + а 444 + қ 486: Kazakh letters have their own widths, not a fallback's
        assertEquals(2.436, TextWidths.width("Қазақ", 1, false), 1e-9);
        // bold is wider: Қ 725 + а 500 + з 402 + а 500 + қ 576
        assertEquals(2.703, TextWidths.width("Қазақ", 1, true), 1e-9);
    }

    @Test
    void countsAnUnknownCharacterAsAFullEm() {
        assertEquals(10, TextWidths.width("☐", 10, false), 1e-9);
    }

    @Test
    void wrapsAtSpacesAndAtLineBreaks() {
        double abai = TextWidths.width("Абай", 8, false);
        double space = TextWidths.width(" ", 8, false);
        assertEquals(1, TextWidths.lines("Абай Абай", 8, 2 * abai + space, false));
        assertEquals(2, TextWidths.lines("Абай Абай", 8, 2 * abai + space - 0.01, false));
        assertEquals(3, TextWidths.lines("Абай\nАбай Абай", 8, abai, false));
    }

    @Test
    void breaksAHyphenatedWordOnlyAfterItsHyphen() {
        double first = TextWidths.width("тергеп-", 8, false);
        assertEquals(2, TextWidths.lines("тергеп-тексеру", 8, Math.max(first, TextWidths.width("тексеру", 8, false)), false));
        assertEquals(TextWidths.width("тексеру", 8, false), TextWidths.widestWord("тергеп-тексеру", 8, false), 1e-9);
    }

    @Test
    void saysWhenAWordIsLongerThanTheLine() {
        double word = TextWidths.width("бұзушылықтардың", 8, false);
        assertEquals(Integer.MAX_VALUE, TextWidths.lines("Анықталған бұзушылықтардың саны", 8, word - 0.01, false));
        assertEquals(word, TextWidths.widestWord("Анықталған бұзушылықтардың саны", 8, false), 1e-9);
    }
}
