package kz.labour.reporting.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import kz.labour.reporting.form.Action;
import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.Controls;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.Organisation;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.form.RenderedFile;
import kz.labour.reporting.form.RenderedForm;
import kz.labour.reporting.form.Rendering;
import kz.labour.reporting.quality.Stages;
import kz.labour.reporting.quality.StageResult;
import kz.labour.reporting.quality.ValidationHtml;
import kz.labour.reporting.quality.ValidationReport;
import kz.labour.reporting.signing.Signing;
import kz.labour.reporting.signing.SigningSettings;

/**
 * What signing adds to a month's run, in a JVM of its own started as a one-shot command is (run.sh
 * passes the launcher's flags): reading and checking the key store, ten detached CMS signatures (the
 * .xlsx, .json, .validation.json, .validation.html and manifest of both forms) and two S/MIME messages, each carrying
 * its form's documents as the bureau's e-mail does (not the manifest). The first pass is what a one-shot
 * run pays (class loading included); later passes show the work itself. The forms and messages are
 * made before the clock starts.
 *
 * <p>Usage: {@code SigningBench OUT_DIR ROUNDS} with SIGNING_KEYSTORE_FILE and SIGNING_KEYSTORE_PASSWORD
 * set; appends to OUT_DIR/signing.tsv one line per pass: pass, key-store ms, files ms, mail ms.
 */
public final class SigningBench {

    private SigningBench() {
    }

    public static void main(String[] args) throws IOException, MessagingException {
        Path out = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        ZoneId zone = ZoneId.of("Asia/Almaty");
        Organisation org = new Organisation("000000000000", "Bench", "Астана", "+7 7172 000000", "bench@example.kz", "Bench B.", "Head H.");
        Labels labels = Labels.load();
        RegionCatalogue regions = RegionCatalogue.load();
        OffsetDateTime now = OffsetDateTime.now(zone);
        List<RenderedForm> forms = new ArrayList<>();
        for (FormId form : FormId.values()) {
            FormTable table = FormTable.assemble(labels.form(form), regions, labels.totalRow(), YearMonth.of(2025, 12),
                    Accumulation.MONTH, now, Map.of());
            List<Finding> controls = Controls.check(table);
            ValidationReport.Header header = new ValidationReport.Header(form, table.period(), Accumulation.MONTH, 1, 'N', now);
            List<StageResult> stages = List.of(Stages.source(form, List.of()), Stages.controls(form, controls));
            RenderedFile report = ValidationReport.render(header, table, stages, List.of(), zone);
            RenderedFile html = ValidationHtml.render(header, table, stages, List.of(), zone);
            forms.add(Rendering.render(table, controls, labels, org, 1, Action.NEW, now, zone, report, html));
        }
        List<MimeMessage> messages = new ArrayList<>();
        for (RenderedForm form : forms) {
            messages.add(message(form));
        }
        ReportingSettings reporting = new ReportingSettings(zone.getId(), "MONTH", "2016-01", out.toString(), org);
        SigningSettings settings = new SigningSettings(System.getenv("SIGNING_KEYSTORE_FILE"), System.getenv("SIGNING_KEYSTORE_PASSWORD"),
                null, null, null, null);

        StringBuilder tsv = new StringBuilder();
        for (int pass = 1; pass <= rounds; pass++) {
            long t0 = System.nanoTime();
            Signing signing = new Signing(settings, reporting, Clock.systemUTC()); // a fresh one reads the store, as a run does
            signing.check().orElseThrow();
            long t1 = System.nanoTime();
            int signatures = 0;
            for (RenderedForm form : forms) {
                signatures += signing.sign(form).signatures().size();
            }
            long t2 = System.nanoTime();
            for (MimeMessage message : messages) {
                signing.sign(message);
            }
            long t3 = System.nanoTime();
            if (signatures != 8) {
                throw new IllegalStateException("expected 8 file signatures, made " + signatures);
            }
            tsv.append(String.format(Locale.ROOT, "%d\t%.1f\t%.1f\t%.1f%n", pass, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6));
        }
        Files.writeString(out.resolve("signing.tsv"), tsv, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        System.out.print(tsv);
    }

    /**
     * A message laid out as the delivery's MimeMail lays out the bureau's: a text part and the form's
     * documents as base64 attachments, the manifest left out.
     */
    private static MimeMessage message(RenderedForm form) throws MessagingException {
        MimeMessage message = new MimeMessage((Session) null);
        message.setFrom(new InternetAddress("bench@example.kz"));
        message.setRecipients(MimeMessage.RecipientType.TO, "bureau@example.kz");
        message.setSubject(form.manifestFile().name(), "UTF-8");
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Бенчмарк / Бенчмарк", "UTF-8", "plain");
        mixed.addBodyPart(text);
        for (RenderedFile f : form.files()) {
            if (!f.name().equals(form.manifestFile().name())) {
                MimeBodyPart file = new MimeBodyPart();
                file.setDataHandler(new DataHandler(new ByteArrayDataSource(f.content(), "application/octet-stream")));
                file.setFileName(f.name());
                file.setDisposition(Part.ATTACHMENT);
                file.setHeader("Content-Transfer-Encoding", "base64");
                mixed.addBodyPart(file);
            }
        }
        message.setContent(mixed);
        message.saveChanges();
        return message;
    }
}
