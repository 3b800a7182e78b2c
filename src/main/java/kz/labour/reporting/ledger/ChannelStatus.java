package kz.labour.reporting.ledger;

public enum ChannelStatus {
    PENDING,
    DONE,
    FAILED
}
