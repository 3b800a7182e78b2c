package kz.labour.reporting.form;

/** A head printed over columns {@code first} to {@code last} of a form, above their own heads. */
public record ColumnGroup(int first, int last, String kk, String ru) {

    public ColumnGroup {
        if (first < 2 || last < first) {
            throw new IllegalArgumentException("a column group spans numeric columns first..last, not " + first + ".." + last);
        }
    }

    public boolean contains(int column) {
        return column >= first && column <= last;
    }
}
