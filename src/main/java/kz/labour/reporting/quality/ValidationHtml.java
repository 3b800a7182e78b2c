package kz.labour.reporting.quality;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.time.Month;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

import kz.labour.reporting.form.ColumnDef;
import kz.labour.reporting.form.FileNames;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.RenderedFile;
import kz.labour.reporting.form.Severity;

/**
 * The validation report as a person reads it, {@code {stem}.validation.html} beside the
 * {@code .validation.json} and from the same content: the verdict, every finding in order of
 * significance, how much of the national total the flagged cells carry, and for each cell the
 * plausibility rule flagged a small chart of its history with the band its model expected and the
 * flagged value. One self-contained file: the charts are PNG images inside it (JFreeChart, drawn
 * headless), the style is inline, and there is no script and no address outside the file, so it opens
 * the same in any browser, offline, from an e-mail attachment.
 */
public final class ValidationHtml {

    static {
        // charts are drawn on servers without a display
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final int CHART_WIDTH = 560;
    static final int CHART_HEIGHT = 220;
    private static final Color HISTORY = new Color(90, 90, 90);
    private static final Color FLAGGED = new Color(200, 30, 30);
    private static final Color BAND = new Color(40, 120, 200, 50);
    private static final Color EXPECTED = new Color(40, 120, 200);

    private ValidationHtml() {
    }

    /** {@code 2-OZh_2025-06_V0001_N.validation.html}. */
    public static String fileName(FileNames names) {
        return names.stem() + ".validation.html";
    }

    /** The report's HTML; the arguments as {@link ValidationReport#render}. */
    public static RenderedFile render(ValidationReport.Header header, FormTable table, List<StageResult> stages,
                                      List<PeriodFigures> history, ZoneId zone) {
        ValidationReport.Json report = ValidationReport.report(header, table, stages, history, zone);
        return RenderedFile.of(fileName(header.names()), html(report, table, stages, history).getBytes(StandardCharsets.UTF_8));
    }

    static String html(ValidationReport.Json report, FormTable table, List<StageResult> stages, List<PeriodFigures> history) {
        List<Finding> all = stages.stream().flatMap(s -> s.findings().stream()).toList();
        List<Finding> ordered = new ArrayList<>(all.stream().filter(Finding::blocking).toList());
        ordered.addAll(Significance.rank(all.stream().filter(f -> !f.blocking()).toList()));
        long warnings = all.stream().filter(f -> f.severity() == Severity.WARN).count();
        long errors = all.stream().filter(Finding::blocking).count();

        StringBuilder h = new StringBuilder(16_384);
        String title = report.index() + " · " + report.period() + " · V" + String.format(Locale.ROOT, "%04d", report.version())
                + " " + report.action();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Validation report ")
                .append(esc(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<header>\n<h1>Validation report ").append(esc(title)).append("</h1>\n");
        String verdict = switch (report.status()) {
            case PASS -> "PASS: every rule passed";
            case WARN -> "WARN: " + warnings + " finding(s) to look at; none blocks the delivery";
            case ERROR -> "ERROR: " + errors + " blocking finding(s); the version is not delivered";
        };
        h.append("<p class=\"verdict ").append(report.status().name().toLowerCase(Locale.ROOT)).append("\">")
                .append(esc(verdict)).append("</p>\n");
        h.append("<p class=\"meta\">Form ").append(esc(report.form())).append(", ").append(esc(report.accumulation()))
                .append(", cut-off ").append(esc(report.asOf())).append(", rules: ").append(report.counts().get(ValidationReport.Status.PASS))
                .append(" PASS, ").append(report.counts().get(ValidationReport.Status.WARN)).append(" WARN, ")
                .append(report.counts().get(ValidationReport.Status.ERROR)).append(" ERROR")
                .append(report.contentHash() == null ? "" : ", content SHA-256 " + esc(report.contentHash())).append("</p>\n</header>\n");

        h.append("<section>\n<h2>Findings, most significant first</h2>\n");
        if (ordered.isEmpty()) {
            h.append("<p>None.</p>\n");
        } else {
            h.append("<table class=\"findings\">\n<tr><th>#</th><th>rule</th><th>where</th><th>value</th><th>expected (band)</th>"
                    + "<th>probability</th><th>score</th><th>effect on the national total</th><th>model</th></tr>\n");
            int rank = 1;
            for (Finding f : ordered) {
                Map<String, BigDecimal> v = f.values();
                h.append("<tr class=\"").append(f.severity().name().toLowerCase(Locale.ROOT)).append("\"><td>").append(rank++)
                        .append("</td><td>").append(esc(f.rule())).append("</td><td>").append(esc(f.where()))
                        .append("<div class=\"message\">").append(esc(f.message())).append("</div></td><td>")
                        .append(num(v.get("value"))).append("</td><td>").append(num(v.get(Significance.EXPECTED)))
                        .append(v.containsKey(Significance.LOW) ? " (" + num(v.get(Significance.LOW)) + " to "
                                + num(v.get(Significance.HIGH)) + ")" : "")
                        .append("</td><td>").append(probability(v.get(Significance.PROBABILITY))).append("</td><td>")
                        .append(num(v.get(Significance.SCORE))).append("</td><td>").append(effect(v)).append("</td><td>")
                        .append(esc(f.model() == null ? "" : f.model())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        carried(h, table, all);
        h.append("</section>\n");

        List<Finding> charted = ordered.stream()
                .filter(f -> Plausibility.OUTLIER.equals(f.rule()) && f.kato() != null && f.column() != null).toList();
        if (!charted.isEmpty() && table != null) {
            h.append("<section>\n<h2>Flagged cells and their history</h2>\n<p class=\"legend\">Grey: the previous periods as "
                    + "compared (year to date: each month's increment). Shaded: the band of values the cell's model does not "
                    + "find improbable this period; dashed: the expected value. Red: this period's value.</p>\n");
            Series series = series(table, history);
            for (Finding f : charted) {
                ColumnDef column = table.definition().column(f.column());
                h.append("<figure>\n<figcaption>").append(esc(f.where())).append(" «").append(esc(column.ru())).append("»</figcaption>\n")
                        .append("<img width=\"").append(CHART_WIDTH).append("\" height=\"").append(CHART_HEIGHT)
                        .append("\" alt=\"history of ").append(esc(f.where())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(chart(f, series, table.period()))).append("\">\n</figure>\n");
            }
            h.append("</section>\n");
        }

        h.append("<section>\n<h2>Every rule</h2>\n<table class=\"rules\">\n<tr><th>stage</th><th>rule</th><th>severity</th>"
                + "<th>status</th><th>what it checks</th></tr>\n");
        for (ValidationReport.RuleJson r : report.rules()) {
            h.append("<tr class=\"").append(r.status().name().toLowerCase(Locale.ROOT)).append("\"><td>").append(esc(r.stage()))
                    .append("</td><td>").append(esc(r.rule())).append("</td><td>").append(r.severity()).append("</td><td>")
                    .append(r.status()).append("</td><td>").append(esc(r.description())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (!report.notRun().isEmpty()) {
            h.append("<h3>Not run</h3>\n<ul>\n");
            report.notRun().forEach(n -> h.append("<li>").append(esc(n.stage())).append(": ").append(esc(n.rule())).append(": ")
                    .append(esc(n.reason())).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("</section>\n");
        if (!report.history().isEmpty()) {
            h.append("<section>\n<h2>History compared with</h2>\n<p class=\"meta\">");
            List<String> periods = new ArrayList<>();
            report.history().forEach(p -> periods.add(esc(p.form() + " " + p.period() + " "
                    + (p.version() == null ? "built" : "V" + p.version()))));
            h.append(String.join(", ", periods)).append("</p>\n</section>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /**
     * How much of the national total the flagged region cells carry, per column with any: their values
     * against the national total's, and their effects against the expected national figure.
     */
    private static void carried(StringBuilder h, FormTable table, List<Finding> findings) {
        if (table == null) {
            return;
        }
        Map<Integer, List<Finding>> byColumn = new TreeMap<>();
        for (Finding f : findings) {
            if (Plausibility.OUTLIER.equals(f.rule()) && f.column() != null && f.kato() != null
                    && !f.kato().equals(table.total().kato())) {
                byColumn.computeIfAbsent(f.column(), c -> new ArrayList<>()).add(f);
            }
        }
        if (byColumn.isEmpty()) {
            return;
        }
        h.append("<h3>What the flagged cells carry of the national total</h3>\n<table class=\"carried\">\n<tr><th>column</th>"
                + "<th>regions flagged</th><th>their value</th><th>national total</th><th>share of the total</th>"
                + "<th>their effect on it</th></tr>\n");
        byColumn.forEach((column, fs) -> {
            BigDecimal value = fs.stream().map(f -> f.values().get("value")).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal share = fs.stream().map(f -> f.values().get(Significance.SHARE)).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal national = table.total().value(column);
            String ofTotal = national.signum() == 0 ? "–"
                    : value.multiply(BigDecimal.valueOf(100)).divide(national, 1, RoundingMode.HALF_UP).toPlainString() + " %";
            h.append("<tr><td>").append(column).append(" «").append(esc(table.definition().column(column).ru())).append("»</td><td>")
                    .append(fs.size()).append("</td><td>").append(num(value)).append("</td><td>").append(num(national))
                    .append("</td><td>").append(ofTotal).append("</td><td>")
                    .append(Plausibility.signed(share.movePointRight(2).setScale(1, RoundingMode.HALF_UP))).append(" %</td></tr>\n");
        });
        h.append("</table>\n");
    }

    /** The form's own periods compared with, and this one, as monthly figures. */
    private static Series series(FormTable table, List<PeriodFigures> history) {
        Map<YearMonth, PeriodFigures> own = new LinkedHashMap<>();
        for (PeriodFigures p : history) {
            if (p.form() == table.form() && p.accumulation() == table.accumulation()) {
                own.put(p.period(), p);
            }
        }
        return new Series(table.form(), table.accumulation(), own).with(PeriodFigures.of(table, PeriodFigures.Origin.BUILT, null));
    }

    /** A PNG of the cell's history, its band and expected value, and the flagged value. */
    static byte[] chart(Finding f, Series series, YearMonth period) {
        TimeSeries past = new TimeSeries("history");
        for (YearMonth m : series.periods().keySet()) {
            BigDecimal v = m.isBefore(period) ? series.monthly(m, f.kato(), f.column()) : null;
            if (v != null) {
                past.add(month(m), v);
            }
        }
        TimeSeries now = new TimeSeries("this period");
        BigDecimal value = f.values().get("value");
        now.add(month(period), value);
        TimeSeriesCollection data = new TimeSeriesCollection(TimeZone.getTimeZone("UTC"));
        data.addSeries(past);
        data.addSeries(now);

        DateAxis time = new DateAxis();
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM", Locale.ROOT);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        time.setDateFormatOverride(format);
        NumberAxis values = new NumberAxis();
        values.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, true);
        lines.setSeriesPaint(0, HISTORY);
        lines.setSeriesStroke(0, new BasicStroke(1.5f));
        lines.setSeriesPaint(1, FLAGGED);
        lines.setSeriesLinesVisible(1, false);
        lines.setSeriesShape(1, new java.awt.geom.Ellipse2D.Double(-5, -5, 10, 10));
        XYPlot plot = new XYPlot(data, time, values, lines);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        BigDecimal low = f.values().get(Significance.LOW);
        BigDecimal high = f.values().get(Significance.HIGH);
        BigDecimal expected = f.values().get(Significance.EXPECTED);
        double top = past.isEmpty() ? value.doubleValue() : Math.max(value.doubleValue(), past.getMaxY());
        double bottom = past.isEmpty() ? value.doubleValue() : Math.min(value.doubleValue(), past.getMinY());
        if (low != null && high != null) {
            IntervalMarker band = new IntervalMarker(low.doubleValue(), high.doubleValue());
            band.setPaint(BAND);
            plot.addRangeMarker(band, Layer.BACKGROUND);
            top = Math.max(top, high.doubleValue());
            bottom = Math.min(bottom, low.doubleValue());
        }
        if (expected != null) {
            ValueMarker line = new ValueMarker(expected.doubleValue(), EXPECTED,
                    new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
            plot.addRangeMarker(line);
        }
        double margin = Math.max((top - bottom) * 0.08, 1);
        values.setRange(Math.min(0, bottom - margin), top + margin);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        time.setTickLabelFont(font);
        values.setTickLabelFont(font);
        JFreeChart chart = new JFreeChart(null, font, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, CHART_WIDTH, CHART_HEIGHT);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("a chart in memory always encodes", e);
        }
    }

    private static Month month(YearMonth m) {
        return new Month(m.getMonthValue(), m.getYear());
    }

    private static String effect(Map<String, BigDecimal> v) {
        BigDecimal effect = v.get(Significance.EFFECT);
        BigDecimal share = v.get(Significance.SHARE);
        if (effect == null) {
            return "";
        }
        return Plausibility.signed(effect) + (share == null ? ""
                : " (" + Plausibility.signed(share.movePointRight(2).setScale(1, RoundingMode.HALF_UP)) + " %)");
    }

    private static String probability(BigDecimal p) {
        return p == null ? "" : esc(WarnSummary.probability(p));
    }

    private static String num(BigDecimal v) {
        return v == null ? "" : v.toPlainString();
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String STYLE = """
            body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 1.5em; color: #222; }
            h1 { font-size: 1.4em; margin: 0 0 .4em; }
            h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
            h3 { font-size: 1em; }
            .verdict { font-size: 1.2em; font-weight: bold; padding: .4em .7em; display: inline-block; border-radius: 4px; }
            .verdict.pass { background: #e3f4e3; color: #1d6b1d; }
            .verdict.warn { background: #fff1d6; color: #8a5a00; }
            .verdict.error { background: #fbe0e0; color: #a01010; }
            .meta, .legend { color: #555; font-size: .9em; }
            table { border-collapse: collapse; font-size: .9em; }
            th, td { border: 1px solid #ddd; padding: .25em .5em; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; }
            tr.error td { background: #fdf0f0; }
            tr.warn td:first-child { border-left: 3px solid #e0a000; }
            .message { color: #555; font-size: .85em; margin-top: .2em; }
            figure { display: inline-block; margin: .5em 1em 1em 0; }
            figcaption { font-size: .9em; margin-bottom: .2em; }
            """;
}
