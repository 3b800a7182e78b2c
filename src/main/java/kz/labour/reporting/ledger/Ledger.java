package kz.labour.reporting.ledger;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import kz.labour.reporting.form.Action;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Formats;
import kz.labour.reporting.form.Severity;
import kz.labour.reporting.form.Version;

/**
 * The transmission ledger in the pipeline database: what was built, sent, and when. All state that
 * decides whether something is sent lives here, so every instance and every rerun sees the same.
 *
 * <p>Every change of state is written in one transaction with its event in the append-only
 * {@code transmission_event}: the event log never misses a change, nor tells of one that did not
 * happen. Every build is kept as an {@link Attempt} with its findings, REJECTED ones included.
 */
@Component
public class Ledger {

    private static final String COLUMNS = "id, form, period, version, action, accumulation, as_of, content_hash, "
            + "files::text, status, sftp_status, sftp_at, sftp_error, mail_status, mail_at, mail_error, "
            + "deliveries, trigger, requested_by, created_at, updated_at, superseded_at, superseded_reason";

    private final PipelineDatabase database;
    private final ObjectMapper json = Formats.mapper();

    public Ledger(PipelineDatabase database) {
        this.database = database;
    }

    private JdbcTemplate jdbc() {
        return database.jdbc();
    }

    // ---- reading --------------------------------------------------------------------------------

    /** Every version of a form for a period, oldest first. */
    public List<Transmission> history(FormId form, YearMonth period) {
        return jdbc().query("SELECT " + COLUMNS + " FROM transmission WHERE form = ? AND period = ? ORDER BY version",
                this::transmission, form.ascii(), period.toString());
    }

    public Optional<Transmission> latest(FormId form, YearMonth period) {
        List<Transmission> all = history(form, period);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public Optional<Transmission> find(long id) {
        return jdbc().query("SELECT " + COLUMNS + " FROM transmission WHERE id = ?", this::transmission, id).stream().findFirst();
    }

    /** Every row, in period, form and version order. */
    public List<Transmission> list() {
        return jdbc().query("SELECT " + COLUMNS + " FROM transmission ORDER BY period, form, version", this::transmission);
    }

    /** The rows of one period, in form and version order. */
    public List<Transmission> list(YearMonth period) {
        return jdbc().query("SELECT " + COLUMNS + " FROM transmission WHERE period = ? ORDER BY form, version",
                this::transmission, period.toString());
    }

    /** Every build of a form for a period, oldest first, each with its findings. */
    public List<Attempt> attempts(FormId form, YearMonth period) {
        List<Attempt> attempts = jdbc().query("""
                SELECT a.id, a.transmission_id, a.version, a.action, a.status, a.as_of, a.content_hash, a.trigger,
                       a.requested_by, a.at
                  FROM build_attempt a JOIN transmission t ON t.id = a.transmission_id
                 WHERE t.form = ? AND t.period = ?
                 ORDER BY a.id
                """, (rs, i) -> attempt(rs, List.of()), form.ascii(), period.toString());
        Map<Long, List<Finding>> findings = findingsOf(attempts.stream().map(Attempt::id).toList());
        return attempts.stream().map(a -> new Attempt(a.id(), a.transmissionId(), a.version(), a.action(), a.status(),
                a.asOf(), a.contentHash(), a.requester(), a.at(), findings.getOrDefault(a.id(), List.of()))).toList();
    }

    /** The findings of the build that made this version what it is (its latest attempt). */
    public List<Finding> findings(Transmission t) {
        List<Long> latest = jdbc().queryForList("SELECT max(id) FROM build_attempt WHERE transmission_id = ? HAVING max(id) IS NOT NULL",
                Long.class, t.id());
        return latest.isEmpty() ? List.of() : findingsOf(latest).getOrDefault(latest.get(0), List.of());
    }

    // ---- writing: each change and its event in one transaction ---------------------------------

    /**
     * Records a build: a new ledger row for its version, or, for a number whose last build was
     * REJECTED (it never reached the bureau), that row taken over; plus the attempt, its findings and
     * the event.
     *
     * @throws IllegalStateException the version is recorded already and not REJECTED
     */
    public Transmission record(Build build, Requester by) {
        return database.inTransaction(() -> {
            long id = jdbc().queryForList("""
                    INSERT INTO transmission (form, period, version, action, accumulation, as_of, content_hash, files,
                                              status, trigger, requested_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)
                    ON CONFLICT (form, period, version) DO UPDATE
                       SET action = EXCLUDED.action, accumulation = EXCLUDED.accumulation, as_of = EXCLUDED.as_of,
                           content_hash = EXCLUDED.content_hash, files = EXCLUDED.files,
                           status = EXCLUDED.status, sftp_status = 'PENDING', sftp_at = NULL, sftp_error = NULL,
                           mail_status = 'PENDING', mail_at = NULL, mail_error = NULL, deliveries = 0,
                           trigger = EXCLUDED.trigger, requested_by = EXCLUDED.requested_by,
                           created_at = now(), updated_at = now()
                       WHERE transmission.status = 'REJECTED'
                    RETURNING id
                    """, Long.class, build.form().ascii(), build.period().toString(), build.version().number(),
                    String.valueOf(build.action().letter()), build.accumulation().name(), build.asOf(), build.contentHash(),
                    write(build.files()), build.status().name(), by.origin().name(), by.name())
                    .stream().findFirst().orElseThrow(() -> new IllegalStateException(build.form() + " " + build.period()
                            + " " + build.version() + " is already recorded and not REJECTED"));
            Long attempt = jdbc().queryForObject("""
                    INSERT INTO build_attempt (transmission_id, version, action, status, accumulation, as_of, content_hash,
                                               trigger, requested_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    RETURNING id
                    """, Long.class, id, build.version().number(), String.valueOf(build.action().letter()), build.status().name(),
                    build.accumulation().name(), build.asOf(), build.contentHash(), by.origin().name(), by.name());
            insertFindings(attempt, build.findings());
            event(id, build.form(), build.period(), build.status().name(),
                    build.version().label() + " " + build.action() + " hash " + build.contentHash(), by, attempt);
            return find(id).orElseThrow();
        });
    }

    /**
     * Starts (or restarts) delivery. A resend sends both channels again but leaves the version
     * DELIVERED: the bureau has it, whatever happens to the copy sent now.
     */
    public Transmission startDelivery(Transmission t, boolean resend, Requester by) {
        return database.inTransaction(() -> {
            if (resend) {
                jdbc().update("UPDATE transmission SET sftp_status = 'PENDING', sftp_error = NULL, "
                        + "mail_status = 'PENDING', mail_error = NULL, updated_at = now() WHERE id = ?", t.id());
            } else {
                jdbc().update("UPDATE transmission SET status = 'DELIVERING', updated_at = now() WHERE id = ?", t.id());
            }
            event(t.id(), t.form(), t.period(), resend ? "RESEND" : "DELIVERING", null, by, null);
            return find(t.id()).orElseThrow();
        });
    }

    /** The channel delivered this version. */
    public Transmission channelDone(Transmission t, Channel channel, Requester by) {
        return channel(t, channel, ChannelStatus.DONE, null, by);
    }

    /** The channel failed after its retries; {@code error} says what to fix. */
    public Transmission channelFailed(Transmission t, Channel channel, String error, Requester by) {
        return channel(t, channel, ChannelStatus.FAILED, error, by);
    }

    private Transmission channel(Transmission t, Channel channel, ChannelStatus status, String error, Requester by) {
        String c = switch (channel) {
            case SFTP -> "sftp";
            case MAIL -> "mail";
        };
        return database.inTransaction(() -> {
            jdbc().update("UPDATE transmission SET " + c + "_status = ?, " + c + "_at = now(), " + c + "_error = ?, "
                    + "updated_at = now() WHERE id = ?", status.name(), error, t.id());
            event(t.id(), t.form(), t.period(), channel + "_" + status, error, by, null);
            return find(t.id()).orElseThrow();
        });
    }

    /**
     * Closes a delivery attempt: DELIVERED when both channels are done (one more delivery counted),
     * FAILED otherwise, unless the version was delivered before (a failed resend).
     */
    public Transmission finishDelivery(Transmission t, Requester by) {
        return database.inTransaction(() -> {
            jdbc().update("""
                    UPDATE transmission
                       SET status = CASE WHEN sftp_status = 'DONE' AND mail_status = 'DONE' THEN 'DELIVERED'
                                         WHEN deliveries > 0 THEN 'DELIVERED' ELSE 'FAILED' END,
                           deliveries = deliveries + CASE WHEN sftp_status = 'DONE' AND mail_status = 'DONE' THEN 1 ELSE 0 END,
                           updated_at = now()
                     WHERE id = ?
                    """, t.id());
            Transmission done = find(t.id()).orElseThrow();
            boolean sent = done.sentOnEveryChannel();
            event(t.id(), t.form(), t.period(), sent ? "DELIVERED" : "FAILED", sent ? "delivery " + done.deliveries() : null,
                    by, null);
            return done;
        });
    }

    /**
     * Supersedes an unfinished version that can no longer be finished (its stored files are gone or
     * changed): the row stays as the record of what may have reached the bureau, its pending or
     * failed channels become FAILED with {@code reason}, and it is never finished or resent again; the
     * next build takes the next number.
     *
     * @throws IllegalStateException the version is not unfinished (delivered, rejected, superseded)
     */
    public Transmission supersede(Transmission t, String reason, Requester by) {
        return database.inTransaction(() -> {
            int changed = jdbc().update("""
                    UPDATE transmission
                       SET status = 'FAILED',
                           sftp_status = CASE WHEN sftp_status = 'DONE' THEN 'DONE' ELSE 'FAILED' END,
                           sftp_error = CASE WHEN sftp_status = 'DONE' THEN sftp_error ELSE ? END,
                           mail_status = CASE WHEN mail_status = 'DONE' THEN 'DONE' ELSE 'FAILED' END,
                           mail_error = CASE WHEN mail_status = 'DONE' THEN mail_error ELSE ? END,
                           superseded_at = now(), superseded_reason = ?, updated_at = now()
                     WHERE id = ? AND status IN ('BUILT', 'DELIVERING', 'FAILED') AND superseded_at IS NULL
                    """, reason, reason, reason, t.id());
            if (changed == 0) {
                throw new IllegalStateException(t.form() + " " + t.period() + " " + t.version() + " is not unfinished");
            }
            event(t.id(), t.form(), t.period(), "SUPERSEDED", reason, by, null);
            return find(t.id()).orElseThrow();
        });
    }

    private void event(Long transmissionId, FormId form, YearMonth period, String event, String detail, Requester by,
                       Long attemptId) {
        jdbc().update("INSERT INTO transmission_event (transmission_id, form, period, event, detail, trigger, requested_by, "
                        + "attempt_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", transmissionId, form.ascii(), period.toString(),
                event, detail, by.origin().name(), by.name(), attemptId);
    }

    // ---- the lock ---------------------------------------------------------------------------------

    // ---- findings as rows -------------------------------------------------------------------------

    private void insertFindings(long attempt, List<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        SqlParameterSource[] rows = new SqlParameterSource[findings.size()];
        for (int i = 0; i < rows.length; i++) {
            Finding f = findings.get(i);
            rows[i] = new MapSqlParameterSource()
                    .addValue("attempt", attempt)
                    .addValue("ordinal", i + 1)
                    .addValue("rule", f.rule(), Types.VARCHAR)
                    .addValue("severity", f.severity().name())
                    .addValue("location", f.where(), Types.VARCHAR)
                    .addValue("message", f.message() == null ? "" : f.message())
                    .addValue("kato", f.kato(), Types.VARCHAR)
                    .addValue("column", f.column(), Types.INTEGER)
                    .addValue("relation", f.relation(), Types.VARCHAR)
                    .addValue("ids", new SqlArrayValue("bigint", (Object[]) f.ids().toArray(Long[]::new)))
                    .addValue("value_names", new SqlArrayValue("text", (Object[]) f.values().keySet().toArray(String[]::new)))
                    .addValue("value_numbers", new SqlArrayValue("numeric", (Object[]) f.values().values().toArray(BigDecimal[]::new)));
        }
        database.named().batchUpdate("""
                INSERT INTO finding (attempt_id, ordinal, rule, severity, location, message, kato, column_number,
                                     relation, ids, value_names, value_numbers)
                VALUES (:attempt, :ordinal, :rule, :severity, :location, :message, :kato, :column,
                        :relation, :ids, :value_names, :value_numbers)
                """, rows);
    }

    /** The findings of each attempt, in their order. */
    private Map<Long, List<Finding>> findingsOf(List<Long> attempts) {
        if (attempts.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<Finding>> byAttempt = new LinkedHashMap<>();
        database.named().query("""
                SELECT attempt_id, rule, severity, location, message, kato, column_number, relation, ids, value_names,
                       value_numbers
                  FROM finding WHERE attempt_id IN (:attempts) ORDER BY attempt_id, ordinal
                """, Map.of("attempts", attempts),
                (ResultSet rs) -> {
                    byAttempt.computeIfAbsent(rs.getLong("attempt_id"), a -> new ArrayList<>()).add(finding(rs));
                });
        return byAttempt;
    }

    private static Finding finding(ResultSet rs) throws SQLException {
        String[] names = array(rs.getArray("value_names"), String[].class);
        BigDecimal[] numbers = array(rs.getArray("value_numbers"), BigDecimal[].class);
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            values.put(names[i], numbers[i]);
        }
        Integer column = rs.getObject("column_number", Integer.class);
        return new Finding(rs.getString("rule"), Severity.valueOf(rs.getString("severity")), rs.getString("location"),
                rs.getString("message"), rs.getString("kato"), column, values, rs.getString("relation"),
                Arrays.asList(array(rs.getArray("ids"), Long[].class)));
    }

    private static <T> T[] array(Array array, Class<T[]> type) throws SQLException {
        Object[] items = (Object[]) array.getArray();
        return Arrays.copyOf(items, items.length, type);
    }

    // ---- mapping ----------------------------------------------------------------------------------

    private Transmission transmission(ResultSet rs, int row) throws SQLException {
        return new Transmission(rs.getLong("id"), FormId.parse(rs.getString("form")), YearMonth.parse(rs.getString("period").trim()),
                Version.of(rs.getInt("version")), Action.of(rs.getString("action")), Accumulation.valueOf(rs.getString("accumulation")),
                rs.getObject("as_of", OffsetDateTime.class), rs.getString("content_hash"), read(rs.getString("files")),
                Status.valueOf(rs.getString("status")),
                ChannelStatus.valueOf(rs.getString("sftp_status")), rs.getObject("sftp_at", OffsetDateTime.class),
                rs.getString("sftp_error"), ChannelStatus.valueOf(rs.getString("mail_status")),
                rs.getObject("mail_at", OffsetDateTime.class), rs.getString("mail_error"), rs.getInt("deliveries"),
                new Requester(Origin.valueOf(rs.getString("trigger")), rs.getString("requested_by")),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                rs.getObject("superseded_at", OffsetDateTime.class), rs.getString("superseded_reason"));
    }

    private static Attempt attempt(ResultSet rs, List<Finding> findings) throws SQLException {
        return new Attempt(rs.getLong("id"), rs.getLong("transmission_id"), Version.of(rs.getInt("version")),
                Action.of(rs.getString("action")), Status.valueOf(rs.getString("status")),
                rs.getObject("as_of", OffsetDateTime.class), rs.getString("content_hash"),
                new Requester(Origin.valueOf(rs.getString("trigger")), rs.getString("requested_by")),
                rs.getObject("at", OffsetDateTime.class), findings);
    }

    private String write(List<StoredFile> files) {
        try {
            return json.writeValueAsString(files);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<StoredFile> read(String files) {
        try {
            return json.readValue(files, new TypeReference<List<StoredFile>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable files column: " + e.getMessage(), e);
        }
    }
}
