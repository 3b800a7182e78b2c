package kz.labour.reporting.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {

    private static final YearMonth JUNE_2025 = YearMonth.of(2025, 6);

    @Test
    void namesTheThreeFilesAfterFormPeriodVersionAndAction() {
        FileNames names = FileNames.of(FormId.OZH, JUNE_2025, 1, Action.NEW);
        assertEquals("2-OZh_2025-06_V0001_N.xlsx", names.xlsx());
        assertEquals("2-OZh_2025-06_V0001_N.json", names.json());
        assertEquals("2-OZh_2025-06_V0001_N.manifest.json", names.manifest());
    }

    @Test
    void padsTheVersionToFourDigitsAndUsesTheAsciiFormId() {
        assertEquals("1-MEIZhM_2025-12_V0012_R.json", FileNames.of(FormId.MEIZHM, YearMonth.of(2025, 12), 12, Action.REPLACEMENT).json());
        assertEquals("1-MEIZhM_2016-01_V9999_R.xlsx", FileNames.of(FormId.MEIZHM, YearMonth.of(2016, 1), 9999, Action.REPLACEMENT).xlsx());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 10000})
    void rejectsVersionOutsideOneTo9999(int version) {
        assertThrows(IllegalArgumentException.class, () -> FileNames.of(FormId.OZH, JUNE_2025, version, Action.NEW));
    }

    @ParameterizedTest
    @ValueSource(chars = {'n', 'r', 'X', ' '})
    void rejectsActionOtherThanCapitalNOrR(char action) {
        assertThrows(IllegalArgumentException.class, () -> FileNames.of(FormId.OZH, JUNE_2025, 1, action));
    }
}
