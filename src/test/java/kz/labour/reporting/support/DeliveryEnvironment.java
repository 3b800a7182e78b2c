package kz.labour.reporting.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;
import kz.labour.reporting.LabourReportingApplication;
import kz.labour.reporting.demo.EmbeddedSftpServer;
import kz.labour.reporting.ops.Cli;
import kz.labour.reporting.ops.Command;

/**
 * Everything a delivery test talks to, real and local: the source and pipeline databases
 * ({@link TestPostgres}), an outbox folder, the bureau's SFTP server ({@link EmbeddedSftpServer}: host
 * key, known_hosts, key authentication with a passphrase) and a mail relay (GreenMail). One per test
 * class, registered as the application's settings; the servers can be stopped and started on the
 * same ports to play outages.
 */
public final class DeliveryEnvironment implements AutoCloseable, AfterAllCallback {

    public static final String BUREAU = "stat@bureau.kz";
    public static final String BUREAU_ARCHIVE = "archive@bureau.kz";
    public static final String OPERATOR = "duty@inspection.kz";
    public static final String FROM = "reports@inspection.kz";
    public static final String CUT_OFF = "2025-07-01T06:00:00+05:00";
    /** Characters that break an endpoint URI unless passed RAW. */
    public static final String PASSPHRASE = "pa+ss&wo rd%1";
    public static final String DIRECTORY = "upload";

    public final Path dir;
    public final String source;
    public final String pipeline;
    public final Path outbox;
    public final EmbeddedSftpServer sftp;
    /** The known_hosts file the application reads: a copy of the server's, which a test may spoil. */
    public final Path knownHosts;
    public final GreenMail mail;
    public final int smtpPort;

    public DeliveryEnvironment() {
        try {
            dir = Files.createTempDirectory("delivery-test");
            source = TestPostgres.newSource("/fixtures/june-2025.sql");
            pipeline = TestPostgres.newDatabase("pipeline");
            outbox = Files.createDirectories(dir.resolve("outbox"));
            sftp = new EmbeddedSftpServer(dir.resolve("sftp"), 0, PASSPHRASE).start();
            Files.createDirectories(remoteDir());
            knownHosts = dir.resolve("known_hosts");
            restoreKnownHosts();
            smtpPort = freePort();
            mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The application's settings for this environment; retries are quick (10, 20, 40 ms). */
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("source.datasource.url", source);
        p.put("pipeline.datasource.url", pipeline);
        p.put("reporting.outbox", outbox.toString());
        p.put("delivery.sftp.host", sftp.host());
        p.put("delivery.sftp.port", sftp.port());
        p.put("delivery.sftp.user", sftp.user());
        p.put("delivery.sftp.private-key-file", sftp.clientPrivateKeyFile().toString());
        p.put("delivery.sftp.private-key-passphrase", PASSPHRASE);
        p.put("delivery.sftp.known-hosts-file", knownHosts.toString());
        p.put("delivery.sftp.directory", DIRECTORY);
        p.put("delivery.sftp.connect-timeout", 3000);
        p.put("delivery.sftp.read-timeout", 10000);
        p.put("delivery.smtp.host", "127.0.0.1");
        p.put("delivery.smtp.port", smtpPort);
        p.put("delivery.smtp.starttls", false);
        p.put("delivery.smtp.connect-timeout", 3000);
        p.put("delivery.smtp.read-timeout", 10000);
        p.put("delivery.mail.from", FROM);
        p.put("delivery.mail.to", BUREAU + ", " + BUREAU_ARCHIVE);
        p.put("delivery.mail.ops-to", OPERATOR);
        p.put("delivery.retry.redeliveries", 3);
        p.put("delivery.retry.initial-delay", 10);
        p.put("delivery.retry.multiplier", 2);
        p.put("delivery.retry.max-delay", 40);
        return p;
    }

    public void register(DynamicPropertyRegistry registry) {
        properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /**
     * A second instance of the application on the same databases and servers, as a second JVM
     * would run it: its own Camel context, pools and locks. The caller closes it.
     */
    public ConfigurableApplicationContext secondInstance() {
        return secondInstance(Map.of());
    }

    /** {@link #secondInstance()} with {@code extra} settings (the test's own servers). */
    public ConfigurableApplicationContext secondInstance(Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>(properties());
        p.putAll(extra);
        // what @PipelineTest sets for the test's own context
        p.put("reporting.schedule.enabled", false);
        p.putAll(TestOrganisation.properties());
        p.put("source.datasource.username", "postgres");
        p.put("pipeline.datasource.username", "postgres");
        p.put("camel.main.jmx-enabled", false);
        // The component scan finds FixedClock (test classes are on the class path), so "now" is the test's
        // as command-line properties: default properties would lose to config/application.yml
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(LabourReportingApplication.class).web(WebApplicationType.NONE).run(args);
    }

    /** Both servers up, no mail kept, the genuine known_hosts: the state every test starts from. */
    public void reset() {
        sftp.start();
        if (!mail.isRunning()) {
            mail.start();
        }
        try {
            mail.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
        restoreKnownHosts();
    }

    public void restoreKnownHosts() {
        try {
            Files.copy(sftp.knownHostsFile(), knownHosts, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bureau's upload directory as the SFTP server stores it. */
    public Path remoteDir() {
        return sftp.root().resolve(DIRECTORY);
    }

    /** File names in the bureau's upload directory, sorted. */
    public List<String> remoteFiles() {
        try (Stream<Path> files = Files.list(remoteDir())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Messages in one mailbox, oldest first. */
    public List<MimeMessage> mailsTo(String address) {
        return mail.findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), m -> true).toList();
    }

    /** Runs a one-shot command through the CLI bean, as {@code java -jar … transmit …} would. */
    public static Run run(Cli cli, String... args) {
        return run(cli, Command.parse(args));
    }

    /** A command as the command line would parse it. */
    public static Run run(Cli cli, Command command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = cli.run(command, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code transmit --period P --form F --as-of CUT_OFF [flags]}. */
    public static Run transmit(Cli cli, String period, String form, String... flags) {
        String[] base = {"transmit", "--period", period, "--form", form, "--as-of", CUT_OFF};
        String[] args = Arrays.copyOf(base, base.length + flags.length);
        System.arraycopy(flags, 0, args, base.length, flags.length);
        return run(cli, args);
    }

    /** What a command printed and returned. */
    public record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + out + err;
        }
    }

    /** As a test class's {@code @RegisterExtension} field: the servers stop after the class's last test. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        sftp.stop();
        mail.stop();
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
