package kz.labour.reporting.transmission;

/** A validation ERROR: the form is not sent. A data error, so it is parked, never retried. */
public class FormRejectedException extends RuntimeException {
    public FormRejectedException(String message) {
        super(message);
    }
}
