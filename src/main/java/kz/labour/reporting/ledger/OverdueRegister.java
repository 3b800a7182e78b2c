package kz.labour.reporting.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;

import org.springframework.stereotype.Component;

import kz.labour.reporting.form.FormId;

/**
 * The {@code overdue} table (db/pipeline/V3__overdue.sql): forms found undelivered at their deadline
 * and whether the operators were told. Kept in the pipeline database, not in memory, so that a
 * restart or a second instance neither forgets an overdue form nor alerts about it again.
 */
@Component
public class OverdueRegister {

    /** A form and period still overdue: the deadline passed and the ledger holds no delivered version. */
    public record Overdue(FormId form, YearMonth period, OffsetDateTime deadline, OffsetDateTime alertedAt) {
    }

    /** "delivered" for the deadline: a version went out on both channels at least once. */
    private static final String DELIVERED = "EXISTS (SELECT 1 FROM transmission t WHERE t.form = o.form AND t.period = o.period "
            + "AND (t.status = 'DELIVERED' OR t.deliveries > 0))";

    private final PipelineDatabase database;

    public OverdueRegister(PipelineDatabase database) {
        this.database = database;
    }

    /** Records the form and period as overdue unless it is delivered or already recorded; true if recorded now. */
    public boolean recordIfUndelivered(FormId form, YearMonth period, OffsetDateTime deadline, String detectedBy) {
        return database.jdbc().update("INSERT INTO overdue (form, period, deadline, detected_by) "
                + "SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM transmission t WHERE t.form = ? AND t.period = ? "
                + "AND (t.status = 'DELIVERED' OR t.deliveries > 0)) "
                + "ON CONFLICT (form, period) DO NOTHING", form.ascii(), period.toString(), deadline, detectedBy,
                form.ascii(), period.toString()) == 1;
    }

    /**
     * Claims every overdue form no alert has gone out for yet: marks it alerted in one statement and
     * returns it, so two checks running at once cannot both claim the same form.
     */
    public List<Overdue> claimUnalerted() {
        return database.jdbc().query("UPDATE overdue o SET alerted_at = now() WHERE o.alerted_at IS NULL AND NOT " + DELIVERED
                + " RETURNING o.form, o.period, o.deadline, o.alerted_at", (rs, i) -> map(rs));
    }

    /** Gives a claim back after the alert could not be sent, so the next check sends it. */
    public void unclaim(List<Overdue> claimed) {
        for (Overdue o : claimed) {
            database.jdbc().update("UPDATE overdue SET alerted_at = NULL WHERE form = ? AND period = ?",
                    o.form().ascii(), o.period().toString());
        }
    }

    /** Every form and period overdue now, oldest period first. */
    public List<Overdue> current() {
        return database.jdbc().query("SELECT o.form, o.period, o.deadline, o.alerted_at FROM overdue o WHERE NOT " + DELIVERED
                + " ORDER BY o.period, o.form", (rs, i) -> map(rs));
    }

    private static Overdue map(ResultSet rs) throws SQLException {
        return new Overdue(FormId.parse(rs.getString("form")), YearMonth.parse(rs.getString("period").trim()),
                rs.getObject("deadline", OffsetDateTime.class), rs.getObject("alerted_at", OffsetDateTime.class));
    }
}
