package kz.labour.reporting.receipts;

/** Whether a receipt's signature was checked against the bureau's trust store, and how it went. */
public enum Verification {
    /** No trust store is configured, so nothing was checked. */
    NOT_CHECKED,
    VERIFIED,
    /** A trust store is configured and the receipt carries no signature. */
    UNSIGNED,
    /** A trust store is configured and the signature does not verify against it. */
    INVALID
}
