package kz.labour.reporting.transmission;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;

/**
 * The source aggregations one run has made (route {@code transmit} starts one per request and every
 * job of it shares it): a form's period at the run's cut-off is read from the source once, whether
 * for its own build or as history for the quality checks of any form and month of the run. Without
 * it a run on a new deployment read every history period again for each form and month, and 2-ӨЖ's
 * build read the period 1-МЕИЖМ's cross-form rule had just read. The rows are what the aggregation
 * statement returned, or a month's rows of the form's history statement (which returns, month by
 * month, exactly those: SourceFormBuild), so a build from them is the build from the source.
 */
public final class RunAggregations {

    record Key(FormId form, YearMonth period, Accumulation accumulation, OffsetDateTime asOf) {
    }

    private final Map<Key, List<Map<String, Object>>> rows = new ConcurrentHashMap<>();

    /** An empty one, for a new run. */
    public static RunAggregations start() {
        return new RunAggregations();
    }

    Optional<List<Map<String, Object>>> rows(Key key) {
        return Optional.ofNullable(rows.get(key));
    }

    void keep(Key key, List<Map<String, Object>> result) {
        rows.putIfAbsent(key, List.copyOf(result));
    }

    /** How many aggregations this run has read from the source. */
    public int size() {
        return rows.size();
    }

    @Override
    public String toString() {
        return "RunAggregations[" + rows.size() + " read]";
    }
}
