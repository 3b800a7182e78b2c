package kz.labour.reporting.receipts;

import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kz.labour.reporting.form.FileNames;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Version;

/**
 * A version's file stem as delivered, {@code 2-OZh_2025-06_V0001_N}: what an acknowledgement file is
 * named after and names in its {@code file}.
 */
public record Stem(FormId form, YearMonth period, Version version, char action) {

    private static final Pattern STEM = Pattern.compile("(1-MEIZhM|2-OZh)_(\\d{4}-\\d{2})_(V\\d{4})_([NR])");

    /** The stem {@code text} is exactly; empty when it is anything else. */
    public static Optional<Stem> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = STEM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Stem(FormId.parse(m.group(1)), YearMonth.parse(m.group(2)), Version.parse(m.group(3)),
                    m.group(4).charAt(0)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return FileNames.of(form, period, version.number(), action).stem();
    }
}
