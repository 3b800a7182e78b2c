package kz.labour.reporting.ledger;

/** The two ways a version reaches the bureau; each is recorded separately so a rerun repeats neither. */
public enum Channel {
    SFTP,
    MAIL
}
