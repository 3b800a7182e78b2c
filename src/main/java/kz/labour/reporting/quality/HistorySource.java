package kz.labour.reporting.quality;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;

/**
 * A form's numbers over a range of periods, each the latest version delivered (from the pipeline
 * database) or, for a period never delivered, built from the source; a built period with nothing in
 * it at all counts as not known ({@link #covered}). One instance serves one run:
 * it remembers what it built, so the plausibility and cross-form checks build a period once.
 */
final class HistorySource {

    private final DeliveredHistory delivered;
    private final SourceBuild build;
    private final Map<FormId, Map<YearMonth, Optional<PeriodFigures>>> built = new HashMap<>();
    private final List<PeriodFigures> used = new ArrayList<>();

    HistorySource(DeliveredHistory delivered, SourceBuild build) {
        this.delivered = delivered;
        this.build = build;
    }

    /**
     * The periods {@code from}..{@code to} of {@code form}; a period neither delivered nor buildable is
     * absent. The periods to build are asked of the source build together, so it can read them in one
     * statement.
     */
    Series read(FormId form, Accumulation accumulation, YearMonth from, YearMonth to) {
        Map<YearMonth, PeriodFigures> periods = new TreeMap<>(delivered.latest(form, accumulation, from, to));
        Map<YearMonth, Optional<PeriodFigures>> builds = built.computeIfAbsent(form, f -> new HashMap<>());
        List<YearMonth> missing = new ArrayList<>();
        for (YearMonth p = from; !p.isAfter(to); p = p.plusMonths(1)) {
            if (!periods.containsKey(p) && !builds.containsKey(p)) {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            Map<YearMonth, Optional<FormTable>> tables = build.buildAll(form, missing);
            for (YearMonth p : missing) {
                builds.put(p, figures(form, accumulation, p, tables.getOrDefault(p, Optional.empty())));
            }
        }
        for (YearMonth p = from; !p.isAfter(to); p = p.plusMonths(1)) {
            if (!periods.containsKey(p)) {
                YearMonth period = p;
                builds.getOrDefault(p, Optional.empty()).ifPresent(f -> periods.put(period, f));
            }
        }
        periods.values().forEach(this::remember);
        return new Series(form, accumulation, periods);
    }

    /** Every period read so far, for the report: form, period, and whether delivered (which version) or built. */
    List<PeriodFigures> used() {
        return used.stream()
                .sorted(Comparator.comparing(PeriodFigures::form).thenComparing(PeriodFigures::period))
                .toList();
    }

    private static Optional<PeriodFigures> figures(FormId form, Accumulation accumulation, YearMonth period,
                                                   Optional<FormTable> table) {
        table.ifPresent(t -> {
            if (t.form() != form || !t.period().equals(period) || t.accumulation() != accumulation) {
                throw new IllegalStateException("asked to build " + form + " " + period + " " + accumulation
                        + ", got " + t.form() + " " + t.period() + " " + t.accumulation());
            }
        });
        return table.filter(HistorySource::covered).map(t -> PeriodFigures.of(t, PeriodFigures.Origin.BUILT, null));
    }

    /**
     * Whether the source holds anything for the built period. A month in which the whole country has
     * 0 in every column never happens in a working system; it is a month before the system held data
     * (a deployment whose earliest period reaches back further), and taking it as history would make
     * every ordinary month look like a jump from nothing.
     */
    static boolean covered(FormTable table) {
        return table.total().values().values().stream().anyMatch(v -> v.signum() != 0);
    }

    private void remember(PeriodFigures figures) {
        boolean known = used.stream().anyMatch(u -> u.form() == figures.form() && u.period().equals(figures.period()));
        if (!known) {
            used.add(figures);
        }
    }
}
