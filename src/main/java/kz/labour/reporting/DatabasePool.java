package kz.labour.reporting;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.postgresql.Driver;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A connection pool on one of the two PostgreSQL databases, with timeouts that make an unreachable or
 * silent server fail within seconds, and a failure that reads as one line. It connects when first
 * used, so the service starts (and bad arguments are refused) while a database is down.
 *
 * <p>Every wait is bounded by the connect timeout: opening the TCP connection (pgjdbc
 * {@code connectTimeout}), the server's answer to the log-in ({@code loginTimeout}, which also covers
 * a server that accepts connections and never answers), and the wait for a pooled connection
 * (Hikari's {@code connectionTimeout}, two seconds longer so the driver's own verdict reaches the
 * caller rather than the pool's "timed out"). A failed {@link #getConnection()} throws
 * {@link DatabaseUnavailableException} naming the database, host and port, the cause and the setting;
 * for as long as one such wait lasts, a further request fails at once with the same words, so a run of
 * two forms, or a backfill of many months, waits once and not once per form and month.
 */
public class DatabasePool extends HikariDataSource {

    private static final Logger log = LoggerFactory.getLogger(DatabasePool.class);

    /** Between the driver's connect and log-in timeouts and the pool's wait for a connection. */
    private static final int POOL_MARGIN_SECONDS = 2;

    private final String role;
    private final String variable;
    private final String address;
    private final int connectTimeoutSeconds;
    private volatile Failure lastFailure;

    /**
     * @param role                  "source" or "pipeline", as messages and the pool name say it
     * @param variablePrefix        the settings' environment variables, e.g. {@code SOURCE_DB}
     * @param connectTimeoutSeconds how long to wait for the server to accept and log in
     */
    public DatabasePool(String role, String variablePrefix, String url, String username, String password,
                        int connectTimeoutSeconds) {
        if (connectTimeoutSeconds < 1) {
            throw new BadInputException(role + ".datasource.connect-timeout-seconds", "'" + connectTimeoutSeconds
                    + "' is too short; accepted: a whole number of seconds, at least 1");
        }
        this.role = role;
        this.variable = variablePrefix;
        this.address = address(url);
        this.connectTimeoutSeconds = connectTimeoutSeconds;
        setPoolName(role);
        setJdbcUrl(url);
        setUsername(username);
        setPassword(password);
        setMinimumIdle(0);
        // connect when first used: a database outage must not stop the service starting
        setInitializationFailTimeout(-1);
        addDataSourceProperty("connectTimeout", connectTimeoutSeconds);
        addDataSourceProperty("loginTimeout", connectTimeoutSeconds);
        // a peer that vanished without closing the connection is noticed by the operating system
        addDataSourceProperty("tcpKeepAlive", true);
        setConnectionTimeout((connectTimeoutSeconds + POOL_MARGIN_SECONDS) * 1000L);
    }

    /**
     * A driver setting, always as text: with a JDBC URL the pool hands these to the driver as
     * {@link java.util.Properties}, whose reader sees only String values, so a number or a boolean
     * would be dropped without a word.
     */
    @Override
    public void addDataSourceProperty(String name, Object value) {
        super.addDataSourceProperty(name, String.valueOf(value));
    }

    @Override
    public Connection getConnection() throws SQLException {
        Failure last = lastFailure;
        if (last != null && System.nanoTime() - last.at() < TimeUnit.MILLISECONDS.toNanos(getConnectionTimeout())) {
            // It just failed to connect: the next form or month of the run fails at once the same way,
            // not after another full wait. A later run (or this one, once the time has passed) tries again.
            throw new DatabaseUnavailableException(last.message(), last.sqlState());
        }
        try {
            Connection connection = super.getConnection();
            lastFailure = null;
            return connection;
        } catch (SQLException e) {
            log.debug("{} database {}: no connection", role, address, e);
            if (e.getCause() == null && getHikariPoolMXBean() != null
                    && getHikariPoolMXBean().getActiveConnections() >= getMaximumPoolSize()) {
                // the server answers; this run's own connections are all in use (a bug or a very busy instance)
                throw new SQLTransientConnectionException(role + " database " + address + ": all " + getMaximumPoolSize()
                        + " connections of the pool in use for " + (getConnectionTimeout() / 1000) + " s", e.getSQLState(), e);
            }
            Failure failure = new Failure(System.nanoTime(), role + " database " + address + ": "
                    + reason(e, connectTimeoutSeconds, variable), e.getSQLState());
            lastFailure = failure;
            throw new DatabaseUnavailableException(failure.message(), failure.sqlState());
        }
    }

    /** The last failed attempt to connect, while it is recent enough to answer for the next one. */
    private record Failure(long at, String message, String sqlState) {
    }

    /** "host:port" of the URL's first server, or the setting's name when the URL cannot be read; never credentials. */
    static String address(String url) {
        Properties parsed = url == null ? null : Driver.parseURL(url, null);
        if (parsed == null) {
            return "(unreadable JDBC URL)";
        }
        String host = parsed.getProperty("PGHOST", "localhost").split(",")[0];
        String port = parsed.getProperty("PGPORT", "5432").split(",")[0];
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Why no connection came, in a few words (refused, no answer, unknown host, or what the server
     * said), and which settings to check; {@code variable} is their prefix, e.g. {@code SOURCE_DB}.
     */
    static String reason(Throwable fault, int timeoutSeconds, String variable) {
        List<Throwable> chain = Causes.chain(fault);
        String network = "; check " + variable + "_URL and that the server is up";
        for (Throwable t : chain) {
            if (t instanceof ConnectException) {
                return "connection refused" + network;
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage() + "; check " + variable + "_URL";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host" + network;
            }
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                return "the server refused: " + firstLine(p.getServerErrorMessage().getMessage()) + "; check "
                        + variable + "_URL, " + variable + "_USER and " + variable + "_PASSWORD";
            }
        }
        for (Throwable t : chain) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof SocketTimeoutException || m.contains("timed out") || m.contains("timeout")) {
                return "no answer within " + timeoutSeconds + " s" + network;
            }
        }
        return firstLine(chain.get(chain.size() - 1).getMessage()) + network;
    }

    private static String firstLine(String text) {
        return text == null ? "no reason given" : text.lines().findFirst().orElse("").strip();
    }
}
