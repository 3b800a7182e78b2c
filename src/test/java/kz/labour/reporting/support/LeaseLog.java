package kz.labour.reporting.support;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import kz.labour.reporting.ledger.Leases;

/** What the leases log, so a test can see a run waiting for another's lease (Leases says so once, at INFO). */
public final class LeaseLog {

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    private LeaseLog() {
    }

    public static LeaseLog attach() {
        LeaseLog log = new LeaseLog();
        Logger leases = (Logger) LoggerFactory.getLogger(Leases.class);
        leases.setLevel(Level.INFO);
        log.events.start();
        leases.addAppender(log.events);
        return log;
    }

    /** Whether some run has started waiting for a lease another run holds. */
    public boolean someoneWaits() {
        return events.list.stream().anyMatch(e -> e.getFormattedMessage().contains("waiting up to"));
    }
}
