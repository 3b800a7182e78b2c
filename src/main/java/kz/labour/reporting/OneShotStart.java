package kz.labour.reporting;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ApplicationContext;

import kz.labour.reporting.form.Action;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.Controls;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.form.Rendering;
import kz.labour.reporting.ledger.PipelineDatabase;

/**
 * Every measure that exists only to make a one-shot command ({@code transmit}, {@code status},
 * {@code explain}) start quickly, and nothing else. Why: such a command is a whole JVM start for a job of
 * well under a second, run by cron, by operators and twelve times over for a backfill, so starting is
 * most of what it costs. None of these changes what a command does; docs/deployment.md ("Start-up
 * speed") lists them with the launcher's JVM flags and archives, and BENCHMARKS.md measures them.
 *
 * <ul>
 *   <li>one-time library set-up (Flyway's; for {@code transmit} the spreadsheet library's) on the other
 *       core while the main thread starts the context;</li>
 *   <li>the pipeline schema checked on a background thread as soon as its bean exists (the service
 *       checks it at first use instead, so that it starts while that database is down);</li>
 *   <li>no Camel MBeans (nobody attaches to a process that lives for seconds) and no start-up lines;</li>
 *   <li>the class-data-sharing training run ({@code -Dlabour.cds.training=true}, made by
 *       {@code bin/labour-reporting} at package time): the context starts as usual, then an empty form
 *       of each kind is rendered instead of running the command, so the classes a real run loads after
 *       the start are archived too. It touches no database, server or network.</li>
 * </ul>
 */
final class OneShotStart {

    private static final Logger log = LoggerFactory.getLogger(OneShotStart.class);

    /** The system property that makes a one-shot start a training run for the archive. */
    static final String TRAINING = "labour.cds.training";

    private OneShotStart() {
    }

    static boolean training() {
        return Boolean.getBoolean(TRAINING);
    }

    /** Starts the libraries' one-time set-up on a daemon thread; neither touches a database or a file. */
    static void warmUpLibraries(boolean transmit) {
        Thread warmUp = new Thread(() -> {
            warmUpFlyway();
            if (transmit) {
                warmUpSpreadsheets();
            }
        }, "one-shot-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * Sets Flyway itself up (its plugins and configuration classes, a noticeable part of a one-shot
     * start) without any database, so that PipelineDatabase's constructor finds it done. Failures are
     * ignored: the real set-up reports its own.
     */
    private static void warmUpFlyway() {
        try {
            Flyway.configure().locations(PipelineDatabase.LOCATION).load();
        } catch (RuntimeException e) {
            // nothing to warm
        }
    }

    /**
     * Builds and writes a small throwaway workbook with the same kinds of parts as a form (styles,
     * fonts, rich text, merged cells, print setup), so that the spreadsheet library's one-time set-up
     * (its XML schema types, read from the jar on first use) is done: the first real form then renders
     * in a fraction of the time. Failures are ignored: the real rendering reports its own.
     */
    private static void warmUpSpreadsheets() {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            XSSFSheet sheet = workbook.createSheet("warm-up");
            XSSFFont regular = workbook.createFont();
            regular.setFontName("Times New Roman");
            regular.setFontHeightInPoints((short) 8);
            XSSFFont bold = workbook.createFont();
            bold.setFontName("Times New Roman");
            bold.setFontHeightInPoints((short) 8);
            bold.setBold(true);
            XSSFCellStyle style = workbook.createCellStyle();
            style.setFont(bold);
            style.setWrapText(true);
            style.setAlignment(HorizontalAlignment.CENTER);
            style.setVerticalAlignment(VerticalAlignment.CENTER);
            style.setBorderTop(BorderStyle.THIN);
            style.setBorderBottom(BorderStyle.THIN);
            style.setBorderLeft(BorderStyle.THIN);
            style.setBorderRight(BorderStyle.THIN);
            style.setRotation((short) 90);
            Row row = sheet.createRow(0);
            row.setHeightInPoints(12);
            Cell cell = row.createCell(0);
            XSSFRichTextString text = new XSSFRichTextString("Қазақстан 1");
            text.applyFont(0, 9, regular);
            text.applyFont(9, 11, bold);
            cell.setCellValue(text);
            cell.setCellStyle(style);
            row.createCell(1).setCellValue(1.5);
            sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, 2));
            sheet.setColumnWidth(0, 32 * 256);
            sheet.getPrintSetup().setLandscape(true);
            sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
            sheet.setRepeatingRows(CellRangeAddress.valueOf("1:1"));
            sheet.getFooter().setRight("&P / &N");
            workbook.getProperties().getCoreProperties().setCreator("warm-up");
            workbook.write(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            // nothing to warm
        }
    }

    /** The application for one command, set up for a short start (the settings themselves are the caller's). */
    static SpringApplication application(Class<?> main) {
        SpringApplication app = new SpringApplication(main);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(Map.of(
                "camel.main.jmx-enabled", "false",
                "spring.main.log-startup-info", "false",
                "logging.level.org.springframework.boot.SpringApplication", "off",
                "logging.level.org.apache.camel.spring.boot.SpringBootCamelContext", "error"));
        if (!training()) {
            app.addInitializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof PipelineDatabase pipeline) {
                        checkSchemaInBackground(pipeline);
                    }
                    return bean;
                }
            }));
        }
        return app;
    }

    /** The command needs the schema right after the start; a failure here is left to its first use, which reports it. */
    private static void checkSchemaInBackground(PipelineDatabase pipeline) {
        Thread check = new Thread(() -> {
            try {
                pipeline.ensureMigrated();
            } catch (RuntimeException e) {
                log.debug("early pipeline schema check failed; the first use retries", e);
            }
        }, "pipeline-schema-check");
        check.setDaemon(true);
        check.start();
    }

    /** The training run's work: an empty form of each kind, rendered into a temporary directory and deleted. */
    static void train(ApplicationContext context) {
        Labels labels = context.getBean(Labels.class);
        RegionCatalogue regions = context.getBean(RegionCatalogue.class);
        ReportingSettings settings = context.getBean(ReportingSettings.class);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("labour-reporting-cds-");
            for (FormId form : FormId.values()) {
                FormTable table = FormTable.assemble(labels.form(form), regions, labels.totalRow(), YearMonth.of(2016, 1),
                        Accumulation.MONTH, now, Map.of());
                Rendering.render(table, Controls.check(table), labels, settings.organisation(), 1, Action.NEW, now, ZoneOffset.UTC)
                        .write(dir);
            }
            Class.forName("org.postgresql.Driver");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
