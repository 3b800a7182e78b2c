package kz.labour.reporting.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.context.ApplicationContext;

import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.Controls;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.form.Rendering;

/**
 * The one-shot training run for class-data sharing (bin/labour-reporting with
 * {@code LABOUR_REPORTING_CDS=train}, at package time): with {@code -Dlabour.cds.training=true} a
 * one-shot command starts the whole context as usual (Camel and its routes included) and then, instead
 * of running, renders an empty form of each kind into a temporary directory and deletes it, so the
 * classes a real run loads after start-up (the spreadsheet library's above all) are in the archive
 * too. No database, server or network is touched, nothing outside the temporary directory is written.
 */
public final class CdsTraining {

    public static final String PROPERTY = "labour.cds.training";

    private CdsTraining() {
    }

    public static boolean requested() {
        return Boolean.getBoolean(PROPERTY);
    }

    public static void exercise(ApplicationContext context) {
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
                Rendering.render(table, Controls.check(table), labels, settings.organisation(), 1, 'N', now, ZoneOffset.UTC)
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
