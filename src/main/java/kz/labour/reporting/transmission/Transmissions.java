package kz.labour.reporting.transmission;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.Causes;
import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.delivery.DeliveryFaults;
import kz.labour.reporting.form.Controls;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.form.RenderedForm;
import kz.labour.reporting.form.Rendering;
import kz.labour.reporting.form.Severity;
import kz.labour.reporting.form.Version;
import kz.labour.reporting.ledger.Build;
import kz.labour.reporting.ledger.Channel;
import kz.labour.reporting.ledger.ChannelStatus;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.Status;
import kz.labour.reporting.ledger.StoredFile;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.source.Aggregate;
import kz.labour.reporting.source.SourceResults;

/**
 * The steps of a transmission that the routes call in turn: plan the request, lock and decide, take
 * in what the source returned, validate, render, record, deliver, release. State lives in the
 * ledger and in the {@link Job}; this bean holds none between calls.
 */
@Component("transmissions")
public class Transmissions {

    private static final Logger log = LoggerFactory.getLogger(Transmissions.class);

    private final ReportingSettings settings;
    private final Ledger ledger;
    private final Labels labels;
    private final RegionCatalogue regions;
    private final Clock clock;
    private final DeliveryFaults faults;
    private final int lockWaitSeconds;

    public Transmissions(ReportingSettings settings, Ledger ledger, Labels labels, RegionCatalogue regions, Clock clock,
                         DeliveryFaults faults, @Value("${reporting.lock-wait-seconds:600}") int lockWaitSeconds) {
        this.settings = settings;
        this.ledger = ledger;
        this.labels = labels;
        this.regions = regions;
        this.clock = clock;
        this.faults = faults;
        this.lockWaitSeconds = lockWaitSeconds;
    }

    /** Checks a request and splits it into one job per month and form, months in order. Nothing is read yet. */
    public List<Job> plan(TransmitRequest request) {
        settings.validate();
        Instant now = clock.instant();
        List<YearMonth> months = settings.periods().parse(request.period(), now);
        List<FormId> forms = request.form() == null || request.form().isBlank()
                ? List.of(FormId.values()) : List.of(FormId.parse(request.form()));
        OffsetDateTime asOf = settings.periods().asOf(request.asOf(), now);
        List<Job> jobs = new ArrayList<>();
        for (YearMonth month : months) {
            for (FormId form : forms) {
                jobs.add(new Job(form, month, asOf, request));
            }
        }
        return jobs;
    }

    /**
     * Takes the lock of the job's form and period and decides, from the ledger, what to do. Runs
     * under the lock so two runs started at once see each other's results.
     */
    public void begin(@ExchangeProperty("job") Job job) {
        if (job.mode() != Mode.DRY_RUN) {
            job.lock(ledger.lock(job.form(), job.period(), lockWaitSeconds));
        }
        List<Transmission> history = ledger.history(job.form(), job.period());
        Optional<Transmission> latest = history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
        Optional<Transmission> delivered = history.stream().filter(t -> t.status() == Status.DELIVERED).reduce((a, b) -> b);
        Optional<Transmission> unfinished = latest.filter(t -> t.status().unfinished());
        switch (job.mode()) {
            case PLAIN -> {
                if (unfinished.isPresent()) {
                    deliverStored(job, unfinished.get());
                } else if (delivered.isPresent()) {
                    Transmission d = delivered.get();
                    job.version(d.version(), d.action());
                    job.step(Job.Step.SKIP);
                    job.end(Outcome.ALREADY_DELIVERED, "already delivered " + d.version() + " on "
                            + d.updatedAt().atZoneSameInstant(settings.zoneId()).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS)
                            + "; use --force to send changed numbers or --resend to send it again");
                    log.info("{} {}; nothing sent", job.name(), job.message());
                } else {
                    build(job, latest, false);
                }
            }
            case DRY_RUN -> build(job, latest, delivered.isPresent());
            case FORCE -> {
                if (unfinished.isPresent()) {
                    throw new BadInputException("--force", job.name() + " " + unfinished.get().version() + " is "
                            + unfinished.get().status() + "; run transmit without a flag to finish it first");
                }
                build(job, latest, delivered.isPresent());
            }
            case RESEND -> deliverStored(job, delivered.orElseThrow(() -> new BadInputException("--resend",
                    job.name() + " has no delivered version to send again; run transmit without a flag")));
        }
    }

    private void build(Job job, Optional<Transmission> latest, boolean anyDelivered) {
        Version version = latest.map(t -> t.status() == Status.REJECTED ? t.version() : t.version().next()).orElse(Version.FIRST);
        job.version(version, anyDelivered ? 'R' : 'N');
        job.step(Job.Step.BUILD);
    }

    private void deliverStored(Job job, Transmission t) {
        job.transmission(t);
        job.version(t.version(), t.action());
        job.directory(periodDirectory(job));
        job.rendered(RenderedForm.read(job.directory(), t.manifestName()));
        job.findings(ledger.findings(t));
        job.step(Job.Step.DELIVER_STORED);
    }

    /** Binds the named parameters of the job's SQL statements (camel-jdbc reads them from headers). */
    public void bindSql(@ExchangeProperty("job") Job job, @Headers Map<String, Object> headers) {
        var accumulation = settings.accumulationMode();
        headers.put("from", accumulation.from(job.period()));
        headers.put("until", accumulation.until(job.period()));
        headers.put("as_of", job.asOf());
        headers.put("regions", regions.prefixList());
        headers.put("zone", settings.zoneId().getId());
    }

    /**
     * Lays the aggregation out as the printed form and runs the controls. An aggregation that counted
     * rows the source checks would reject is kept aside instead: the route then runs the checks to
     * name those rows ({@link #sourceChecked}), and nothing is built from it.
     */
    public void aggregated(@ExchangeProperty("job") Job job, List<Map<String, Object>> rows) {
        var definition = labels.form(job.form());
        Aggregate aggregate = SourceResults.aggregate(definition, regions.prefixes(), rows);
        if (!aggregate.sound()) {
            job.suspect(aggregate);
            log.warn("{} {}: the source holds {}; naming them", job.form().index(), job.period(), aggregate.describeSuspects());
            return;
        }
        FormTable table = FormTable.assemble(definition, regions, labels.totalRow(), job.period(),
                settings.accumulationMode(), job.asOf(), aggregate.byRegion());
        job.table(table);
        job.findings(Controls.check(table));
        if (Controls.blocks(job.findings())) {
            throw new FormRejectedException(job.name() + ": " + job.findings().stream().filter(Finding::blocking).count()
                    + " control(s) failed");
        }
    }

    /** True when the aggregation found source rows that cannot be counted. */
    public boolean suspect(@ExchangeProperty("job") Job job) {
        return job.suspect() != null;
    }

    /**
     * The source checks' answer for a suspect aggregation: the offending rows, by relation and
     * problem. The form is rejected either way; if the checks name nothing (they and the aggregation
     * disagree, which a test guards against), the finding says what the aggregation saw.
     */
    public void sourceChecked(@ExchangeProperty("job") Job job, List<Map<String, Object>> rows) {
        List<Finding> findings = SourceResults.sourceFindings(rows);
        if (findings.isEmpty()) {
            findings = List.of(new Finding("source: rows that cannot be counted", Severity.ERROR, "aggregation",
                    job.suspect().describeSuspects() + ", but the source checks named none"));
        }
        job.findings(findings);
        throw new FormRejectedException(job.name() + ": the source holds rows that cannot be counted");
    }

    /**
     * Renders the files and keeps them: a dry run in the outbox's dry-run folder; a forced build whose
     * numbers equal the delivered version ends here; otherwise the version is written and recorded.
     */
    public void render(@ExchangeProperty("job") Job job) {
        RenderedForm rendered = Rendering.render(job.table(), job.findings(), labels, settings.organisation(),
                job.version().number(), job.action(), OffsetDateTime.now(clock).atZoneSameInstant(settings.zoneId()).toOffsetDateTime(),
                settings.zoneId());
        job.rendered(rendered);
        if (job.mode() == Mode.DRY_RUN) {
            job.directory(settings.outboxDir().resolve("dry-run").resolve(job.period().toString()));
            rendered.write(job.directory());
            job.end(Outcome.BUILT_DRY_RUN, "dry run, nothing recorded or sent; would be " + job.versionLabel() + " " + job.action());
            return;
        }
        if (job.mode() == Mode.FORCE) {
            Optional<Transmission> delivered = ledger.latestDelivered(job.form(), job.period());
            if (delivered.isPresent() && rendered.contentHash().equals(delivered.get().contentHash())) {
                job.version(delivered.get().version(), delivered.get().action());
                job.end(Outcome.UNCHANGED, "numbers unchanged since " + delivered.get().version() + "; nothing sent");
                return;
            }
        }
        job.directory(periodDirectory(job));
        rendered.write(job.directory());
        job.transmission(ledger.record(new Build(job.form(), job.period(), job.version(), job.action(),
                settings.accumulationMode(), job.asOf(), rendered.contentHash(), stored(rendered), job.findings(), Status.BUILT),
                job.request().requester()));
    }

    /** Whether the routes build this job from the source. */
    public boolean toBuild(@ExchangeProperty("job") Job job) {
        return job.step() == Job.Step.BUILD;
    }

    /** Whether the routes go on to deliver this job. */
    public boolean toDeliver(@ExchangeProperty("job") Job job) {
        return job.outcome() == null && job.transmission() != null;
    }

    /** Marks the start of delivery in the ledger; a resend sends both channels again. */
    public void startDelivery(@ExchangeProperty("job") Job job) {
        job.transmission(ledger.startDelivery(job.transmission(), job.mode() == Mode.RESEND, job.request().requester()));
    }

    /** Whether a channel still has to be sent (a channel that succeeded is never repeated). */
    public boolean channelPending(@ExchangeProperty("job") Job job, String channel) {
        return job.transmission().status(Channel.valueOf(channel)) != ChannelStatus.DONE;
    }

    public void channelDone(@ExchangeProperty("job") Job job, String channel) {
        job.transmission(ledger.channelDone(job.transmission(), Channel.valueOf(channel), job.request().requester()));
        log.info("{} {} {} delivered by {}", job.form().index(), job.period(), job.versionLabel(),
                "SFTP".equals(channel) ? "SFTP" : "e-mail");
    }

    /**
     * A channel failed after its retries, or at once when retrying cannot help. The ledger keeps the
     * cause worded as what to fix; the other channel is still tried.
     */
    public void channelFailed(@ExchangeProperty("job") Job job, String channel, Exception cause) {
        String error = faults.explain(channel, cause);
        job.transmission(ledger.channelFailed(job.transmission(), Channel.valueOf(channel), error, job.request().requester()));
        log.error("{} {} {} not delivered by {}: {}", job.form().index(), job.period(), job.versionLabel(),
                "SFTP".equals(channel) ? "SFTP" : "e-mail", error);
        log.debug("{} {} {} {} failure in full", job.form().index(), job.period(), job.versionLabel(), channel, cause);
    }

    /**
     * Closes the delivery: DELIVERED when both channels are done, else FAILED with the causes. A
     * version delivered before stays delivered in the ledger when a resend of it fails.
     */
    public void finishDelivery(@ExchangeProperty("job") Job job) {
        Transmission t = ledger.finishDelivery(job.transmission(), job.request().requester());
        job.transmission(t);
        boolean resend = job.mode() == Mode.RESEND;
        if (t.sftpStatus() == ChannelStatus.DONE && t.mailStatus() == ChannelStatus.DONE) {
            job.end(Outcome.DELIVERED, (resend ? "sent again" : "delivered") + " as "
                    + t.files().stream().map(StoredFile::name).reduce((a, b) -> a + ", " + b).orElse("")
                    + (t.deliveries() > 1 ? " (delivery " + t.deliveries() + ")" : ""));
            log.info("{} {} {} {} to the bureau by SFTP and e-mail", job.form().index(), job.period(), job.versionLabel(),
                    resend ? "sent again" : "delivered");
        } else {
            job.end(Outcome.FAILED, (resend ? "not sent again: " : "not delivered: ")
                    + (t.sftpError() == null ? "" : "SFTP: " + t.sftpError() + "; ")
                    + (t.mailError() == null ? "" : "MAIL: " + t.mailError() + "; ")
                    + "files kept in " + job.directory());
            log.error("{} {} {} {}", job.form().index(), job.period(), job.versionLabel(), job.message());
        }
    }

    /** Whether the delivery just closed failed, so the operators are told (one alert per form and version). */
    public boolean deliveryFailed(@ExchangeProperty("job") Job job) {
        return job.outcome() == Outcome.FAILED;
    }

    /** The subject of the operators' alert about a failed delivery. */
    public String alertSubject(@ExchangeProperty("job") Job job) {
        return "labour-reporting: " + job.form().ascii() + " " + job.period() + " " + job.versionLabel()
                + (job.mode() == Mode.RESEND ? " not sent again" : " not delivered");
    }

    /** The operators' alert: what failed, why, where the files are and which command finishes it. */
    public String alertText(@ExchangeProperty("job") Job job) {
        Transmission t = job.transmission();
        boolean resend = job.mode() == Mode.RESEND;
        String command = "java -jar labour-reporting.jar transmit --period " + job.period() + " --form " + job.form().ascii()
                + (resend ? " --resend" : "");
        return job.form().index() + " (" + job.form().ascii() + ") for " + job.period() + ", version " + job.versionLabel()
                + " " + job.action() + ", was " + (resend ? "not sent again" : "not delivered") + " to the bureau.\n\n"
                + "SFTP:   " + channelLine(t.sftpStatus(), t.sftpError()) + "\n"
                + "E-mail: " + channelLine(t.mailStatus(), t.mailError()) + "\n\n"
                + "The files are kept in " + job.directory() + ":\n"
                + t.files().stream().map(f -> "  " + f.name() + "\n").reduce("", String::concat)
                + "\nAfter fixing the cause, run\n  " + command + "\n"
                + (resend ? "" : "to send what is missing; a channel that already succeeded is not repeated.\n")
                + "\nRequested by " + job.request().requestedBy() + " (" + job.request().trigger() + ").\n";
    }

    private static String channelLine(ChannelStatus status, String error) {
        return status == ChannelStatus.DONE ? "done" : status + (error == null ? "" : ": " + error);
    }

    /** A validation ERROR: nothing is sent; the attempt is recorded as REJECTED (not in a dry run). */
    public void rejected(@ExchangeProperty("job") Job job) {
        if (job.mode() != Mode.DRY_RUN) {
            ledger.record(new Build(job.form(), job.period(), job.version(), job.action(), settings.accumulationMode(),
                    job.asOf(), job.rendered() == null ? null : job.rendered().contentHash(), List.of(), job.findings(),
                    Status.REJECTED), job.request().requester());
        }
        job.end(Outcome.REJECTED, job.findings().stream().filter(Finding::blocking).count() + " ERROR finding(s); nothing sent");
        log.error("{} rejected: {}", job.name(), job.findings());
    }

    /** Anything else that went wrong; the ledger keeps what was done so far for the next run to finish. */
    public void failed(@ExchangeProperty("job") Job job, Exception cause) {
        if (job.outcome() == null) {
            job.end(cause instanceof BadInputException ? Outcome.BAD_INPUT : Outcome.ERROR, rootMessage(cause));
        }
        log.error("{} failed: {}", job.name(), rootMessage(cause), cause);
    }

    /** Releases the job's lock, whatever happened. */
    public void release(@ExchangeProperty("job") Job job) {
        if (job.lock() != null) {
            job.lock().close();
            job.lock(null);
        }
    }

    public Path periodDirectory(Job job) {
        return settings.outboxDir().resolve(job.period().toString());
    }

    private static List<StoredFile> stored(RenderedForm rendered) {
        return rendered.files().stream().map(f -> new StoredFile(f.name(), f.size(), f.sha256())).toList();
    }

    static String rootMessage(Throwable e) {
        return Causes.summary(e);
    }
}
