package kz.labour.reporting.quality;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.form.ColumnDef;

/**
 * The {@code reporting.plausibility.*} settings: the thresholds of the checks over time and across
 * forms (config/application.yml comments each; docs/quality.md explains why the defaults are what
 * they are). Amounts are in the column's own unit: counts for every column but 1-МЕИЖМ column 9,
 * which is in thousand tenge and has thresholds of its own.
 *
 * @param enabled                    false: no history is read and neither stage runs
 * @param historyPeriods             how many periods before the current one form the history
 * @param minHistoryPeriods          fewer periods of history than this: a cell is not judged
 * @param outlierScore               how many robust standard deviations from the median make an outlier
 * @param minChange                  and by at least this much (counts)
 * @param minChangeThousandTenge     and by at least this much (column 9 of 1-МЕИЖМ, thousand tenge)
 * @param zeroMedian                 a zero is suspicious where the history's median is at least this (counts)
 * @param zeroMedianThousandTenge    the same for column 9 of 1-МЕИЖМ (thousand tenge)
 * @param crossFormPeriods           the cross-form rules sum this many periods, the current one last
 * @param crossFormMinAccidents      accidents needing investigation that make a missing one suspicious
 */
@ConfigurationProperties("reporting.plausibility")
public record PlausibilitySettings(@DefaultValue("true") boolean enabled,
                                   @DefaultValue("12") int historyPeriods,
                                   @DefaultValue("6") int minHistoryPeriods,
                                   @DefaultValue("5") BigDecimal outlierScore,
                                   @DefaultValue("5") BigDecimal minChange,
                                   @DefaultValue("1000") BigDecimal minChangeThousandTenge,
                                   @DefaultValue("10") BigDecimal zeroMedian,
                                   @DefaultValue("2000") BigDecimal zeroMedianThousandTenge,
                                   @DefaultValue("3") int crossFormPeriods,
                                   @DefaultValue("3") int crossFormMinAccidents) {

    private static final String PREFIX = "reporting.plausibility.";
    /** The unit of the one money column (labels.json), whose thresholds are its own. */
    static final String THOUSAND_TENGE = "мың теңге";

    /** The defaults above, for code that runs without a Spring context. */
    public static PlausibilitySettings defaults() {
        return new PlausibilitySettings(true, 12, 6, new BigDecimal("5"), new BigDecimal("5"), new BigDecimal("1000"),
                new BigDecimal("10"), new BigDecimal("2000"), 3, 3);
    }

    /** Fails naming the setting and what is accepted, before any history is read. */
    public PlausibilitySettings validate() {
        if (historyPeriods < 1 || historyPeriods > 120) {
            throw bad("history-periods", historyPeriods, "a whole number of periods from 1 to 120");
        }
        if (minHistoryPeriods < 1 || minHistoryPeriods > historyPeriods) {
            throw bad("min-history-periods", minHistoryPeriods, "a whole number from 1 to history-periods (" + historyPeriods + ")");
        }
        positive("outlier-score", outlierScore);
        positive("min-change", minChange);
        positive("min-change-thousand-tenge", minChangeThousandTenge);
        positive("zero-median", zeroMedian);
        positive("zero-median-thousand-tenge", zeroMedianThousandTenge);
        if (crossFormPeriods < 1 || crossFormPeriods > 12) {
            throw bad("cross-form-periods", crossFormPeriods, "a whole number of periods from 1 to 12");
        }
        if (crossFormMinAccidents < 1) {
            throw bad("cross-form-min-accidents", crossFormMinAccidents, "a whole number of at least 1");
        }
        return this;
    }

    /** The smallest change from the median that can make an outlier, in the column's unit. */
    public BigDecimal minChange(ColumnDef column) {
        return money(column) ? minChangeThousandTenge : minChange;
    }

    /** The median from which a zero is suspicious, in the column's unit. */
    public BigDecimal zeroMedian(ColumnDef column) {
        return money(column) ? zeroMedianThousandTenge : zeroMedian;
    }

    static boolean money(ColumnDef column) {
        return THOUSAND_TENGE.equals(column.unit());
    }

    private static void positive(String name, BigDecimal value) {
        if (value == null || value.signum() <= 0) {
            throw bad(name, value, "a number above 0");
        }
    }

    private static BadInputException bad(String name, Object value, String accepted) {
        return new BadInputException(PREFIX + name, "'" + value + "' is not accepted; accepted: " + accepted);
    }
}
