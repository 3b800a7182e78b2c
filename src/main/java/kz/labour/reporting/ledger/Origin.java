package kz.labour.reporting.ledger;

/**
 * The way a transmission was asked for: the schedule, the command line or JMX (stored in the ledger
 * as {@code trigger}). Not the scheduler's {@code org.quartz.Trigger}, which fires the schedule.
 */
public enum Origin {
    SCHEDULE,
    CLI,
    JMX
}
