package kz.labour.reporting.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import kz.labour.reporting.LabourReportingApplication;
import kz.labour.reporting.form.Organisation;
import kz.labour.reporting.ops.Command;

/**
 * The README's first command ({@link DemoApplication}): the monthly job on embedded defaults. It starts, on loopback, a
 * PostgreSQL seeded with demo data (source with a SELECT-only reader, and the pipeline's database),
 * an SFTP server standing in for the bureau's (host key pinned in a known_hosts file, key login) and
 * an SMTP server; then runs {@code transmit} for the last complete month exactly as an operator would,
 * and shows where the uploaded files and the received messages are. Files and messages are signed
 * with a key of the demo's own certification authority ({@link DemoSigningKeys}). Everything lives under
 * {@code target/demo}, is made anew on each run and goes with {@code mvn clean}.
 */
public final class DemoRunner {

    /**
     * The demo's submitting organisation: an identity a delivering run accepts, a BIN with a valid control
     * digit (9·1 + 9·2 + 2·4 + 4·5 + 1·9 + 2·10 + 5·11 = 139, mod 11 = 7) and every field filled in.
     */
    static final Organisation IDENTITY = new Organisation("990240001257",
            "Астана қаласы бойынша Мемлекеттік еңбек инспекциясы департаменті", "Астана қ., Мәңгілік Ел даңғылы, 8",
            "+7 7172 74 36 25", "astana@enbek.gov.kz", "Жұмабекова Динара Серікқызы", "Ахметов Ерлан Маратұлы");
    private DemoRunner() {
    }

    public static int run(PrintStream out, PrintStream err) {
        quietServers();
        Path home = Path.of("target", "demo").toAbsolutePath();
        deleteTree(home); // a fresh ledger must not meet last run's files on the SFTP server
        Path outbox = home.resolve("outbox");
        Path mailbox = home.resolve("mail");
        DemoPostgres.Settings settings = DemoPostgres.Settings.defaults(Clock.systemUTC());
        out.println("Starting, on loopback: PostgreSQL with " + settings.months() + " months of demo data from "
                + settings.firstMonth() + ", an SFTP server for the bureau, an SMTP server …");
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try (DemoPostgres postgres = DemoPostgres.start(settings);
             EmbeddedSftpServer sftp = new EmbeddedSftpServer(home.resolve("sftp")).start()) {
            smtp.start();
            createDirectories(sftp.root().resolve("upload")); // the SFTP directory must exist, as at the bureau
            String period = settings.firstMonth().plusMonths(settings.months() - 1L).toString();
            Map<String, Object> properties = new HashMap<>();
            properties.put("source.datasource.url", postgres.source().jdbcUrl());
            properties.put("source.datasource.username", postgres.source().user());
            properties.put("source.datasource.password", postgres.source().password());
            properties.put("pipeline.datasource.url", postgres.pipeline().jdbcUrl());
            properties.put("pipeline.datasource.username", postgres.pipeline().user());
            properties.put("pipeline.datasource.password", postgres.pipeline().password());
            properties.put("reporting.outbox", outbox.toString());
            properties.put("reporting.org.bin", IDENTITY.bin());
            properties.put("reporting.org.name", IDENTITY.name());
            properties.put("reporting.org.address", IDENTITY.address());
            properties.put("reporting.org.phone", IDENTITY.phone());
            properties.put("reporting.org.email", IDENTITY.email());
            properties.put("reporting.org.executor", IDENTITY.executor());
            properties.put("reporting.org.head", IDENTITY.head());
            properties.put("delivery.sftp.host", sftp.host());
            properties.put("delivery.sftp.port", String.valueOf(sftp.port()));
            properties.put("delivery.sftp.user", sftp.user());
            properties.put("delivery.sftp.private-key-file", sftp.clientPrivateKeyFile().toString());
            properties.put("delivery.sftp.known-hosts-file", sftp.knownHostsFile().toString());
            properties.put("delivery.sftp.directory", "upload");
            properties.put("delivery.smtp.host", "127.0.0.1");
            properties.put("delivery.smtp.port", String.valueOf(smtp.getSmtp().getPort()));
            // GreenMail speaks plain SMTP on loopback; a real relay keeps the STARTTLS default
            properties.put("delivery.smtp.starttls", "false");
            properties.put("delivery.mail.from", "labour-reporting@demo.invalid");
            properties.put("delivery.mail.to", "bureau@stat.demo.invalid");
            properties.put("delivery.mail.ops-to", "operators@demo.invalid");
            // the demo's own CA and an organisation key under it, for the demo's BIN: files and mail are signed
            DemoSigningKeys keys = DemoSigningKeys.create(home.resolve("signing"), String.valueOf(properties.get("reporting.org.bin")),
                    String.valueOf(properties.get("reporting.org.name")));
            properties.put("signing.keystore-file", keys.keystore().toString());
            properties.put("signing.keystore-password", keys.password());
            out.println("Transmitting 1-МЕИЖМ and 2-ӨЖ for " + period + " (source read as " + postgres.source().user()
                    + ", SELECT only) …");
            out.println();
            int code = LabourReportingApplication.oneShot(Command.parse("transmit", "--period", period),
                    properties, out, err);
            int messages = save(smtp.getReceivedMessages(), mailbox);
            out.println();
            out.println("Outbox (every version's files):     " + outbox.resolve(period));
            out.println("Uploaded to the bureau's SFTP:      " + sftp.root().resolve("upload"));
            out.println("Messages received by SMTP (" + messages + "):     " + mailbox + "  (open the .eml files)");
            out.println("Signed with a demo key; check a file and a message with the demo's CA, e.g.");
            out.println("  openssl cms -verify -binary -inform DER -in F.p7s -content F -CAfile " + keys.caPem() + " -purpose any -out /dev/null");
            out.println("  openssl smime -verify -in " + mailbox.resolve("01.eml") + " -CAfile " + keys.caPem() + " -purpose any -out /dev/null");
            out.println("Exit code " + code + " (0 = delivered; see README, \"Exit codes\").");
            return code;
        } finally {
            smtp.stop();
        }
    }

    private static int save(MimeMessage[] messages, Path mailbox) {
        try {
            Files.createDirectories(mailbox);
            for (int i = 0; i < messages.length; i++) {
                try (OutputStream file = Files.newOutputStream(mailbox.resolve(String.format("%02d.eml", i + 1)))) {
                    messages[i].writeTo(file);
                }
            }
            return messages.length;
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("cannot save the received messages into " + mailbox + ": " + e.getMessage(), e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }

    /** The embedded servers log every start-up step before Spring's logging is set up; the demo shows outcomes. */
    private static void quietServers() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.WARN);
    }
}
