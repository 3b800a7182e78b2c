package kz.labour.reporting.receipts;

/** What the bureau has said of a version, from its acknowledgement files. */
public enum BureauStatus {
    NONE,
    RECEIVED,
    ACCEPTED,
    ACCEPTED_WITH_WARNINGS,
    REJECTED,
    /** The bureau acknowledged a manifest SHA-256 other than the one delivered. */
    MISMATCH,
    /** A trust store is set and the acknowledgement is unsigned or its signature fails. */
    UNVERIFIED
}
