package kz.labour.reporting.ledger;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Read-only summaries of the ledger for operators (JMX): per form, what was delivered last and what
 * went wrong last. Read from the pipeline database, so every instance shows the same, whichever of
 * them (or which command) did the work.
 */
@Component
public class DeliveryHistory {

    /** The latest period of a form that reached the bureau, and the latest such version of it. */
    public record Delivered(String period, int version, char action, OffsetDateTime at) {
        public String versionLabel() {
            return String.format("V%04d", version);
        }
    }

    /** The latest version of a form that ended REJECTED or FAILED. */
    public record Failure(String period, int version, String status, String detail, OffsetDateTime at) {
    }

    private final PipelineDatabase database;

    public DeliveryHistory(PipelineDatabase database) {
        this.database = database;
    }

    public Optional<Delivered> lastDelivered(String form) {
        return database.jdbc().query("""
                SELECT period, version, action, updated_at FROM transmission
                 WHERE form = ? AND (status = 'DELIVERED' OR deliveries > 0)
                 ORDER BY period DESC, version DESC LIMIT 1
                """, (rs, i) -> new Delivered(rs.getString("period").trim(), rs.getInt("version"),
                rs.getString("action").charAt(0), rs.getObject("updated_at", OffsetDateTime.class)), form).stream().findFirst();
    }

    /** From the event log: a version that failed and was later finished still shows as the last failure. */
    public Optional<Failure> lastFailure(String form) {
        return database.jdbc().query("""
                SELECT e.period, t.version, e.event, e.at,
                       concat_ws('; ', CASE WHEN t.sftp_error IS NOT NULL THEN 'SFTP: ' || t.sftp_error END,
                                       CASE WHEN t.mail_error IS NOT NULL THEN 'MAIL: ' || t.mail_error END,
                                       CASE WHEN e.event = 'REJECTED' THEN 'validation ERROR, nothing sent' END) AS detail
                  FROM transmission_event e LEFT JOIN transmission t ON t.id = e.transmission_id
                 WHERE e.form = ? AND e.event IN ('FAILED', 'REJECTED')
                 ORDER BY e.at DESC, e.id DESC LIMIT 1
                """, (rs, i) -> new Failure(rs.getString("period").trim(), rs.getInt("version"), rs.getString("event"),
                rs.getString("detail"), rs.getObject("at", OffsetDateTime.class)), form).stream().findFirst();
    }
}
