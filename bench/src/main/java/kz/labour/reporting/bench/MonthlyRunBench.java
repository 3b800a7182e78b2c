package kz.labour.reporting.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import kz.labour.reporting.LabourReportingApplication;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.RenderedFile;
import kz.labour.reporting.ledger.Origin;
import kz.labour.reporting.source.SourceQueries;
import kz.labour.reporting.source.SqlLibrary;
import kz.labour.reporting.transmission.FormBuilder;
import kz.labour.reporting.transmission.Job;
import kz.labour.reporting.transmission.Mode;
import kz.labour.reporting.transmission.Outcome;
import kz.labour.reporting.transmission.TransmissionService;
import kz.labour.reporting.transmission.TransmitRequest;

/**
 * The whole monthly run against the sum of its floors, side by side in one process, round by round.
 * <p>
 * The run: the request the monthly trigger hands to {@link TransmissionService} (both forms of the
 * period, delivered once), from the call to its return: both forms built from the source with the
 * quality checks reading their delivered history, rendered, signed, recorded, uploaded to a real
 * OpenSSH server in one session per version and mailed (with a DSN and an MDN requested) to a real
 * SMTP server. The floors of the same period, right after it: the aggregation SQL of both forms bare
 * over one JDBC connection with the pipeline pool's session settings (SqlBench's); {@code openssl cms -sign} of each file the version signs, one process a
 * file; OpenSSH's {@code sftp -b} putting and renaming every file of both versions in one session;
 * one {@code curl smtp://} send per form with that form's files attached. Between rounds the period's
 * ledger rows and its delivered history are removed, the server's directory and the outbox emptied,
 * so each round is the month's first delivery again; the history of the earlier months stays.
 * <p>
 * Arguments: OUT PERIOD AS_OF ROUNDS SERVER_DIR KEY KNOWN_HOSTS SIGNER_PEM SIGNER_KEY. SFTP_*,
 * SMTP_*, MAIL_*, SIGNING_* and the databases come from the environment as for the application.
 * Information, not a target: it writes monthly-run.md and monthly-run.json and exits 0 unless a step fails.
 */
public final class MonthlyRunBench {

    private MonthlyRunBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        YearMonth period = YearMonth.parse(args[1]);
        OffsetDateTime asOf = OffsetDateTime.parse(args[2]);
        int rounds = Integer.parseInt(args[3]);
        Path serverDir = Path.of(args[4]);
        Path key = Path.of(args[5]);
        Path knownHosts = Path.of(args[6]);
        Path signerPem = Path.of(args[7]);
        Path signerKey = Path.of(args[8]);
        String user = System.getenv("SFTP_USER");
        String sftpPort = System.getenv("SFTP_PORT");
        String smtp = "smtp://" + System.getenv("SMTP_HOST") + ":" + System.getenv("SMTP_PORT");
        Path outbox = out.resolve("monthly-outbox");
        Path floorDir = out.resolve("monthly-floor");

        SpringApplication app = new SpringApplication(LabourReportingApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        List<Double> pipeline = new ArrayList<>();
        Map<String, List<Double>> floors = new LinkedHashMap<>();
        for (String f : List.of("sql", "sign", "sftp", "smtp", "sum")) {
            floors.put(f, new ArrayList<>());
        }
        List<Double> ratios = new ArrayList<>();
        try (ConfigurableApplicationContext context = app.run("--reporting.schedule.enabled=false",
                "--reporting.accumulation=MONTH", "--reporting.outbox=" + outbox, "--logging.level.kz.labour.reporting=WARN")) {
            TransmissionService transmissions = context.getBean(TransmissionService.class);
            FormBuilder builder = context.getBean(FormBuilder.class);
            SqlLibrary sql = context.getBean(SqlLibrary.class);
            // the earlier months as a deployment that delivered them keeps them
            DeliverHistory.record(context, Accumulation.MONTH, period.minusMonths(36), period.minusMonths(1));
            var env = context.getEnvironment();
            try (Connection ledger = DriverManager.getConnection(env.getRequiredProperty("pipeline.datasource.url"),
                    env.getRequiredProperty("pipeline.datasource.username"), env.getProperty("pipeline.datasource.password", ""));
                 // the pipeline pool's session settings (JIT off, statements planned for their parameters)
                 Connection source = SqlBench.connect(env.getRequiredProperty("source.datasource.url"),
                    env.getRequiredProperty("source.datasource.username"), env.getProperty("source.datasource.password", ""), true)) {
                SourceQueries bare = new SourceQueries(new org.springframework.jdbc.datasource.SingleConnectionDataSource(source, true), sql);
                for (int round = -1; round < rounds; round++) {
                    reset(ledger, period, serverDir, outbox);
                    long t0 = System.nanoTime();
                    List<Job> jobs = transmissions.transmit(new TransmitRequest(period.toString(), null, asOf.toString(),
                            Mode.PLAIN, Origin.SCHEDULE, "bench")).jobs();
                    double runMs = ms(t0);
                    if (jobs.size() != 2 || jobs.stream().anyMatch(j -> j.outcome() != Outcome.DELIVERED)) {
                        throw new IllegalStateException("the monthly run did not deliver both forms: "
                                + jobs.stream().map(j -> j.form() + " " + j.outcome() + " " + j.message()).toList());
                    }
                    List<String> expected = jobs.stream().flatMap(j -> j.rendered().files().stream()).map(RenderedFile::name)
                            .sorted().toList();
                    if (!listing(serverDir).equals(expected)) {
                        throw new IllegalStateException("on the server after the run: " + listing(serverDir) + ", expected " + expected);
                    }

                    // the floors, on the same period and the same files
                    long s = System.nanoTime();
                    for (FormId form : FormId.values()) {
                        Map<String, Object> parameters = builder.sqlParameters(SqlBench.job(form, period, asOf));
                        if (bare.aggregation(form, parameters).isEmpty()) {
                            throw new IllegalStateException(form + ": the bare SQL returned no rows");
                        }
                    }
                    double sqlMs = ms(s);

                    if (Files.exists(floorDir)) {
                        try (Stream<Path> old = Files.walk(floorDir)) {
                            old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                        }
                    }
                    Map<FormId, List<Path>> documents = new LinkedHashMap<>();
                    for (Job job : jobs) {
                        Path dir = Files.createDirectories(floorDir.resolve(job.form().ascii()));
                        List<Path> docs = new ArrayList<>();
                        for (RenderedFile f : job.rendered().files()) {
                            if (!f.name().endsWith(".p7s")) {
                                docs.add(Files.write(dir.resolve(f.name()), f.content()));
                            }
                        }
                        documents.put(job.form(), docs);
                    }
                    long g = System.nanoTime();
                    List<Path> all = new ArrayList<>();
                    for (List<Path> docs : documents.values()) {
                        for (Path doc : docs) {
                            Path sig = doc.resolveSibling(doc.getFileName() + ".p7s");
                            run(List.of("openssl", "cms", "-sign", "-binary", "-in", doc.toString(), "-signer", signerPem.toString(),
                                    "-inkey", signerKey.toString(), "-outform", "DER", "-out", sig.toString()));
                            all.add(doc);
                            all.add(sig);
                        }
                    }
                    double signMs = ms(g);

                    empty(serverDir);
                    StringBuilder batch = new StringBuilder("cd " + System.getenv("SFTP_DIRECTORY") + "\n");
                    for (Path f : all) {
                        String name = f.getFileName().toString();
                        batch.append("put ").append(f).append(' ').append(name).append(".part\n")
                                .append("rename ").append(name).append(".part ").append(name).append('\n');
                    }
                    Path batchFile = Files.writeString(floorDir.resolve("batch"), batch);
                    long p = System.nanoTime();
                    run(List.of("sftp", "-q", "-b", batchFile.toString(), "-i", key.toString(), "-P", sftpPort, "-o",
                            "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
                            user + "@127.0.0.1"));
                    double sftpMs = ms(p);

                    long m = System.nanoTime();
                    for (Map.Entry<FormId, List<Path>> e : documents.entrySet()) {
                        List<String> curl = new ArrayList<>(List.of("curl", "-sS", "--fail", smtp, "--mail-from",
                                System.getenv("MAIL_FROM"), "--mail-rcpt", System.getenv("MAIL_TO"), "-H",
                                "Subject: " + e.getKey().ascii() + " " + period, "-F", "=" + e.getKey().ascii() + ";type=text/plain"));
                        for (Path doc : e.getValue()) {
                            curl.add("-F");
                            curl.add("=@" + doc);
                            curl.add("-F");
                            curl.add("=@" + doc + ".p7s");
                        }
                        run(curl);
                    }
                    double smtpMs = ms(m);
                    double sum = sqlMs + signMs + sftpMs + smtpMs;
                    System.err.printf("round %d: run %.0f ms; floors sql %.0f + sign %.0f + sftp %.0f + smtp %.0f = %.0f ms%n",
                            round, runMs, sqlMs, signMs, sftpMs, smtpMs, sum);
                    if (round >= 0) {
                        pipeline.add(runMs);
                        floors.get("sql").add(sqlMs);
                        floors.get("sign").add(signMs);
                        floors.get("sftp").add(sftpMs);
                        floors.get("smtp").add(smtpMs);
                        floors.get("sum").add(sum);
                        ratios.add(runMs / sum);
                    }
                }
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("period", period.toString());
        report.put("runMs", pipeline);
        report.put("floorMs", floors);
        report.put("ratio", ratios);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("monthly-run.json").toFile(), report);
        String line = String.format("| whole monthly run (both forms built, signed, delivered over SFTP and mailed) vs the sum of its floors"
                        + " (bare SQL, openssl cms -sign, sftp -b, curl smtp://), medians of %d paired rounds"
                        + " | %.0f ms vs %.0f ms (SQL %.0f, sign %.0f, sftp %.0f, SMTP %.0f): %.2f x | INFO |",
                rounds, SqlBench.median(pipeline), SqlBench.median(floors.get("sum")), SqlBench.median(floors.get("sql")),
                SqlBench.median(floors.get("sign")), SqlBench.median(floors.get("sftp")), SqlBench.median(floors.get("smtp")),
                SqlBench.median(ratios));
        Files.writeString(out.resolve("monthly-run.md"), line + "\n");
        System.out.println(line);
        System.exit(0);
    }

    /** The period's first delivery again: its ledger rows and delivered history gone, nothing on the server or in the outbox. */
    private static void reset(Connection ledger, YearMonth period, Path serverDir, Path outbox) throws Exception {
        try (Statement s = ledger.createStatement()) {
            s.execute("TRUNCATE transmission, transmission_event, build_attempt, finding, transmission_lease, overdue, receipt,"
                    + " mail_recipient, receipt_alert CASCADE");
            s.execute("DELETE FROM delivered_cell WHERE delivered_form_id IN (SELECT id FROM delivered_form WHERE period = '"
                    + period + "')");
            s.execute("DELETE FROM delivered_form WHERE period = '" + period + "'");
        }
        empty(serverDir);
        if (Files.exists(outbox)) {
            try (Stream<Path> old = Files.walk(outbox)) {
                old.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(outbox)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command.get(0) + " failed: " + said);
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void empty(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
    }
}
