package kz.labour.reporting.signing;

/**
 * A signature could not be made although the key is fine: the time-stamp authority did not answer,
 * or answered with something that is not a valid time-stamp for the request. Nothing is recorded or
 * sent; the next run tries again.
 */
public class SigningException extends RuntimeException {

    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }

    public SigningException(String message) {
        super(message);
    }
}
