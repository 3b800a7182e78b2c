package kz.labour.reporting.receipts;

/** How a receipt was recorded against the ledger. */
public enum ReceiptOutcome {
    /** Names a delivered version of ours and was taken into its status. */
    MATCHED,
    /** The same receipt was recorded before (by this or another instance): nothing changed. */
    DUPLICATE,
    /** Names no version or delivery we sent. */
    UNMATCHED,
    /** Unreadable: malformed JSON or MIME, oversized, or missing what its kind must carry. */
    INVALID,
    /** Acknowledges a manifest SHA-256 other than the one delivered. */
    MISMATCH,
    /** Answers a version that a later one superseded: kept, the version's status unchanged. */
    SUPERSEDED;

    /** Whether the receipt's source (mail or file) is moved aside for a person to look at. */
    public boolean setAside() {
        return this != MATCHED && this != DUPLICATE;
    }
}
