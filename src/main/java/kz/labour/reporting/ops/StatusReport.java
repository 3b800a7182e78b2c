package kz.labour.reporting.ops;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Component;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.Transmission;

/** The ledger as a table, for {@code status} and the JMX {@code status(period)} operation. */
@Component
public class StatusReport {

    private final Ledger ledger;
    private final ReportingSettings settings;

    public StatusReport(Ledger ledger, ReportingSettings settings) {
        this.ledger = ledger;
        this.settings = settings;
    }

    public String table(String period) {
        return table(period, null);
    }

    /** The ledger's rows of one period (null: all) and one form (null: both). */
    public String table(String period, String form) {
        if (period != null && !period.matches("\\d{4}-(0[1-9]|1[0-2])")) {
            throw new BadInputException("--period", "'" + period + "' is not a month; accepted: YYYY-MM");
        }
        String only = form == null ? null : FormId.parse(form).ascii();
        String format = "%-9s %-7s %-5s %-3s %-10s %-7s %-7s %-25s %-25s %-8s %s%n";
        StringBuilder out = new StringBuilder(String.format(format, "FORM", "PERIOD", "VER", "ACT", "STATUS", "SFTP", "MAIL",
                "AS-OF", "UPDATED", "TRIGGER", "BY / LAST ERROR"));
        var rows = ledger.list(period).stream().filter(t -> only == null || t.form().equals(only)).toList();
        for (Transmission t : rows) {
            String error = t.sftpError() != null ? "SFTP: " + t.sftpError() : t.mailError() != null ? "MAIL: " + t.mailError() : "";
            out.append(String.format(format, t.form(), t.period(), t.versionLabel(), t.action(), t.status(), t.sftpStatus(),
                    t.mailStatus(), local(t.asOf()), local(t.updatedAt()), t.trigger(),
                    t.requestedBy() + (error.isEmpty() ? "" : " / " + error)));
        }
        if (rows.isEmpty()) {
            String what = (only == null ? "" : only + " ") + (period == null ? "" : period);
            out.append(what.isEmpty() ? "(the ledger is empty)\n" : "(nothing recorded for " + what.trim() + ")\n");
        }
        return out.toString();
    }

    private String local(OffsetDateTime t) {
        return t == null ? "" : t.atZoneSameInstant(settings.zoneId()).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
