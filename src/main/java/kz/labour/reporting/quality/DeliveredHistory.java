package kz.labour.reporting.quality;

import java.time.YearMonth;
import java.util.Map;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;

/** The delivered numbers of every form, period and version: the history the checks compare with. */
public interface DeliveredHistory {

    /**
     * Keeps a delivered version's printed cells. Recording the same version again (a resend, a
     * delivery finished by a later run) changes nothing; recording other numbers under a version
     * already kept is refused.
     */
    void record(FormTable table, int version);

    /**
     * For each period from {@code from} to {@code to} (inclusive) that has a version delivered under
     * {@code accumulation}, the latest such version's numbers; periods never delivered are absent.
     */
    Map<YearMonth, PeriodFigures> latest(FormId form, Accumulation accumulation, YearMonth from, YearMonth to);
}
