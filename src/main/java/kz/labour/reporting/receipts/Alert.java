package kz.labour.reporting.receipts;

/** One e-mail to the operators: the subject and the text, as {@code direct:alert} takes them. */
public record Alert(String subject, String text) {
}
