package kz.labour.reporting.ledger;

/** Overall state of one version of a form for a period (docs/interfaces.md, "The ledger"). */
public enum Status {
    /** Files built and recorded; delivery not yet started. */
    BUILT,
    /** A validation ERROR: nothing sent. The number is reused by the next build. */
    REJECTED,
    /** Delivery under way, or interrupted (the process stopped): the next run finishes it. */
    DELIVERING,
    /** Both channels done. */
    DELIVERED,
    /** A channel failed after retries: the next run finishes the missing channel. */
    FAILED;

    /** Built or partly sent, so a plain transmit finishes this version instead of building another. */
    public boolean unfinished() {
        return this == BUILT || this == DELIVERING || this == FAILED;
    }
}
