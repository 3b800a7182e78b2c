package kz.labour.reporting.transmission;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

import kz.labour.reporting.form.Controls;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.RenderedForm;
import kz.labour.reporting.form.Version;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.quality.QualityChecks;
import kz.labour.reporting.receipts.DeliveryKey;
import kz.labour.reporting.source.Aggregate;

/**
 * One form for one period on its way through the routes: what was asked, what was built, what the
 * ledger holds, what comes next and how it ended. Immutable: each step returns the next state, which
 * the route sets as the exchange property {@code job}; the routes branch on {@link #step()}.
 *
 * @param step        what the flow does next with it
 * @param version     the version built or delivered; null until decided
 * @param action      {@code N} or {@code R} for {@code version}; {@code ' '} until decided
 * @param unsound     the aggregation, when it counted source rows that cannot be counted; else null
 * @param table       the form as built; null before the build, or when the source was unsound
 * @param findings    of the controls and source checks for a build; the ledger's for a stored version
 * @param validation every stage the build ran (source, controls, plausibility, cross-form) and the
 *                   history compared with, for the validation report; null for a stored version
 * @param rendered    the version's files, built now or read back from the outbox; null before
 * @param directory   where those files are kept; null before
 * @param transmission the version's ledger row once recorded; null before, and in a dry run
 * @param outcome     how it ended; null while it runs
 * @param message     the outcome in words, for the summary; null while it runs
 */
public record Job(FormId form, YearMonth period, OffsetDateTime asOf, TransmitRequest request, Step step,
                  Version version, char action, Aggregate unsound, FormTable table, List<Finding> findings,
                  QualityChecks.Result validation, RenderedForm rendered, Path directory, Transmission transmission, Outcome outcome, String message) {

    /** What the flow does next (routes/2-transmit.camel.yaml, routes/3-deliver.camel.yaml). */
    public enum Step {
        /** Planned: what to do is decided from the ledger, under the form and period's lock. */
        DECIDE,
        /** Build the form from the source. */
        BUILD,
        /** The aggregation counted rows that cannot be counted: the source checks name them; then REJECT. */
        NAME_UNSOUND_ROWS,
        /** A validation ERROR: recorded as REJECTED (not in a dry run); nothing is sent. */
        REJECT,
        /** Built and valid: render the files, keep them, record the version. */
        RENDER,
        /** A recorded version: send it over every channel it has not reached yet. */
        DELIVER,
        /** Nothing more to do; {@link #outcome()} says how it ended. */
        END
    }

    public Job {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(step, "step");
        findings = List.copyOf(findings);
    }

    /** A job as the plan makes it: nothing read yet, to be decided from the ledger. */
    public static Job planned(FormId form, YearMonth period, OffsetDateTime asOf, TransmitRequest request) {
        return new Job(form, period, asOf, request, Step.DECIDE, null, ' ', null, null, List.of(), null, null, null, null, null, null);
    }

    public Mode mode() {
        return request.mode();
    }

    /** "2-ӨЖ 2025-06", as log lines and messages name a job. */
    public String name() {
        return form.index() + " " + period;
    }

    /** "2-ӨЖ 2025-06 V0001", once the version is decided. */
    public String versionName() {
        return name() + (version == null ? "" : " " + version.label());
    }

    /**
     * This delivery of this version, for the e-mail's Message-ID: "2-OZh.2025-06.V0001.delivery1". The
     * same when an interrupted delivery is finished, the next number for a resend.
     */
    public String mailKey() {
        return new DeliveryKey(form, period, version, transmission == null ? 1 : transmission.deliveries() + 1).toString();
    }

    // ---- the next state ---------------------------------------------------------------------

    /** To be built from the source as {@code version} with {@code action}. */
    public Job toBuild(Version version, char action) {
        return new Job(form, period, asOf, request, Step.BUILD, version, action, unsound, table, findings, validation, rendered,
                directory, transmission, outcome, message);
    }

    /**
     * The form as laid out, the findings of the controls and the quality checks (their WARNs never
     * block), and every stage that ran: rejected on an ERROR, else rendered next.
     */
    public Job built(FormTable table, List<Finding> findings, QualityChecks.Result validation) {
        return new Job(form, period, asOf, request, Controls.blocks(findings) ? Step.REJECT : Step.RENDER, version, action,
                null, table, findings, validation, rendered, directory, transmission, outcome, message);
    }

    /** The aggregation counted rows that cannot be counted: nothing is built from it. */
    public Job unsound(Aggregate aggregate) {
        return new Job(form, period, asOf, request, Step.NAME_UNSOUND_ROWS, version, action, aggregate, null, List.of(),
                null, rendered, directory, transmission, outcome, message);
    }

    /** Rejected by these findings (ERROR among them), as the stages that ran found them. */
    public Job rejectedBy(List<Finding> findings, QualityChecks.Result validation) {
        return new Job(form, period, asOf, request, Step.REJECT, version, action, unsound, table, findings, validation, rendered,
                directory, transmission, outcome, message);
    }

    /** Its files, made or read back, and where they are kept. */
    public Job withFiles(RenderedForm rendered, Path directory) {
        return new Job(form, period, asOf, request, step, version, action, unsound, table, findings, validation, rendered, directory,
                transmission, outcome, message);
    }

    /** Recorded in the ledger as {@code transmission}, to be delivered. */
    public Job toDeliver(Transmission transmission) {
        return new Job(form, period, asOf, request, Step.DELIVER, version, action, unsound, table, findings, validation, rendered,
                directory, transmission, outcome, message);
    }

    /**
     * A version the ledger holds, to be delivered from its stored files: finishing an interrupted
     * delivery, or a resend. Its findings are the ones recorded with it.
     */
    public Job stored(Transmission transmission, RenderedForm rendered, Path directory, List<Finding> findings) {
        return new Job(form, period, asOf, request, Step.DELIVER, transmission.version(), transmission.action(), unsound,
                table, findings, validation, rendered, directory, transmission, outcome, message);
    }

    /** The ledger's row after a change. */
    public Job withTransmission(Transmission transmission) {
        return new Job(form, period, asOf, request, step, version, action, unsound, table, findings, validation, rendered, directory,
                transmission, outcome, message);
    }

    /** Ended, with the version it concerns (e.g. the one already delivered). */
    public Job ended(Outcome outcome, String message, Version version, char action) {
        return new Job(form, period, asOf, request, Step.END, version, action, unsound, table, findings, validation, rendered, directory,
                transmission, outcome, message);
    }

    /** Ended. */
    public Job ended(Outcome outcome, String message) {
        return ended(outcome, message, version, action);
    }
}
