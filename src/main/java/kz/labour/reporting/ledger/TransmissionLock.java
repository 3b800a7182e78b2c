package kz.labour.reporting.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Held while one form and period is being transmitted; closing releases it. */
public final class TransmissionLock implements AutoCloseable {

    private final Connection connection;
    private final String form;
    private final String period;

    TransmissionLock(Connection connection, String form, String period) {
        this.connection = connection;
        this.form = form;
        this.period = period;
    }

    @Override
    public void close() {
        try (connection; PreparedStatement unlock = connection.prepareStatement(
                "SELECT pg_advisory_unlock(hashtext('labour-reporting'), hashtext(? || '/' || ?))")) {
            unlock.setString(1, form);
            unlock.setString(2, period);
            unlock.execute();
        } catch (SQLException e) {
            // closing the connection ends the session, which releases the lock anyway
        }
    }
}
