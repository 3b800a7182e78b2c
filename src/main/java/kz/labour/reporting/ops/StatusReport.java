package kz.labour.reporting.ops;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.ledger.Attempt;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.receipts.BureauStatus;
import kz.labour.reporting.receipts.MailRecipient;
import kz.labour.reporting.receipts.Receipt;
import kz.labour.reporting.receipts.ReceiptBook;
import kz.labour.reporting.receipts.ReceiptMessage;
import kz.labour.reporting.receipts.Verification;
import kz.labour.reporting.receipts.VersionBureauStatus;

/**
 * The ledger for operators, for {@code status} and the JMX status operations: every version as a
 * table, or, for one form and period, each version with every build of it and that build's findings.
 */
@Component
class StatusReport {

    private final Ledger ledger;
    private final ReceiptBook receipts;
    private final ReportingSettings settings;

    public StatusReport(Ledger ledger, ReceiptBook receipts, ReportingSettings settings) {
        this.ledger = ledger;
        this.receipts = receipts;
        this.settings = settings;
    }

    /** {@code status [--period P]}: one line per version; {@code period} null for every period. */
    public String table(String period) {
        YearMonth month = period == null ? null : month(period);
        String format = "%-9s %-7s %-5s %-3s %-10s %-7s %-7s %-22s %-25s %-25s %-8s %s%n";
        StringBuilder out = new StringBuilder(String.format(format, "FORM", "PERIOD", "VER", "ACT", "STATUS", "SFTP", "MAIL",
                "BUREAU", "AS-OF", "UPDATED", "TRIGGER", "BY / LAST ERROR"));
        List<Transmission> rows = month == null ? ledger.list() : ledger.list(month);
        Map<Long, BureauStatus> bureau = receipts.bureauStatuses(month).stream()
                .collect(Collectors.toMap(VersionBureauStatus::transmissionId, VersionBureauStatus::status));
        for (Transmission t : rows) {
            String error = lastError(t);
            out.append(String.format(format, t.form().ascii(), t.period(), t.version().label(), t.action(), t.status(),
                    t.sftpStatus(), t.mailStatus(), bureau.getOrDefault(t.id(), BureauStatus.NONE), local(t.asOf()),
                    local(t.updatedAt()), t.requester().trigger(),
                    t.requester().name() + (error.isEmpty() ? "" : " / " + error)));
        }
        if (rows.isEmpty()) {
            out.append(month == null ? "(the ledger is empty)\n" : "(nothing recorded for " + month + ")\n");
        }
        return out.toString();
    }

    /**
     * {@code status --period P --form F}: each version of the form for the period, and under it every
     * build of that version, REJECTED ones included, with its findings as recorded.
     */
    public String detail(String period, String form) {
        if (period == null || period.isBlank()) {
            throw new BadInputException("--period", "missing; status --form shows one period: accepted: YYYY-MM");
        }
        YearMonth month = month(period);
        FormId id = FormId.parse(form);
        List<Transmission> versions = ledger.history(id, month);
        List<Attempt> attempts = ledger.attempts(id, month);
        StringBuilder out = new StringBuilder(id.ascii() + " (" + id.index() + ") " + month + "\n");
        if (versions.isEmpty()) {
            return out.append("(nothing recorded for ").append(id.ascii()).append(' ').append(month).append(")\n").toString();
        }
        for (Transmission t : versions) {
            String error = lastError(t);
            out.append(String.format("%s %s %s, SFTP %s, MAIL %s, deliveries %d, updated %s%s%n", t.version().label(), t.action(),
                    t.status(), t.sftpStatus(), t.mailStatus(), t.deliveries(), stamp(t.updatedAt()),
                    error.isEmpty() ? "" : ", last error " + error));
            receipts(out, t);
            int n = 0;
            for (Attempt a : attempts) {
                if (a.transmissionId() != t.id()) {
                    continue;
                }
                out.append(String.format("  build %d at %s: %s %s, as of %s%s, by %s %s; %s%n", ++n, stamp(a.at()),
                        a.version().label() + " " + a.action(), a.status(), stamp(a.asOf()),
                        a.contentHash() == null ? "" : ", numbers " + a.contentHash().substring(0, 12),
                        a.requester().trigger(), a.requester().name(), count(a.findings())));
                for (Finding f : a.findings()) {
                    out.append("    ").append(f).append(facts(f)).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** The version's bureau status, its mail recipients from DSNs and every receipt, oldest first. */
    private void receipts(StringBuilder out, Transmission t) {
        List<Receipt> all = receipts.receipts(t);
        BureauStatus status = receipts.bureauStatus(t);
        out.append("  bureau ").append(status).append(all.isEmpty() ? ", no receipts" : "").append('\n');
        List<MailRecipient> recipients = receipts.recipients(t);
        if (!recipients.isEmpty()) {
            out.append("  mail recipients: ").append(recipients.stream().map(r -> r.recipient() + " " + r.status()
                    + " (delivery " + r.delivery() + ")").collect(Collectors.joining(", "))).append('\n');
        }
        for (Receipt r : all) {
            out.append(String.format("  receipt %s %s%s at %s%s%s, %s%s; kept as %s%n", r.kind(), r.status() == null ? "" : r.status(),
                    r.recipient() == null ? "" : " for " + r.recipient(),
                    r.bureauAt() == null ? stamp(r.recordedAt()) : stamp(r.bureauAt()),
                    r.receiptId() == null ? "" : ", receipt id " + r.receiptId(),
                    r.detail() == null ? "" : ", " + r.detail().replaceAll("\\s+", " "),
                    r.outcome(), (r.reason() == null ? "" : " (" + r.reason() + ")")
                            + (r.verification() == Verification.NOT_CHECKED ? "" : ", signature " + r.verification()),
                    r.rawPath()));
            for (ReceiptMessage m : r.messages()) {
                out.append("    ").append(m.rule()).append(' ').append(m.severity())
                        .append(m.kato() == null && m.column() == null ? "" : " ["
                                + (m.kato() == null ? "" : "region " + m.kato()) + (m.kato() != null && m.column() != null ? ", " : "")
                                + (m.column() == null ? "" : "column " + m.column()) + "]")
                        .append(": ").append(m.text()).append('\n');
            }
        }
    }

    private static String count(List<Finding> findings) {
        return findings.isEmpty() ? "no findings" : findings.size() + (findings.size() == 1 ? " finding" : " findings");
    }

    /** The finding's facts as recorded: region and column, source relation and ids, the values looked at. */
    private static String facts(Finding f) {
        StringBuilder facts = new StringBuilder();
        if (f.kato() != null) {
            facts.append("region ").append(f.kato());
        }
        if (f.column() != null) {
            facts.append(facts.isEmpty() ? "" : ", ").append("column ").append(f.column());
        }
        if (f.relation() != null) {
            facts.append(facts.isEmpty() ? "" : ", ").append(f.relation()).append(" ids ")
                    .append(f.ids().stream().map(String::valueOf).collect(Collectors.joining(" ")));
        }
        if (!f.values().isEmpty()) {
            facts.append(facts.isEmpty() ? "" : ", ").append(f.values().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue().toPlainString()).collect(Collectors.joining(" ")));
        }
        return facts.isEmpty() ? "" : " [" + facts + "]";
    }

    private String lastError(Transmission t) {
        if (t.superseded()) {
            return "SUPERSEDED " + stamp(t.supersededAt()) + ": " + t.supersededReason();
        }
        return t.sftpError() != null ? "SFTP: " + t.sftpError() : t.mailError() != null ? "MAIL: " + t.mailError() : "";
    }

    private static YearMonth month(String period) {
        if (!period.matches("\\d{4}-(0[1-9]|1[0-2])")) {
            throw new BadInputException("--period", "'" + period + "' is not a month; accepted: YYYY-MM");
        }
        return YearMonth.parse(period);
    }

    /** ISO-8601 in the reporting zone, always to the second (2025-07-01T06:00:00+05:00). */
    private String stamp(OffsetDateTime t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZoneSameInstant(settings.zoneId()).toOffsetDateTime()
                .truncatedTo(ChronoUnit.SECONDS));
    }

    private String local(OffsetDateTime t) {
        return t == null ? "" : t.atZoneSameInstant(settings.zoneId()).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
