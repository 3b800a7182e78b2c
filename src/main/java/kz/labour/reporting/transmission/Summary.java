package kz.labour.reporting.transmission;

import java.util.List;
import java.util.stream.Collectors;

import kz.labour.reporting.form.Finding;

/** What a request did, one line per form and period, for operators (CLI and JMX print the same). */
public record Summary(List<Job> jobs) {

    public Summary {
        jobs = List.copyOf(jobs);
    }

    /** The worst outcome decides: 2 bad input, 3 rejected, 4 delivery failed, 1 anything else, 0 all well. */
    public int exitCode() {
        int worst = 0;
        for (Job job : jobs) {
            int code = job.outcome() == null ? Outcome.ERROR.exitCode() : job.outcome().exitCode();
            worst = rank(code) > rank(worst) ? code : worst;
        }
        return worst;
    }

    private static int rank(int code) {
        return switch (code) {
            case 0 -> 0;
            case 2 -> 1;
            case 3 -> 2;
            case 4 -> 3;
            default -> 4;
        };
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        String format = "%-9s %-8s %-7s %-18s %s%n";
        out.append(String.format(format, "FORM", "PERIOD", "VERSION", "OUTCOME", "DETAIL"));
        for (Job job : jobs) {
            out.append(String.format(format, job.form().ascii(), job.period(),
                    job.version() == 0 ? "-" : job.versionLabel() + " " + job.action(),
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
