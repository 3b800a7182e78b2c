package kz.labour.reporting.quality;

import java.time.YearMonth;
import java.util.ArrayList;
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
 * database) or, for a period never delivered, built from the source. One instance serves one run:
 * it remembers what it built, so the plausibility and cross-form checks build a period once.
 */
public final class HistorySource {

    private final DeliveredHistory delivered;
    private final SourceBuild build;
    private final Map<FormId, Map<YearMonth, Optional<PeriodFigures>>> built = new HashMap<>();
    private final List<PeriodFigures> used = new ArrayList<>();

    public HistorySource(DeliveredHistory delivered, SourceBuild build) {
        this.delivered = delivered;
        this.build = build;
    }

    /** The periods {@code from}..{@code to} of {@code form}; a period neither delivered nor buildable is absent. */
    public Series read(FormId form, Accumulation accumulation, YearMonth from, YearMonth to) {
        Map<YearMonth, PeriodFigures> periods = new TreeMap<>(delivered.latest(form, accumulation, from, to));
        for (YearMonth p = from; !p.isAfter(to); p = p.plusMonths(1)) {
            if (!periods.containsKey(p)) {
                YearMonth period = p;
                built(form, accumulation, period).ifPresent(f -> periods.put(period, f));
            }
        }
        periods.values().forEach(this::remember);
        return new Series(form, accumulation, periods);
    }

    /** Every period read so far, for the report: form, period, and whether delivered (which version) or built. */
    public List<PeriodFigures> used() {
        return used.stream()
                .sorted(java.util.Comparator.comparing(PeriodFigures::form).thenComparing(PeriodFigures::period))
                .toList();
    }

    private Optional<PeriodFigures> built(FormId form, Accumulation accumulation, YearMonth period) {
        return built.computeIfAbsent(form, f -> new HashMap<>()).computeIfAbsent(period, p -> {
            Optional<FormTable> table = build.build(form, p);
            table.ifPresent(t -> {
                if (t.form() != form || !t.period().equals(p) || t.accumulation() != accumulation) {
                    throw new IllegalStateException("asked to build " + form + " " + p + " " + accumulation
                            + ", got " + t.form() + " " + t.period() + " " + t.accumulation());
                }
            });
            return table.map(t -> PeriodFigures.of(t, PeriodFigures.Origin.BUILT, null));
        });
    }

    private void remember(PeriodFigures figures) {
        boolean known = used.stream().anyMatch(u -> u.form() == figures.form() && u.period().equals(figures.period()));
        if (!known) {
            used.add(figures);
        }
    }
}
