package kz.labour.reporting.form.print;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import kz.labour.reporting.form.ColumnDef;
import kz.labour.reporting.form.FormDefinition;
import kz.labour.reporting.form.FormRow;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Formats;
import kz.labour.reporting.form.Labels;

/**
 * A form's column widths in points, at one text size: the region column as wide as the longest name, the
 * numeric columns sharing the rest of the page. When a head has a word too long for an even share (the
 * sixteen numeric columns of 1-МЕИЖМ), the heads stand upright: the head row is as low as lets every column
 * take the width its head then needs, never narrower than its widest number, and the columns share what is left.
 *
 * @param upright    whether the numeric columns' heads run upright
 * @param headHeight the head row's height when they do, points
 */
record ColumnWidths(double[] widths, boolean upright, double headHeight) {

    private static final DecimalFormatSymbols KAZAKH_NUMBERS;

    static {
        KAZAKH_NUMBERS = new DecimalFormatSymbols(Locale.ROOT);
        KAZAKH_NUMBERS.setGroupingSeparator(' ');
        KAZAKH_NUMBERS.setDecimalSeparator(',');
    }

    ColumnWidths {
        widths = widths.clone();
    }

    @Override
    public double[] widths() {
        return widths.clone();
    }

    /**
     * Per column, the width of its widest number as printed, bold as in the total row, for text of 1 pt
     * (widths grow in proportion to the size).
     */
    static double[] widestNumbers(FormTable table) {
        double[] widest = new double[table.definition().columns().size()];
        for (ColumnDef c : table.definition().numericColumns()) {
            DecimalFormat format = new DecimalFormat(pattern(c.scale()), KAZAKH_NUMBERS);
            for (FormRow row : table.rows()) {
                widest[c.number() - 1] = Math.max(widest[c.number() - 1],
                        TextWidths.width(format.format(Formats.printed(row, c)), 1, true));
            }
        }
        return widest;
    }

    /**
     * The widths at this text size; none when the heads cannot fit the page's width at it.
     *
     * @param widestNumbers from {@link #widestNumbers}
     */
    static Optional<ColumnWidths> fit(FormTable table, Labels labels, int size, double[] widestNumbers) {
        FormDefinition form = table.definition();
        int n = form.columns().size();
        double[] widths = new double[n];
        double region = 0;
        for (FormRow row : table.rows()) {
            region = Math.max(region, TextWidths.width(row.kk(), size, row.total()));
            region = Math.max(region, TextWidths.width(row.ru(), size, row.total()));
        }
        widths[0] = region / PrintedPage.FIT + PrintedPage.CELL_PADDING + 1; // a point to spare: no name wraps on a rounding
        double rest = PrintedPage.usableWidth() - widths[0];
        List<ColumnDef> numeric = form.numericColumns();
        double[] least = new double[n];
        for (ColumnDef c : numeric) {
            least[c.number() - 1] = widestNumbers[c.number() - 1] * size / PrintedPage.FIT + PrintedPage.CELL_PADDING;
        }
        String[] heads = new String[n];
        numeric.forEach(c -> heads[c.number() - 1] = head(c, labels));
        double even = rest / numeric.size();
        boolean across = Arrays.stream(least).allMatch(l -> l <= even);
        for (ColumnDef c : numeric) {
            across &= TextWidths.widestWord(heads[c.number() - 1], size, false) <= PrintedPage.lineWidth(even);
        }
        if (across) {
            Arrays.fill(widths, 1, n, even);
            return Optional.of(new ColumnWidths(widths, false, 0));
        }
        // upright: the lowest head row, in whole points, at which the columns fit the page's width
        int low = (int) Math.ceil(4 * PrintedPage.lineHeight(size));
        int high = (int) PrintedPage.usableHeight() / 2;
        double[] fitted = upright(numeric, heads, size, high, least);
        if (fitted == null || Arrays.stream(fitted).sum() > rest) {
            return Optional.empty();
        }
        while (low < high) {
            int mid = (low + high) / 2;
            double[] tried = upright(numeric, heads, size, mid, least);
            if (tried != null && Arrays.stream(tried).sum() <= rest) {
                high = mid;
                fitted = tried;
            } else {
                low = mid + 1;
            }
        }
        double share = (rest - Arrays.stream(fitted).sum()) / numeric.size();
        for (int c = 1; c < n; c++) {
            widths[c] = fitted[c] + share;
        }
        return Optional.of(new ColumnWidths(widths, true, high));
    }

    /**
     * Each numeric column's width when its head runs upright in a row so high: as many lines across as the
     * head wraps into, and never narrower than its widest number. Null when a word of a head is longer than
     * the row is high.
     */
    private static double[] upright(List<ColumnDef> numeric, String[] heads, int size, int headHeight, double[] least) {
        double[] widths = new double[least.length];
        for (ColumnDef c : numeric) {
            int lines = TextWidths.lines(heads[c.number() - 1], size, (headHeight - PrintedPage.CELL_PADDING) * PrintedPage.UPRIGHT_FIT,
                    false);
            if (lines == Integer.MAX_VALUE) {
                return null;
            }
            widths[c.number() - 1] = Math.max(least[c.number() - 1],
                    (lines * PrintedPage.lineHeight(size) + PrintedPage.CELL_PADDING) / PrintedPage.FIT);
        }
        return widths;
    }

    /**
     * A column's head, Kazakh over Russian, each with its unit in brackets as the seed prints it, unless the
     * head already names it ("Әкімшілік айыппұлдардың сомасы (мың теңге)").
     */
    static String head(ColumnDef c, Labels labels) {
        return withUnit(c.kk(), labels.unit(c, "kk")) + "\n" + withUnit(c.ru(), labels.unit(c, "ru"));
    }

    private static String withUnit(String head, String unit) {
        return unit.isEmpty() || head.contains("(" + unit + ")") ? head : head + " (" + unit + ")";
    }

    /** "#,##0.0": thousands grouped, so many decimals; the Kazakh locale prints 45 979,6. */
    static String pattern(int scale) {
        return "#,##0" + (scale > 0 ? "." + "0".repeat(scale) : "");
    }
}
