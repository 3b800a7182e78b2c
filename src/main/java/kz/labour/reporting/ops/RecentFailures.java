package kz.labour.reporting.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import kz.labour.reporting.ExitCode;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.transmission.Job;
import kz.labour.reporting.transmission.Outcome;

/**
 * The last failure per form seen by this instance's scheduled and JMX runs, including those the
 * ledger cannot show (the source database down, a bad period in the configuration): operators see
 * them on the application MBean next to the ledger's REJECTED and FAILED versions.
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

    /** Remembers every job of a run that did not end well. */
    public void record(List<Job> jobs) {
        for (Job job : jobs) {
            Outcome outcome = job.outcome();
            if (outcome == null || outcome.exitCode() != ExitCode.OK) {
                last.put(job.form(), new Failure(clock.instant(), job.period().toString(),
                        (outcome == null ? "UNFINISHED" : outcome.name()) + (job.message() == null ? "" : ": " + job.message())));
            }
        }
    }

    /** Remembers a run that failed as a whole; {@code form} null means both forms. */
    public void record(String form, String period, String text) {
        Failure failure = new Failure(clock.instant(), period, text);
        List<FormId> forms = form == null || form.isBlank() ? List.of(FormId.values()) : formOrBoth(form);
        forms.forEach(f -> last.put(f, failure));
    }

    public Optional<Failure> last(FormId form) {
        return Optional.ofNullable(last.get(form));
    }

    private static List<FormId> formOrBoth(String form) {
        try {
            return List.of(FormId.parse(form));
        } catch (RuntimeException e) {
            return List.of(FormId.values()); // an unknown form concerns neither in particular: show it on both
        }
    }
}
