package kz.labour.reporting.form;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
    void opensWithTheTitleAndTheBodyItIsSubmittedTo() throws IOException {
        XSSFSheet sheet = open(Fixtures.injuries());
        assertEquals("2-ӨЖ", sheet.getSheetName());
        assertEquals("Әкімшілік деректерді жинауға арналған нысан", text(sheet.getRow(0), 0));
        assertEquals("Форма, предназначенная для сбора административных данных", text(sheet.getRow(1), 0));
        assertTrue(rowStartingWith(sheet, "ҚР Еңбек және халықты әлеуметтік қорғау министрлігінің Мемлекеттік еңбек "
                + "инспекциясы комитетіне ұсынылады") >= 0);
        assertTrue(rowStartingWith(sheet, "Өндірістік жарақаттанудың жай-күйі туралы мәліметтер\n"
                + "Сведения о состоянии производственного травматизма") >= 0);
    }

    @Test
    void fillsTheHeaderBlockInBothLanguages() throws IOException {
        XSSFSheet sheet = open(Fixtures.injuries());
        assertEquals("https://www.gov.kz/memleket/entities/kgit?lang=ru", field(sheet, "Әкімшілік деректерді жинауға арналған нысан интернет"));
        assertEquals("2-ӨЖ", field(sheet, "Индексі\nИндекс"));
        assertEquals("ай сайын\nежемесячно", field(sheet, "Кезеңділігі\nПериодичность"));
        assertEquals("2025 жылғы маусым\nиюнь 2025 года", field(sheet, "Есепті кезең\nОтчетный период"));
        assertTrue(field(sheet, "Ақпаратты ұсынатын тұлғалар тобы").startsWith(
                "еңбек жөніндегі уәкілетті мемлекеттік органның аумақтық бөлімшелері\n"));
        assertTrue(field(sheet, "Ұсыну мерзімі\nСрок представления").startsWith(
                "\"Еңбекті қорғау және қауіпсіздік\" ақпараттық жүйесінде автоматтандырылған режимде есепті кезеңнен "
                        + "кейінгі айдың 3-күніне (қоса алғанда) дейін\n"));
        assertEquals("130940021536", field(sheet, "БСН\nБИН"));
        assertEquals("электронды түрде\nв электронном виде", field(sheet, "Жинау әдісі\nСпособ сбора"));
        assertEquals("ай\nмесяц", field(sheet, "Жинақтау\nНакопление"));
        assertEquals("01.07.2025 06:00:00 +05:00", field(sheet, "Деректер жағдайы\nДанные по состоянию на"));
    }

    @Test
    void wordsAYearToDatePeriod() throws IOException {
        FormTable month = Fixtures.injuries();
        XSSFSheet sheet = open(new FormTable(month.definition(), month.period(), Accumulation.YEAR_TO_DATE, month.asOf(), month.rows()));
        assertEquals("2025 жылғы қаңтар – маусым\nянварь – июнь 2025 года", field(sheet, "Есепті кезең\nОтчетный период"));
        assertEquals("жыл басынан\nс начала года", field(sheet, "Жинақтау\nНакопление"));
    }

    @Test
    void headsTheTableInKazakhAndRussianWithUnitsAndColumnNumbers() throws IOException {
        XSSFSheet sheet = open(Fixtures.injuries());
        int kk = rowStartingWith(sheet, "Өңір");
        assertEquals(List.of("Өңір", "Барлығы жазатайым оқиғалар саны", "Оның ішінде топтық", "Барлығы зардап шеккендер саны",
                "оның ішінде: Топтық жазатайым оқиғаларда зардап шеккендердің саны",
                "Жеңіл және орташа дәрежедегі зардап шеккендердің саны", "Ауыр нәтижемен зардап шеккендер саны",
                "Қаза тапқандар саны"), texts(sheet.getRow(kk), 8));
        assertEquals(List.of("Регион", "Всего несчастных случаев", "Из них групповых", "Всего пострадавших",
                "из них: пострадавших в групповых несчастных случаях", "пострадавших с легкой и средней тяжестью",
                "пострадавших с тяжелым исходом", "погибших"), texts(sheet.getRow(kk + 1), 8));
        assertEquals(List.of("Өлшем бірлігі\nЕдиница измерения", "бірлік\nединиц", "бірлік\nединиц", "адам\nчеловек",
                "адам\nчеловек", "адам\nчеловек", "адам\nчеловек", "адам\nчеловек"), texts(sheet.getRow(kk + 2), 8));
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), texts(sheet.getRow(kk + 3), 8));
    }

    @Test
    void numbersAllSeventeenColumnsOfInspections() throws IOException {
        XSSFSheet sheet = open(Fixtures.inspections());
        int numbers = rowStartingWith(sheet, "1");
        assertEquals(IntStream.rangeClosed(1, 17).mapToObj(Integer::toString).toList(), texts(sheet.getRow(numbers), 17));
        assertEquals("Әкімшілік айыппұлдардың сомасы (мың теңге)", text(sheet.getRow(rowStartingWith(sheet, "Өңір")), 8));
        assertEquals("мың теңге\nтыс. тенге", text(sheet.getRow(numbers - 1), 8));
        assertEquals("", text(sheet.getRow(numbers - 1), 1));
    }

    @Test
    void printsTheTotalRowThenTheRegionsWithTheirNumbers() throws IOException {
        XSSFSheet sheet = open(Fixtures.injuries());
        int total = rowStartingWith(sheet, "1") + 1;
        assertEquals("Қазақстан Республикасы\nРеспублика Казахстан", text(sheet.getRow(total), 0));
        assertEquals(List.of(5.0, 1.0, 7.0, 3.0, 4.0, 1.0, 2.0), numbers(sheet.getRow(total), 8));
        assertTrue(sheet.getWorkbook().getFontAt(sheet.getRow(total).getCell(1).getCellStyle().getFontIndex()).getBold());
        assertEquals("Абай облысы\nобласть Абай", text(sheet.getRow(total + 1), 0));
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0), numbers(sheet.getRow(total + 1), 8));
        assertEquals("Қарағанды облысы\nКарагандинская область", text(sheet.getRow(total + 9), 0));
        assertEquals(List.of(3.0, 1.0, 5.0, 3.0, 3.0, 1.0, 1.0), numbers(sheet.getRow(total + 9), 8));
        assertEquals("Шығыс Қазақстан облысы\nВосточно-Казахстанская область", text(sheet.getRow(total + 17), 0));
        assertEquals(List.of(2.0, 0.0, 2.0, 0.0, 1.0, 0.0, 1.0), numbers(sheet.getRow(total + 17), 8));
        assertEquals("Шымкент қаласы\nгород Шымкент", text(sheet.getRow(total + 20), 0));
        assertEquals("0", sheet.getRow(total + 9).getCell(1).getCellStyle().getDataFormatString());
    }

    @Test
    void printsColumnNineWithOneDecimal() throws IOException {
        XSSFSheet sheet = open(Fixtures.inspections());
        int total = rowStartingWith(sheet, "1") + 1;
        DataFormatter shown = new DataFormatter();
        Cell totalAmount = sheet.getRow(total).getCell(8);
        assertEquals("0.0", totalAmount.getCellStyle().getDataFormatString());
        assertEquals(15.6, totalAmount.getNumericCellValue(), 1e-9);
        assertEquals("15.6", shown.formatCellValue(totalAmount));
        assertEquals("12.4", shown.formatCellValue(sheet.getRow(total + 9).getCell(8)));
        assertEquals("0.0", shown.formatCellValue(sheet.getRow(total + 1).getCell(8)));
        assertEquals("40", shown.formatCellValue(sheet.getRow(total + 9).getCell(1)));
        assertEquals("70", shown.formatCellValue(sheet.getRow(total).getCell(1)));
    }

    @Test
    void closesWithTheOrganisationInTheFooter() throws IOException {
        XSSFSheet sheet = open(Fixtures.injuries());
        assertEquals("Мемлекеттік еңбек инспекциясы комитеті", field(sheet, "Атауы\nНаименование"));
        assertEquals("Астана қ., Мәңгілік Ел даңғылы, 8", field(sheet, "Мекенжайы\nАдрес"));
        assertEquals("+7 7172 74 00 00", field(sheet, "Телефон\nТелефон"));
        assertEquals("stat@enbek.gov.kz", field(sheet, "Электрондық пошта мекенжайы\nАдрес электронной почты"));
        assertTrue(field(sheet, "Орындаушы").startsWith("Сейітова А. Б. "));
        assertTrue(field(sheet, "Басшы немесе қол қоюға уәкілетті тұлға").startsWith("Омаров Н. К. "));
        assertEquals("01.07.2025", field(sheet, "Күні\nДата"));
        assertEquals("", field(sheet, "Мөр орны (бар болса)\nМесто печати (при наличии)"));
    }

    @Test
    void setsUpLandscapeA4OnePageWideWithTheHeadsRepeated() throws IOException {
        XSSFSheet sheet = open(Fixtures.inspections());
        PrintSetup print = sheet.getPrintSetup();
        assertTrue(print.getLandscape());
        assertEquals(PrintSetup.A4_PAPERSIZE, print.getPaperSize());
        assertTrue(sheet.getFitToPage());
        assertEquals(1, print.getFitWidth());
        assertEquals(0, print.getFitHeight());
        int heads = rowStartingWith(sheet, "Өңір");
        int firstData = rowStartingWith(sheet, "1") + 1;
        assertEquals(new CellRangeAddress(heads, firstData - 1, -1, -1), sheet.getRepeatingRows());
        assertTrue(sheet.getRow(heads).getCell(3).getCellStyle().getWrapText());
    }

    @Test
    void freezesTheRegionColumnAndTheHeadsAboveTheData() throws IOException {
        XSSFSheet sheet = open(Fixtures.injuries());
        int heads = rowStartingWith(sheet, "Өңір");
        int firstData = rowStartingWith(sheet, "1") + 1;
        PaneInformation pane = sheet.getPaneInformation();
        assertTrue(pane.isFreezePane());
        assertEquals(1, pane.getVerticalSplitPosition());
        assertEquals(firstData - heads, pane.getHorizontalSplitPosition());
        assertEquals(firstData, pane.getHorizontalSplitTopRow());
        assertEquals("A" + (heads + 1), sheet.getCTWorksheet().getSheetViews().getSheetViewArray(0).getTopLeftCell());
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

    /** The value next to a caption. */
    private static String field(XSSFSheet sheet, String caption) {
        return text(sheet.getRow(rowStartingWith(sheet, caption)), 1);
    }

    private static String text(Row row, int column) {
        Cell cell = row.getCell(column);
        return cell == null || cell.getCellType() != CellType.STRING ? "" : cell.getStringCellValue();
    }

    private static List<String> texts(Row row, int columns) {
        return IntStream.range(0, columns).mapToObj(c -> text(row, c)).toList();
    }

    private static List<Double> numbers(Row row, int columns) {
        return IntStream.range(1, columns).mapToObj(c -> {
            assertEquals(CellType.NUMERIC, row.getCell(c).getCellType());
            return row.getCell(c).getNumericCellValue();
        }).toList();
    }
}
