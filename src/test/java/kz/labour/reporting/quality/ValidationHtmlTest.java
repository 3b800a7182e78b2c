package kz.labour.reporting.quality;

import static kz.labour.reporting.quality.Tables.ALMATY_CITY;
import static kz.labour.reporting.quality.Tables.KARAGANDA;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.Controls;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.RenderedFile;

/** The HTML report's structure: verdict, findings in score order, a chart per flagged cell, nothing from outside. */
class ValidationHtmlTest {

    static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    static final Pattern IMAGE = Pattern.compile("<img [^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

    /** Karaganda's inspections drop to 0 (expected 9.54) and Almaty city's double (40 to 80). */
    static Tables anomalies() {
        return Tables.of(FormId.MEIZHM)
                .cell(KARAGANDA, 2, PlausibilityTest.then(PlausibilityTest.SEVEN_TO_FOURTEEN, "0"))
                .cell(ALMATY_CITY, 2, PlausibilityTest.twelveTimes("40", "80"));
    }

    static RenderedFile render(Tables t) {
        FormTable table = t.june2025();
        List<StageResult> stages = List.of(Stages.source(FormId.MEIZHM, List.of()),
                Stages.controls(FormId.MEIZHM, Controls.check(table)),
                Plausibility.check(table, t.history(), PlausibilitySettings.defaults()));
        return ValidationHtml.render(ValidationReportTest.header(table), table, stages,
                List.copyOf(t.history().periods().values()), ALMATY);
    }

    @Test
    void theReportShowsTheVerdictTheFindingsInScoreOrderAndAChartOfEachFlaggedCell() throws Exception {
        Tables t = anomalies();
        StageResult plausibility = Plausibility.check(t.june2025(), t.history(), PlausibilitySettings.defaults());
        RenderedFile file = render(t);
        String html = new String(file.content(), StandardCharsets.UTF_8);

        assertThat(file.name()).isEqualTo("1-MEIZhM_2025-06_V0001_N.validation.html");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">").endsWith("</html>\n");
        assertThat(html).contains("<p class=\"verdict warn\">WARN: " + plausibility.findings().size() + " finding(s) to look at");
        // the findings table lists them in the rule's score order
        List<Integer> rows = new ArrayList<>();
        for (var f : plausibility.findings()) {
            rows.add(html.indexOf("<td>" + ValidationHtml.esc(f.where()) + "<div"));
        }
        assertThat(rows).doesNotContain(-1).isSorted();
        assertThat(html).contains("<th>expected (band)</th>", "<th>probability</th>", "<th>score</th>", ">poisson<");
        // one chart per flagged cell, each a PNG the size the page says
        Matcher images = IMAGE.matcher(html);
        int charts = 0;
        while (images.find()) {
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(images.group(1))));
            assertThat(png.getWidth()).isEqualTo(ValidationHtml.CHART_WIDTH);
            assertThat(png.getHeight()).isEqualTo(ValidationHtml.CHART_HEIGHT);
            charts++;
        }
        assertThat(charts).isEqualTo(plausibility.findings().size()).isPositive();
        // what the flagged regions carry of the national total, column 2
        assertThat(html).contains("What the flagged cells carry of the national total");
    }

    @Test
    void theReportNeedsNoScriptAndNoNetwork() {
        String html = new String(render(anomalies()).content(), StandardCharsets.UTF_8);

        assertThat(html.toLowerCase(java.util.Locale.ROOT)).doesNotContain("<script", "javascript:", "http://", "https://",
                "src=\"//", "@import", "url(");
        // every src is inline data
        Matcher sources = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
        while (sources.find()) {
            assertThat(sources.group(1)).startsWith("data:image/png;base64,");
        }
        assertThat(html).doesNotContain("<link");
    }

    @Test
    void aCleanMonthIsAPassWithoutCharts() {
        Tables t = Tables.of(FormId.MEIZHM).cell(KARAGANDA, 2, PlausibilityTest.then(PlausibilityTest.SEVEN_TO_FOURTEEN, "9"));

        String html = new String(render(t).content(), StandardCharsets.UTF_8);

        assertThat(html).contains("<p class=\"verdict pass\">PASS: every rule passed</p>", "<p>None.</p>")
                .doesNotContain("<img", "Flagged cells and their history");
    }

    @Test
    void textFromTheFindingsIsEscaped() {
        assertThat(ValidationHtml.esc("<b>\"a\" & 'b'</b>")).isEqualTo("&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;");
    }
}
