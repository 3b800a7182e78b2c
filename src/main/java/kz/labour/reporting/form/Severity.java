package kz.labour.reporting.form;

/** ERROR blocks delivery; WARN is delivered and reported in the e-mail. */
public enum Severity {
    ERROR,
    WARN
}
