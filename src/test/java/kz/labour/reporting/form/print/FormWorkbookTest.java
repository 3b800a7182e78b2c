package kz.labour.reporting.form.print;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellAddress;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.Fixtures;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormTable;

class FormWorkbookTest {

    private final List<XSSFWorkbook> opened = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (XSSFWorkbook workbook : opened) {
            workbook.close();
        }
    }

    private XSSFSheet open(FormTable table) throws IOException {
        XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(Fixtures.render(table).xlsx().content()));
        opened.add(workbook);
        return workbook.getSheetAt(0);
    }

    @Test
    void opensAtTheTopLeftWithTheTitleInViewAndNothingFrozen() throws IOException {
        for (FormTable table : List.of(Fixtures.inspections(), Fixtures.injuries())) {
            XSSFSheet sheet = open(table);
            assertNull(sheet.getPaneInformation(), "no frozen pane to scroll the title out of view");
            var view = sheet.getCTWorksheet().getSheetViews().getSheetViewArray(0);
            assertEquals("A1", view.getTopLeftCell());
            assertEquals(new CellAddress("A1"), sheet.getActiveCell());
            assertEquals("Әкімшілік деректерді жинауға арналған нысан\nФорма, предназначенная для сбора административных данных",
                    text(sheet.getRow(0), 0));
        }
    }

    @Test
    void notesTheAnnexOfOrder988AtTheTopRight() throws IOException {
        XSSFSheet inspections = open(Fixtures.inspections());
        assertEquals("Қазақстан Республикасы Денсаулық сақтау және әлеуметтік даму министрінің 2016 жылғы 28 қарашадағы "
                + "№ 988 бұйрығына 1-қосымша\nПриложение 1 к приказу Министра здравоохранения и социального развития "
                + "Республики Казахстан от 28 ноября 2016 года № 988", annex(inspections));
        XSSFSheet injuries = open(Fixtures.injuries());
        assertEquals("Қазақстан Республикасы Денсаулық сақтау және әлеуметтік даму министрінің 2016 жылғы 28 қарашадағы "
                + "№ 988 бұйрығына 3-қосымша\nПриложение 3 к приказу Министра здравоохранения и социального развития "
                + "Республики Казахстан от 28 ноября 2016 года № 988", annex(injuries));
    }

    /** The annex note: the cell of the first row that reaches the last column, right of the middle. */
    private static String annex(XSSFSheet sheet) {
        int last = sheet.getRow(0).getLastCellNum() - 1;
        for (CellRangeAddress merged : sheet.getMergedRegions()) {
            if (merged.getFirstRow() == 0 && merged.getLastColumn() == last && merged.getFirstColumn() > last / 2) {
                return text(sheet.getRow(0), merged.getFirstColumn());
            }
        }
        throw new AssertionError("no annex note at the top right");
    }

    @Test
    void printsTheHeaderLinesWordForWordAsTheSeedWithRussianBeside() throws IOException {
        XSSFSheet sheet = open(Fixtures.injuries());
        Map<String, String> kkToRu = new LinkedHashMap<>();
        kkToRu.put("Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігінің Мемлекеттік еңбек инспекциясы "
                + "комитетіне ұсынылады.", "Представляется в Комитет государственной инспекции труда Министерства труда и "
                + "социальной защиты населения Республики Казахстан.");
        kkToRu.put("Әкімшілік деректерді жинауға арналған нысан өтеусіз негізде интернет-ресурста орналастырылған: "
                + "https://www.gov.kz/memleket/entities/kgit?lang=ru.", "Форма, предназначенная для сбора административных "
                + "данных на безвозмездной основе, размещена на интернет-ресурсе: https://www.gov.kz/memleket/entities/kgit?lang=ru.");
        kkToRu.put("Әкімшілік нысанның атауы: Өндірістік жарақаттанудың жай-күйі туралы мәліметтер.",
                "Наименование административной формы: Сведения о состоянии производственного травматизма.");
        kkToRu.put("Әкімшілік деректерді жинауға арналған нысан индексі өтеусіз негізде: 2-ӨЖ.", "Индекс формы, "
                + "предназначенной для сбора административных данных на безвозмездной основе: 2-ӨЖ.");
        kkToRu.put("Жиілігі: ай сайын.", "Периодичность: ежемесячно.");
        kkToRu.put("Есепті кезең 2025 жылғы маусым.", "Отчетный период: июнь 2025 года.");
        kkToRu.put("Әкімшілік деректерді өтеусіз негізде жинауға арналған нысанды ұсынатын тұлғалар тобы: еңбек жөніндегі "
                + "уәкілетті мемлекеттік органның аумақтық бөлімшелері.", "Круг лиц, представляющих форму, предназначенную "
                + "для сбора административных данных на безвозмездной основе: территориальные подразделения уполномоченного "
                + "государственного органа по труду.");
        kkToRu.put("Әкімшілік деректерді өтеусіз негізде жинауға арналған нысанды ұсыну мерзімі: \"Еңбекті қорғау және "
                + "қауіпсіздік\" ақпараттық жүйесінде автоматтандырылған режимде есепті кезеңнен кейінгі айдың 3-күніне "
                + "(қоса алғанда) дейін.", "Срок представления формы, предназначенной для сбора административных данных на "
                + "безвозмездной основе: в автоматизированном режиме в информационной системе \"Охрана и безопасность труда\" "
                + "до 3-го числа (включительно) месяца, следующего за отчетным периодом.");
        kkToRu.put("БСН: 130940021536", "БИН: 130940021536");
        kkToRu.put("Жинау әдісі - электронды түрде", "Способ сбора - в электронном виде");
        int previous = 0;
        for (Map.Entry<String, String> line : kkToRu.entrySet()) {
            Row row = sheet.getRow(rowStartingWith(sheet, line.getKey()));
            assertEquals(line.getKey(), text(row, 0));
            assertEquals(line.getValue(), lastText(row), "beside " + line.getKey());
            assertTrue(row.getRowNum() > previous, "in the seed's order: " + line.getKey());
            previous = row.getRowNum();
        }
    }

    @Test
    void keepsNoneOfTheWordingThatDifferedFromTheSeed() throws IOException {
        for (FormTable table : List.of(Fixtures.inspections(), Fixtures.injuries())) {
            for (String text : allTexts(open(table))) {
                for (String old : List.of("ҚР ", "РК", "Кезеңділігі", "Ақпаратты ұсынатын")) {
                    assertFalse(text.contains(old), "'" + old + "' in: " + text);
                }
            }
        }
    }

    @Test
    void printsTheFilledInValuesBold() throws IOException {
        XSSFSheet sheet = open(Fixtures.injuries());
        XSSFCell index = sheet.getRow(rowStartingWith(sheet, "Әкімшілік деректерді жинауға арналған нысан индексі")).getCell(0);
        String text = index.getStringCellValue();
        XSSFRichTextString rich = index.getRichStringCellValue();
        assertFalse(fontAt(rich, index, 0).getBold());
        assertTrue(fontAt(rich, index, text.indexOf("2-ӨЖ")).getBold());
        XSSFCell bin = sheet.getRow(rowStartingWith(sheet, "БСН: ")).getCell(0);
        assertTrue(fontAt(bin.getRichStringCellValue(), bin, "БСН: ".length()).getBold());
    }

    private static XSSFFont fontAt(XSSFRichTextString rich, XSSFCell cell, int index) {
        XSSFFont font = rich.getFontAtIndex(index);
        return font != null ? font : cell.getCellStyle().getFont();
    }

    @Test
    void wordsAYearToDatePeriod() throws IOException {
        FormTable month = Fixtures.injuries();
        XSSFSheet sheet = open(new FormTable(month.definition(), month.period(), Accumulation.YEAR_TO_DATE, month.asOf(), month.rows()));
        Row row = sheet.getRow(rowStartingWith(sheet, "Есепті кезең"));
        assertEquals("Есепті кезең 2025 жылғы қаңтар – маусым.", text(row, 0));
        assertEquals("Отчетный период: январь – июнь 2025 года.", lastText(row));
        assertTrue(sheet.getFooter().getLeft().endsWith("2-ӨЖ · 2025 жылғы қаңтар – маусым / январь – июнь 2025 года"));
    }

    @Test
    void headsTheInjuryColumnsWithInTheirNumberUnderOneGroupHeadOverColumnsFiveToEight() throws IOException {
        XSSFSheet sheet = open(Fixtures.injuries());
        int top = rowStartingWith(sheet, "Өңір");
        assertEquals("Өңір\nРегион", text(sheet.getRow(top), 0));
        for (int c = 0; c <= 3; c++) {
            assertTrue(sheet.getMergedRegions().contains(new CellRangeAddress(top, top + 1, c, c)), "column " + (c + 1)
                    + " heads both rows");
        }
        assertEquals(List.of("Барлығы жазатайым оқиғалар саны (бірлік)\nВсего несчастных случаев (единиц)",
                "Оның ішінде топтық (бірлік)\nИз них групповых (единиц)",
                "Барлығы зардап шеккендер саны (адам)\nВсего пострадавших (человек)"), texts(sheet.getRow(top), 1, 4));
        assertEquals("оның ішінде\nв том числе", text(sheet.getRow(top), 4));
        assertTrue(sheet.getMergedRegions().contains(new CellRangeAddress(top, top, 4, 7)));
        assertEquals(List.of("Топтық жазатайым оқиғаларда зардап шеккендердің саны (адам)\nпострадавших в групповых "
                        + "несчастных случаях (человек)",
                "Жеңіл және орташа дәрежедегі зардап шеккендердің саны (адам)\nпострадавших с лёгкой и средней степенью "
                        + "тяжести (человек)",
                "Ауыр нәтижемен зардап шеккендер саны (адам)\nпострадавших с тяжелым исходом (человек)",
                "Қаза тапқандар саны (адам)\nпогибших (человек)"), texts(sheet.getRow(top + 1), 4, 8));
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), texts(sheet.getRow(top + 2), 0, 8));
        assertEquals(0, sheet.getRow(top).getCell(1).getCellStyle().getRotation(), "eight columns have room for heads across");
    }

    @Test
    void turnsTheSixteenNumericHeadsOfInspectionsUprightAndNamesTheUnitOnce() throws IOException {
        XSSFSheet sheet = open(Fixtures.inspections());
        int heads = rowStartingWith(sheet, "Өңір");
        Row row = sheet.getRow(heads);
        assertEquals(0, row.getCell(0).getCellStyle().getRotation());
        for (int c = 1; c < 17; c++) {
            assertEquals(90, row.getCell(c).getCellStyle().getRotation(), "column " + (c + 1));
            assertTrue(row.getCell(c).getCellStyle().getWrapText());
        }
        assertEquals("Жүргізілген тексерулер саны (жеке және заңды тұлғаларға қатысты)\nКоличество проведенных проверок "
                + "(в отношении физических и юридических лиц)", text(row, 1));
        assertEquals("Әкімшілік айыппұлдардың сомасы (мың теңге)\nСумма административных штрафов (тыс. тенге)", text(row, 8));
        assertEquals(IntStream.rangeClosed(1, 17).mapToObj(Integer::toString).toList(), texts(sheet.getRow(heads + 1), 0, 17));
    }

    @Test
    void printsTheTotalRowThenTheRegionsWithTheirNumbers() throws IOException {
        XSSFSheet sheet = open(Fixtures.injuries());
        int total = rowStartingWith(sheet, "1") + 1;
        assertEquals("Қазақстан Республикасы\nРеспублика Казахстан", text(sheet.getRow(total), 0));
        assertEquals(List.of(5.0, 1.0, 7.0, 3.0, 4.0, 1.0, 2.0), numbers(sheet.getRow(total), 8));
        assertTrue(sheet.getWorkbook().getFontAt(sheet.getRow(total).getCell(1).getCellStyle().getFontIndex()).getBold());
        assertTrue(sheet.getWorkbook().getFontAt(sheet.getRow(total).getCell(0).getCellStyle().getFontIndex()).getBold());
        assertEquals("Абай облысы\nобласть Абай", text(sheet.getRow(total + 1), 0));
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0), numbers(sheet.getRow(total + 1), 8));
        assertEquals("Қарағанды облысы\nКарагандинская область", text(sheet.getRow(total + 9), 0));
        assertEquals(List.of(3.0, 1.0, 5.0, 3.0, 3.0, 1.0, 1.0), numbers(sheet.getRow(total + 9), 8));
        assertEquals("Шығыс Қазақстан облысы\nВосточно-Казахстанская область", text(sheet.getRow(total + 17), 0));
        assertEquals(List.of(2.0, 0.0, 2.0, 0.0, 1.0, 0.0, 1.0), numbers(sheet.getRow(total + 17), 8));
        assertEquals("Шымкент қаласы\nгород Шымкент", text(sheet.getRow(total + 20), 0));
    }

    @Test
    void printsNumbersAsTheKazakhLocaleWritesThemAndColumnNineWithOneDecimal() throws IOException {
        XSSFSheet sheet = open(Fixtures.inspections());
        int total = rowStartingWith(sheet, "1") + 1;
        Cell totalAmount = sheet.getRow(total).getCell(8);
        assertEquals("[$-43F]#,##0.0", totalAmount.getCellStyle().getDataFormatString());
        assertEquals(15.6, totalAmount.getNumericCellValue(), 1e-9);
        assertEquals(12.4, sheet.getRow(total + 9).getCell(8).getNumericCellValue(), 1e-9);
        assertEquals("[$-43F]#,##0", sheet.getRow(total + 9).getCell(1).getCellStyle().getDataFormatString());
        assertEquals(40, sheet.getRow(total + 9).getCell(1).getNumericCellValue(), 1e-9);
        assertEquals(70, sheet.getRow(total).getCell(1).getNumericCellValue(), 1e-9);
    }

    @Test
    void closesWithTheOrganisationAndSeparateBlanksForNameAndSignature() throws IOException {
        XSSFSheet sheet = open(Fixtures.injuries());
        Row names = sheet.getRow(rowStartingWith(sheet, "Атауы / Наименование: "));
        assertEquals("Атауы / Наименование: Мемлекеттік еңбек инспекциясы комитеті", text(names, 0));
        assertEquals("Мекенжайы / Адрес: Астана қ., Мәңгілік Ел даңғылы, 8", lastText(names));
        Row contacts = sheet.getRow(names.getRowNum() + 1);
        assertEquals("Телефон: +7 7172 74 00 00", text(contacts, 0));
        assertEquals("Электрондық пошта мекенжайы / Адрес электронной почты: stat@enbek.gov.kz", lastText(contacts));
        Row captions = sheet.getRow(rowStartingWith(sheet, "Орындаушы / Исполнитель:"));
        assertEquals("Басшы немесе қол қоюға уәкілетті тұлға / Руководитель или лицо, уполномоченное на подписание:",
                lastText(captions));
        Row blanks = sheet.getRow(captions.getRowNum() + 1);
        Row under = sheet.getRow(captions.getRowNum() + 2);
        List<Cell> filled = cells(blanks);
        assertEquals(4, filled.size(), "a name and a signature blank for each of the two");
        assertEquals(List.of("Сейітова А. Б.", "____", "Омаров Н. К.", "____"),
                filled.stream().map(c -> c.getStringCellValue().startsWith("____") ? "____" : c.getStringCellValue()).toList());
        for (Cell name : List.of(filled.get(0), filled.get(2))) {
            assertEquals(BorderStyle.THIN, name.getCellStyle().getBorderBottom(), "the name stands on its own line");
            assertTrue(sheet.getWorkbook().getFontAt(name.getCellStyle().getFontIndex()).getBold());
        }
        for (Cell signature : List.of(filled.get(1), filled.get(3))) {
            assertEquals(BorderStyle.NONE, signature.getCellStyle().getBorderBottom(),
                    "the signature line is drawn apart, not joined to the name's");
        }
        List<Cell> underneath = cells(under);
        assertEquals(List.of("Тегі, аты және әкесінің аты (бар болса) / Фамилия, имя и отчество (при его наличии)",
                "қолы / подпись", "Тегі, аты және әкесінің аты (бар болса) / Фамилия, имя и отчество (при его наличии)",
                "қолы / подпись"), underneath.stream().map(Cell::getStringCellValue).toList());
        for (int i = 0; i < 4; i++) {
            assertEquals(filled.get(i).getColumnIndex(), underneath.get(i).getColumnIndex(), "each caption under its blank");
        }
    }

    @Test
    void datesTheFormInWordsAndLeavesThePlaceForTheSeal() throws IOException {
        XSSFSheet sheet = open(Fixtures.injuries());
        Row row = sheet.getRow(rowStartingWith(sheet, "Күні / Дата: "));
        assertEquals("Күні / Дата: «01» шілде 2025 ж. / «01» июля 2025 г.", text(row, 0));
        assertEquals("Мөр орны (бар болса) / Место печати (при наличии)", lastText(row));
    }

    @Test
    void printsOnLandscapeA4AtFullSizeWithTheHeadsRepeatedAndTheFormAndPageInTheFooter() throws IOException {
        for (FormTable table : List.of(Fixtures.inspections(), Fixtures.injuries())) {
            XSSFSheet sheet = open(table);
            PrintSetup print = sheet.getPrintSetup();
            assertTrue(print.getLandscape());
            assertEquals(PrintSetup.A4_PAPERSIZE, print.getPaperSize());
            assertFalse(sheet.getFitToPage(), "never shrunk below the text size chosen");
            assertEquals(100, print.getScale());
            assertEquals(0.25, sheet.getMargin(Sheet.LeftMargin), 1e-9);
            assertEquals(0.25, sheet.getMargin(Sheet.RightMargin), 1e-9);
            assertEquals(0.3, sheet.getMargin(Sheet.TopMargin), 1e-9);
            assertEquals(0.5, sheet.getMargin(Sheet.BottomMargin), 1e-9);
            assertEquals(0.2, sheet.getMargin(Sheet.FooterMargin), 1e-9);
            int heads = rowStartingWith(sheet, "Өңір");
            int firstData = rowStartingWith(sheet, "1") + 1;
            assertEquals(new CellRangeAddress(heads, firstData - 1, -1, -1), sheet.getRepeatingRows());
            String index = table.form().index();
            assertEquals("&8&\"Times New Roman,Regular\"" + index + " · 2025 жылғы маусым / июнь 2025 года", sheet.getFooter().getLeft());
            assertEquals("&8&\"Times New Roman,Regular\"Деректер жағдайы / Данные по состоянию на: 01.07.2025 06:00:00 +05:00",
                    sheet.getFooter().getCenter());
            assertEquals("&8&\"Times New Roman,Regular\"&N беттің &P-беті / страница &P из &N", sheet.getFooter().getRight());
            assertEquals("'" + index + "'!$A$1:$" + CellReference.convertNumToColString(table.definition().columns().size() - 1)
                    + "$" + (sheet.getLastRowNum() + 1), sheet.getWorkbook().getPrintArea(0));
        }
    }

    @Test
    void printsNoTextSmallerThanEightPoints() throws IOException {
        for (FormTable table : List.of(Fixtures.inspections(), Fixtures.injuries())) {
            XSSFWorkbook workbook = open(table).getWorkbook();
            for (int i = 0; i < workbook.getNumberOfFonts(); i++) {
                assertTrue(workbook.getFontAt(i).getFontHeightInPoints() >= 8, workbook.getFontAt(i).toString());
            }
        }
    }

    @Test
    void setsEveryRowHeightAndColumnWidthItself() throws IOException {
        XSSFSheet sheet = open(Fixtures.inspections());
        double width = 0;
        for (int c = 0; c < 17; c++) {
            width += sheet.getColumnWidthInPixels(c) * 0.75;
        }
        // A4 landscape, 842 pt, less 2 × 0.25 in margins: at most 806 pt (Excel's measure, 7-pixel digit)
        assertTrue(width <= 806, "the columns are " + width + " pt wide");
        for (Row row : sheet) {
            assertTrue(((org.apache.poi.xssf.usermodel.XSSFRow) row).getCTRow().getCustomHeight(), "row " + row.getRowNum()
                    + " sized by the workbook");
        }
    }

    @Test
    void datesTheDocumentAtTheCutOffNotTheClock() throws IOException {
        XSSFSheet sheet = open(Fixtures.injuries());
        var core = sheet.getWorkbook().getProperties().getCoreProperties();
        Date asOf = Date.from(Instant.parse("2025-07-01T01:00:00Z"));
        assertEquals(asOf, core.getCreated());
        assertEquals(asOf, core.getModified());
    }

    @Test
    void stampsEveryZipEntryWithTheCutOffInTheReportingZone() throws IOException {
        byte[] xlsx = Fixtures.render(Fixtures.injuries()).xlsx().content();
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                assertEquals(LocalDateTime.of(2025, 7, 1, 6, 0), entry.getTimeLocal(), entry.getName());
                entries++;
            }
        }
        assertTrue(entries > 0);
    }

    @Test
    void rendersTheSameBytesTwice() {
        assertArrayEquals(Fixtures.render(Fixtures.inspections()).xlsx().content(), Fixtures.render(Fixtures.inspections()).xlsx().content());
    }

    /** The first row whose first cell starts with the text. */
    private static int rowStartingWith(XSSFSheet sheet, String start) {
        for (Row row : sheet) {
            if (text(row, 0).startsWith(start)) {
                return row.getRowNum();
            }
        }
        throw new AssertionError("no row starts with " + start);
    }

    /** The text of the last filled cell of a row: the Russian beside a Kazakh line. */
    private static String lastText(Row row) {
        List<Cell> cells = cells(row);
        return cells.get(cells.size() - 1).getStringCellValue();
    }

    /** The cells of a row that hold text, left to right. */
    private static List<Cell> cells(Row row) {
        List<Cell> cells = new ArrayList<>();
        for (Cell cell : row) {
            if (cell.getCellType() == CellType.STRING && !cell.getStringCellValue().isEmpty()) {
                cells.add(cell);
            }
        }
        return cells;
    }

    private static List<String> allTexts(XSSFSheet sheet) {
        List<String> texts = new ArrayList<>();
        for (Row row : sheet) {
            cells(row).forEach(c -> texts.add(c.getStringCellValue()));
        }
        return texts;
    }

    private static String text(Row row, int column) {
        Cell cell = row.getCell(column);
        return cell == null || cell.getCellType() != CellType.STRING ? "" : cell.getStringCellValue();
    }

    private static List<String> texts(Row row, int from, int to) {
        return IntStream.range(from, to).mapToObj(c -> text(row, c)).toList();
    }

    private static List<Double> numbers(Row row, int columns) {
        return IntStream.range(1, columns).mapToObj(c -> {
            assertEquals(CellType.NUMERIC, row.getCell(c).getCellType());
            return row.getCell(c).getNumericCellValue();
        }).toList();
    }
}
