package kz.labour.reporting.transmission;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;

import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.RenderedForm;
import kz.labour.reporting.form.Version;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.ledger.TransmissionLock;
import kz.labour.reporting.source.Aggregate;

/**
 * One form for one period travelling through the routes: what was asked, what was built, what the
 * ledger holds, and how it ended. Carried as the exchange property {@code job}.
 */
public final class Job {

    private final FormId form;
    private final YearMonth period;
    private final OffsetDateTime asOf;
    private final TransmitRequest request;

    private TransmissionLock lock;
    private Step step;
    private FormTable table;
    private Aggregate suspect;
    private List<Finding> findings = List.of();
    private RenderedForm rendered;
    private Path directory;
    private Version version;
    private char action;
    private Transmission transmission;
    private Outcome outcome;
    private String message;

    /** What the plan decided for this job. */
    public enum Step {
        /** Nothing to do; the message says why. */
        SKIP,
        /** Build from the source, validate, render. */
        BUILD,
        /** Send stored files of a recorded version: finishing an interrupted one, or a resend. */
        DELIVER_STORED
    }

    public Job(FormId form, YearMonth period, OffsetDateTime asOf, TransmitRequest request) {
        this.form = form;
        this.period = period;
        this.asOf = asOf;
        this.request = request;
    }

    public FormId form() { return form; }
    public YearMonth period() { return period; }
    public OffsetDateTime asOf() { return asOf; }
    public TransmitRequest request() { return request; }
    public Mode mode() { return request.mode(); }

    public TransmissionLock lock() { return lock; }
    public void lock(TransmissionLock lock) { this.lock = lock; }
    public Step step() { return step; }
    public void step(Step step) { this.step = step; }
    public FormTable table() { return table; }
    public void table(FormTable table) { this.table = table; }
    /** The aggregation, when it found rows that cannot be counted; null when it was sound. */
    public Aggregate suspect() { return suspect; }
    public void suspect(Aggregate suspect) { this.suspect = suspect; }
    public List<Finding> findings() { return findings; }
    public void findings(List<Finding> findings) { this.findings = List.copyOf(findings); }
    public RenderedForm rendered() { return rendered; }
    public void rendered(RenderedForm rendered) { this.rendered = rendered; }
    public Path directory() { return directory; }
    public void directory(Path directory) { this.directory = directory; }
    /** The version built or delivered; null while none is decided. */
    public Version version() { return version; }
    public char action() { return action; }
    public void version(Version version, char action) { this.version = version; this.action = action; }
    public Transmission transmission() { return transmission; }
    public void transmission(Transmission transmission) { this.transmission = transmission; }
    public Outcome outcome() { return outcome; }
    public String message() { return message; }

    public void end(Outcome outcome, String message) {
        this.outcome = outcome;
        this.message = message;
    }

    /** "2-ӨЖ 2025-06", as log lines and messages name a job. */
    public String name() {
        return form.index() + " " + period;
    }

    public String versionLabel() {
        return version.label();
    }
}
