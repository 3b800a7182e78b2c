package kz.labour.reporting.transmission;

import java.util.List;
import java.util.stream.Collectors;

import kz.labour.reporting.ExitCode;
import kz.labour.reporting.form.Finding;

/**
 * What a request did, one line per form and period, for operators: the answer of the entry point
 * ({@link TransmissionService#transmit}, route {@code transmit}); the CLI, JMX and the schedule's log
 * print the same table.
 */
public record Summary(List<Job> jobs) {

    public Summary {
        jobs = List.copyOf(jobs);
    }

    /** The jobs of a request as they ended, in the order they ran. */
    public static Summary of(List<Job> jobs) {
        return new Summary(jobs);
    }

    /** The worst outcome decides (an unfinished job counts as an error). */
    public ExitCode exitCode() {
        return jobs.stream().map(job -> job.outcome() == null ? ExitCode.ERROR : job.outcome().exitCode())
                .reduce(ExitCode.OK, ExitCode::worse);
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        String format = "%-9s %-8s %-7s %-18s %s%n";
        out.append(String.format(format, "FORM", "PERIOD", "VERSION", "OUTCOME", "DETAIL"));
        for (Job job : jobs) {
            out.append(String.format(format, job.form().ascii(), job.period(),
                    job.version() == null ? "-" : job.version().label() + " " + job.action(),
                    job.outcome() == null ? "UNFINISHED" : job.outcome(), job.message() == null ? "" : job.message()));
            if (job.directory() != null && job.rendered() != null) {
                out.append(String.format(format, "", "", "", "", "files: " + job.directory()));
            }
            if (job.table() != null) {
                out.append(String.format(format, "", "", "", "", "totals: " + totals(job)));
            }
            for (Finding f : job.findings()) {
                out.append(String.format(format, "", "", "", "", f));
            }
        }
        return out.toString();
    }

    private static String totals(Job job) {
        return job.table().total().values().entrySet().stream()
                .map(e -> "c" + e.getKey() + "=" + e.getValue().toPlainString()).collect(Collectors.joining(" "));
    }
}
