package kz.labour.reporting.ledger;

/** Who started a transmission. */
public enum Trigger {
    SCHEDULE,
    CLI,
    JMX
}
