package kz.labour.reporting.quality;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;

/**
 * Builds a form for a period from the source, at the cut-off of the run that asks: the fallback for
 * history that was never delivered (a new deployment). Wired to the pipeline's own build (the same
 * aggregation statement, accumulation and region catalogue), so history and the current period are
 * counted alike.
 */
@FunctionalInterface
public interface SourceBuild {

    /**
     * The period's table, or empty when it cannot be built: before the earliest period, or the source
     * holds rows for it that cannot be counted. A failure to read the source may be thrown; the checks
     * then report that they could not run, and the build goes on.
     */
    Optional<FormTable> build(FormId form, YearMonth period);

    /**
     * Several periods of a form at once, each as {@link #build(FormId, YearMonth)} gives it (every
     * period asked for is a key, in the order asked). An implementation may read them from the source
     * together; this one builds them one by one.
     */
    default Map<YearMonth, Optional<FormTable>> buildAll(FormId form, List<YearMonth> periods) {
        Map<YearMonth, Optional<FormTable>> tables = new LinkedHashMap<>();
        for (YearMonth period : periods) {
            tables.put(period, build(form, period));
        }
        return tables;
    }
}
