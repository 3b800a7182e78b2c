package kz.labour.reporting.transmission;

/** What an operator asked of {@code transmit} (docs/interfaces.md). */
public enum Mode {
    /** Deliver once: skip what is delivered, finish what was interrupted, else build version 1. */
    PLAIN,
    /** Build and validate into the outbox; record nothing, send nothing. */
    DRY_RUN,
    /** Build from current data; deliver the next version (action R) only if the numbers changed. */
    FORCE,
    /** Deliver the latest delivered version's stored files again, byte for byte. */
    RESEND
}
