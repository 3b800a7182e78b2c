package kz.labour.reporting.form;

import java.time.ZonedDateTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kz.labour.reporting.BadInputException;

/**
 * Which reporting periods may be asked for: whole calendar months in the reporting zone that have
 * ended, not before the earliest period. Parses {@code YYYY-MM} and inclusive ranges
 * {@code YYYY-MM..YYYY-MM}, and the data cut-off {@code --as-of}.
 */
public record Periods(ZoneId zone, YearMonth earliest) {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final String ACCEPTED =
            "accepted: YYYY-MM (a month that has ended) or an inclusive range YYYY-MM..YYYY-MM";

    /** The months named by {@code text}, in order, each checked against {@code now}. */
    public List<YearMonth> parse(String text, Instant now) {
        if (text == null || text.isBlank()) {
            throw new BadInputException("--period", "missing; " + ACCEPTED);
        }
        String[] ends = text.trim().split("\\.\\.", -1);
        if (ends.length > 2) {
            throw new BadInputException("--period", "'" + text + "' is not a month or a range; " + ACCEPTED);
        }
        YearMonth first = month(ends[0], text, now);
        YearMonth last = ends.length == 2 ? month(ends[1], text, now) : first;
        if (last.isBefore(first)) {
            throw new BadInputException("--period", "range '" + text + "' ends before it starts; " + ACCEPTED);
        }
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    /**
     * The data cut-off: ISO-8601 with an offset, a local date-time or a date (its start) in the reporting
     * zone, or {@code now} when absent; shown in the reporting zone, to the second. A cut-off in the
     * future is refused.
     */
    public OffsetDateTime asOf(String text, Instant now) {
        OffsetDateTime asOf;
        if (text == null || text.isBlank()) {
            asOf = now.atZone(zone).toOffsetDateTime();
        } else {
            String t = text.trim();
            try {
                if (t.length() == 10) {
                    asOf = LocalDate.parse(t).atStartOfDay(zone).toOffsetDateTime();
                } else if (t.endsWith("Z") || t.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                    asOf = OffsetDateTime.parse(t).atZoneSameInstant(zone).toOffsetDateTime();
                } else {
                    asOf = LocalDateTime.parse(t).atZone(zone).toOffsetDateTime();
                }
            } catch (DateTimeException e) {
                throw new BadInputException("--as-of", "'" + text + "' is not a time; accepted: ISO-8601 such as "
                        + "2025-07-01T06:00:00+05:00, 2025-07-01T06:00 (reporting zone) or 2025-07-01");
            }
            if (asOf.toInstant().isAfter(now)) {
                throw new BadInputException("--as-of", "'" + text + "' is in the future; a cut-off must be a time that has passed");
            }
        }
        return asOf.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The last month that has ended at {@code now} in the reporting zone. */
    public YearMonth lastEnded(Instant now) {
        return YearMonth.from(now.atZone(zone)).minusMonths(1);
    }

    private YearMonth month(String part, String whole, Instant now) {
        Matcher m = MONTH.matcher(part.trim());
        if (!m.matches()) {
            throw new BadInputException("--period", "'" + whole + "' is not in the form YYYY-MM; " + ACCEPTED);
        }
        int monthNumber = Integer.parseInt(m.group(2));
        if (monthNumber < 1 || monthNumber > 12) {
            throw new BadInputException("--period", "'" + part.trim() + "' has month " + m.group(2)
                    + "; months are 01 to 12");
        }
        YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), monthNumber);
        if (month.isBefore(earliest)) {
            throw new BadInputException("--period", month + " is before the earliest period " + earliest
                    + " (REPORTING_EARLIEST_PERIOD)");
        }
        YearMonth lastEnded = lastEnded(now);
        if (month.isAfter(lastEnded)) {
            throw new BadInputException("--period", month + " has not ended yet in " + zone
                    + "; the latest period that can be reported is " + lastEnded);
        }
        return month;
    }

    /**
     * A cut-off must not be before the first month begins (it would count nothing), and for a run that
     * delivers, not before the last month ends: the bureau must never receive a partial month as the
     * official version. A dry run may look at a month so far.
     *
     * @param text the cut-off as given (null: now), for the message
     */
    public void checkCutOff(List<YearMonth> months, String text, OffsetDateTime asOf, boolean delivering) {
        YearMonth first = months.get(0);
        YearMonth last = months.get(months.size() - 1);
        ZonedDateTime begins = first.atDay(1).atStartOfDay(zone);
        String given = text == null || text.isBlank() ? "now (" + asOf + ")" : "'" + text + "'";
        if (asOf.toInstant().isBefore(begins.toInstant())) {
            throw new BadInputException("--as-of", given + " is before " + first + " begins (" + begins.toOffsetDateTime()
                    + " in " + zone + "), so the form would count nothing; accepted: a cut-off at or after the end of the "
                    + "period (with --dry-run, after its beginning)");
        }
        ZonedDateTime ends = last.plusMonths(1).atDay(1).atStartOfDay(zone);
        if (delivering && asOf.toInstant().isBefore(ends.toInstant())) {
            throw new BadInputException("--as-of", given + " is before " + last + " ends (" + ends.toOffsetDateTime()
                    + " in " + zone + "), so the form would count part of the month; a delivered form counts the whole "
                    + "month: give a cut-off at or after its end, or use --dry-run to look at a partial month");
        }
    }
}
