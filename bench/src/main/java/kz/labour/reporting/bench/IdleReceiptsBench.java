package kz.labour.reporting.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import kz.labour.reporting.demo.EmbeddedSftpServer;
import kz.labour.reporting.support.TestOrganisation;
import kz.labour.reporting.support.TestPostgres;

/**
 * What the receipt consumers cost an idle service. The servers run here (embedded PostgreSQL, the
 * embedded SFTP server, GreenMail SMTP and IMAP); the service runs as in production, in a process of
 * its own started by bin/labour-reporting (no arguments: the service, its schedule on), once without
 * receipt consumers and once with both (RECEIPTS_SFTP_DIRECTORY on the SFTP server, RECEIPTS_IMAP_* on
 * GreenMail, the default poll intervals), in turn for each round. Each run: started until its start-up
 * log says whether acknowledgement files are read, left to settle, then idle for the window; measured
 * from /proc (CPU time used in the window, resident memory and threads at its end) and by jcmd (heap
 * in use after a full collection). Prints one line per run and the medians; with a results file,
 * appends the targets' lines (medians: the consumers' CPU time at most {@link #CPU_SHARE} of one core
 * over the window, the resident memory at most {@link #RSS_RATIO} times the service's without them) and
 * exits 1 when one is missed.
 * With {@code -Didle.nmt=true} the JVMs track their native memory and each run prints what is
 * committed by category (heap, classes, threads, code...): where a difference in RSS comes from.
 * Usage: IdleReceiptsBench JAR [idle seconds, default 120] [rounds, default 2] [settle seconds, default 15] [results.md]
 */
public final class IdleReceiptsBench {

    private static final String PASSWORD = "idle-bench-imap";
    private static final String MAILBOX = "pipeline@inspection.bench";
    private static final long CLOCK_TICKS = 100; // getconf CLK_TCK on Linux
    static final double CPU_SHARE = 0.001;
    static final double RSS_RATIO = 1.10;

    record Sample(String variant, double cpuSeconds, long rssKb, long heapUsedKb, int threads, int sftpSessions) {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        int idle = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int settle = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        Path dir = Files.createTempDirectory("idle-bench");
        String source = TestPostgres.newSource(null);
        String pipeline = TestPostgres.newDatabase("pipeline");
        EmbeddedSftpServer sftp = new EmbeddedSftpServer(dir.resolve("sftp"), 0, "bench-passphrase").start();
        Files.createDirectories(sftp.root().resolve("upload"));
        Files.createDirectories(sftp.root().resolve("acks"));
        GreenMail mail = new GreenMail(new ServerSetup[] {new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mail.setUser(MAILBOX, MAILBOX, PASSWORD);
        Map<String, String> base = new LinkedHashMap<>();
        base.put("SOURCE_DB_URL", source);
        base.put("SOURCE_DB_USER", "postgres");
        base.put("PIPELINE_DB_URL", pipeline);
        base.put("PIPELINE_DB_USER", "postgres");
        base.put("OUTBOX_DIR", dir.resolve("outbox").toString());
        base.put("SFTP_HOST", sftp.host());
        base.put("SFTP_PORT", Integer.toString(sftp.port()));
        base.put("SFTP_USER", sftp.user());
        base.put("SFTP_PRIVATE_KEY_FILE", sftp.clientPrivateKeyFile().toString());
        base.put("SFTP_PRIVATE_KEY_PASSPHRASE", sftp.clientKeyPassphrase());
        base.put("SFTP_KNOWN_HOSTS_FILE", sftp.knownHostsFile().toString());
        base.put("SMTP_HOST", "127.0.0.1");
        base.put("SMTP_PORT", Integer.toString(mail.getSmtp().getPort()));
        base.put("SMTP_STARTTLS", "false");
        base.put("MAIL_FROM", MAILBOX);
        base.put("MAIL_TO", "bureau@stat.bench");
        base.put("OPS_MAIL_TO", "duty@inspection.bench");
        // the service on a free port; the schedule runs, but nothing is due and nothing is caught up
        base.put("SERVER_PORT", "0");
        base.put("REPORTING_SCHEDULE_CATCHUPATSTARTUP", "false");
        TestOrganisation.properties().forEach((k, v) -> base.put(k.replace("reporting.org.", "ORG_").toUpperCase().replace('-', '_'), v));
        Map<String, String> receipts = new LinkedHashMap<>(base);
        receipts.put("RECEIPTS_SFTP_DIRECTORY", "acks");
        receipts.put("RECEIPTS_IMAP_HOST", "127.0.0.1");
        receipts.put("RECEIPTS_IMAP_PORT", Integer.toString(mail.getImap().getPort()));
        receipts.put("RECEIPTS_IMAP_SECURITY", "none");
        receipts.put("RECEIPTS_IMAP_USER", MAILBOX);
        receipts.put("RECEIPTS_IMAP_PASSWORD", PASSWORD);

        List<Sample> samples = new ArrayList<>();
        try {
            for (int round = 1; round <= rounds; round++) {
                for (boolean with : new boolean[] {false, true}) {
                    int sessionsBefore = sftp.sessionsOpened();
                    Sample s = run(jar, with ? receipts : base, with ? "with consumers" : "without", idle, settle, dir);
                    s = new Sample(s.variant(), s.cpuSeconds(), s.rssKb(), s.heapUsedKb(), s.threads(),
                            sftp.sessionsOpened() - sessionsBefore);
                    samples.add(s);
                    System.out.printf("round %d %-15s CPU %.2f s in %d s, RSS %d MB, heap after GC %d MB, %d threads, %d SFTP sessions%n",
                            round, s.variant(), s.cpuSeconds(), idle, s.rssKb() / 1024, s.heapUsedKb() / 1024, s.threads(), s.sftpSessions());
                }
            }
        } finally {
            mail.stop();
            sftp.stop();
        }
        Map<String, double[]> medians = new LinkedHashMap<>();
        for (String variant : List.of("without", "with consumers")) {
            List<Sample> of = samples.stream().filter(s -> s.variant().equals(variant)).toList();
            double[] m = {median(of.stream().mapToDouble(Sample::cpuSeconds).toArray()),
                    median(of.stream().mapToDouble(s -> s.rssKb() / 1024.0).toArray()),
                    median(of.stream().mapToDouble(s -> s.heapUsedKb() / 1024.0).toArray()),
                    median(of.stream().mapToDouble(Sample::threads).toArray()),
                    median(of.stream().mapToDouble(Sample::sftpSessions).toArray())};
            medians.put(variant, m);
            System.out.printf("median %-15s CPU %.2f s in %d s, RSS %d MB, heap after GC %d MB, %d threads, %d SFTP sessions%n", variant,
                    m[0], idle, (long) m[1], (long) m[2], (int) m[3], (int) m[4]);
        }
        double[] without = medians.get("without");
        double[] with = medians.get("with consumers");
        double share = (with[0] - without[0]) / idle;
        boolean cpu = share <= CPU_SHARE;
        boolean rss = with[1] <= RSS_RATIO * without[1];
        if (args.length > 4) {
            String lines = String.format(Locale.ROOT, """
                    | idle service, %d s, median of %d: the receipt consumers' CPU <= %.1f %% of one core | %.2f s vs %.2f s without: %+.3f %% (SFTP logins from start to stop: %d) | %s |
                    | idle service: resident memory with the consumers <= %.2f x without | %d MB vs %d MB (heap after full GC %d vs %d MB, threads %d vs %d) | %s |
                    """, idle, rounds, CPU_SHARE * 100, with[0], without[0], share * 100, (int) with[4], cpu ? "PASS" : "MISS",
                    RSS_RATIO, (long) with[1], (long) without[1], (long) with[2], (long) without[2], (int) with[3], (int) without[3],
                    rss ? "PASS" : "MISS");
            Files.writeString(Path.of(args[4]), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.exit(cpu && rss ? 0 : 1); // exit: the embedded PostgreSQL's threads
    }

    static Sample run(Path jar, Map<String, String> env, String variant, int idle, int settle, Path dir) throws Exception {
        Path launcher = Path.of("bin/labour-reporting").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(launcher.toString()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("LABOUR_REPORTING_JAR", jar.toString());
        pb.environment().remove("JAVA_OPTS");
        if (Boolean.getBoolean("idle.nmt")) {
            // where the resident memory goes, category by category (a few per cent more of it tracked)
            pb.environment().put("JAVA_OPTS", "-XX:NativeMemoryTracking=summary");
        }
        Process service = pb.start();
        CompletableFuture<Void> started = new CompletableFuture<>();
        List<String> log = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (log) {
                        log.add(line);
                    }
                    // logged once the context is up, with or without consumers (ReceiptsConfiguration)
                    if (line.contains("acknowledgement files")) {
                        started.complete(null);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            started.completeExceptionally(new IllegalStateException("the service ended before it started"));
        });
        reader.setDaemon(true);
        reader.start();
        try {
            started.get(300, TimeUnit.SECONDS);
            long pid = service.pid();
            TimeUnit.SECONDS.sleep(settle);
            long cpu0 = cpuTicks(pid);
            TimeUnit.SECONDS.sleep(idle);
            long cpu1 = cpuTicks(pid);
            long rss = status(pid, "VmRSS");
            int threads = (int) status(pid, "Threads");
            if (Boolean.getBoolean("idle.nmt")) {
                System.out.println(variant + ", committed by category:");
                Matcher m = Pattern.compile("(?m)^-\\s*(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)").matcher(jcmd(pid, "VM.native_memory summary"));
                while (m.find()) {
                    System.out.printf("  %-28s %7d KB%n", m.group(1).strip(), Long.parseLong(m.group(2)));
                }
            }
            jcmd(pid, "GC.run");
            long heap = heapUsedKb(jcmd(pid, "GC.heap_info"));
            return new Sample(variant, (cpu1 - cpu0) / (double) CLOCK_TICKS, rss, heap, threads, 0);
        } catch (Exception e) {
            synchronized (log) {
                log.forEach(System.err::println);
            }
            throw e;
        } finally {
            service.destroy();
            if (!service.waitFor(150, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    /** utime + stime of the process, fields 14 and 15 of /proc/PID/stat (after the command's closing parenthesis). */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** A number from /proc/PID/status, such as VmRSS (kB) or Threads. */
    static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).strip().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException(field + " not in /proc/" + pid + "/status");
    }

    static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /** The "used NNNK" figures of GC.heap_info's generations (Serial: def new generation, tenured), summed. */
    static long heapUsedKb(String heapInfo) {
        Matcher m = Pattern.compile("(?m)^ *(def new generation|tenured generation|garbage-first heap|PSYoungGen|ParOldGen)\\s+total \\d+K, used (\\d+)K")
                .matcher(heapInfo);
        long used = 0;
        boolean found = false;
        while (m.find()) {
            used += Long.parseLong(m.group(2));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("no heap figures in: " + heapInfo);
        }
        return used;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
