package kz.labour.reporting.quality;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;

/** Delivered history held in memory, for the unit tests of what reads it (HistoryStoreIntegrationTest tests the real one). */
final class InMemoryHistory implements DeliveredHistory {

    private final List<PeriodFigures> kept = new ArrayList<>();
    final List<String> reads = new ArrayList<>();

    @Override
    public void record(FormTable table, int version) {
        kept.add(PeriodFigures.of(table, PeriodFigures.Origin.DELIVERED, version));
    }

    @Override
    public Map<YearMonth, PeriodFigures> latest(FormId form, Accumulation accumulation, YearMonth from, YearMonth to) {
        reads.add(form + " " + from + ".." + to);
        Map<YearMonth, PeriodFigures> out = new TreeMap<>();
        for (PeriodFigures p : kept) {
            if (p.form() == form && p.accumulation() == accumulation && !p.period().isBefore(from) && !p.period().isAfter(to)) {
                PeriodFigures before = out.get(p.period());
                if (before == null || before.version() < p.version()) {
                    out.put(p.period(), p);
                }
            }
        }
        return out;
    }
}
