package kz.labour.reporting.receipts;

import java.nio.file.Path;

import kz.labour.reporting.ledger.Transmission;

/**
 * How {@link ReceiptBook#record} recorded one receipt, for the route that read it to act on: move its
 * source to done or aside ({@link #setAside()}), log {@link #logLine()} when it is not a duplicate, and
 * send {@link #alert()} to {@code direct:alert} when one is due (at most once per version and cause).
 *
 * @param id           the receipt's row; null for a {@link ReceiptOutcome#DUPLICATE}
 * @param reason       why it was not simply matched (null when {@link ReceiptOutcome#MATCHED})
 * @param version      the version it answers, null when it names none of ours
 * @param bureauStatus the version's bureau status after this receipt (NONE when no version)
 * @param rawPath      where its raw bytes are kept (in the outbox)
 * @param alert        the operators' e-mail that is due now, or null
 */
public record RecordedReceipt(Long id, ReceiptKind kind, String sourceKey, ReceiptOutcome outcome, String reason,
                              Transmission version, BureauStatus bureauStatus, Path rawPath, Alert alert) {

    /** Whether the source (file or mail) goes aside ({@code failed/}, {@code Failed}) for a person to look at. */
    public boolean setAside() {
        return outcome.setAside();
    }

    public boolean alertDue() {
        return alert != null;
    }

    public boolean duplicate() {
        return outcome == ReceiptOutcome.DUPLICATE;
    }

    /** The alert's subject and text, for the route's header and body; null when none is due. */
    public String alertSubject() {
        return alert == null ? null : alert.subject();
    }

    public String alertText() {
        return alert == null ? null : alert.text();
    }

    /** "2-ӨЖ 2025-06 V0001", or "no version" */
    public String versionName() {
        return version == null ? "no version" : version.form().index() + " " + version.period() + " " + version.version().label();
    }

    /** One line for the log, saying what the receipt was and what became of it. */
    public String logLine() {
        return kind + " " + sourceKey + " " + outcome + (reason == null ? "" : ": " + reason) + " (" + versionName()
                + (version == null ? "" : ", bureau status " + bureauStatus) + "; kept as " + rawPath + ")";
    }
}
