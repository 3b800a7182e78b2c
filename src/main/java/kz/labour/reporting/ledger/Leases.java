package kz.labour.reporting.ledger;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import kz.labour.reporting.form.FormId;

/**
 * Cluster-wide leases on one form and period (table {@code transmission_lease}): at most one
 * transmission of a form and period runs at a time, across every instance, and a run that can no
 * longer prove it holds the lease stops before its next send or ledger change.
 *
 * <p>Every time is the database's ({@code now()}), so the instances' clocks never have to agree.
 * A held lease is renewed every sixth of its time to live on a connection taken from the pool for
 * that moment only: nothing depends on one session staying alive, unlike the advisory lock this
 * replaces, which an idle-session timeout or {@code pg_terminate_backend} released under a running
 * delivery.
 */
@Component
public class Leases implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Leases.class);

    private final PipelineDatabase database;
    private final Duration ttl;
    private final Duration poll;
    private final String process;
    private final ScheduledExecutorService renewer;

    public Leases(PipelineDatabase database,
                  @Value("${reporting.lease.ttl-seconds:120}") int ttlSeconds,
                  @Value("${reporting.lease.poll-millis:1000}") int pollMillis) {
        if (ttlSeconds < 3) {
            throw new IllegalArgumentException("reporting.lease.ttl-seconds must be at least 3, is " + ttlSeconds);
        }
        this.database = database;
        this.ttl = Duration.ofSeconds(ttlSeconds);
        this.poll = Duration.ofMillis(Math.max(50, pollMillis));
        this.process = ManagementFactory.getRuntimeMXBean().getName();
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lease-renewer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Takes the lease of a form and period, waiting up to {@code wait} while another run holds it (or
     * until a lease whose holder died has expired).
     *
     * @throws TransmissionBusyException when the lease is still held by another run after {@code wait}
     */
    public TransmissionLease acquire(FormId form, YearMonth period, Duration wait, String requestedBy) {
        long deadline = System.nanoTime() + wait.toNanos();
        String owner = requestedBy + " (" + process + ")";
        boolean waiting = false;
        while (true) {
            long started = System.nanoTime();
            List<Long> token;
            try {
                token = jdbc().queryForList("""
                    INSERT INTO transmission_lease (form, period, token, owner, acquired_at, expires_at)
                    VALUES (?, ?, 1, ?, now(), now() + make_interval(secs => ?))
                    ON CONFLICT (form, period) DO UPDATE
                       SET token = transmission_lease.token + 1, owner = EXCLUDED.owner,
                           acquired_at = now(), expires_at = EXCLUDED.expires_at
                     WHERE transmission_lease.expires_at <= now()
                    RETURNING token
                    """, Long.class, form.ascii(), period.toString(), owner, ttl.toSeconds());
            } catch (DataAccessResourceFailureException e) {
                // a pooled connection the server ended: the pool drops it and the next turn takes another
                if (System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                token = List.of();
            }
            if (!token.isEmpty()) {
                TransmissionLease lease = new TransmissionLease(this, form, period, token.get(0), started + ttl.toNanos());
                lease.renewal(renewer.scheduleWithFixedDelay(() -> renew(lease), renewEvery(), renewEvery(),
                        TimeUnit.MILLISECONDS));
                return lease;
            }
            if (!waiting && wait.toMillis() > 0) {
                waiting = true;
                log.info("{} {} is being transmitted by {}; waiting up to {} s for it to finish", form.ascii(), period,
                        holder(form, period), wait.toSeconds());
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new TransmissionBusyException(form.ascii() + " " + period + " is being transmitted by " + holder(form, period)
                        + ", still after " + wait.toSeconds() + " s; try again later");
            }
            try {
                Thread.sleep(Math.min(poll.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransmissionBusyException(form.ascii() + " " + period + ": interrupted while waiting for the lease");
            }
        }
    }

    /** Who holds the lease, for messages only: "another run" when it cannot be read. */
    private String holder(FormId form, YearMonth period) {
        try {
            List<String> owner = jdbc().queryForList("SELECT owner FROM transmission_lease WHERE form = ? AND period = ?",
                    String.class, form.ascii(), period.toString());
            return owner.isEmpty() ? "another run" : owner.get(0);
        } catch (DataAccessException e) {
            return "another run";
        }
    }

    /**
     * How often a held lease is renewed: a check demands more than half the time to live left
     * ({@link #held}), so renewing every sixth means one failed renewal (a database restart, a pool
     * briefly empty) never fails a check of a run that is alive; only a second one in a row may.
     */
    private long renewEvery() {
        return ttl.toMillis() / 6;
    }

    /** Extends the lease by its time to live; a lease that expired or passed to another run is lost for good. */
    void renew(TransmissionLease lease) {
        if (lease.lost()) {
            return;
        }
        long started = System.nanoTime();
        try {
            int renewed = jdbc().update("""
                    UPDATE transmission_lease SET expires_at = now() + make_interval(secs => ?)
                     WHERE form = ? AND period = ? AND token = ? AND expires_at > now()
                    """, ttl.toSeconds(), lease.form().ascii(), lease.period().toString(), lease.token());
            if (renewed == 1) {
                lease.renewed(started + ttl.toNanos());
            } else {
                lease.lose("its lease expired and may have passed to another run");
            }
        } catch (DataAccessException | IllegalStateException e) {
            // The database may be back before the lease runs out: try again at the next turn. The local
            // deadline still ends the lease in time if it is not.
            log.warn("{} {}: could not renew the transmission lease ({}); retrying", lease.form().index(), lease.period(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /**
     * The fencing check: true when the lease is still this run's and will stay valid for at least half
     * its time to live (longer than one send may take), by the database's clock. Pass the JdbcTemplate
     * of an open ledger transaction to make the check and the ledger change one: the row is locked
     * (FOR SHARE), so no other run can take the lease over until that transaction ends.
     */
    boolean held(TransmissionLease lease, JdbcTemplate jdbc) {
        List<Boolean> valid = jdbc.queryForList("""
                SELECT expires_at > now() + make_interval(secs => ?) FROM transmission_lease
                 WHERE form = ? AND period = ? AND token = ?
                   FOR SHARE
                """, Boolean.class, ttl.toSeconds() / 2.0, lease.form().ascii(), lease.period().toString(), lease.token());
        return !valid.isEmpty() && Boolean.TRUE.equals(valid.get(0));
    }

    JdbcTemplate jdbc() {
        return database.jdbc();
    }

    /** Ends a lease at once, so a waiting run need not wait for it to expire; the token stays, never reused. */
    void release(TransmissionLease lease) {
        try {
            jdbc().update("UPDATE transmission_lease SET expires_at = now() WHERE form = ? AND period = ? AND token = ? "
                    + "AND expires_at > now()", lease.form().ascii(), lease.period().toString(), lease.token());
        } catch (DataAccessException | IllegalStateException e) {
            log.debug("lease of {} {} not released; it expires by itself", lease.form().ascii(), lease.period(), e);
        }
    }

    Duration ttl() {
        return ttl;
    }

    @Override
    public void destroy() {
        renewer.shutdownNow();
    }
}
