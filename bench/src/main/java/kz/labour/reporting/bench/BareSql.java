package kz.labour.reporting.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import kz.labour.reporting.source.NamedParameters;

/**
 * The floor: one of the project's SQL statements run over plain JDBC on an open connection, its
 * {@code :?name} parameters turned into {@code ?} and bound from the same values the pipeline binds
 * (as camel-jdbc does: {@code setObject}), the rows read into maps. No Camel, no Spring, no pool.
 */
final class BareSql {

    private final NamedParameters statement;

    BareSql(String text) {
        this.statement = NamedParameters.parse(text);
    }

    List<Map<String, Object>> run(Connection connection, Map<String, Object> parameters) throws SQLException {
        return statement.query(connection, parameters);
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of the statement with the same bound parameters. */
    String explain(Connection connection, Map<String, Object> parameters) throws SQLException {
        return statement.explain(connection, "ANALYZE, BUFFERS", parameters);
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
