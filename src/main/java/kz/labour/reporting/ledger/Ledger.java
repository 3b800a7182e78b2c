package kz.labour.reporting.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The transmission ledger in the pipeline database: what was built, sent, and when. All state that
 * decides whether something is sent lives here, so every instance and every rerun sees the same.
 */
@Component
@org.springframework.context.annotation.DependsOn("pipelineFlyway")
public class Ledger {

    private static final String COLUMNS = "id, form, period, version, action, accumulation, as_of, content_hash, "
            + "files::text, findings::text, status, sftp_status, sftp_at, sftp_error, mail_status, mail_at, mail_error, "
            + "deliveries, trigger, requested_by, created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final ObjectMapper json = new ObjectMapper();

    public Ledger(@Qualifier("pipelineDataSource") DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Every version of a form for a period, oldest first. */
    public List<Transmission> history(String form, String period) {
        return jdbc.query("SELECT " + COLUMNS + " FROM transmission WHERE form = ? AND period = ? ORDER BY version",
                this::map, form, period);
    }

    public Optional<Transmission> latest(String form, String period) {
        List<Transmission> all = history(form, period);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public Optional<Transmission> latestDelivered(String form, String period) {
        return history(form, period).stream().filter(t -> t.status() == Status.DELIVERED)
                .reduce((first, second) -> second);
    }

    public Optional<Transmission> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM transmission WHERE id = ?", this::map, id).stream().findFirst();
    }

    /** Every row, or those of one period, in period, form and version order. */
    public List<Transmission> list(String period) {
        return period == null
                ? jdbc.query("SELECT " + COLUMNS + " FROM transmission ORDER BY period, form, version", this::map)
                : jdbc.query("SELECT " + COLUMNS + " FROM transmission WHERE period = ? ORDER BY form, version", this::map, period);
    }

    /**
     * Records a built version. A REJECTED row of the same number never reached the bureau, so its
     * number is reused: the row is overwritten (its findings stay in the event log).
     */
    public Transmission record(String form, String period, int version, char action, String accumulation,
                               OffsetDateTime asOf, String contentHash, List<StoredFile> files, String findingsJson,
                               Status status, Trigger trigger, String requestedBy) {
        String filesJson = write(files);
        Long id = jdbc.queryForObject("""
                INSERT INTO transmission (form, period, version, action, accumulation, as_of, content_hash, files,
                                          findings, status, trigger, requested_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?)
                ON CONFLICT (form, period, version) DO UPDATE
                   SET action = EXCLUDED.action, accumulation = EXCLUDED.accumulation, as_of = EXCLUDED.as_of,
                       content_hash = EXCLUDED.content_hash, files = EXCLUDED.files, findings = EXCLUDED.findings,
                       status = EXCLUDED.status, sftp_status = 'PENDING', sftp_at = NULL, sftp_error = NULL,
                       mail_status = 'PENDING', mail_at = NULL, mail_error = NULL, deliveries = 0,
                       trigger = EXCLUDED.trigger, requested_by = EXCLUDED.requested_by,
                       created_at = now(), updated_at = now()
                   WHERE transmission.status = 'REJECTED'
                RETURNING id
                """, Long.class, form, period, version, String.valueOf(action), accumulation, asOf, contentHash,
                filesJson, findingsJson, status.name(), trigger.name(), requestedBy);
        if (id == null) {
            throw new IllegalStateException(form + " " + period + " V" + version + " is already recorded and not REJECTED");
        }
        event(id, form, period, status.name(), "V" + String.format("%04d", version) + " " + action + " hash " + contentHash,
                trigger, requestedBy);
        return find(id).orElseThrow();
    }

    /**
     * Starts (or restarts) delivery. A resend sends both channels again but leaves the version
     * DELIVERED: the bureau has it, whatever happens to the copy sent now.
     */
    public void startDelivery(Transmission t, boolean resend, Trigger trigger, String requestedBy) {
        if (resend) {
            jdbc.update("UPDATE transmission SET sftp_status = 'PENDING', sftp_error = NULL, "
                    + "mail_status = 'PENDING', mail_error = NULL, updated_at = now() WHERE id = ?", t.id());
        } else {
            jdbc.update("UPDATE transmission SET status = 'DELIVERING', updated_at = now() WHERE id = ?", t.id());
        }
        event(t.id(), t.form(), t.period(), resend ? "RESEND" : "DELIVERING", null, trigger, requestedBy);
    }

    public void channel(Transmission t, Channel channel, ChannelStatus status, String error, Trigger trigger, String requestedBy) {
        String c = channel == Channel.SFTP ? "sftp" : "mail";
        jdbc.update("UPDATE transmission SET " + c + "_status = ?, " + c + "_at = now(), " + c + "_error = ?, "
                + "updated_at = now() WHERE id = ?", status.name(), error, t.id());
        event(t.id(), t.form(), t.period(), channel + "_" + status, error, trigger, requestedBy);
    }

    /**
     * Closes a delivery attempt: DELIVERED when both channels are done (one more delivery counted),
     * FAILED otherwise, unless the version was delivered before (a failed resend).
     */
    public Transmission finish(Transmission t, Trigger trigger, String requestedBy) {
        jdbc.update("""
                UPDATE transmission
                   SET status = CASE WHEN sftp_status = 'DONE' AND mail_status = 'DONE' THEN 'DELIVERED'
                                     WHEN deliveries > 0 THEN 'DELIVERED' ELSE 'FAILED' END,
                       deliveries = deliveries + CASE WHEN sftp_status = 'DONE' AND mail_status = 'DONE' THEN 1 ELSE 0 END,
                       updated_at = now()
                 WHERE id = ?
                """, t.id());
        Transmission done = find(t.id()).orElseThrow();
        boolean sent = done.sftpStatus() == ChannelStatus.DONE && done.mailStatus() == ChannelStatus.DONE;
        event(t.id(), t.form(), t.period(), sent ? "DELIVERED" : "FAILED", sent ? "delivery " + done.deliveries() : null,
                trigger, requestedBy);
        return done;
    }

    public void event(Long transmissionId, String form, String period, String event, String detail,
                      Trigger trigger, String requestedBy) {
        jdbc.update("INSERT INTO transmission_event (transmission_id, form, period, event, detail, trigger, requested_by) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", transmissionId, form, period, event, detail, trigger.name(), requestedBy);
    }

    /**
     * Takes the cluster-wide lock of one form and period: a PostgreSQL session advisory lock on a
     * connection held until {@link TransmissionLock#close()}. It dies with the process, so a crashed
     * run never leaves a period locked. Waits up to {@code waitSeconds} for a running transmission.
     */
    public TransmissionLock lock(String form, String period, int waitSeconds) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement timeout = connection.prepareStatement("SELECT set_config('lock_timeout', ?, false)")) {
                timeout.setString(1, waitSeconds + "s");
                timeout.execute();
            }
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT pg_advisory_lock(hashtext('labour-reporting'), hashtext(? || '/' || ?))")) {
                lock.setString(1, form);
                lock.setString(2, period);
                lock.execute();
            }
            return new TransmissionLock(connection, form, period);
        } catch (SQLException e) {
            closeQuietly(connection);
            if ("55P03".equals(e.getSQLState())) {
                throw new TransmissionBusyException(form + " " + period + " is being transmitted by another run, still after "
                        + waitSeconds + " s; try again later");
            }
            throw new IllegalStateException("could not lock " + form + " " + period + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the lock attempt already failed; the original error is the one to report
            }
        }
    }

    private Transmission map(ResultSet rs, int row) throws SQLException {
        return new Transmission(rs.getLong("id"), rs.getString("form"), rs.getString("period"), rs.getInt("version"),
                rs.getString("action").charAt(0), rs.getString("accumulation"),
                rs.getObject("as_of", OffsetDateTime.class), rs.getString("content_hash"), read(rs.getString("files")),
                rs.getString("findings"), Status.valueOf(rs.getString("status")),
                ChannelStatus.valueOf(rs.getString("sftp_status")), rs.getObject("sftp_at", OffsetDateTime.class),
                rs.getString("sftp_error"), ChannelStatus.valueOf(rs.getString("mail_status")),
                rs.getObject("mail_at", OffsetDateTime.class), rs.getString("mail_error"), rs.getInt("deliveries"),
                Trigger.valueOf(rs.getString("trigger")), rs.getString("requested_by"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
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
