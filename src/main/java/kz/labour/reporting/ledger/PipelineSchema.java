package kz.labour.reporting.ledger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Brings the pipeline database's schema up to date with Flyway ({@code classpath:db/pipeline}) the
 * first time something needs it, not at start-up: a one-shot command with a bad argument then fails
 * before touching any database.
 */
@Component
public class PipelineSchema {

    private final Flyway flyway;
    private volatile boolean migrated;

    public PipelineSchema(@Qualifier("pipelineDataSource") DataSource dataSource) {
        this.flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/pipeline").load();
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
}
