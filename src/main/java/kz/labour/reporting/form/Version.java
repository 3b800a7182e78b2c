package kz.labour.reporting.form;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The number of one version of a form for a period: 1 to 9999, printed as four digits in file names,
 * messages and the ledger ({@code V0001}).
 */
public record Version(int number) implements Comparable<Version> {

    public static final Version FIRST = new Version(1);

    private static final Pattern LABEL = Pattern.compile("[Vv](\\d{4})");

    public Version {
        if (number < 1 || number > 9999) {
            throw new IllegalArgumentException("version " + number + " is outside 1..9999 (four digits in the file name)");
        }
    }

    public static Version of(int number) {
        return new Version(number);
    }

    /** Reads a label such as {@code V0001}; anything else is an {@link IllegalArgumentException} saying what is accepted. */
    public static Version parse(String label) {
        Matcher m = LABEL.matcher(label == null ? "" : label.trim());
        if (!m.matches() || Integer.parseInt(m.group(1)) == 0) {
            throw new IllegalArgumentException("'" + label + "' is not a version; accepted: V0001 to V9999");
        }
        return new Version(Integer.parseInt(m.group(1)));
    }

    public Version next() {
        return new Version(number + 1);
    }

    /** {@code V0001}. */
    public String label() {
        return String.format(Locale.ROOT, "V%04d", number);
    }

    @Override
    public int compareTo(Version other) {
        return Integer.compare(number, other.number);
    }

    @Override
    public String toString() {
        return label();
    }
}
