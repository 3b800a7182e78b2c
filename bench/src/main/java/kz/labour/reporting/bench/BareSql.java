package kz.labour.reporting.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kz.labour.reporting.source.NamedParameters;

/**
 * The floor: one of the project's SQL statements run over plain JDBC on an open connection, its
 * {@code :?name} parameters turned into {@code ?} and bound from the same values the pipeline binds
 * (as camel-jdbc does: {@code setObject}), the rows read into maps. No Camel, no Spring, no pool.
 */
final class BareSql {

    private final String sql;
    private final List<String> names;

    BareSql(String text) {
        NamedParameters statement = NamedParameters.parse(text);
        this.sql = statement.jdbcSql();
        this.names = statement.names();
    }

    String sql() {
        return sql;
    }

    List<Map<String, Object>> run(Connection connection, Map<String, Object> parameters) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, parameters);
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

    /** EXPLAIN (ANALYZE, BUFFERS) of the statement with the same bound parameters. */
    String explain(Connection connection, Map<String, Object> parameters) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            bind(ps, parameters);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    private void bind(PreparedStatement ps, Map<String, Object> parameters) throws SQLException {
        for (int i = 0; i < names.size(); i++) {
            Object value = parameters.get(names.get(i));
            if (value == null) {
                throw new IllegalArgumentException("no value for parameter " + names.get(i));
            }
            ps.setObject(i + 1, value);
        }
    }

    /** A number in one form whatever its scale: 870, 870.0 and 8.7E+2 all become 870. */
    static BigDecimal canon(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    /** Region to column values, comparable across the variants (numbers as BigDecimal without trailing zeros). */
    static Map<String, Map<String, BigDecimal>> normalise(List<Map<String, Object>> rows) {
        Map<String, Map<String, BigDecimal>> result = new java.util.TreeMap<>();
        for (Map<String, Object> row : rows) {
            Map<String, BigDecimal> values = new java.util.TreeMap<>();
            row.forEach((k, v) -> {
                if (!k.equals("region") && !k.equals("suspect")) {
                    values.put(k, canon(new BigDecimal(v.toString())));
                }
            });
            result.put(String.valueOf(row.get("region")), values);
        }
        return result;
    }
}
