package kz.labour.reporting.quality;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.form.ColumnDef;

/**
 * The {@code reporting.plausibility.*} settings of the checks over time and across forms
 * (config/application.yml comments each; docs/quality.md explains why the defaults are what they are).
 * The plausibility rule has two: how improbable a cell must be under the model of its own history,
 * and how much it must move the national total. Both are unit-free, so one value suits a small region
 * and a large one, counts and thousand tenge alike.
 *
 * @param enabled               false: no history is read and neither stage runs
 * @param historyPeriods        how many periods before the current one form the history
 * @param minHistoryPeriods     fewer periods of history than this: a cell is not judged
 * @param significance          a cell is flagged only where the probability of a value at least as far
 *                              from the expected one, under the model of its history, is below this
 * @param minShare              and where its effect on the national total is at least this share of the
 *                              column's expected national figure
 * @param crossFormPeriods      the cross-form rules sum this many periods, the current one last
 * @param crossFormMinAccidents accidents needing investigation that make a missing one suspicious
 */
@ConfigurationProperties("reporting.plausibility")
public record PlausibilitySettings(@DefaultValue("true") boolean enabled,
                                   @DefaultValue("36") int historyPeriods,
                                   @DefaultValue("6") int minHistoryPeriods,
                                   @DefaultValue("0.001") BigDecimal significance,
                                   @DefaultValue("0.01") BigDecimal minShare,
                                   @DefaultValue("3") int crossFormPeriods,
                                   @DefaultValue("3") int crossFormMinAccidents) {

    private static final String PREFIX = "reporting.plausibility.";
    /** The unit of the one money column (labels.json), which is modelled on a log scale. */
    static final String THOUSAND_TENGE = "мың теңге";

    /** The defaults above, for code that runs without a Spring context. */
    public static PlausibilitySettings defaults() {
        return new PlausibilitySettings(true, 36, 6, new BigDecimal("0.001"), new BigDecimal("0.01"), 3, 3);
    }

    /** The same settings with the checks switched off (what a build without them runs). */
    public PlausibilitySettings switchedOff() {
        return new PlausibilitySettings(false, historyPeriods, minHistoryPeriods, significance, minShare, crossFormPeriods,
                crossFormMinAccidents);
    }

    /** Fails naming the setting and what is accepted, before any history is read. */
    public PlausibilitySettings validate() {
        if (historyPeriods < 1 || historyPeriods > 120) {
            throw bad("history-periods", historyPeriods, "a whole number of periods from 1 to 120");
        }
        if (minHistoryPeriods < 2 || minHistoryPeriods > historyPeriods) {
            throw bad("min-history-periods", minHistoryPeriods, "a whole number from 2 to history-periods (" + historyPeriods + ")");
        }
        if (significance == null || significance.signum() <= 0 || significance.compareTo(new BigDecimal("0.5")) >= 0) {
            throw bad("significance", significance, "a probability above 0 and below 0.5, such as 0.001");
        }
        if (minShare == null || minShare.signum() < 0 || minShare.compareTo(BigDecimal.ONE) >= 0) {
            throw bad("min-share", minShare, "a share of the national total from 0 to below 1, such as 0.01 for 1 %");
        }
        if (crossFormPeriods < 1 || crossFormPeriods > 12) {
            throw bad("cross-form-periods", crossFormPeriods, "a whole number of periods from 1 to 12");
        }
        if (crossFormMinAccidents < 1) {
            throw bad("cross-form-min-accidents", crossFormMinAccidents, "a whole number of at least 1");
        }
        return this;
    }

    /** Whether the column is an amount (thousand tenge, one decimal) rather than a count. */
    static boolean money(ColumnDef column) {
        return THOUSAND_TENGE.equals(column.unit());
    }

    private static BadInputException bad(String name, Object value, String accepted) {
        return new BadInputException(PREFIX + name, "'" + value + "' is not accepted; accepted: " + accepted);
    }
}
