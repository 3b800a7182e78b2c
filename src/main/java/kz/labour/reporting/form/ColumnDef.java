package kz.labour.reporting.form;

/** One numbered column of a form. {@code scale} is the number of decimals printed (column 9 of 1-МЕИЖМ: 1). */
public record ColumnDef(int number, String code, String kk, String ru, String unit, int scale) {

    public boolean numeric() {
        return number >= 2;
    }
}
