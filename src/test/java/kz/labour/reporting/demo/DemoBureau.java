package kz.labour.reporting.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import kz.labour.reporting.form.Sha256;
import kz.labour.reporting.receipts.ReceiptMessage;
import org.eclipse.angus.mail.dsn.DispositionNotification;
import org.eclipse.angus.mail.dsn.MultipartReport;

/**
 * The bureau's side of the demo: for each version delivered to its SFTP directory it writes an
 * acknowledgement file ({@code {stem}.ack.json}, the format of docs/receipts.md) into its receipts
 * directory, ACCEPTED, or REJECTED with a message for 2-ӨЖ when asked to; and its mail program answers
 * each e-mail it received with a disposition notification ("displayed") to the address that asked
 * for one (Disposition-Notification-To).
 */
final class DemoBureau {

    /** An acknowledgement file as the bureau writes it. */
    @JsonPropertyOrder({"file", "manifestSha256", "status", "receiptId", "receivedAt", "messages"})
    record Ack(String file, String manifestSha256, String status, String receiptId, String receivedAt, List<ReceiptMessage> messages) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DemoBureau() {
    }

    /** One acknowledgement per manifest in {@code upload}, written to {@code receipts}; the stems answered. */
    static List<String> acknowledge(Path upload, Path receipts, boolean rejectOzh) {
        List<String> answered = new ArrayList<>();
        try (Stream<Path> files = Files.list(upload)) {
            List<Path> manifests = files.filter(f -> f.getFileName().toString().endsWith(".manifest.json")).sorted().toList();
            Files.createDirectories(receipts);
            int n = 0;
            for (Path manifest : manifests) {
                String stem = manifest.getFileName().toString().replace(".manifest.json", "");
                boolean reject = rejectOzh && stem.startsWith("2-OZh");
                List<ReceiptMessage> messages = reject
                        ? List.of(new ReceiptMessage("K-17", "ERROR", "Графа 3 меньше суммы граф 4 и 5 / column 3 is below columns 4 and 5",
                                "710000000", 3))
                        : List.of();
                Ack ack = new Ack(stem, Sha256.hex(Files.readAllBytes(manifest)), reject ? "REJECTED" : "ACCEPTED",
                        "NSB-DEMO-" + String.format("%06d", ++n), OffsetDateTime.now(ZoneOffset.ofHours(5)).withNano(0).toString(),
                        messages);
                // written under a temporary name and renamed, as an SFTP client of the bureau would
                Path part = receipts.resolve(stem + ".ack.json.part");
                JSON.writeValue(part.toFile(), ack);
                Files.move(part, receipts.resolve(stem + ".ack.json"));
                answered.add(stem + " " + ack.status());
            }
            return answered;
        } catch (IOException e) {
            throw new UncheckedIOException("the demo bureau cannot acknowledge the files in " + upload, e);
        }
    }

    /** The disposition notification ("displayed") the bureau's mail program sends for {@code received}. */
    static MimeMessage displayed(MimeMessage received, String reader) {
        try {
            String answerTo = received.getHeader("Disposition-Notification-To", null);
            InternetHeaders fields = new InternetHeaders();
            fields.addHeader("Reporting-UA", "stat.demo.invalid; demo bureau mail program");
            fields.addHeader("Original-Recipient", "rfc822;" + reader);
            fields.addHeader("Final-Recipient", "rfc822;" + reader);
            fields.addHeader("Original-Message-ID", received.getMessageID());
            fields.addHeader("Disposition", "automatic-action/MDN-sent-automatically; displayed");
            DispositionNotification notification = new DispositionNotification();
            notification.setNotifications(fields);
            MultipartReport report = new MultipartReport("The message was displayed on the bureau's screen.", notification);
            MimeMessage mdn = new MimeMessage(Session.getInstance(new Properties()));
            mdn.setFrom(new InternetAddress(reader));
            mdn.setRecipients(MimeMessage.RecipientType.TO, answerTo);
            mdn.setSubject("Displayed: " + received.getSubject(), "UTF-8");
            mdn.setHeader("In-Reply-To", received.getMessageID());
            mdn.setContent(report);
            mdn.saveChanges();
            return mdn;
        } catch (MessagingException e) {
            throw new IllegalStateException("the demo bureau cannot answer «" + e.getMessage() + "»", e);
        }
    }
}
