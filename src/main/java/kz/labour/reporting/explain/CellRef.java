package kz.labour.reporting.explain;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.form.ColumnDef;
import kz.labour.reporting.form.FormDefinition;
import kz.labour.reporting.form.Region;
import kz.labour.reporting.form.RegionCatalogue;

/**
 * One cell of a form, as {@code explain --cell KATO:N} names it: a region's code (or
 * {@value #TOTAL}, the total row) and a numeric column of the form.
 */
public record CellRef(String kato, int column) {

    /** The total row's code. */
    public static final String TOTAL = "000000000";

    private static final Pattern SYNTAX = Pattern.compile("(\\d{9}):(\\d{1,2})");

    public boolean total() {
        return kato.equals(TOTAL);
    }

    /** The region's prefix, the first two digits its source codes share. */
    public String prefix() {
        return kato.substring(0, 2);
    }

    /** The cell {@code text} names in {@code form}, or bad input naming {@code --cell} and what is accepted. */
    public static CellRef parse(String text, FormDefinition form, RegionCatalogue regions) {
        if (text == null || text.isBlank()) {
            throw new BadInputException("--cell", "missing; accepted: KATO:N, a region's code (or " + TOTAL
                    + " for the total) and a column, e.g. 350000000:5");
        }
        Matcher m = SYNTAX.matcher(text.trim());
        if (!m.matches()) {
            throw new BadInputException("--cell", "'" + text + "' is not KATO:N; accepted: a region's 9-digit code (or "
                    + TOTAL + " for the total), a colon and a column number, e.g. 350000000:5");
        }
        String kato = m.group(1);
        int column = Integer.parseInt(m.group(2));
        List<ColumnDef> numeric = form.numericColumns();
        int first = numeric.get(0).number();
        int last = numeric.get(numeric.size() - 1).number();
        if (column < first || column > last) {
            throw new BadInputException("--cell", form.id().ascii() + " has no numeric column " + column + " ('" + text
                    + "'); accepted: " + first + ".." + last);
        }
        if (!kato.equals(TOTAL) && regions.regions().stream().noneMatch(r -> r.kato().equals(kato))) {
            throw new BadInputException("--cell", kato + " is not a row of the form ('" + text + "'); accepted: " + TOTAL
                    + " (the total) or a region: " + regions.regions().stream().map(Region::kato).collect(Collectors.joining(", ")));
        }
        return new CellRef(kato, column);
    }

    @Override
    public String toString() {
        return kato + ":" + column;
    }
}
