package kz.labour.reporting.form;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

import kz.labour.reporting.BadInputException;

/** How a period accumulates facts: the month alone, or from 1 January to the month's end. */
public enum Accumulation {
    MONTH,
    YEAR_TO_DATE;

    /** First day counted (inclusive). */
    public LocalDate from(YearMonth month) {
        return this == MONTH ? month.atDay(1) : LocalDate.of(month.getYear(), 1, 1);
    }

    /** First day no longer counted (exclusive): the first day of the next month, in both modes. */
    public LocalDate until(YearMonth month) {
        return month.plusMonths(1).atDay(1);
    }

    public static Accumulation parse(String setting, String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new BadInputException(setting, "unknown accumulation '" + text + "'; accepted: MONTH, YEAR_TO_DATE");
        }
    }
}
