package kz.labour.reporting.form;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kz.labour.reporting.BadInputException;

/**
 * Which reporting periods may be asked for: whole calendar months in the reporting zone that have
 * ended, not before the earliest period. Parses {@code YYYY-MM} and inclusive ranges
 * {@code YYYY-MM..YYYY-MM}.
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
}
