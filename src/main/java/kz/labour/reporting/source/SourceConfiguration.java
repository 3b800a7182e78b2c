package kz.labour.reporting.source;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariDataSource;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.DatabasePool;

/**
 * The information system, read only. Connections are opened read-only (PostgreSQL then refuses any
 * write whatever the role may do), on the configured schema, with a statement timeout. An unreachable
 * or silent server fails within the connect timeout, in one line ({@link DatabasePool}).
 */
@Configuration(proxyBeanMethods = false)
class SourceConfiguration {

    @Bean(destroyMethod = "close")
    public HikariDataSource sourceDataSource(@Value("${source.datasource.url}") String url,
                                             @Value("${source.datasource.username}") String username,
                                             @Value("${source.datasource.password:}") String password,
                                             @Value("${source.datasource.schema:public}") String schema,
                                             @Value("${source.datasource.statement-timeout-seconds:300}") int timeoutSeconds,
                                             @Value("${source.datasource.connect-timeout-seconds:10}") int connectTimeoutSeconds) {
        if (!schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new BadInputException("SOURCE_DB_SCHEMA", "'" + schema + "' is not a plain schema name; accepted: letters, digits and _");
        }
        HikariDataSource ds = new DatabasePool("source", "SOURCE_DB", url, username, password, connectTimeoutSeconds);
        // A server that stops answering in the middle of a statement: no single read waits longer than
        // the statement may run (the server ends it then) plus the connect timeout.
        ds.addDataSourceProperty("socketTimeout", timeoutSeconds + connectTimeoutSeconds);
        ds.setReadOnly(true);
        // pgjdbc honours setReadOnly only inside explicit transactions by default; "always" makes every
        // statement read-only, and the session default below holds even if a driver setting is lost.
        ds.addDataSourceProperty("readOnlyMode", "always");
        ds.setSchema(schema);
        ds.setMaximumPoolSize(2);
        // JIT off: the forms' statements are planned with a huge row estimate (full joins of
        // per-region aggregates), which makes PostgreSQL's JIT spend over a second compiling a
        // statement that runs in a tenth of that (BENCHMARKS.md). Set per session, whatever the server's default.
        // Unnamed statements only, each planned for its period: a month and a year to date want
        // different plans, and planning costs a few milliseconds. A server-side prepared statement
        // (pgjdbc makes one of a statement run five times on a connection: a backfill, the quality
        // checks' history) saves nothing here, made the forms' statements slower when they took turns
        // on a session (BENCHMARKS.md), and would let PostgreSQL switch to a generic plan that ignores
        // the period's bounds; force_custom_plan still holds if a driver setting is lost.
        ds.addDataSourceProperty("prepareThreshold", 0);
        ds.setConnectionInitSql("SET statement_timeout = '" + timeoutSeconds + "s'; SET default_transaction_read_only = on; "
                + "SET jit = off; SET plan_cache_mode = force_custom_plan");
        return ds;
    }
}
