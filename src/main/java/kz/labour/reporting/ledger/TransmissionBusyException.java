package kz.labour.reporting.ledger;

/** Another run holds the lock of this form and period for longer than we are willing to wait. */
class TransmissionBusyException extends RuntimeException {
    public TransmissionBusyException(String message) {
        super(message);
    }
}
