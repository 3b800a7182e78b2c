package kz.labour.reporting.form;

/**
 * The outcome of one control that did not pass: which rule, how serious, and where (a cell such as
 * "row 350000000 Қарағанды облысы, column 3", or the source relation and row ids).
 */
public record Finding(String rule, Severity severity, String where, String message) {

    public boolean blocking() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity + " " + rule + " at " + where + ": " + message;
    }
}
