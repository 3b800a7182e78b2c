package kz.labour.reporting.ledger;

/**
 * This run can no longer prove it holds the lease of its form and period: it stops before its next
 * send or ledger change, and whichever run holds the lease now (or next) finishes the work.
 */
public class LeaseLostException extends RuntimeException {
    public LeaseLostException(String message) {
        super(message);
    }

    public LeaseLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
