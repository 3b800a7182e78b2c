package kz.labour.reporting.form;

import java.time.YearMonth;
import java.util.Locale;
import java.util.Objects;

/**
 * The names of one version's three files, {@code {form}_{YYYY-MM}_V{NNNN}_{action}.{ext}}, e.g.
 * {@code 2-OZh_2025-06_V0001_N.xlsx}. Fixed by docs/interfaces.md: operators and the bureau script against them.
 */
public record FileNames(FormId form, YearMonth period, int version, Action action) {

    public FileNames {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(period, "period");
        if (version < 1 || version > 9999) {
            throw new IllegalArgumentException("version " + version + " is outside 1..9999 (four digits in the file name)");
        }
        Objects.requireNonNull(action, "action");
        if (period.getYear() < 1000 || period.getYear() > 9999) {
            throw new IllegalArgumentException("period " + period + " does not have a four-digit year");
        }
    }

    public static FileNames of(FormId form, YearMonth period, int version, Action action) {
        return new FileNames(form, period, version, action);
    }

    /** The same with the action's letter, as a stored header gives it. */
    public static FileNames of(FormId form, YearMonth period, int version, char action) {
        return new FileNames(form, period, version, Action.of(action));
    }

    /** The common stem, e.g. {@code 2-OZh_2025-06_V0001_N}. */
    public String stem() {
        return String.format(Locale.ROOT, "%s_%s_%s_%c", form.ascii(), period, Version.of(version).label(), action.letter());
    }

    public String xlsx() {
        return stem() + ".xlsx";
    }

    public String json() {
        return stem() + ".json";
    }

    public String manifest() {
        return stem() + ".manifest.json";
    }
}
