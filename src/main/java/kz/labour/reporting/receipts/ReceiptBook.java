package kz.labour.reporting.receipts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Sha256;
import kz.labour.reporting.form.Version;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.PipelineDatabase;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.receipts.ReceiptRules.Decision;
import kz.labour.reporting.receipts.ReceiptRules.Named;
import kz.labour.reporting.receipts.ReceiptRules.VersionState;

/**
 * The receipts' side of the ledger: records every receipt once, against the version and delivery it
 * answers, and moves that version's bureau status and its mail recipients' states, all in one
 * transaction with the version's event (as {@link Ledger} does with its own changes).
 *
 * <p>Raw bytes are kept in the outbox, {@code OUTBOX_DIR/receipts/YYYY-MM/{first 16 hex digits of
 * their SHA-256}_{name}} (the month recorded, in the reporting zone), before anything is recorded:
 * a receipt the ledger names is always on disk, and the same bytes read twice land on the same file.
 */
@Component("receiptBook")
public class ReceiptBook {


    private final PipelineDatabase database;
    private final Ledger ledger;
    private final ReportingSettings settings;
    private final Clock clock;

    public ReceiptBook(PipelineDatabase database, Ledger ledger, ReportingSettings settings, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
    }

    private NamedParameterJdbcTemplate sql() {
        return database.named();
    }

    /** Records one receipt (see {@link #record(IncomingReceipt, byte[])}), without a detached signature. */
    public RecordedReceipt record(IncomingReceipt receipt) {
        return record(receipt, null);
    }

    /**
     * Records one receipt: keeps its raw bytes (and {@code signature}, an acknowledgement's detached
     * CMS signature, when one came) in the outbox, matches it to the version it names, decides how it
     * is recorded and what it changes, and writes all of it in one transaction. The same receipt again
     * ({@link IncomingReceipt#sourceKey()}, by this or another instance) is a {@link ReceiptOutcome#DUPLICATE}
     * that changes nothing.
     */
    public RecordedReceipt record(IncomingReceipt receipt, byte[] signature) {
        Optional<Long> known = recordedAs(receipt.sourceKey());
        if (known.isPresent()) {
            return duplicate(receipt, known.get());
        }
        Path raw = keep(receipt.rawName(), receipt.raw());
        Path signaturePath = signature == null ? null : keep(receipt.rawName() + ".p7s", signature);
        String rawSha = Sha256.hex(receipt.raw());
        return database.inTransaction(() -> {
            Optional<Named> named = ReceiptRules.names(receipt);
            Optional<VersionState> version = named.flatMap(this::lockVersion);
            Decision decision = ReceiptRules.decide(receipt, version);
            Transmission t = decision.outcome() == ReceiptOutcome.UNMATCHED ? null
                    : version.map(VersionState::transmission).orElse(null);
            Integer delivery = t == null ? null : named.map(Named::delivery).orElse(null);
            MapSqlParameterSource p = new MapSqlParameterSource()
                    .addValue("source_key", receipt.sourceKey())
                    .addValue("kind", receipt.kind().name())
                    .addValue("channel", receipt.channel().name())
                    .addValue("recipient", receipt.recipient())
                    .addValue("status", receipt.status())
                    .addValue("detail", receipt.detail())
                    .addValue("outcome", decision.outcome().name())
                    .addValue("reason", decision.reason())
                    .addValue("verification", receipt.verification().name())
                    .addValue("reference", receipt.reference())
                    .addValue("receipt_id", receipt.receiptId())
                    .addValue("bureau_at", receipt.receivedAt(), Types.TIMESTAMP_WITH_TIMEZONE)
                    .addValue("raw_path", settings.outboxDir().relativize(raw).toString())
                    .addValue("raw_sha256", rawSha)
                    .addValue("raw_size", (long) receipt.raw().length)
                    .addValue("signature_path", signaturePath == null ? null : settings.outboxDir().relativize(signaturePath).toString())
                    .addValue("manifest_sha256", receipt.manifestSha256())
                    .addValue("messages", ReceiptJson.write(receipt.messages()))
                    .addValue("transmission_id", t == null ? null : t.id(), Types.BIGINT)
                    .addValue("delivery", delivery, Types.INTEGER);
            List<Long> inserted = sql().queryForList(ReceiptSql.get("insert-receipt"), p, Long.class);
            if (inserted.isEmpty()) {
                // another instance recorded it between the look above and this insert
                return duplicate(receipt, recordedAs(receipt.sourceKey()).orElse(null));
            }
            long id = inserted.get(0);
            BureauStatus status = version.map(VersionState::bureauStatus).orElse(BureauStatus.NONE);
            Alert alert = null;
            if (t != null) {
                if (decision.bureauStatus() != null) {
                    status = decision.bureauStatus();
                    sql().update(ReceiptSql.get("set-bureau-status"), new MapSqlParameterSource("id", t.id())
                            .addValue("status", status.name())
                            .addValue("at", receipt.receivedAt(), Types.TIMESTAMP_WITH_TIMEZONE));
                }
                if (decision.recipient() != null && delivery != null) {
                    sql().update(ReceiptSql.get("set-recipient"), new MapSqlParameterSource("transmission_id", t.id())
                            .addValue("delivery", delivery)
                            .addValue("recipient", receipt.recipient())
                            .addValue("status", decision.recipient().name())
                            .addValue("detail", receipt.detail())
                            .addValue("at", receipt.receivedAt(), Types.TIMESTAMP_WITH_TIMEZONE)
                            .addValue("receipt", id));
                }
                event(t, decision, receipt, status);
                if (decision.alert() != null && claimAlert(t.id(), cause(decision.alert(), id), id)) {
                    alert = ReceiptRules.alert(decision.alert(), receipt, t);
                }
            }
            return new RecordedReceipt(id, receipt.kind(), receipt.sourceKey(), decision.outcome(), decision.reason(), t,
                    status, raw, alert);
        });
    }

    /**
     * Delivered versions with no acknowledgement {@code within} after their delivery, each returned
     * with its alert the first time only (on whichever instance asks first).
     */
    public List<Alert> claimMissingAcknowledgements(Duration within) {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(within);
        return database.inTransaction(() -> {
            List<Alert> due = new ArrayList<>();
            sql().query(ReceiptSql.get("unacknowledged"), new MapSqlParameterSource()
                    .addValue("delivered_before", before, Types.TIMESTAMP_WITH_TIMEZONE), rs -> {
                long id = rs.getLong("id");
                OffsetDateTime deliveredAt = rs.getObject("delivered_at", OffsetDateTime.class);
                if (claimAlert(id, AlertCause.NO_ACK.name(), null)) {
                    Transmission t = ledger.find(id).orElseThrow();
                    due.add(ReceiptRules.noAcknowledgement(t, deliveredAt, within));
                }
            });
            return due;
        });
    }

    /** Delivered versions with no acknowledgement yet (bureau status NONE), delivered at or before {@code before} (null: whenever). */
    public List<VersionBureauStatus> unacknowledged(OffsetDateTime before) {
        List<VersionBureauStatus> found = new ArrayList<>();
        sql().query(ReceiptSql.get("unacknowledged"), new MapSqlParameterSource()
                .addValue("delivered_before", before, Types.TIMESTAMP_WITH_TIMEZONE), rs -> {
            found.add(new VersionBureauStatus(rs.getLong("id"), FormId.parse(rs.getString("form")),
                    YearMonth.parse(rs.getString("period").trim()), Version.of(rs.getInt("version")), BureauStatus.NONE, null));
        });
        return found;
    }

    // ---- reading ----------------------------------------------------------------------------------

    /** Every receipt of a version, oldest first. */
    public List<Receipt> receipts(Transmission t) {
        return sql().query(ReceiptSql.get("receipts-of-version"), new MapSqlParameterSource("id", t.id()), (rs, i) ->
                new Receipt(rs.getLong("id"), ReceiptKind.valueOf(rs.getString("kind")), rs.getString("channel"),
                        rs.getString("recipient"), rs.getString("status"), rs.getString("detail"),
                        ReceiptOutcome.valueOf(rs.getString("outcome")), rs.getString("reason"),
                        Verification.valueOf(rs.getString("verification")), rs.getString("receipt_id"),
                        rs.getObject("bureau_at", OffsetDateTime.class), rs.getObject("recorded_at", OffsetDateTime.class),
                        rs.getString("raw_path"), rs.getObject("delivery", Integer.class),
                        ReceiptJson.messages(rs.getString("messages"))));
    }

    /** Each mail recipient of each delivery of a version, as the DSNs left it. */
    public List<MailRecipient> recipients(Transmission t) {
        return sql().query(ReceiptSql.get("recipients"), new MapSqlParameterSource("id", t.id()), (rs, i) ->
                new MailRecipient(rs.getInt("delivery"), rs.getString("recipient"), rs.getString("status"),
                        rs.getString("detail"), rs.getObject("at", OffsetDateTime.class)));
    }

    /** The bureau status of every version of {@code period} (every period when null), in period, form, version order. */
    public List<VersionBureauStatus> bureauStatuses(YearMonth period) {
        return sql().query(ReceiptSql.get("bureau-status"), new MapSqlParameterSource("period",
                period == null ? null : period.toString()), (rs, i) -> new VersionBureauStatus(rs.getLong("id"),
                FormId.parse(rs.getString("form")), YearMonth.parse(rs.getString("period").trim()),
                Version.of(rs.getInt("version")), BureauStatus.valueOf(rs.getString("bureau_status")),
                rs.getObject("bureau_status_at", OffsetDateTime.class)));
    }

    /** The bureau status of the latest version of {@code form} that reached the bureau; empty when none did. */
    public Optional<VersionBureauStatus> latestDelivered(FormId form) {
        return sql().query(ReceiptSql.get("latest-delivered"), new MapSqlParameterSource("form", form.ascii()),
                (rs, i) -> new VersionBureauStatus(rs.getLong("id"), FormId.parse(rs.getString("form")),
                        YearMonth.parse(rs.getString("period").trim()), Version.of(rs.getInt("version")),
                        BureauStatus.valueOf(rs.getString("bureau_status")), rs.getObject("bureau_status_at", OffsetDateTime.class)))
                .stream().findFirst();
    }

    /**
     * The month whose acknowledgements were due by the last deadline passed at {@code now}: the end of
     * day 3 of the month after it, in {@code zone} (the forms' own deadline).
     */
    public static YearMonth acknowledgementsDueFor(Instant now, ZoneId zone) {
        java.time.ZonedDateTime local = now.atZone(zone);
        YearMonth current = YearMonth.from(local);
        boolean pastThird = !local.isBefore(current.atDay(4).atStartOfDay(zone));
        return current.minusMonths(pastThird ? 1 : 2);
    }

    /**
     * The delivered versions of the month {@link #acknowledgementsDueFor} names that the bureau has not
     * acknowledged at all (bureau status NONE): the latest of each form, superseded ones left out.
     */
    public List<VersionBureauStatus> unacknowledgedAtDeadline(Instant now, ZoneId zone) {
        YearMonth month = acknowledgementsDueFor(now, zone);
        return unacknowledged(null).stream().filter(v -> v.period().equals(month)).toList();
    }

    /** The bureau status of one version. */
    public BureauStatus bureauStatus(Transmission t) {
        return BureauStatus.valueOf(database.jdbc().queryForObject("SELECT bureau_status FROM transmission WHERE id = ?",
                String.class, t.id()));
    }

    // ---- the parts of record ------------------------------------------------------------------

    private Optional<Long> recordedAs(String sourceKey) {
        return database.jdbc().queryForList("SELECT id FROM receipt WHERE source_key = ?", Long.class, sourceKey)
                .stream().findFirst();
    }

    private RecordedReceipt duplicate(IncomingReceipt receipt, Long earlier) {
        Transmission t = earlier == null ? null : database.jdbc().queryForList(
                "SELECT transmission_id FROM receipt WHERE id = ? AND transmission_id IS NOT NULL", Long.class, earlier)
                .stream().findFirst().flatMap(ledger::find).orElse(null);
        Path raw = earlier == null ? null : database.jdbc().queryForList("SELECT raw_path FROM receipt WHERE id = ?",
                String.class, earlier).stream().findFirst().map(settings.outboxDir()::resolve).orElse(null);
        return new RecordedReceipt(null, receipt.kind(), receipt.sourceKey(), ReceiptOutcome.DUPLICATE,
                "recorded before as receipt " + earlier, t, t == null ? BureauStatus.NONE : bureauStatus(t), raw, null);
    }

    private Optional<VersionState> lockVersion(Named n) {
        return sql().query(ReceiptSql.get("version"), new MapSqlParameterSource("form", n.form().ascii())
                .addValue("period", n.period().toString())
                .addValue("version", n.version().number()), (rs, i) -> {
            Integer later = rs.getObject("later_delivered", Integer.class);
            return new VersionState(ledger.find(rs.getLong("id")).orElseThrow(),
                    BureauStatus.valueOf(rs.getString("bureau_status")), rs.getObject("bureau_status_at", OffsetDateTime.class),
                    later == null ? null : Version.of(later));
        }).stream().findFirst();
    }

    private void event(Transmission t, Decision decision, IncomingReceipt receipt, BureauStatus status) {
        String event = decision.bureauStatus() != null ? "BUREAU_" + status.name() : "RECEIPT_" + receipt.kind().name();
        String detail = receipt.kind() + " " + (receipt.status() == null ? "" : receipt.status() + " ")
                + (receipt.recipient() == null ? "" : "for " + receipt.recipient() + " ")
                + (receipt.receiptId() == null ? "" : "receipt " + receipt.receiptId() + " ")
                + decision.outcome() + (decision.reason() == null ? "" : ": " + decision.reason());
        sql().update(ReceiptSql.get("event"), new MapSqlParameterSource("id", t.id())
                .addValue("event", event)
                .addValue("detail", detail.trim())
                .addValue("requested_by", "receipts:" + receipt.channel().name().toLowerCase(java.util.Locale.ROOT)));
    }

    /** Each reply is its own cause: every person's answer is worth a look. */
    private static String cause(AlertCause cause, long receiptId) {
        return cause == AlertCause.REPLY ? cause.name() + ":" + receiptId : cause.name();
    }

    private boolean claimAlert(long transmissionId, String cause, Long receiptId) {
        return !sql().queryForList(ReceiptSql.get("claim-alert"), new MapSqlParameterSource("transmission_id", transmissionId)
                .addValue("cause", cause)
                .addValue("receipt", receiptId, Types.BIGINT), Long.class).isEmpty();
    }

    /** Writes {@code bytes} once under the outbox's receipts folder; the same bytes and name give the same file. */
    private Path keep(String name, byte[] bytes) {
        String month = YearMonth.now(clock.withZone(settings.zoneId())).toString();
        Path dir = settings.outboxDir().resolve("receipts").resolve(month);
        Path target = dir.resolve(Sha256.hex(bytes).substring(0, 16) + "_" + safe(name));
        try {
            Files.createDirectories(dir);
            if (Files.exists(target)) {
                return target;
            }
            Path part = Files.createTempFile(dir, ".receipt", ".part");
            Files.write(part, bytes);
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep receipt " + name + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A file name from whatever the receipt was called: letters, digits, '.', '-', '_'; at most 120 characters. */
    static String safe(String name) {
        String s = (name == null || name.isBlank() ? "receipt" : name).replaceAll("[^A-Za-z0-9._-]", "_");
        s = s.replaceAll("^\\.+", "_");
        return s.length() > 120 ? s.substring(0, 120) : s;
    }
}
