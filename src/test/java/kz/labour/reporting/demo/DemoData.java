package kz.labour.reporting.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the twelve source relations with seeded demo data by running {@code db/demo/generate.sql}
 * (which creates the functions of schema {@code demo}) and then {@code demo.generate(...)}. All rows
 * are made inside PostgreSQL with set-based statements, so the cost stays linear at benchmark sizes.
 *
 * <p>The relations are those on the connection's search_path. The same seed, months and scale
 * always give the same rows; months can be appended to an existing data set, but a month that is
 * already present is refused.
 */
public final class DemoData {

    /** The script that creates the generator functions. */
    public static final String SCRIPT = "/db/demo/generate.sql";

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    private DemoData() {
    }

    /** What one call generated: rows inserted per relation, in insertion order. */
    public record Result(YearMonth first, int months, double scale, long seed, Map<String, Long> rows,
                         Duration elapsed) {

        public Result {
            rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        }

        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }

        public YearMonth last() {
            return first.plusMonths(months - 1L);
        }
    }

    /** Generates on a connection of {@code dataSource}, in one transaction. */
    public static Result generate(DataSource dataSource, YearMonth first, int months, double scale, long seed)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return generate(connection, first, months, scale, seed);
        }
    }

    /**
     * Generates {@code months} months from {@code first} at {@code scale} (1 = Kazakhstan's real
     * monthly volume) with {@code seed}, in one transaction on {@code connection}; the connection's
     * auto-commit setting is restored afterwards.
     */
    public static Result generate(Connection connection, YearMonth first, int months, double scale, long seed)
            throws SQLException {
        if (first == null || months < 1 || !(scale > 0)) {
            throw new IllegalArgumentException("need a first month, months >= 1 and scale > 0; got "
                    + first + ", " + months + ", " + scale);
        }
        long started = System.nanoTime();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            installFunctions(connection);
            Map<String, Long> rows = new LinkedHashMap<>();
            try (PreparedStatement call = connection.prepareStatement(
                    "SELECT relation, row_count FROM demo.generate(?, ?, ?, ?)")) {
                call.setObject(1, first.atDay(1));
                call.setInt(2, months);
                call.setDouble(3, scale);
                call.setLong(4, seed);
                try (ResultSet rs = call.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            connection.commit();
            Result result = new Result(first, months, scale, seed, rows, Duration.ofNanos(System.nanoTime() - started));
            LOG.info("Demo data: {} month(s) {}..{} at scale {} with seed {}: {} rows in {} ms ({})",
                    months, first, result.last(), scale, seed, result.totalRows(), result.elapsed().toMillis(),
                    rows.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", ")));
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** (Re)creates schema {@code demo} and its functions; the caller commits. */
    public static void installFunctions(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // One simple-protocol execution: the driver splits the script itself and keeps
            // dollar-quoted function bodies intact.
            statement.execute(script());
        }
    }

    /** The text of {@link #SCRIPT}. */
    public static String script() {
        try (InputStream in = DemoData.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
