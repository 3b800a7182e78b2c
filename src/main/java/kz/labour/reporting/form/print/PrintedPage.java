package kz.labour.reporting.form.print;

/**
 * The page a form prints on and how the layout measures it: A4 landscape at full size, narrow margins, and
 * the allowances that keep an estimate of printed text on the safe side in LibreOffice and in Excel.
 */
final class PrintedPage {

    /** A4 landscape, points. */
    static final double WIDTH = 841.89;
    static final double HEIGHT = 595.28;
    /** Margins, inches: narrow, as on a printed statistical form; the page footer sits in the bottom one. */
    static final double SIDE_MARGIN = 0.25;
    static final double TOP_MARGIN = 0.3;
    static final double BOTTOM_MARGIN = 0.5;
    static final double FOOTER_MARGIN = 0.2;
    static final int MAX_PAGES = 2;
    /** 8 pt is the least a form may print. */
    static final int LEAST_TEXT_SIZE = 8;
    /**
     * Column widths are counted in the width of a "0" of the workbook's default font, set to Times New Roman
     * 11: 5.5 pt in LibreOffice. Excel rounds that digit to 7 pixels (5.25 pt), so its columns come out a
     * little narrower and the sheet never prints wider there.
     */
    static final double POINTS_PER_WIDTH_UNIT = 5.5;
    /** Text is laid out in this share of a cell's width: Excel's narrower columns, and rendering is not exact. */
    static final double FIT = 0.95;
    /** Upright heads run along the row's height, which both spreadsheets keep in points as given. */
    static final double UPRIGHT_FIT = 0.96;
    /** A cell's inner margins, left and right together (above and below, for upright text), points. */
    static final double CELL_PADDING = 5;
    /** A line of text takes this many times the font size (LibreOffice: 1.10 for Times New Roman). */
    static final double LINE_SPACING = 1.12;
    /** Rows are laid out in this share of a page's height, so that rounding never pushes a row over. */
    static final double FILL = 0.98;

    private PrintedPage() {
    }

    /** The width between the side margins, less a point in a hundred for rounding column widths. */
    static double usableWidth() {
        return (WIDTH - 2 * SIDE_MARGIN * 72) * 0.99;
    }

    /** The height rows may take on one page. */
    static double usableHeight() {
        return (HEIGHT - (TOP_MARGIN + BOTTOM_MARGIN) * 72) * FILL;
    }

    /** The room a line of text has in a cell of the given width. */
    static double lineWidth(double cellWidth) {
        return (cellWidth - CELL_PADDING) * FIT;
    }

    /** The height of a line of text at a size. */
    static double lineHeight(int size) {
        return size * LINE_SPACING;
    }
}
