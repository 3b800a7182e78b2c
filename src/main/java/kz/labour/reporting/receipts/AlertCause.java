package kz.labour.reporting.receipts;

/** Why the operators are told about a version; each at most once per version (table receipt_alert). */
enum AlertCause {
    /** The bureau rejected the version. */
    REJECTED,
    /** The bureau acknowledged a manifest SHA-256 other than the one delivered. */
    MISMATCH,
    /** A trust store is set and the acknowledgement is unsigned or its signature fails. */
    UNVERIFIED,
    /** A mail server reported a bureau address failed. */
    DSN_FAILED,
    /** A person answered one of our e-mails (each reply is its own cause). */
    REPLY,
    /** Delivered, and no acknowledgement within RECEIPTS_ACK_WITHIN. */
    NO_ACK
}
