package kz.labour.reporting.quality;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import kz.labour.reporting.form.ColumnDef;
import kz.labour.reporting.form.FormRow;
import kz.labour.reporting.form.FormTable;

/**
 * The plausibility rules this project ran before the count models, kept only so the simulation can
 * measure them on the same months: {@code history-outlier} (robust z-score above 5 against the
 * previous twelve periods, with a spread of at least the Poisson √median for counts, and a change of at
 * least 5, or 1000 thousand tenge for column 9) and {@code history-zero} (0 where the median is at
 * least 10, or 2000 thousand tenge). Their defaults, as they shipped.
 */
final class OldRules {

    static final double OUTLIER_SCORE = 5;
    static final double MIN_CHANGE = 5;
    static final double MIN_CHANGE_THOUSAND_TENGE = 1000;
    static final double ZERO_MEDIAN = 10;
    static final double ZERO_MEDIAN_THOUSAND_TENGE = 2000;
    static final int HISTORY = 12;
    static final int MIN_HISTORY = 6;

    private OldRules() {
    }

    /** The cells the old rules flag, as "kato:column". */
    static List<String> flagged(FormTable table, Series history) {
        YearMonth period = table.period();
        Series series = history.with(PeriodFigures.of(table, PeriodFigures.Origin.BUILT, null));
        List<String> flagged = new ArrayList<>();
        for (FormRow row : table.rows()) {
            for (ColumnDef column : table.definition().numericColumns()) {
                BigDecimal x = series.monthly(period, row.kato(), column.number());
                List<Double> past = new ArrayList<>();
                for (int i = HISTORY; i >= 1; i--) {
                    BigDecimal v = series.monthly(period.minusMonths(i), row.kato(), column.number());
                    if (v != null) {
                        past.add(v.doubleValue());
                    }
                }
                if (x == null || past.size() < MIN_HISTORY) {
                    continue;
                }
                boolean money = PlausibilitySettings.money(column);
                double[] h = past.stream().mapToDouble(Double::doubleValue).toArray();
                double median = CellModel.median(h);
                double mad = CellModel.median(java.util.Arrays.stream(h).map(v -> Math.abs(v - median)).toArray());
                double meanAbs = java.util.Arrays.stream(h).map(v -> Math.abs(v - median)).average().orElse(0);
                double spread = Math.max(1.4826 * mad, 1.2533 * meanAbs);
                if (!money) {
                    spread = Math.max(spread, Math.sqrt(Math.max(median, 1)));
                }
                double value = x.doubleValue();
                double distance = Math.abs(value - median);
                double score = distance == 0 ? 0 : spread == 0 ? Double.POSITIVE_INFINITY : distance / spread;
                boolean zero = value == 0 && median >= (money ? ZERO_MEDIAN_THOUSAND_TENGE : ZERO_MEDIAN);
                boolean outlier = distance >= (money ? MIN_CHANGE_THOUSAND_TENGE : MIN_CHANGE) && score > OUTLIER_SCORE;
                if (zero || outlier) {
                    flagged.add(row.kato() + ":" + column.number());
                }
            }
        }
        return flagged;
    }
}
