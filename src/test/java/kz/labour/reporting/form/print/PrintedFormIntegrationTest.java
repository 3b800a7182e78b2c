package kz.labour.reporting.form.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.labour.reporting.form.Fixtures;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.ColumnDef;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Labels;

/**
 * Both forms, printed as a clerk prints them: rendered to PDF by LibreOffice headless and read back with
 * poppler. Each must come out on at most two pages of A4 landscape, with no text shrunk below 8 pt and
 * every word of the heads and header whole. Needs {@code soffice} (Debian: libreoffice-calc-nogui, with
 * fonts-liberation2 standing in for Times New Roman) and {@code pdfinfo}/{@code pdftotext} (poppler-utils):
 * skipped on a workstation without them, failed on CI ({@code CI=true}).
 */
class PrintedFormIntegrationTest {

    /** pdftotext's box of a word in Times New Roman (Liberation Serif) is 1.3 times the font size high. */
    private static final double BOX_PER_POINT = 1.29;
    private static final Pattern WORD =
            Pattern.compile("<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">(.*?)</word>");

    @TempDir
    static Path dir;

    /** A form and the PDF LibreOffice printed it to. */
    private record Printed(FormTable table, Path pdf) {
    }

    private static final List<Printed> PRINTED = new ArrayList<>();

    @BeforeAll
    static void printBothForms() throws IOException, InterruptedException {
        for (String tool : List.of("soffice", "pdfinfo", "pdftotext")) {
            if (!onPath(tool)) {
                String why = tool + " is not installed (apt-get install libreoffice-calc-nogui poppler-utils fonts-liberation2)";
                if ("true".equals(System.getenv("CI"))) {
                    fail(why);
                }
                Assumptions.abort(why);
            }
        }
        List<String> command = new ArrayList<>(List.of("soffice", "-env:UserInstallation=" + dir.resolve("profile").toUri(),
                "--headless", "--convert-to", "pdf", "--outdir", dir.toString()));
        for (FormTable table : List.of(busyInspections(), busyInjuries())) {
            Path xlsx = dir.resolve(table.form().ascii() + ".xlsx");
            Files.write(xlsx, Fixtures.render(table).xlsx().content());
            command.add(xlsx.toString());
            PRINTED.add(new Printed(table, dir.resolve(table.form().ascii() + ".pdf")));
        }
        run(command);
        for (Printed printed : PRINTED) {
            assertTrue(Files.isRegularFile(printed.pdf()), "LibreOffice printed no " + printed.pdf().getFileName());
        }
    }

    @Test
    void eachFormPrintsOnAtMostTwoPagesOfA4Landscape() throws IOException, InterruptedException {
        for (Printed printed : PRINTED) {
            Path pdf = printed.pdf();
            String info = run(List.of("pdfinfo", pdf.toString()));
            int pages = Integer.parseInt(line(info, "Pages:").trim());
            assertTrue(pages >= 1 && pages <= 2, pdf.getFileName() + " prints on " + pages + " pages");
            Matcher size = Pattern.compile("([\\d.]+) x ([\\d.]+) pts \\(A4\\)").matcher(line(info, "Page size:").trim());
            assertTrue(size.matches(), pdf.getFileName() + " is not on A4: " + line(info, "Page size:"));
            assertTrue(Double.parseDouble(size.group(1)) > Double.parseDouble(size.group(2)), pdf.getFileName() + " is not landscape");
        }
    }

    @Test
    void printsNoTextSmallerThanEightPoints() throws IOException, InterruptedException {
        for (Printed printed : PRINTED) {
            Path pdf = printed.pdf();
            double lowest = Double.MAX_VALUE;
            String lowestWord = "";
            Matcher m = WORD.matcher(run(List.of("pdftotext", "-bbox", pdf.toString(), "-")));
            while (m.find()) {
                // a word of four letters or more is longer than high, upright or across: its height is the font's
                if (unescape(m.group(5)).length() >= 4) {
                    double across = Double.parseDouble(m.group(4)) - Double.parseDouble(m.group(2));
                    double along = Double.parseDouble(m.group(3)) - Double.parseDouble(m.group(1));
                    double high = Math.min(across, along);
                    if (high < lowest) {
                        lowest = high;
                        lowestWord = unescape(m.group(5));
                    }
                }
            }
            assertTrue(lowest >= 8 * BOX_PER_POINT, pdf.getFileName() + ": '" + lowestWord + "' prints at "
                    + lowest / BOX_PER_POINT + " pt");
        }
    }

    @Test
    void breaksNoWordOfTheHeadsOrTheHeader() throws IOException, InterruptedException {
        Labels labels = Fixtures.LABELS;
        for (Printed form : PRINTED) {
            Set<String> words = new HashSet<>();
            Matcher m = WORD.matcher(run(List.of("pdftotext", "-bbox", form.pdf().toString(), "-")));
            while (m.find()) {
                words.add(unescape(m.group(5)));
            }
            List<String> expected = new ArrayList<>();
            for (ColumnDef c : form.table().definition().columns()) {
                expected.addAll(List.of(ColumnWidths.head(c, labels).split("\\s+")));
            }
            for (String field : List.of("submittedTo", "frequency", "submittedBy", "deadline", "method")) {
                for (String lang : List.of("kk", "ru")) {
                    expected.addAll(List.of(labels.text("header", field, lang).split("\\s+")));
                }
            }
            for (String word : expected) {
                // a line may end after a hyphen: "тергеп-" then "тексеру" is not a broken word
                List<String> parts = List.of(word.split("(?<=-)(?=\\p{L})"));
                assertTrue(words.contains(word) || words.containsAll(parts),
                        form.pdf().getFileName() + ": '" + word + "' is not printed whole");
            }
        }
    }

    /**
     * 1-МЕИЖМ of a busy month: every region active, fines in the tens of thousands of tenge (thousands, with a
     * decimal), so the numbers are as wide as the real form's.
     */
    private static FormTable busyInspections() {
        Map<String, Map<Integer, BigDecimal>> byPrefix = new LinkedHashMap<>();
        for (int i = 0; i < Fixtures.REGION_KATO.size(); i++) {
            Map<Integer, BigDecimal> values = new LinkedHashMap<>();
            for (int column = 2; column <= 17; column++) {
                values.put(column, BigDecimal.valueOf(10L * (i + 1) + column));
            }
            values.put(9, new BigDecimal("4597.6").add(BigDecimal.valueOf(i * 1000L)));
            byPrefix.put(Fixtures.REGION_KATO.get(i).substring(0, 2), values);
        }
        return FormTable.assemble(Fixtures.LABELS.form(FormId.MEIZHM), Fixtures.REGIONS, Fixtures.LABELS.totalRow(),
                Fixtures.JUNE_2025, Accumulation.MONTH, Fixtures.AS_OF, byPrefix);
    }

    /** 2-ӨЖ of a busy month: every region with accidents and victims. */
    private static FormTable busyInjuries() {
        Map<String, Map<Integer, BigDecimal>> byPrefix = new LinkedHashMap<>();
        for (int i = 0; i < Fixtures.REGION_KATO.size(); i++) {
            Map<Integer, BigDecimal> values = new LinkedHashMap<>();
            for (int column = 2; column <= 8; column++) {
                values.put(column, BigDecimal.valueOf(i + column));
            }
            byPrefix.put(Fixtures.REGION_KATO.get(i).substring(0, 2), values);
        }
        return FormTable.assemble(Fixtures.LABELS.form(FormId.OZH), Fixtures.REGIONS, Fixtures.LABELS.totalRow(),
                Fixtures.JUNE_2025, Accumulation.YEAR_TO_DATE, Fixtures.AS_OF, byPrefix);
    }

    private static boolean onPath(String tool) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command.get(0) + " took more than 180 s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), command.get(0) + " failed: " + text);
        return text;
    }

    private static String line(String text, String label) {
        return text.lines().filter(l -> l.startsWith(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + label + "' in " + text)).substring(label.length());
    }

    private static String unescape(String xml) {
        return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }
}
