package kz.labour.reporting.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import kz.labour.reporting.form.Region;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.source.NamedParameters;

/**
 * Runs the project's form SQL ({@code src/main/resources/sql/*.sql}) over JDBC: named parameters
 * {@code :?name} become {@code ?} placeholders bound by name.
 */
public final class FormSql {

    public static final ZoneId ZONE = ZoneId.of("Asia/Almaty");
    public static final String REGIONS = RegionCatalogue.load().regions().stream()
            .map(Region::prefix).collect(Collectors.joining(","));

    private FormSql() {
    }

    /** The parameters of a monthly run of {@code month} with data cut-off {@code asOf}. */
    public static Map<String, Object> monthly(YearMonth month, OffsetDateTime asOf) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("from", month.atDay(1));
        p.put("until", month.plusMonths(1).atDay(1));
        p.put("as_of", asOf);
        p.put("regions", REGIONS);
        p.put("zone", ZONE.getId());
        return p;
    }

    /** The scheduled run's cut-off: 06:00 on the 1st of the next month, reporting zone. */
    public static OffsetDateTime scheduledRun(YearMonth month) {
        return month.plusMonths(1).atDay(1).atTime(6, 0).atZone(ZONE).toOffsetDateTime();
    }

    public static List<Map<String, Object>> run(Connection connection, String resource, Map<String, Object> parameters)
            throws SQLException {
        return NamedParameters.parse(load(resource)).query(connection, parameters);
    }

    /** {@code EXPLAIN (options)} of the statement with these parameters. */
    public static String explain(Connection connection, String resource, String options, Map<String, Object> parameters)
            throws SQLException {
        return NamedParameters.parse(load(resource)).explain(connection, options, parameters);
    }

    private static String load(String resource) {
        try (InputStream in = FormSql.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
