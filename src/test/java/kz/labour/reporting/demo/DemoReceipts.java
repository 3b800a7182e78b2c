package kz.labour.reporting.demo;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.internet.MimeMessage;
import kz.labour.reporting.LabourReportingApplication;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.receipts.BureauStatus;
import kz.labour.reporting.receipts.Receipt;
import kz.labour.reporting.receipts.ReceiptBook;

/**
 * The demo's second half: the bureau answers (its stand-in, {@link DemoBureau}: an acknowledgement
 * file per version on its SFTP server, a disposition notification per e-mail into the pipeline's
 * mailbox), and the service's receipt consumers read both, until every form has the bureau's verdict.
 */
final class DemoReceipts {

    static final String PIPELINE_MAILBOX = "labour-reporting@demo.invalid";
    static final String BUREAU_MAILBOX = "bureau@stat.demo.invalid";
    private static final Duration AT_MOST = Duration.ofSeconds(60);

    private DemoReceipts() {
    }

    static void closeTheLoop(Map<String, Object> delivered, GreenMail mail, Path sftpRoot, String period, boolean rejectOzh,
            java.io.PrintStream out) {
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        GreenMailUser pipeline = mail.setUser(PIPELINE_MAILBOX, PIPELINE_MAILBOX, password);
        out.println();
        out.println("The bureau answers" + (rejectOzh ? " (rejecting 2-ӨЖ, as asked)" : "") + ":");
        for (String answer : DemoBureau.acknowledge(sftpRoot.resolve("upload"), sftpRoot.resolve("receipts"), rejectOzh)) {
            out.println("  acknowledgement file " + answer);
        }
        for (MimeMessage received : mail.getReceivedMessagesForDomain("stat.demo.invalid")) {
            pipeline.deliver(DemoBureau.displayed(received, BUREAU_MAILBOX));
        }
        out.println("  a disposition notification (\"displayed\") for each e-mail, into " + PIPELINE_MAILBOX);
        out.println("Reading the receipts as the service does (acknowledgement files over SFTP, the mailbox over IMAP) …");

        Map<String, Object> p = new LinkedHashMap<>(delivered);
        p.put("receipts.sftp.directory", "receipts");
        p.put("receipts.sftp.poll-delay", 500);
        p.put("receipts.imap.host", "127.0.0.1");
        p.put("receipts.imap.port", mail.getImap().getPort());
        p.put("receipts.imap.user", PIPELINE_MAILBOX);
        p.put("receipts.imap.password", password);
        // GreenMail speaks plain IMAP on loopback; a real mailbox keeps the ssl default
        p.put("receipts.imap.security", "none");
        p.put("receipts.imap.poll-delay", 500);
        // the service's schedule runs, but its start-up catch-up is not the demo's business
        p.put("reporting.schedule.catch-up-at-startup", false);
        p.put("spring.main.web-application-type", "none");
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(LabourReportingApplication.class)
                .web(WebApplicationType.NONE).run(args)) {
            Ledger ledger = service.getBean(Ledger.class);
            ReceiptBook book = service.getBean(ReceiptBook.class);
            long deadline = System.nanoTime() + AT_MOST.toNanos();
            List<Transmission> versions = List.of();
            while (System.nanoTime() < deadline) {
                versions = List.of(ledger.latest(FormId.MEIZHM, YearMonth.parse(period)).orElseThrow(),
                        ledger.latest(FormId.OZH, YearMonth.parse(period)).orElseThrow());
                if (versions.stream().allMatch(t -> answered(book, t))) {
                    break;
                }
                pause();
            }
            out.println();
            for (Transmission t : versions) {
                List<Receipt> receipts = book.receipts(t);
                out.println("  " + t.form().index() + " " + t.period() + " " + t.version().label() + ": bureau status "
                        + book.bureauStatus(t) + "; receipts: " + receipts.stream().map(r -> r.kind() + " " + r.status()).toList());
            }
            boolean accepted = versions.stream().allMatch(t -> book.bureauStatus(t) == BureauStatus.ACCEPTED);
            out.println(accepted ? "Both forms ACCEPTED by the bureau, and their e-mails displayed: the loop is closed."
                    : "Not both forms ACCEPTED: see above (a rejection alerts the operators; the data is corrected and sent with --force).");
        }
    }

    private static boolean answered(ReceiptBook book, Transmission t) {
        BureauStatus status = book.bureauStatus(t);
        return status != BureauStatus.NONE && status != BureauStatus.RECEIVED
                && book.receipts(t).stream().anyMatch(r -> r.kind() == kz.labour.reporting.receipts.ReceiptKind.MDN);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the receipts", e);
        }
    }
}
