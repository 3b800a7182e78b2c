package kz.labour.reporting.transmission;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.Causes;
import kz.labour.reporting.ExitCode;
import kz.labour.reporting.form.FormId;

/**
 * The last failure per form seen by this instance's runs (route {@code transmit}, and whoever sent a
 * request that failed as a whole), including
 * those the ledger cannot show (the source database down, a bad period in the configuration):
 * operators see them on the application MBean next to the ledger's REJECTED and FAILED versions.
 */
@Component
public class RecentFailures {

    public record Failure(Instant at, String period, String text) {
    }

    private final Map<FormId, Failure> last = new ConcurrentHashMap<>();
    private final Clock clock;

    public RecentFailures(Clock clock) {
        this.clock = clock;
    }

    /** Remembers every job of a run that did not end well (the last step of route transmit). */
    public void jobsEnded(Summary summary) {
        for (Job job : summary.jobs()) {
            Outcome outcome = job.outcome();
            if (outcome == null || outcome.exitCode() != ExitCode.OK) {
                last.put(job.form(), new Failure(clock.instant(), job.period().toString(),
                        (outcome == null ? "UNFINISHED" : outcome.name()) + (job.message() == null ? "" : ": " + job.message())));
            }
        }
    }

    /** Remembers a request that failed as a whole, on the form it named, or on both. */
    public void requestFailed(TransmitRequest request, Exception failure) {
        String text = failure instanceof BadInputException ? "BAD_INPUT: " + failure.getMessage()
                : "ERROR: " + Causes.summary(failure);
        Failure remembered = new Failure(clock.instant(), request.period(), text);
        formsOf(request).forEach(f -> last.put(f, remembered));
    }

    public Optional<Failure> last(FormId form) {
        return Optional.ofNullable(last.get(form));
    }

    /** The form the request named, or both (also when it named no known form: it concerns neither in particular). */
    private static List<FormId> formsOf(TransmitRequest request) {
        if (request.form() == null || request.form().isBlank()) {
            return List.of(FormId.values());
        }
        try {
            return List.of(FormId.parse(request.form()));
        } catch (BadInputException e) {
            return List.of(FormId.values());
        }
    }
}
