package kz.labour.reporting.form;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The {@code .xlsx} file: the form as a clerk reads and prints it (forms.md): header block, numbered column
 * heads in Kazakh and Russian, the total row and the regions, the footer. Every caption comes from
 * {@link Labels}; the organisation's details from {@link Organisation}.
 */
public final class FormWorkbook {

    private static final String FONT = "Times New Roman";
    private static final int FIRST_COLUMN_CHARS = 32;
    /** About the width of landscape A4 at 100 %, in character widths: 2-ӨЖ prints full size. */
    private static final int PAGE_CHARS = 140;
    /** Narrower numeric columns would wrap the heads into towers; 1-МЕИЖМ is scaled down to fit instead. */
    private static final int MIN_NUMBER_CHARS = 11;
    private static final int MAX_NUMBER_CHARS = 16;
    private static final float LINE_POINTS = 12f;
    /** Letters of 10 pt Times New Roman per column-width unit (a Calibri digit), as measured on a printed form. */
    private static final double LETTERS_PER_WIDTH = 1.2;
    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm:ss xxx", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu", Locale.ROOT);
    private static final String SIGNATURE = "    ____________________";

    private FormWorkbook() {
    }

    /**
     * Builds and writes a small throwaway workbook with the same kinds of parts as a form (styles,
     * fonts, merged cells, print setup), so that the spreadsheet library's one-time set-up (its XML
     * schema types, read from the jar on first use) is done. A one-shot transmit runs this on a
     * background thread while the application starts: the first real form then renders in a fraction
     * of the time. Failures are ignored; the real rendering reports its own.
     */
    public static void warmUp() {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            XSSFSheet sheet = workbook.createSheet("warm-up");
            Font font = workbook.createFont();
            font.setFontName(FONT);
            font.setBold(true);
            CellStyle style = workbook.createCellStyle();
            style.setFont(font);
            style.setWrapText(true);
            style.setBorderTop(BorderStyle.THIN);
            style.setAlignment(HorizontalAlignment.CENTER);
            style.setVerticalAlignment(VerticalAlignment.CENTER);
            style.setDataFormat(workbook.createDataFormat().getFormat("0.0"));
            Row row = sheet.createRow(0);
            row.setHeightInPoints(LINE_POINTS);
            Cell cell = row.createCell(0);
            cell.setCellValue("Қазақстан");
            cell.setCellStyle(style);
            row.createCell(1).setCellValue(1.5);
            sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, 2));
            sheet.setColumnWidth(0, FIRST_COLUMN_CHARS * 256);
            sheet.getPrintSetup().setLandscape(true);
            sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
            sheet.setRepeatingRows(CellRangeAddress.valueOf("1:1"));
            workbook.getProperties().getCoreProperties().setCreator("warm-up");
            workbook.write(java.io.OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            // nothing to warm; the real rendering will say what is wrong
        }
    }

    /** The workbook's bytes; the document's created/modified dates are the data cut-off, not the clock. */
    public static byte[] render(FormTable table, Labels labels, Organisation org, OffsetDateTime generatedAt, ZoneId zone) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            OffsetDateTime asOf = Formats.inZone(table.asOf(), zone);
            XSSFSheet sheet = workbook.createSheet(table.form().index());
            Layout layout = new Layout(sheet, new Styles(workbook), table.definition().columns().size());
            layout.widths();
            header(layout, table, labels, org, asOf);
            layout.skip();
            int headsFirst = layout.next;
            heads(layout, table.definition(), labels);
            int firstData = layout.next;
            body(layout, table);
            layout.skip();
            footer(layout, labels, org, Formats.inZone(generatedAt, zone));
            printSetup(workbook, sheet, headsFirst, firstData, layout);
            properties(workbook, table, asOf);
            workbook.write(out);
            return withEntryTimes(out.toByteArray(), asOf.toLocalDateTime());
        } catch (IOException e) {
            throw new UncheckedIOException("writing a workbook to memory failed", e);
        }
    }

    private static void header(Layout l, FormTable table, Labels labels, Organisation org, OffsetDateTime asOf) {
        l.line(labels.text("header", "title", "kk"), l.styles.title);
        l.line(labels.text("header", "title", "ru"), l.styles.centred);
        l.line(caption(labels, "header", "submittedTo"), l.styles.text);
        l.field(caption(labels, "header", "publishedAt"), labels.text("header", "publishedAt", "value"));
        l.line(lines(table.definition().kk(), table.definition().ru()), l.styles.title);
        l.field(caption(labels, "header", "index"), table.form().index());
        l.field(caption(labels, "header", "frequency"), value(labels, "frequency"));
        l.field(caption(labels, "header", "period"), lines(labels.period(table.period(), table.accumulation(), "kk"),
                labels.period(table.period(), table.accumulation(), "ru")));
        l.field(caption(labels, "header", "submittedBy"), value(labels, "submittedBy"));
        l.field(caption(labels, "header", "deadline"), value(labels, "deadline"));
        l.field(caption(labels, "header", "bin"), org.bin());
        l.field(caption(labels, "header", "method"), value(labels, "method"));
        l.field(caption(labels, "header", "accumulation"),
                lines(labels.accumulation(table.accumulation(), "kk"), labels.accumulation(table.accumulation(), "ru")));
        l.field(caption(labels, "header", "asOf"), AS_OF.format(asOf));
    }

    /** Kazakh heads, Russian heads, units (when any column has one), then the column numbers 1..N. */
    private static void heads(Layout l, FormDefinition form, Labels labels) {
        l.tableRow(form.columns().stream().map(ColumnDef::kk).toList(), l.styles.head);
        l.tableRow(form.columns().stream().map(ColumnDef::ru).toList(), l.styles.head);
        if (form.columns().stream().anyMatch(c -> !c.unit().isEmpty())) {
            List<String> units = new ArrayList<>();
            units.add(caption(labels, "table", "unit"));
            form.numericColumns().forEach(c -> units.add(c.unit().isEmpty() ? "" : lines(labels.unit(c, "kk"), labels.unit(c, "ru"))));
            l.tableRow(units, l.styles.head);
        }
        l.tableRow(form.columns().stream().map(c -> Integer.toString(c.number())).toList(), l.styles.columnNumber);
    }

    private static void body(Layout l, FormTable table) {
        for (FormRow row : table.rows()) {
            Row r = l.row(2);
            l.cell(r, 0, lines(row.kk(), row.ru()), row.total() ? l.styles.totalName : l.styles.name);
            int i = 1;
            for (ColumnDef c : table.definition().numericColumns()) {
                Cell cell = r.createCell(i++);
                cell.setCellValue(Formats.printed(row, c).doubleValue());
                cell.setCellStyle(l.styles.value(c.scale(), row.total()));
            }
        }
    }

    private static void footer(Layout l, Labels labels, Organisation org, OffsetDateTime generatedAt) {
        l.field(caption(labels, "footer", "name"), org.name());
        l.field(caption(labels, "footer", "address"), org.address());
        l.field(caption(labels, "footer", "phone"), org.phone());
        l.field(caption(labels, "footer", "email"), org.email());
        l.field(caption(labels, "footer", "executor"), org.executor() + SIGNATURE);
        l.field(caption(labels, "footer", "head"), org.head() + SIGNATURE);
        l.field(caption(labels, "footer", "date"), DATE.format(generatedAt));
        l.field(caption(labels, "footer", "seal"), "");
    }

    /** Landscape A4, one page wide, heads repeated on every page, frozen below the heads. */
    private static void printSetup(XSSFWorkbook workbook, XSSFSheet sheet, int headsFirst, int firstData, Layout l) {
        PrintSetup print = sheet.getPrintSetup();
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setLandscape(true);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0); // as many pages down as the rows need
        sheet.setFitToPage(true);
        sheet.setAutobreaks(true);
        sheet.setHorizontallyCenter(true);
        sheet.setMargin(Sheet.LeftMargin, 0.4);
        sheet.setMargin(Sheet.RightMargin, 0.4);
        sheet.setMargin(Sheet.TopMargin, 0.5);
        sheet.setMargin(Sheet.BottomMargin, 0.6);
        sheet.setRepeatingRows(new CellRangeAddress(headsFirst, firstData - 1, -1, -1));
        sheet.getFooter().setCenter("&P / &N"); // page / pages
        workbook.setPrintArea(0, 0, l.lastColumn, 0, l.next - 1);
        // Header block and heads together are taller than a screen, and rows frozen beyond the window leave
        // the data out of reach. So the frozen pane holds the heads alone: the view opens at the heads, the
        // header block above them is printed and shown once the panes are unfrozen.
        sheet.createFreezePane(1, firstData - headsFirst, 1, firstData);
        sheet.getCTWorksheet().getSheetViews().getSheetViewArray(0)
                .setTopLeftCell(new CellReference(headsFirst, 0).formatAsString());
    }

    private static void properties(XSSFWorkbook workbook, FormTable table, OffsetDateTime asOf) {
        var core = workbook.getProperties().getCoreProperties();
        Date stamp = Date.from(asOf.toInstant());
        core.setCreated(Optional.of(stamp));
        core.setModified(Optional.of(stamp));
        core.setCreator("labour-reporting");
        core.setTitle(table.form().index() + " " + table.period());
    }

    /**
     * POI stamps every zip entry with the clock; rewriting the entries with the cut-off time makes the same
     * form give the same bytes (and SHA-256) whenever it is rendered. Local time: zip entries carry no zone.
     */
    private static byte[] withEntryTimes(byte[] xlsx, LocalDateTime time) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(xlsx.length);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTimeLocal(time);
                zip.putNextEntry(copy);
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** "Индексі\nИндекс": a caption in Kazakh over its Russian. */
    private static String caption(Labels labels, String block, String field) {
        return lines(labels.text(block, field, "kk"), labels.text(block, field, "ru"));
    }

    /** A header field's fixed value, Kazakh over Russian: "ай сайын\nежемесячно". */
    private static String value(Labels labels, String field) {
        return lines(labels.text("header", field, "valueKk"), labels.text("header", field, "valueRu"));
    }

    private static String lines(String kk, String ru) {
        return kk + "\n" + ru;
    }

    /** Writes rows top to bottom and sizes them: POI cannot fit the height of wrapped or merged cells. */
    private static final class Layout {
        final Sheet sheet;
        final Styles styles;
        final int lastColumn;
        final int numberChars;
        int next;

        Layout(Sheet sheet, Styles styles, int columns) {
            this.sheet = sheet;
            this.styles = styles;
            this.lastColumn = columns - 1;
            this.numberChars = Math.max(MIN_NUMBER_CHARS, Math.min(MAX_NUMBER_CHARS, (PAGE_CHARS - FIRST_COLUMN_CHARS) / lastColumn));
        }

        void widths() {
            sheet.setColumnWidth(0, FIRST_COLUMN_CHARS * 256);
            for (int c = 1; c <= lastColumn; c++) {
                sheet.setColumnWidth(c, numberChars * 256);
            }
        }

        void skip() {
            next++;
        }

        Row row(int lines) {
            Row row = sheet.createRow(next++);
            row.setHeightInPoints(lines * LINE_POINTS + 3);
            return row;
        }

        /** A text across the whole width. */
        void line(String text, CellStyle style) {
            Row row = row(lines(text, FIRST_COLUMN_CHARS + lastColumn * numberChars));
            cell(row, 0, text, style);
            merge(row.getRowNum(), 0, lastColumn, style);
        }

        /** A caption in the first column, its value across the rest. */
        void field(String caption, String value) {
            int valueChars = lastColumn * numberChars;
            Row row = row(Math.max(lines(caption, FIRST_COLUMN_CHARS), lines(value, valueChars)));
            cell(row, 0, caption, styles.text);
            cell(row, 1, value, styles.value);
            merge(row.getRowNum(), 1, lastColumn, styles.value);
        }

        /** One cell per column, bordered. */
        void tableRow(List<String> texts, CellStyle style) {
            int lines = 1;
            for (int c = 0; c < texts.size(); c++) {
                lines = Math.max(lines, lines(texts.get(c), c == 0 ? FIRST_COLUMN_CHARS : numberChars));
            }
            Row row = row(lines);
            for (int c = 0; c < texts.size(); c++) {
                cell(row, c, texts.get(c), style);
            }
        }

        void cell(Row row, int column, String text, CellStyle style) {
            Cell cell = row.createCell(column);
            cell.setCellValue(text);
            cell.setCellStyle(style);
        }

        /** Merged cells keep only the first cell's value; the others get the style so borders and wrap apply. */
        private void merge(int row, int first, int last, CellStyle style) {
            if (last > first) {
                for (int c = first + 1; c <= last; c++) {
                    sheet.getRow(row).createCell(c).setCellStyle(style);
                }
                sheet.addMergedRegion(new CellRangeAddress(row, row, first, last));
            }
        }

        /** Printed lines of a wrapped text in a cell so many characters wide (an estimate: proportional font). */
        static int lines(String text, int widthChars) {
            int lines = 0;
            for (String part : text.split("\n", -1)) {
                lines += Math.max(1, (int) Math.ceil(part.length() / (widthChars * LETTERS_PER_WIDTH - 1)));
            }
            return lines;
        }
    }

    /** The few cell styles a form uses, made once per workbook (a workbook holds at most 64000). */
    private static final class Styles {
        final CellStyle title;
        final CellStyle centred;
        final CellStyle text;
        final CellStyle value;
        final CellStyle head;
        final CellStyle columnNumber;
        final CellStyle name;
        final CellStyle totalName;
        private final CellStyle count;
        private final CellStyle totalCount;
        private final CellStyle decimal;
        private final CellStyle totalDecimal;
        private final XSSFWorkbook workbook;
        private final Font regular;
        private final Font bold;

        Styles(XSSFWorkbook workbook) {
            this.workbook = workbook;
            regular = font(false);
            bold = font(true);
            title = style(bold, false, HorizontalAlignment.CENTER, null);
            centred = style(regular, false, HorizontalAlignment.CENTER, null);
            text = style(regular, false, HorizontalAlignment.LEFT, null);
            value = style(bold, false, HorizontalAlignment.LEFT, null);
            head = style(regular, true, HorizontalAlignment.CENTER, null);
            columnNumber = style(bold, true, HorizontalAlignment.CENTER, null);
            name = style(regular, true, HorizontalAlignment.LEFT, null);
            totalName = style(bold, true, HorizontalAlignment.LEFT, null);
            count = style(regular, true, HorizontalAlignment.RIGHT, "0");
            totalCount = style(bold, true, HorizontalAlignment.RIGHT, "0");
            decimal = style(regular, true, HorizontalAlignment.RIGHT, "0.0");
            totalDecimal = style(bold, true, HorizontalAlignment.RIGHT, "0.0");
        }

        /** Counts print whole, column 9 of 1-МЕИЖМ with one decimal; the total row in bold. */
        CellStyle value(int scale, boolean total) {
            if (scale == 0) {
                return total ? totalCount : count;
            }
            if (scale == 1) {
                return total ? totalDecimal : decimal;
            }
            throw new IllegalArgumentException("no number format for " + scale + " decimals");
        }

        private Font font(boolean isBold) {
            Font font = workbook.createFont();
            font.setFontName(FONT);
            font.setFontHeightInPoints((short) 10);
            font.setBold(isBold);
            return font;
        }

        private CellStyle style(Font font, boolean bordered, HorizontalAlignment align, String format) {
            CellStyle style = workbook.createCellStyle();
            style.setFont(font);
            style.setWrapText(true);
            style.setAlignment(align);
            style.setVerticalAlignment(bordered ? VerticalAlignment.CENTER : VerticalAlignment.TOP);
            if (bordered) {
                style.setBorderTop(BorderStyle.THIN);
                style.setBorderBottom(BorderStyle.THIN);
                style.setBorderLeft(BorderStyle.THIN);
                style.setBorderRight(BorderStyle.THIN);
            }
            if (format != null) {
                style.setDataFormat(workbook.createDataFormat().getFormat(format));
            }
            return style;
        }
    }
}
