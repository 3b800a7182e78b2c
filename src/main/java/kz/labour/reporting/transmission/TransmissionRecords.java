package kz.labour.reporting.transmission;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.Causes;
import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.delivery.DeliveryFaults;
import kz.labour.reporting.form.ContentHash;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.RenderedFile;
import kz.labour.reporting.form.RenderedForm;
import kz.labour.reporting.form.StoredFileException;
import kz.labour.reporting.ledger.Build;
import kz.labour.reporting.ledger.Channel;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.Status;
import kz.labour.reporting.ledger.StoredFile;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.ledger.Leases;
import kz.labour.reporting.ledger.TransmissionLease;
import kz.labour.reporting.quality.QualityChecks;
import kz.labour.reporting.quality.ValidationReport;

/**
 * The steps of routes {@code transmit-form} and {@code deliver} that read or write the ledger and the
 * outbox: take the form and period's lock and read what the ledger holds; finish, resend, supersede or
 * end as the route decides; keep a built version (files into the outbox, then the ledger) or record a
 * rejection; track each channel and close the delivery; end a job that failed. The decisions
 * themselves are the routes' {@code choice}s on the {@link Job}; each step takes the job and returns
 * its next state; this bean holds none between calls.
 */
@Component("transmissionRecords")
class TransmissionRecords {

    private static final Logger log = LoggerFactory.getLogger(TransmissionRecords.class);

    private final ReportingSettings settings;
    private final Ledger ledger;
    private final DeliveryFaults faults;
    private final Leases leases;
    private final Duration lockWait;
    private final QualityChecks qualityChecks;

    public TransmissionRecords(ReportingSettings settings, Ledger ledger, DeliveryFaults faults, Leases leases,
                               @Value("${reporting.lock-wait-seconds:600}") int lockWaitSeconds, QualityChecks qualityChecks) {
        this.settings = settings;
        this.qualityChecks = qualityChecks;
        this.ledger = ledger;
        this.faults = faults;
        this.leases = leases;
        this.lockWait = Duration.ofSeconds(lockWaitSeconds);
    }

    /**
     * The cluster-wide lease of the job's form and period, held (and renewed) while the job runs so two
     * runs started at once see each other's results; none for a dry run, which records nothing.
     */
    public TransmissionLease lock(@ExchangeProperty("job") Job job) {
        return job.mode() == Mode.DRY_RUN ? null
                : leases.acquire(job.form(), job.period(), lockWait, job.request().requester().name());
    }

    /**
     * The fencing check, in the routes right before every send and every step that records: a run that
     * can no longer prove it holds its lease stops there ({@link kz.labour.reporting.ledger.LeaseLostException}),
     * before doing anything another run may be doing by now. A dry run holds none and records nothing.
     */
    public void verifyLease(@ExchangeProperty("lock") TransmissionLease lease) {
        if (lease != null) {
            lease.verify();
        }
    }

    /** Releases the lease, whatever happened. */
    public void release(@ExchangeProperty("lock") TransmissionLease lease) {
        if (lease != null) {
            lease.close();
        }
    }

    /** The form and period's versions as the ledger holds them, read under the lock: what the route decides on. */
    public Job readVersions(@ExchangeProperty("job") Job job) {
        return job.withVersions(ledger.history(job.form(), job.period()));
    }

    /** A plain transmit of an unfinished version: finished from its stored files (DELIVER). */
    public Job finish(@ExchangeProperty("job") Job job) {
        return finish(job, job.unfinishedVersion());
    }

    /** A plain transmit of a delivered form and period: nothing to do (END). */
    public Job alreadyDelivered(@ExchangeProperty("job") Job job) {
        return alreadyDelivered(job, job.deliveredVersion());
    }

    /** {@code --resend}: the latest delivered version, from its stored files (DELIVER). */
    public Job resend(@ExchangeProperty("job") Job job) {
        Transmission delivered = job.deliveredVersion();
        if (delivered == null) {
            throw new BadInputException("--resend", job.name() + " has no delivered version to send again; run transmit without a flag");
        }
        return stored(job, delivered);
    }

    /**
     * {@code --force} on an unfinished version: one whose stored files are gone or changed cannot be
     * finished, so it is superseded and the next version built (BUILD); one whose files are intact must
     * be finished first, and the run stops saying so.
     */
    public Job supersede(@ExchangeProperty("job") Job job) {
        Transmission t = job.unfinishedVersion();
        try {
            // only whether the files are as recorded: nothing is sent from them here
            RenderedForm.read(periodDirectory(job), t.manifestName());
        } catch (StoredFileException unusable) {
            supersede(job, t, unusable);
            return readVersions(job).toBuild();
        }
        throw new BadInputException("--force", job.name() + " " + t.version() + " is " + t.status()
                + " and its stored files are intact; run transmit without a flag to finish it first");
    }

    /** An unfinished version, to be finished from its stored files, which must be as recorded. */
    private Job finish(Job job, Transmission t) {
        try {
            return stored(job, t);
        } catch (StoredFileException unusable) {
            throw new StoredVersionUnusableException(job.name() + " " + t.version() + " cannot be finished: "
                    + unusable.getMessage() + ". Its files must go out exactly as recorded; run transmit --period "
                    + job.period() + " --form " + job.form().ascii() + " --force to supersede it with " + t.version().next(),
                    unusable);
        }
    }

    /** --force on a version that cannot be finished: recorded as superseded, with why, before the next is built. */
    private Transmission supersede(Job job, Transmission t, StoredFileException why) {
        Transmission superseded = ledger.supersede(t, "superseded by " + t.version().next() + " (--force): "
                + why.getMessage(), job.request().requester());
        log.warn("{} {} superseded: {}", job.name(), t.version(), why.getMessage());
        return superseded;
    }

    private Job stored(Job job, Transmission t) {
        Path directory = periodDirectory(job);
        return job.stored(t, RenderedForm.read(directory, t.manifestName()), directory, ledger.findings(t));
    }

    private Job alreadyDelivered(Job job, Transmission d) {
        Job ended = job.ended(Outcome.ALREADY_DELIVERED, "already delivered " + d.version() + " on "
                + d.updatedAt().atZoneSameInstant(settings.zoneId()).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS)
                + "; use --force to send changed numbers or --resend to send it again", d.version(), d.action());
        log.info("{} {}; nothing sent", job.name(), ended.message());
        return ended;
    }

    /** A dry run's version: into the outbox's dry-run folder, nothing recorded or sent (END). */
    public Job keepDryRun(@ExchangeProperty("job") Job job) {
        RenderedForm rendered = job.rendered();
        Path directory = settings.outboxDir().resolve("dry-run").resolve(job.period().toString());
        rendered.write(directory);
        return job.withFiles(rendered, directory).ended(Outcome.BUILT_DRY_RUN,
                "dry run, nothing recorded or sent; would be " + job.version() + " " + job.action());
    }

    /** {@code --force} built the numbers the bureau already has from the latest delivered version: nothing sent (END). */
    public Job unchanged(@ExchangeProperty("job") Job job) {
        Transmission reached = job.versions().stream().filter(Transmission::reachedBureau).reduce((a, b) -> b).orElseThrow();
        return job.ended(Outcome.UNCHANGED, "numbers unchanged since " + reached.version() + "; nothing sent",
                reached.version(), reached.action());
    }

    /** Keeps a rendered version: the files into the outbox, then the version into the ledger as BUILT, to be delivered (DELIVER). */
    public Job keep(@ExchangeProperty("job") Job job) {
        RenderedForm rendered = job.rendered();
        Path directory = periodDirectory(job);
        rendered.write(directory);
        Transmission t = ledger.record(new Build(job.form(), job.period(), job.version(), job.action(),
                settings.accumulationMode(), job.asOf(), rendered.contentHash(), stored(rendered), job.findings(), Status.BUILT),
                job.request().requester());
        return job.withFiles(rendered, directory).toDeliver(t);
    }

    /**
     * A validation ERROR: nothing is sent; the validation report goes into the outbox (the dry-run
     * folder for a dry run) and the build is recorded as REJECTED with its findings and that report
     * (not in a dry run).
     */
    public Job rejected(@ExchangeProperty("job") Job job) {
        RenderedFile report = FormBuilder.validationReport(job, settings);
        RenderedFile html = FormBuilder.validationHtml(job, settings);
        if (job.mode() == Mode.DRY_RUN) {
            Path dryRun = settings.outboxDir().resolve("dry-run").resolve(job.period().toString());
            ValidationReport.write(dryRun, report);
            ValidationReport.write(dryRun, html);
        } else {
            ValidationReport.write(periodDirectory(job), report);
            ValidationReport.write(periodDirectory(job), html);
            ledger.record(new Build(job.form(), job.period(), job.version(), job.action(), settings.accumulationMode(),
                    job.asOf(), job.table() == null ? null : ContentHash.of(job.table()),
                    List.of(new StoredFile(report.name(), report.size(), report.sha256()),
                            new StoredFile(html.name(), html.size(), html.sha256())), job.findings(),
                    Status.REJECTED), job.request().requester());
        }
        log.error("{} rejected: {}", job.name(), job.findings());
        return job.ended(Outcome.REJECTED, job.findings().stream().filter(Finding::blocking).count()
                + " ERROR finding(s); nothing sent");
    }

    /** Delivery starts (or restarts) in the ledger; a resend sends both channels again. */
    public Job startDelivery(@ExchangeProperty("job") Job job) {
        return job.withTransmission(ledger.startDelivery(job.transmission(), job.mode() == Mode.RESEND,
                job.request().requester()));
    }

    /** The channel delivered the version. */
    public Job channelDone(@ExchangeProperty("job") Job job, @ExchangeProperty("channel") Channel channel) {
        Transmission t = ledger.channelDone(job.transmission(), channel, job.request().requester());
        log.info("{} delivered by {}", job.versionName(), channel.label());
        return job.withTransmission(t);
    }

    /**
     * The channel failed after its retries, or at once when retrying cannot help. The ledger keeps the
     * cause worded as what to fix; the other channel is still tried.
     */
    public Job channelFailed(@ExchangeProperty("job") Job job, @ExchangeProperty("channel") Channel channel, Exception cause) {
        String error = faults.explain(channel, cause);
        Transmission t = ledger.channelFailed(job.transmission(), channel, error, job.request().requester());
        log.error("{} not delivered by {}: {}", job.versionName(), channel.label(), error);
        log.debug("{} {} failure in full", job.versionName(), channel, cause);
        return job.withTransmission(t);
    }

    /**
     * Closes the delivery: DELIVERED when both channels are done, else FAILED with the causes (END). A
     * version delivered before stays delivered in the ledger when a resend of it fails.
     */
    public Job finishDelivery(@ExchangeProperty("job") Job job) {
        Transmission t = ledger.finishDelivery(job.transmission(), job.request().requester());
        boolean resend = job.mode() == Mode.RESEND;
        if (t.sentOnEveryChannel()) {
            keepAsHistory(job);
            log.info("{} {} to the bureau by SFTP and e-mail", job.versionName(), resend ? "sent again" : "delivered");
            return job.withTransmission(t).ended(Outcome.DELIVERED, (resend ? "sent again" : "delivered") + " as "
                    + String.join(", ", t.files().stream().map(StoredFile::name).toList())
                    + (t.deliveries() > 1 ? " (delivery " + t.deliveries() + ")" : ""));
        }
        Job failed = job.withTransmission(t).ended(Outcome.FAILED, (resend ? "not sent again: " : "not delivered: ")
                + (t.sftpError() == null ? "" : "SFTP: " + t.sftpError() + "; ")
                + (t.mailError() == null ? "" : "MAIL: " + t.mailError() + "; ")
                + "files kept in " + job.directory());
        log.error("{} {}", job.versionName(), failed.message());
        return failed;
    }

    /**
     * The delivered numbers become history for the quality checks (recording a version again changes
     * nothing). A failure here is logged and the delivery stays DELIVERED: the checks then build that
     * period from the source.
     */
    private void keepAsHistory(Job job) {
        try {
            qualityChecks.delivered(job.rendered().json().content());
        } catch (RuntimeException e) {
            log.warn("{} delivered, but not kept as history for the quality checks: {}", job.versionName(), Causes.summary(e));
        }
    }

    /** Anything else that went wrong; the ledger keeps what was done so far for the next run to finish. */
    public Job failed(@ExchangeProperty("job") Job job, Exception cause) {
        String why = Causes.summary(cause);
        // one line: the cause is worded for the operator; the trace is for DEBUG
        log.error("{} failed: {}", job.name(), why);
        log.debug("{} failure in full", job.name(), cause);
        if (job.outcome() != null) {
            return job;
        }
        return job.ended(Causes.find(cause, BadInputException.class).isPresent() ? Outcome.BAD_INPUT : Outcome.ERROR, why);
    }

    private Path periodDirectory(Job job) {
        return settings.outboxDir().resolve(job.period().toString());
    }

    private static List<StoredFile> stored(RenderedForm rendered) {
        return rendered.files().stream().map(f -> new StoredFile(f.name(), f.size(), f.sha256())).toList();
    }
}
