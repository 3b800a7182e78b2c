package kz.labour.reporting.form.print;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import kz.labour.reporting.form.ColumnDef;
import kz.labour.reporting.form.ColumnGroup;
import kz.labour.reporting.form.FormDefinition;
import kz.labour.reporting.form.FormRow;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Formats;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.Organisation;

/**
 * What the printed form holds, row by row, and how high each row is: the title with the annex note beside
 * it, the header lines in Kazakh beside Russian, the column heads, the total row and the regions, the
 * signature block. Pure: {@link FormWorkbook} writes it out. It takes the largest text sizes at which the
 * form fits two pages of A4 landscape with no word broken ({@link #of}).
 */
final class SheetLayout {

    /**
     * Text sizes tried, the table's then the header's and footer's, largest first; the form takes the first at
     * which it fits.
     */
    private static final int[][] SIZES = {{10, 10}, {10, 9}, {9, 9}, {9, 8}, {8, 8}};
    /** Room above and below the text in a table row, points. */
    private static final double ROW_PADDING = 2;
    /** Room above and below a line of the header or footer, points: they read as running text. */
    private static final double TEXT_PADDING = 1;
    /** Share of the width the annex note takes at the top right, as on the seed's page. */
    private static final double ANNEX_SHARE = 0.36;
    /** A blank to sign on, drawn shorter than its cell so that it stands apart from the name's. */
    static final String SIGNATURE_LINE = "______________________";

    /** A cell's text, with one stretch printed bold: the value filled into a printed sentence. */
    record Text(String text, int boldFrom, int boldTo) {

        static Text plain(String text) {
            return new Text(text, 0, 0);
        }

        static Text bold(String text) {
            return new Text(text, 0, text.length());
        }

        /** The template with {@code {key}} replaced by the value, the value bold: "БСН: {bin}". */
        static Text filled(String template, String key, String value) {
            int at = template.indexOf("{" + key + "}");
            if (at < 0) {
                throw new IllegalArgumentException(Labels.RESOURCE + ": '" + template + "' has no {" + key + "}");
            }
            return new Text(template.substring(0, at) + value + template.substring(at + key.length() + 2), at, at + value.length());
        }

        boolean allBold() {
            return boldFrom == 0 && boldTo == text.length() && !text.isEmpty();
        }

        boolean partlyBold() {
            return boldTo > boldFrom && !allBold();
        }

        /** Lines the text wraps into, {@link Integer#MAX_VALUE} when a word is longer than the line. */
        int lines(int size, double lineWidth) {
            return TextWidths.lines(text, size, lineWidth, boldFrom, boldTo);
        }
    }

    enum Align { LEFT, CENTER, RIGHT }

    /**
     * How a cell is framed: not at all (text from the top), boxed as a table cell (centred), underlined as a
     * blank to write on, or not at all but set at the foot of the cell, level with such a blank.
     */
    enum Frame { NONE, BOX, LINE_BELOW, ON_LINE }

    /** How a cell looks; the workbook makes one cell style per distinct look. */
    record Look(int size, boolean bold, Align align, Frame frame, boolean upright, Integer scale) {

        static Look text(int size, Align align) {
            return new Look(size, false, align, Frame.NONE, false, null);
        }

        static Look table(int size, boolean bold, Align align) {
            return new Look(size, bold, align, Frame.BOX, false, null);
        }

        static Look number(int size, boolean bold, int scale) {
            return new Look(size, bold, Align.RIGHT, Frame.BOX, false, scale);
        }

        Look framed(Frame f) {
            return new Look(size, bold, align, f, upright, scale);
        }

        Look inBold() {
            return new Look(size, true, align, frame, upright, scale);
        }

        Look turnedUpright() {
            return new Look(size, bold, align, frame, true, scale);
        }
    }

    /** A cell, or a merged range over columns first..last and {@code rows} rows down; its value a Text or a number. */
    record Spot(int first, int last, int rows, Object value, Look look) {
    }

    record Line(double height, List<Spot> spots) {
    }

    /**
     * The rows top to bottom, the column widths in points, which rows are the column heads (repeated on
     * every page), and whether some word had to be broken.
     */
    record Plan(double[] widths, List<Line> lines, int headsFirst, int headsLast, boolean wordBroken) {

        int lastColumn() {
            return widths.length - 1;
        }

        int lastRow() {
            return lines.size() - 1;
        }

        /** Whether the form prints as it should: every word whole, on no more pages than allowed. */
        boolean fits() {
            return !wordBroken && pages() <= PrintedPage.MAX_PAGES;
        }

        /** Pages the form prints on: rows are never split, and the heads repeat at the top of every page. */
        int pages() {
            double room = PrintedPage.usableHeight();
            double heads = 0;
            for (int r = headsFirst; r <= headsLast; r++) {
                heads += lines.get(r).height();
            }
            int pages = 1;
            double used = 0;
            for (int r = 0; r < lines.size(); r++) {
                double height = lines.get(r).height();
                if (used > 0 && used + height > room) {
                    pages++;
                    used = r > headsLast ? heads : 0;
                }
                used += height;
            }
            return pages;
        }
    }

    private final FormTable table;
    private final Labels labels;
    /** The table's text size, and the header's and footer's. */
    private final int size;
    private final int textSize;
    private final ColumnWidths columns;
    private final double[] widths;
    private final List<Line> lines = new ArrayList<>();
    /** Whether some word is wider than its cell, so that the spreadsheet would break it. */
    private boolean wordBroken;

    private SheetLayout(FormTable table, Labels labels, int size, int textSize, ColumnWidths columns) {
        this.table = table;
        this.labels = labels;
        this.size = size;
        this.textSize = textSize;
        this.columns = columns;
        this.widths = columns.widths();
    }

    /**
     * The form laid out at the largest text sizes at which it fits; at the least sizes when none does (it
     * then takes more pages rather than smaller print).
     *
     * @param made when this version is made: the date in the signature block
     */
    static Plan of(FormTable table, Labels labels, Organisation org, OffsetDateTime made) {
        Plan plan = null;
        double[] widestNumbers = ColumnWidths.widestNumbers(table);
        for (int[] sizes : SIZES) {
            Optional<ColumnWidths> columns = ColumnWidths.fit(table, labels, sizes[0], widestNumbers);
            if (columns.isPresent()) {
                plan = at(table, labels, org, made, sizes[0], sizes[1], columns.get());
                if (plan.fits()) {
                    return plan;
                }
            }
        }
        if (plan == null) {
            throw new IllegalStateException(table.form().index() + ": the column heads do not fit A4 landscape even at "
                    + PrintedPage.LEAST_TEXT_SIZE + " pt");
        }
        return plan;
    }

    static Plan at(FormTable table, Labels labels, Organisation org, OffsetDateTime made, int size, int textSize,
                   ColumnWidths columns) {
        SheetLayout layout = new SheetLayout(table, labels, size, textSize, columns);
        layout.header(org);
        layout.gap();
        int headsFirst = layout.lines.size();
        layout.heads();
        int headsLast = layout.lines.size() - 1;
        layout.body();
        layout.gap();
        layout.footer(org, made);
        return new Plan(columns.widths(), List.copyOf(layout.lines), headsFirst, headsLast, layout.wordBroken);
    }

    private int last() {
        return widths.length - 1;
    }

    private double width(int first, int last) {
        double sum = 0;
        for (int c = first; c <= last; c++) {
            sum += widths[c];
        }
        return sum;
    }

    /** Lines of text in a cell spanning the columns; a word too long for them marks the layout unusable. */
    private int lines(Text text, int points, int first, int last) {
        int lines = text.lines(points, PrintedPage.lineWidth(width(first, last)));
        if (lines == Integer.MAX_VALUE) {
            wordBroken = true;
            return 1;
        }
        return lines;
    }

    /** A row's height for so many lines of text, in quarter points as spreadsheets keep them. */
    private static double height(int lines, int points, double padding) {
        return Math.ceil((lines * PrintedPage.lineHeight(points) + padding) * 4) / 4;
    }

    private double tableRow(int lines) {
        return height(lines, size, ROW_PADDING);
    }

    private double textRow(int lines) {
        return height(lines, textSize, TEXT_PADDING);
    }

    /** The column (first+1..last) whose left edge is nearest to the share of the width of columns first..last. */
    private int columnAt(int first, int last, double share) {
        double target = width(first, last) * share;
        int best = first + 1;
        for (int c = first + 2; c <= last; c++) {
            if (Math.abs(width(first, c - 1) - target) < Math.abs(width(first, best - 1) - target)) {
                best = c;
            }
        }
        return best;
    }

    private void add(double height, Spot... spots) {
        lines.add(new Line(height, List.of(spots)));
    }

    private void add(double height, List<Spot> spots) {
        lines.add(new Line(height, List.copyOf(spots)));
    }

    private void gap() {
        add(Math.round(textSize * 0.6));
    }

    /**
     * The title, with the annex note at the top right beside it, then the header lines of the seed in order,
     * Kazakh beside Russian.
     */
    private void header(Organisation org) {
        int annex = columnAt(0, last(), 1 - ANNEX_SHARE);
        String number = labels.annex(table.form());
        Text note = Text.plain(labels.text("header", "annex", "kk").replace("{annex}", number) + "\n"
                + labels.text("header", "annex", "ru").replace("{annex}", number));
        int titleSize = textSize + 2;
        Text title = Text.bold(labels.text("header", "title", "kk") + "\n" + labels.text("header", "title", "ru"));
        add(Math.max(height(lines(title, titleSize, 0, annex - 1), titleSize, TEXT_PADDING), textRow(lines(note, textSize, annex, last()))),
                new Spot(0, annex - 1, 1, title, new Look(titleSize, true, Align.CENTER, Frame.NONE, false, null)),
                new Spot(annex, last(), 1, note, Look.text(textSize, Align.LEFT)));
        gap();
        String url = labels.text("header", "publishedAt", "url");
        List<Text> kk = headerLines(org, url, "kk");
        List<Text> ru = headerLines(org, url, "ru");
        int split = split(kk, ru);
        Look look = Look.text(textSize, Align.LEFT);
        for (int i = 0; i < kk.size(); i++) {
            add(textRow(Math.max(lines(kk.get(i), textSize, 0, split - 1), lines(ru.get(i), textSize, split, last()))),
                    new Spot(0, split - 1, 1, kk.get(i), look), new Spot(split, last(), 1, ru.get(i), look));
        }
    }

    /** The header lines in one language, the values filled in bold. */
    private List<Text> headerLines(Organisation org, String url, String lang) {
        FormDefinition form = table.definition();
        return List.of(
                printed("submittedTo", lang),
                filled("publishedAt", lang, "url", url),
                filled("formName", lang, "name", lang.equals("kk") ? form.kk() : form.ru()),
                filled("index", lang, "index", table.form().index()),
                printed("frequency", lang),
                filled("period", lang, "period", labels.period(table.period(), table.accumulation(), lang)),
                printed("submittedBy", lang),
                printed("deadline", lang),
                Text.filled(labels.text("header", "bin", lang) + ": {bin}", "bin", org.bin()),
                printed("method", lang));
    }

    private Text printed(String field, String lang) {
        return Text.plain(labels.text("header", field, lang));
    }

    private Text filled(String field, String lang, String key, String value) {
        return Text.filled(labels.text("header", field, lang), key, value);
    }

    /** Where Kazakh ends and Russian begins: the column at which the header lines take the least height. */
    private int split(List<Text> kk, List<Text> ru) {
        int split = 1;
        double lowest = Double.MAX_VALUE;
        for (int c = 1; c <= last(); c++) {
            double height = 0;
            for (int i = 0; i < kk.size(); i++) {
                int rows = Math.max(kk.get(i).lines(textSize, PrintedPage.lineWidth(width(0, c - 1))),
                        ru.get(i).lines(textSize, PrintedPage.lineWidth(width(c, last()))));
                height += rows == Integer.MAX_VALUE ? Double.POSITIVE_INFINITY : textRow(rows); // a word too long rules it out
            }
            if (height < lowest) {
                lowest = height;
                split = c;
            }
        }
        return split;
    }

    /**
     * Kazakh over Russian in every head, with its unit as the seed prints it ("Барлығы зардап шеккендер саны
     * (адам)"); a group head («оның ішінде») over its columns with theirs below it; then the column numbers.
     */
    private void heads() {
        FormDefinition form = table.definition();
        List<ColumnGroup> groups = labels.groups(table.form());
        boolean grouped = !groups.isEmpty();
        Look across = Look.table(size, false, Align.CENTER);
        Look head = columns.upright() ? across.turnedUpright() : across;
        List<Spot> top = new ArrayList<>();
        List<Spot> below = new ArrayList<>();
        Text region = Text.plain(form.columns().get(0).kk() + "\n" + form.columns().get(0).ru());
        top.add(new Spot(0, 0, grouped ? 2 : 1, region, across));
        double spanning = tableRow(lines(region, size, 0, 0));
        double topHeight = 0;
        for (ColumnGroup group : groups) {
            Text text = Text.plain(group.kk() + "\n" + group.ru());
            top.add(new Spot(group.first() - 1, group.last() - 1, 1, text, across));
            topHeight = Math.max(topHeight, tableRow(lines(text, size, group.first() - 1, group.last() - 1)));
        }
        double belowHeight = 0;
        for (ColumnDef c : form.numericColumns()) {
            int col = c.number() - 1;
            Text text = Text.plain(ColumnWidths.head(c, labels));
            double needed = columns.upright() ? columns.headHeight() : tableRow(lines(text, size, col, col));
            if (groups.stream().anyMatch(g -> g.contains(c.number()))) {
                below.add(new Spot(col, col, 1, text, head));
                belowHeight = Math.max(belowHeight, needed);
            } else {
                top.add(new Spot(col, col, grouped ? 2 : 1, text, head));
                spanning = Math.max(spanning, needed);
            }
        }
        if (grouped) {
            add(topHeight, top);
            add(Math.max(belowHeight, spanning - topHeight), below);
        } else {
            add(spanning, top);
        }
        List<Spot> numbers = new ArrayList<>();
        for (ColumnDef c : form.columns()) {
            numbers.add(new Spot(c.number() - 1, c.number() - 1, 1, Text.plain(Integer.toString(c.number())),
                    Look.table(size, true, Align.CENTER)));
        }
        add(tableRow(1), numbers);
    }

    /** The total row, then the regions: names in Kazakh over Russian, numbers as the form prints them. */
    private void body() {
        for (FormRow row : table.rows()) {
            List<Spot> spots = new ArrayList<>();
            Text name = Text.plain(row.kk() + "\n" + row.ru());
            spots.add(new Spot(0, 0, 1, name, Look.table(size, row.total(), Align.LEFT)));
            for (ColumnDef c : table.definition().numericColumns()) {
                BigDecimal value = Formats.printed(row, c);
                spots.add(new Spot(c.number() - 1, c.number() - 1, 1, value, Look.number(size, row.total(), c.scale())));
            }
            int rows = row.total() ? TextWidths.lines(name.text(), size, PrintedPage.lineWidth(widths[0]), true)
                    : lines(name, size, 0, 0);
            add(tableRow(rows), spots);
        }
    }

    /**
     * The organisation's name, address, phone and e-mail; the executor (left) and the head (right), each with a
     * blank for the full name and another for the signature, what goes on each under it; the date in words
     * and the place for the seal.
     */
    private void footer(Organisation org, OffsetDateTime made) {
        int split = columnAt(0, last(), 0.5);
        pair(filled(caption("name"), org.name()), filled(caption("address"), org.address()), split);
        pair(filled(caption("phone"), org.phone()), filled(caption("email"), org.email()), split);
        gap();
        pair(Text.plain(caption("executor")), Text.plain(caption("head")), split);
        int leftSign = columnAt(0, split - 1, 0.62);
        int rightSign = columnAt(split, last(), 0.62);
        Look blank = Look.text(textSize, Align.LEFT).inBold().framed(Frame.LINE_BELOW);
        Look signHere = Look.text(textSize, Align.CENTER).framed(Frame.ON_LINE);
        Text executor = Text.bold(org.executor());
        Text head = Text.bold(org.head());
        Text line = Text.plain(SIGNATURE_LINE);
        // a line and a half: room to sign above the blanks
        add(textRow(Math.max(lines(executor, textSize, 0, leftSign - 1), lines(head, textSize, split, rightSign - 1))) + textSize,
                new Spot(0, leftSign - 1, 1, executor, blank), new Spot(leftSign, split - 1, 1, line, signHere),
                new Spot(split, rightSign - 1, 1, head, blank), new Spot(rightSign, last(), 1, line, signHere));
        Look under = Look.text(textSize, Align.CENTER);
        Text fullName = Text.plain(labels.text("footer", "fullName", "kk") + " / " + labels.text("footer", "fullName", "ru"));
        Text signature = Text.plain(labels.text("footer", "signature", "kk") + " / " + labels.text("footer", "signature", "ru"));
        int rows = Math.max(Math.max(lines(fullName, textSize, 0, leftSign - 1), lines(signature, textSize, leftSign, split - 1)),
                Math.max(lines(fullName, textSize, split, rightSign - 1), lines(signature, textSize, rightSign, last())));
        add(textRow(rows), new Spot(0, leftSign - 1, 1, fullName, under), new Spot(leftSign, split - 1, 1, signature, under),
                new Spot(split, rightSign - 1, 1, fullName, under), new Spot(rightSign, last(), 1, signature, under));
        Text date = Text.filled(caption("date") + " {date}", "date",
                labels.date(made.toLocalDate(), "kk") + " / " + labels.date(made.toLocalDate(), "ru"));
        Text seal = Text.plain(labels.text("footer", "seal", "kk") + " / " + labels.text("footer", "seal", "ru"));
        pair(date, seal, split);
    }

    /** "Атауы / Наименование:"; a caption the same in both languages once: "Телефон:". */
    private String caption(String field) {
        String kk = labels.text("footer", field, "kk");
        String ru = labels.text("footer", field, "ru");
        return (kk.equals(ru) ? kk : kk + " / " + ru) + ":";
    }

    private static Text filled(String caption, String value) {
        return Text.filled(caption + " {value}", "value", value);
    }

    /** One text in the left half, another in the right. */
    private void pair(Text left, Text right, int split) {
        Look look = Look.text(textSize, Align.LEFT);
        add(textRow(Math.max(lines(left, textSize, 0, split - 1), lines(right, textSize, split, last()))),
                new Spot(0, split - 1, 1, left, look), new Spot(split, last(), 1, right, look));
    }
}
