package kz.labour.reporting;

import java.sql.SQLException;

/**
 * The source or pipeline database could not be reached, did not answer, or refused the login. The
 * message is the whole story in one line: which database, its host and port, why, and which setting
 * to check; nothing was read or written. Retrying at once does not help: the pool already waited its
 * connect timeout ({@link DatabasePool}).
 *
 * <p>It carries no stack trace and no cause: it is an expected condition, not a bug, and its message
 * says all an operator can act on. The driver's own exception is logged at DEBUG where it happened.
 */
public class DatabaseUnavailableException extends SQLException {

    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String message, String sqlState) {
        super(message, sqlState);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
