package kz.labour.reporting.ledger;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Optional;

import org.springframework.stereotype.Component;

import kz.labour.reporting.form.Action;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Version;

/**
 * Read-only summaries of the ledger for operators (JMX): per form, what was delivered last and what
 * went wrong last. Read from the pipeline database, so every instance shows the same, whichever of
 * them (or which command) did the work.
 */
@Component
public class LatestOutcomes {

    /** The latest period of a form that reached the bureau, and the latest such version of it. */
    public record Delivered(YearMonth period, Version version, Action action, OffsetDateTime at) {
    }

    /** The latest version of a form that ended REJECTED or FAILED. */
    public record Failure(YearMonth period, Version version, String status, String detail, OffsetDateTime at) {
    }

    private final PipelineDatabase database;

    public LatestOutcomes(PipelineDatabase database) {
        this.database = database;
    }

    public Optional<Delivered> lastDelivered(FormId form) {
        return database.jdbc().query("""
                SELECT period, version, action, updated_at FROM transmission
                 WHERE form = ? AND (status = 'DELIVERED' OR deliveries > 0)
                 ORDER BY period DESC, version DESC LIMIT 1
                """, (rs, i) -> new Delivered(YearMonth.parse(rs.getString("period").trim()), Version.of(rs.getInt("version")),
                Action.of(rs.getString("action")), rs.getObject("updated_at", OffsetDateTime.class)), form.ascii())
                .stream().findFirst();
    }

    /** From the event log: a version that failed and was later finished still shows as the last failure. */
    public Optional<Failure> lastFailure(FormId form) {
        return database.jdbc().query("""
                SELECT e.period, t.version, e.event, e.at,
                       concat_ws('; ', CASE WHEN t.sftp_error IS NOT NULL THEN 'SFTP: ' || t.sftp_error END,
                                       CASE WHEN t.mail_error IS NOT NULL THEN 'MAIL: ' || t.mail_error END,
                                       CASE WHEN e.event = 'REJECTED' THEN 'validation ERROR, nothing sent' END) AS detail
                  FROM transmission_event e JOIN transmission t ON t.id = e.transmission_id
                 WHERE e.form = ? AND e.event IN ('FAILED', 'REJECTED')
                 ORDER BY e.at DESC, e.id DESC LIMIT 1
                """, (rs, i) -> new Failure(YearMonth.parse(rs.getString("period").trim()), Version.of(rs.getInt("version")),
                rs.getString("event"), rs.getString("detail"), rs.getObject("at", OffsetDateTime.class)), form.ascii())
                .stream().findFirst();
    }
}
