package kz.labour.reporting.ledger;

import java.time.YearMonth;
import java.util.concurrent.ScheduledFuture;

import org.springframework.jdbc.core.JdbcTemplate;

import kz.labour.reporting.form.FormId;

/**
 * This run's lease on one form and period (see {@link Leases}). {@link #verify()} before every send,
 * {@link #verify(JdbcTemplate)} inside every ledger transaction; {@link #close()} when done.
 */
public final class TransmissionLease implements AutoCloseable {

    private final Leases leases;
    private final FormId form;
    private final YearMonth period;
    private final long token;
    private volatile long validUntilNanos;
    private volatile String lost;
    private volatile ScheduledFuture<?> renewal;

    TransmissionLease(Leases leases, FormId form, YearMonth period, long token, long validUntilNanos) {
        this.leases = leases;
        this.form = form;
        this.period = period;
        this.token = token;
        this.validUntilNanos = validUntilNanos;
    }

    public FormId form() {
        return form;
    }

    public YearMonth period() {
        return period;
    }

    /** The fencing token: grows with every new holder of this form and period. */
    public long token() {
        return token;
    }

    /**
     * Proves, before a send, that the lease is still this run's for long enough; otherwise throws and
     * the run stops before sending anything more.
     */
    public void verify() {
        verify(leases.jdbc());
    }

    /** The same check inside an open ledger transaction, which then keeps the lease from changing hands. */
    public void verify(JdbcTemplate transaction) {
        checkLocally();
        boolean held;
        try {
            held = leases.held(this, transaction);
        } catch (RuntimeException e) {
            throw new LeaseLostException(form.ascii() + " " + period + ": cannot prove the transmission lease is still held ("
                    + firstLine(e) + "); stopped before sending or recording anything more", e);
        }
        if (!held) {
            lose("its lease expired or passed to another run");
            checkLocally();
        }
    }

    private void checkLocally() {
        if (lost == null && System.nanoTime() - validUntilNanos >= 0) {
            lose("its lease ran out while it could not be renewed");
        }
        if (lost != null) {
            throw new LeaseLostException(form.ascii() + " " + period + ": " + lost
                    + "; stopped before sending or recording anything more");
        }
    }

    boolean lost() {
        return lost != null;
    }

    void lose(String why) {
        if (lost == null) {
            lost = why;
        }
        ScheduledFuture<?> r = renewal;
        if (r != null) {
            r.cancel(false);
        }
    }

    void renewed(long validUntilNanos) {
        this.validUntilNanos = validUntilNanos;
    }

    void renewal(ScheduledFuture<?> renewal) {
        this.renewal = renewal;
    }

    @Override
    public void close() {
        boolean held = lost == null;
        lose("released");
        if (held) {
            leases.release(this);
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
