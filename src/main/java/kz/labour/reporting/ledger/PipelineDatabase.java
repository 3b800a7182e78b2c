package kz.labour.reporting.ledger;

import java.util.function.Supplier;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pipeline database as the ledger, the overdue register and the scheduler use it. Its schema is
 * brought up to date with Flyway ({@code classpath:db/pipeline}) the first time something needs it,
 * not as a step of the start: a command line that does not parse fails before any context or
 * database, and the service starts while that database is down (a one-shot command checks the schema
 * on a background thread while its context starts: {@code OneShotStart}).
 *
 * <p>Writes that belong together run in one transaction ({@link #inTransaction}) of the pipeline's own
 * transaction manager ({@code pipelineTransactionManager}); {@link #jdbc()} takes part in it.
 */
@Component
public class PipelineDatabase {

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Flyway flyway;
    private final TransactionTemplate transactions;
    private volatile boolean migrated;

    /** Where the pipeline schema's migrations are. */
    public static final String LOCATION = "classpath:db/pipeline";

    public PipelineDatabase(@Qualifier("pipelineDataSource") DataSource dataSource,
                            @Qualifier("pipelineTransactionManager") DataSourceTransactionManager transactionManager) {
        if (transactionManager.getDataSource() != dataSource) {
            throw new IllegalArgumentException("the pipeline's transaction manager must manage the pipeline data source");
        }
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.transactions = new TransactionTemplate(transactionManager);
        this.flyway = Flyway.configure().dataSource(dataSource).locations(LOCATION).load();
    }

    /** Idempotent and safe from several threads and instances (Flyway locks its history table). */
    public void ensureMigrated() {
        if (!migrated) {
            synchronized (this) {
                if (!migrated) {
                    flyway.migrate();
                    migrated = true;
                }
            }
        }
    }

    /** For every read and write: the schema is migrated before first use. */
    public JdbcTemplate jdbc() {
        ensureMigrated();
        return jdbc;
    }

    /**
     * The same, with named parameters ({@code :name}): a collection bound to one expands to an
     * {@code IN} list, and batches take one parameter source per row. Takes part in transactions like
     * {@link #jdbc()}.
     */
    public NamedParameterJdbcTemplate named() {
        ensureMigrated();
        return named;
    }

    /**
     * Runs {@code work} in one transaction on the pipeline database: everything it writes through
     * {@link #jdbc()} is committed together, or, when it throws, nothing is. Migrated first.
     */
    public <T> T inTransaction(Supplier<T> work) {
        ensureMigrated();
        return transactions.execute(status -> work.get());
    }

    /** For what needs its own connection (the advisory lock): migrated first, like {@link #jdbc()}. */
    public DataSource dataSource() {
        ensureMigrated();
        return dataSource;
    }
}
