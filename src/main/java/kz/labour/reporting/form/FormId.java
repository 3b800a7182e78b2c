package kz.labour.reporting.form;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import kz.labour.reporting.BadInputException;

/** The two forms, with the ASCII id used in file names and the index printed on the form. */
public enum FormId {
    MEIZHM("1-MEIZhM", "1-МЕИЖМ"),
    OZH("2-OZh", "2-ӨЖ");

    private final String ascii;
    private final String index;

    FormId(String ascii, String index) {
        this.ascii = ascii;
        this.index = index;
    }

    /** ASCII id, as in file names and the ledger: {@code 1-MEIZhM}, {@code 2-OZh}. */
    public String ascii() {
        return ascii;
    }

    /** The index as printed on the form: {@code 1-МЕИЖМ}, {@code 2-ӨЖ}. */
    public String index() {
        return index;
    }

    /** Accepts the ASCII id or the printed index, in any case. */
    public static FormId parse(String text) {
        if (text != null) {
            String wanted = text.trim().toLowerCase(Locale.ROOT);
            for (FormId form : values()) {
                if (form.ascii.toLowerCase(Locale.ROOT).equals(wanted)
                        || form.index.toLowerCase(Locale.ROOT).equals(wanted)) {
                    return form;
                }
            }
        }
        throw new BadInputException("--form", "unknown form '" + text + "'; accepted: "
                + Arrays.stream(values()).map(f -> f.ascii + " (" + f.index + ")").collect(Collectors.joining(", "))
                + ", in any case");
    }

    @Override
    public String toString() {
        return ascii;
    }
}
