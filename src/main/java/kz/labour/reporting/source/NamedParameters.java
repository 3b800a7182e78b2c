package kz.labour.reporting.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement written with camel-jdbc's named parameters ({@code :?from}) as plain JDBC sees it:
 * each parameter a {@code ?}, and the names in the order they are bound. The pipeline runs its
 * statements through camel-jdbc; this runs them the same way (each value bound with
 * {@code setObject}) without Camel, for the benchmark's floor and for tests.
 */
public record NamedParameters(String jdbcSql, List<String> names) {

    private static final Pattern PARAMETER = Pattern.compile(":\\?([A-Za-z_][A-Za-z0-9_]*)");

    public NamedParameters {
        names = List.copyOf(names);
    }

    public static NamedParameters parse(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAMETER.matcher(text);
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(sql, "?");
        }
        m.appendTail(sql);
        return new NamedParameters(sql.toString(), names);
    }

    /** The statement's rows, each a map from column label to value, in order. */
    public List<Map<String, Object>> query(Connection connection, Map<String, ?> values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(jdbcSql)) {
            bind(ps, values);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= md.getColumnCount(); c++) {
                        row.put(md.getColumnLabel(c), rs.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** The plan PostgreSQL makes for the statement with these values: {@code EXPLAIN (options)}, one line per row. */
    public String explain(Connection connection, String options, Map<String, ?> values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("EXPLAIN (" + options + ") " + jdbcSql)) {
            bind(ps, values);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    private void bind(PreparedStatement ps, Map<String, ?> values) throws SQLException {
        for (int i = 0; i < names.size(); i++) {
            Object value = values.get(names.get(i));
            if (value == null) {
                throw new IllegalArgumentException("no value for parameter " + names.get(i) + "; given: " + values.keySet());
            }
            ps.setObject(i + 1, value);
        }
    }
}
