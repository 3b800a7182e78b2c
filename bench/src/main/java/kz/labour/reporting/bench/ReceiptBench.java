package kz.labour.reporting.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.zaxxer.hikari.HikariDataSource;

import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.form.Action;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FileNames;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Sha256;
import kz.labour.reporting.form.Version;
import kz.labour.reporting.ledger.Build;
import kz.labour.reporting.ledger.Channel;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.PipelineDatabase;
import kz.labour.reporting.ledger.Requester;
import kz.labour.reporting.ledger.Status;
import kz.labour.reporting.ledger.StoredFile;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.ledger.Origin;
import kz.labour.reporting.receipts.IncomingReceipt;
import kz.labour.reporting.receipts.ReceiptBook;
import kz.labour.reporting.receipts.ReceiptKind;
import kz.labour.reporting.receipts.Verification;
import kz.labour.reporting.support.TestPostgres;

/**
 * What recording one receipt costs: {@link ReceiptBook#record} of acknowledgements for N delivered
 * versions (the raw bytes written to the outbox, the match, the status change, the event, one
 * transaction), through a pool as the application has it, on an embedded PostgreSQL; then the same
 * receipts again (duplicates). Prints median, 95th percentile and maximum per round; with a results
 * file, appends the target's line (an acknowledgement recorded in milliseconds: median of ACCEPTED
 * at most {@link #TARGET_MS}) and exits 1 when it is missed.
 * Usage: ReceiptBench [N, default 300] [results.md]
 */
public final class ReceiptBench {

    static final double TARGET_MS = 10;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(TestPostgres.newDatabase("receipt_bench"));
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(6);
        PipelineDatabase database = TestPostgres.pipeline(pool);
        Ledger ledger = new Ledger(database);
        ReceiptBook book = new ReceiptBook(database, ledger, new ReportingSettings("Asia/Almaty", "MONTH", "2000-01",
                Files.createTempDirectory("receipt-bench").toString(), null), Clock.systemUTC());
        Requester by = new Requester(Origin.CLI, "bench");
        OffsetDateTime at = OffsetDateTime.parse("2025-07-01T09:12:44+05:00");
        String[] stems = new String[n];
        for (int i = 0; i < n; i++) {
            YearMonth period = YearMonth.of(2000, 1).plusMonths(i);
            stems[i] = FileNames.of(FormId.OZH, period, 1, Action.NEW).stem();
            Transmission t = ledger.record(new Build(FormId.OZH, period, Version.FIRST, Action.NEW, Accumulation.MONTH, at, "a".repeat(64),
                    List.of(new StoredFile(stems[i] + ".manifest.json", 5, "c".repeat(64))), List.of(), Status.BUILT), by);
            t = ledger.startDelivery(t, false, by);
            t = ledger.channelDone(t, Channel.SFTP, by);
            ledger.finishDelivery(ledger.channelDone(t, Channel.MAIL, by), by);
        }
        String[] rounds = {"RECEIVED", "ACCEPTED", "ACCEPTED"};
        double acceptedMedian = 0;
        double acceptedP95 = 0;
        for (int round = 0; round < rounds.length; round++) {
            long[] nanos = new long[n];
            for (int i = 0; i < n; i++) {
                byte[] raw = ("{\"file\":\"" + stems[i] + "\",\"status\":\"" + rounds[round] + "\"}").getBytes(StandardCharsets.UTF_8);
                IncomingReceipt ack = new IncomingReceipt(ReceiptKind.ACK, Channel.SFTP, "sftp:" + stems[i] + ".ack.json:" + Sha256.hex(raw),
                        stems[i] + ".ack.json", raw, stems[i], null, rounds[round], null, "NSB-" + i, at.plusHours(Math.min(round, 1)),
                        "c".repeat(64), List.of(), Verification.NOT_CHECKED, null);
                long start = System.nanoTime();
                book.record(ack);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            if (round == 1) {
                acceptedMedian = nanos[n / 2] / 1e6;
                acceptedP95 = nanos[n * 95 / 100] / 1e6;
            }
            System.out.printf("%s%s: median %.2f ms, p95 %.2f ms, max %.2f ms (%d receipts)%n", rounds[round],
                    round == 2 ? " again (duplicates)" : "", nanos[n / 2] / 1e6, nanos[n * 95 / 100] / 1e6, nanos[n - 1] / 1e6, n);
        }
        pool.close();
        boolean pass = acceptedMedian <= TARGET_MS;
        if (args.length > 1) {
            Files.writeString(Path.of(args[1]), String.format(Locale.ROOT,
                    "| recording an acknowledgement (ACCEPTED, one transaction, raw bytes kept) <= %.0f ms median | %.2f ms (p95 %.2f ms, %d receipts) | %s |%n",
                    TARGET_MS, acceptedMedian, acceptedP95, n, pass ? "PASS" : "MISS"),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.exit(pass ? 0 : 1);
    }
}
