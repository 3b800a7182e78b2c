package kz.labour.reporting.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import kz.labour.reporting.LabourReportingApplication;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.RenderedFile;
import kz.labour.reporting.ledger.Origin;
import kz.labour.reporting.transmission.Job;
import kz.labour.reporting.transmission.Mode;
import kz.labour.reporting.transmission.TransmissionService;
import kz.labour.reporting.transmission.TransmitRequest;

/**
 * A signed version of each form delivered to a real OpenSSH server through the pipeline's own route
 * ({@code deliver-sftp}: the remote check, every upload as NAME.part and its rename, the manifest
 * last) against the floor, OpenSSH's {@code sftp -b} putting and renaming the same files in one
 * session; the two in turn, round by round, the server's directory emptied before each. With a delay
 * above 0 both go through a {@link DelayProxy} that adds it to each direction. The server's log
 * (LogLevel VERBOSE) is read for its logins: one per version is the target.
 * <p>
 * Arguments: OUT PERIOD AS_OF ROUNDS DELAY_MS LABEL SERVER_DIR SSHD_LOG KEY KNOWN_HOSTS. The SFTP
 * settings come from the environment as for the application (SFTP_HOST 127.0.0.1, SFTP_PORT the
 * server's port, SFTP_DIRECTORY = SERVER_DIR as the server sees it).
 */
public final class DeliveryBench {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        YearMonth period = YearMonth.parse(args[1]);
        OffsetDateTime asOf = OffsetDateTime.parse(args[2]);
        int rounds = Integer.parseInt(args[3]);
        long delay = Long.parseLong(args[4]);
        String label = args[5];
        Path serverDir = Path.of(args[6]);
        Path sshdLog = Path.of(args[7]);
        Path key = Path.of(args[8]);
        Path knownHosts = Path.of(args[9]);
        int serverPort = Integer.parseInt(System.getenv("SFTP_PORT"));
        String user = System.getenv("SFTP_USER");

        DelayProxy proxy = delay > 0 ? new DelayProxy(serverPort, delay) : null;
        int port = proxy == null ? serverPort : proxy.port();
        if (proxy != null) {
            // the same host key, looked up under the proxy's port
            String line = Files.readAllLines(knownHosts).get(0).replace("]:" + serverPort + " ", "]:" + port + " ");
            Files.writeString(knownHosts, line + "\n", StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.APPEND);
            System.setProperty("SFTP_PORT", Integer.toString(port));
        }
        Path files = out.resolve("delivery-files-" + label);
        Map<String, Object> report = new LinkedHashMap<>();
        List<String> verdicts = new ArrayList<>();
        SpringApplication app = new SpringApplication(LabourReportingApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = app.run("--reporting.schedule.enabled=false",
                "--reporting.outbox=" + out.resolve("outbox-" + label), "--logging.level.kz.labour.reporting=WARN",
                "--delivery.sftp.port=" + port)) {
            ProducerTemplate producer = context.getBean(ProducerTemplate.class);
            TransmissionService transmissions = context.getBean(TransmissionService.class);
            for (FormId form : FormId.values()) {
                Job job = transmissions.transmit(new TransmitRequest(period.toString(), form.ascii(), asOf.toString(),
                        Mode.DRY_RUN, Origin.CLI, "bench")).jobs().get(0);
                if (job.rendered() == null || job.rendered().files().stream().noneMatch(f -> f.name().endsWith(".p7s"))) {
                    throw new IllegalStateException(form + ": no signed version was built (is a signing key configured?)");
                }
                Path dir = Files.createDirectories(files.resolve(form.ascii()));
                StringBuilder batch = new StringBuilder();
                for (RenderedFile f : job.rendered().files()) {
                    Files.write(dir.resolve(f.name()), f.content());
                    batch.append("put ").append(dir.resolve(f.name())).append(' ').append(f.name()).append(".part\n")
                            .append("rename ").append(f.name()).append(".part ").append(f.name()).append('\n');
                }
                Path batchFile = Files.writeString(dir.resolve("batch"), "cd " + System.getenv("SFTP_DIRECTORY") + "\n" + batch);
                List<String> floor = List.of("sftp", "-q", "-b", batchFile.toString(), "-i", key.toString(), "-P",
                        Integer.toString(port), "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes",
                        "-o", "BatchMode=yes", user + "@127.0.0.1");

                List<Double> pipeline = new ArrayList<>();
                List<Double> bare = new ArrayList<>();
                List<Integer> logins = new ArrayList<>();
                for (int round = -1; round < rounds; round++) {
                    empty(serverDir);
                    int before = logins(sshdLog);
                    long t0 = System.nanoTime();
                    Exchange ex = producer.send("direct:deliver-sftp", e -> e.setProperty("job", job));
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (ex.getException() != null) {
                        throw new IllegalStateException(form + ": the pipeline's delivery failed", ex.getException());
                    }
                    check(serverDir, job);
                    empty(serverDir);
                    long t1 = System.nanoTime();
                    Process p = new ProcessBuilder(floor).redirectErrorStream(true).start();
                    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (p.waitFor() != 0) {
                        throw new IllegalStateException(form + ": sftp -b failed: " + said);
                    }
                    double floorMs = (System.nanoTime() - t1) / 1e6;
                    check(serverDir, job);
                    if (round >= 0) {
                        pipeline.add(ms);
                        bare.add(floorMs);
                        // the server logs a login when it accepts it; the floor's own login came after ours
                        logins.add(loginsBetween(sshdLog, before) - 1);
                    }
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("files", job.rendered().files().size());
                r.put("bytes", job.rendered().files().stream().mapToLong(f -> f.content().length).sum());
                r.put("pipelineMs", pipeline);
                r.put("floorMs", bare);
                r.put("pipelineMedianMs", median(pipeline));
                r.put("floorMedianMs", median(bare));
                r.put("loginsPerVersion", logins);
                report.put(form.ascii(), r);
                double limit = 1.3 * median(bare) + 100;
                verdicts.add(String.format("| %s %s: SFTP delivery of a signed version <= 1.3 x sftp -b + 100 ms | %.0f ms vs %.0f ms (limit %.0f) | %s |",
                        label, form.ascii(), median(pipeline), median(bare), limit, median(pipeline) <= limit ? "PASS" : "MISS"));
                verdicts.add(String.format("| %s %s: one SSH login per version | %s | %s |", label, form.ascii(), logins,
                        logins.stream().allMatch(n -> n == 1) ? "PASS" : "MISS"));
                System.err.printf("%s %s: pipeline %.0f ms, sftp -b %.0f ms (medians of %d), logins per version %s%n",
                        label, form.ascii(), median(pipeline), median(bare), rounds, logins);
            }
        } finally {
            if (proxy != null) {
                proxy.close();
            }
        }
        report.put("delayMsEachWay", delay);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("delivery-" + label + ".json").toFile(), report);
        Files.write(out.resolve("delivery-" + label + ".md"), verdicts);
        verdicts.forEach(System.out::println);
        System.exit(verdicts.stream().anyMatch(v -> v.endsWith("| MISS |")) ? 1 : 0);
    }

    private static int loginsBetween(Path log, int before) throws IOException {
        // sshd may write the line a moment after the client has moved on
        for (int i = 0; i < 50; i++) {
            int now = logins(log);
            if (now - before >= 2) {
                return now - before;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return logins(log) - before;
    }

    /** Logins the server accepted so far ("Accepted publickey for ..."). */
    static int logins(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return (int) lines.filter(l -> l.contains("Accepted publickey for ")).count();
        }
    }

    private static void empty(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
    }

    /** Every file of the version arrived under its name with its bytes, nothing else is there. */
    private static void check(Path dir, Job job) throws IOException {
        List<String> there;
        try (Stream<Path> files = Files.list(dir)) {
            there = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> expected = job.rendered().files().stream().map(RenderedFile::name).sorted().toList();
        if (!there.equals(expected)) {
            throw new IllegalStateException("on the server: " + there + ", expected " + expected);
        }
        for (RenderedFile f : job.rendered().files()) {
            if (!java.util.Arrays.equals(Files.readAllBytes(dir.resolve(f.name())), f.content())) {
                throw new IllegalStateException(f.name() + " arrived with other bytes");
            }
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
