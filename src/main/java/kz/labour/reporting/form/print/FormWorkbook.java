package kz.labour.reporting.form.print;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellAddress;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Formats;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.Organisation;

/**
 * The {@code .xlsx} file: the form as a clerk reads and prints it (docs/forms.md): the annex note, the title and
 * the header block in Kazakh and Russian side by side, numbered column heads in both languages, the total row
 * and the regions, the signature block. Every caption comes from {@link Labels}; the organisation's details
 * from {@link Organisation}.
 *
 * <p>It prints as the paper form: A4 landscape at full size, at most two pages, the column heads repeated
 * on the second, text no smaller than 8 pt, no word broken, the form, period and page in the page footer.
 * Neither POI nor a spreadsheet sizes wrapped or merged cells, so {@link SheetLayout} measures the text and
 * plans every column width and row height; this class writes the plan out. The sheet opens at A1.
 */
public final class FormWorkbook {

    private static final String FONT = "Times New Roman";
    /** The page footer's text size, points. */
    private static final int FOOTER_SIZE = 8;
    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm:ss xxx", Locale.ROOT);
    /** The Kazakh locale's way with numbers (45 979,6), whatever the reader's own settings, in LibreOffice. */
    private static final String NUMBER_LOCALE = "[$-43F]";

    private FormWorkbook() {
    }

    /** The workbook's bytes; the document's created/modified dates are the data cut-off, not the clock. */
    public static byte[] render(FormTable table, Labels labels, Organisation org, OffsetDateTime generatedAt, ZoneId zone) {
        OffsetDateTime asOf = Formats.inZone(table.asOf(), zone);
        SheetLayout.Plan plan = SheetLayout.of(table, labels, org, Formats.inZone(generatedAt, zone));
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFFont standard = workbook.getFontAt(0); // sets the column-width unit: PrintedPage.POINTS_PER_WIDTH_UNIT
            standard.setFontName(FONT);
            standard.setFontHeightInPoints((short) 11);
            XSSFSheet sheet = workbook.createSheet(table.form().index());
            write(plan, sheet, new Styles(workbook));
            printSetup(workbook, sheet, plan, table, labels, asOf);
            properties(workbook, table, asOf);
            workbook.write(out);
            return withEntryTimes(out.toByteArray(), asOf.toLocalDateTime());
        } catch (IOException e) {
            throw new UncheckedIOException("writing a workbook to memory failed", e);
        }
    }

    /**
     * Landscape A4 at full size, the column heads repeated on every page, the form, period and page number in
     * the footer; the sheet opens at A1 with the title in view.
     */
    private static void printSetup(XSSFWorkbook workbook, XSSFSheet sheet, SheetLayout.Plan plan, FormTable table, Labels labels,
                                   OffsetDateTime asOf) {
        PrintSetup print = sheet.getPrintSetup();
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setLandscape(true);
        print.setScale((short) 100);
        sheet.setFitToPage(false);
        sheet.setAutobreaks(true);
        sheet.setHorizontallyCenter(true);
        sheet.setMargin(Sheet.LeftMargin, PrintedPage.SIDE_MARGIN);
        sheet.setMargin(Sheet.RightMargin, PrintedPage.SIDE_MARGIN);
        sheet.setMargin(Sheet.TopMargin, PrintedPage.TOP_MARGIN);
        sheet.setMargin(Sheet.BottomMargin, PrintedPage.BOTTOM_MARGIN);
        sheet.setMargin(Sheet.HeaderMargin, PrintedPage.TOP_MARGIN / 2);
        sheet.setMargin(Sheet.FooterMargin, PrintedPage.FOOTER_MARGIN);
        sheet.setRepeatingRows(new CellRangeAddress(plan.headsFirst(), plan.headsLast(), -1, -1));
        // size first, then the font: a size code followed by the index's digits ("&81-МЕИЖМ") would read as 81 pt
        String font = "&" + FOOTER_SIZE + "&\"" + FONT + ",Regular\"";
        sheet.getFooter().setLeft(font + escape(table.form().index() + " · " + labels.period(table.period(), table.accumulation(), "kk")
                + " / " + labels.period(table.period(), table.accumulation(), "ru")));
        sheet.getFooter().setCenter(font + escape(labels.text("header", "asOf", "kk") + " / " + labels.text("header", "asOf", "ru")
                + ": " + AS_OF.format(asOf)));
        String page = escape(labels.text("footer", "page", "kk") + " / " + labels.text("footer", "page", "ru"));
        sheet.getFooter().setRight(font + page.replace("{pages}", "&N").replace("{page}", "&P"));
        workbook.setPrintArea(0, 0, plan.lastColumn(), 0, plan.lastRow());
        // no frozen panes: the header block is taller than a window, and a pane frozen below it hides the title
        sheet.createFreezePane(0, 0);
        sheet.getCTWorksheet().getSheetViews().getSheetViewArray(0).setTopLeftCell("A1");
        sheet.setActiveCell(new CellAddress(0, 0));
        workbook.setActiveSheet(0);
        workbook.setSelectedTab(0);
    }

    /** A header or footer section takes '&' as the start of a code. */
    private static String escape(String text) {
        return text.replace("&", "&&");
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

    /** Column widths and row heights as planned, then every cell of every row. */
    private static void write(SheetLayout.Plan plan, XSSFSheet sheet, Styles styles) {
        double[] widths = plan.widths();
        for (int c = 0; c < widths.length; c++) {
            sheet.setColumnWidth(c, (int) Math.round(widths[c] / PrintedPage.POINTS_PER_WIDTH_UNIT * 256));
        }
        for (int r = 0; r < plan.lines().size(); r++) {
            sheet.createRow(r).setHeightInPoints((float) plan.lines().get(r).height());
        }
        for (int r = 0; r < plan.lines().size(); r++) {
            for (SheetLayout.Spot spot : plan.lines().get(r).spots()) {
                place(sheet, styles, r, spot);
            }
        }
    }

    /** Merged cells keep only the first cell's value; the others get the style so that frames and wrap apply. */
    private static void place(XSSFSheet sheet, Styles styles, int r, SheetLayout.Spot spot) {
        SheetLayout.Look look = spot.value() instanceof SheetLayout.Text text && text.allBold() ? spot.look().inBold() : spot.look();
        XSSFCellStyle style = styles.style(look);
        for (int row = r; row < r + spot.rows(); row++) {
            for (int c = spot.first(); c <= spot.last(); c++) {
                sheet.getRow(row).createCell(c).setCellStyle(style);
            }
        }
        Cell cell = sheet.getRow(r).getCell(spot.first());
        if (spot.value() instanceof BigDecimal number) {
            cell.setCellValue(number.doubleValue());
        } else if (spot.value() instanceof SheetLayout.Text text) {
            if (text.partlyBold()) {
                XSSFRichTextString rich = new XSSFRichTextString(text.text());
                rich.applyFont(0, text.text().length(), styles.font(look.size(), look.bold()));
                rich.applyFont(text.boldFrom(), text.boldTo(), styles.font(look.size(), true));
                cell.setCellValue(rich);
            } else {
                cell.setCellValue(text.text());
            }
        }
        if (spot.first() < spot.last() || spot.rows() > 1) {
            sheet.addMergedRegion(new CellRangeAddress(r, r + spot.rows() - 1, spot.first(), spot.last()));
        }
    }

    /** The cell styles and fonts a form uses, each made once (a workbook holds at most 64000 styles). */
    private static final class Styles {
        private final XSSFWorkbook workbook;
        private final Map<SheetLayout.Look, XSSFCellStyle> styles = new HashMap<>();
        private final Map<String, XSSFFont> fonts = new HashMap<>();

        Styles(XSSFWorkbook workbook) {
            this.workbook = workbook;
        }

        XSSFFont font(int size, boolean bold) {
            return fonts.computeIfAbsent(size + (bold ? "b" : ""), k -> {
                XSSFFont font = workbook.createFont();
                font.setFontName(FONT);
                font.setFontHeightInPoints((short) size);
                font.setBold(bold);
                return font;
            });
        }

        XSSFCellStyle style(SheetLayout.Look look) {
            XSSFCellStyle style = styles.get(look);
            if (style == null) {
                style = workbook.createCellStyle();
                style.setFont(font(look.size(), look.bold()));
                style.setWrapText(true);
                style.setAlignment(switch (look.align()) {
                    case LEFT -> HorizontalAlignment.LEFT;
                    case CENTER -> HorizontalAlignment.CENTER;
                    case RIGHT -> HorizontalAlignment.RIGHT;
                });
                style.setVerticalAlignment(switch (look.frame()) {
                    case NONE -> VerticalAlignment.TOP;
                    case BOX -> VerticalAlignment.CENTER;
                    case LINE_BELOW, ON_LINE -> VerticalAlignment.BOTTOM;
                });
                if (look.upright()) {
                    style.setRotation((short) 90);
                }
                if (look.frame() == SheetLayout.Frame.BOX) {
                    style.setBorderTop(BorderStyle.THIN);
                    style.setBorderLeft(BorderStyle.THIN);
                    style.setBorderRight(BorderStyle.THIN);
                }
                if (look.frame() == SheetLayout.Frame.BOX || look.frame() == SheetLayout.Frame.LINE_BELOW) {
                    style.setBorderBottom(BorderStyle.THIN);
                }
                if (look.scale() != null) {
                    style.setDataFormat(workbook.createDataFormat().getFormat(NUMBER_LOCALE + ColumnWidths.pattern(look.scale())));
                }
                styles.put(look, style);
            }
            return style;
        }
    }
}
