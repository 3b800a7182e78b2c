package kz.labour.reporting.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Region;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.source.SourceQueries;
import kz.labour.reporting.source.SqlLibrary;

/**
 * Runs the project's form SQL ({@code src/main/resources/sql/*.sql}) over JDBC as the pipeline
 * composes it ({@link SqlLibrary}: fragments included) and runs it ({@link SourceQueries}: named
 * parameters {@code :name} bound by name), on one connection.
 */
public final class FormSql {

    public static final ZoneId ZONE = ZoneId.of("Asia/Almaty");
    private static final SqlLibrary LIBRARY = new SqlLibrary();
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

    /** The parameters of the history statement for the months {@code first}..{@code last} at cut-off {@code asOf}. */
    public static Map<String, Object> months(YearMonth first, YearMonth last, OffsetDateTime asOf) {
        Map<String, Object> p = monthly(first, asOf);
        p.put("until", last.plusMonths(1).atDay(1));
        return p;
    }

    /** A form's history statement ({@code {form}-history.sql}) as the pipeline runs it. */
    public static List<Map<String, Object>> history(Connection connection, FormId form, Map<String, Object> parameters)
            throws SQLException {
        return on(connection).history(form, parameters);
    }

    /** The scheduled run's cut-off: 06:00 on the 1st of the next month, reporting zone. */
    public static OffsetDateTime scheduledRun(YearMonth month) {
        return month.plusMonths(1).atDay(1).atTime(6, 0).atZone(ZONE).toOffsetDateTime();
    }

    /** Runs a form's statement named by its resource: {@code /sql/2-OZh.sql} or {@code /sql/2-OZh-source-checks.sql}. */
    public static List<Map<String, Object>> run(Connection connection, String resource, Map<String, Object> parameters)
            throws SQLException {
        return on(connection).rows(statement(resource), parameters);
    }

    /** {@code EXPLAIN (options)} of the statement with these parameters. */
    public static String explain(Connection connection, String resource, String options, Map<String, Object> parameters)
            throws SQLException {
        return plan(connection, statement(resource), options, parameters);
    }

    /** {@code EXPLAIN (options)} of any statement with named parameters: the plan, one line per row. */
    public static String plan(Connection connection, String statement, String options, Map<String, Object> parameters)
            throws SQLException {
        StringBuilder plan = new StringBuilder();
        for (Map<String, Object> row : on(connection).rows("EXPLAIN (" + options + ") " + statement, parameters)) {
            plan.append(row.values().iterator().next()).append('\n');
        }
        return plan.toString();
    }

    /** The application's way of reading the source, on a connection the caller holds (and closes). */
    static SourceQueries on(Connection connection) {
        return new SourceQueries(new SingleConnectionDataSource(connection, true), LIBRARY);
    }

    /** The statement as the pipeline runs it. */
    public static String statement(String resource) {
        for (FormId form : FormId.values()) {
            if (resource.equals("/sql/" + form.ascii() + ".sql")) {
                return LIBRARY.aggregation(form);
            }
            if (resource.equals("/sql/" + form.ascii() + "-source-checks.sql")) {
                return LIBRARY.sourceChecks(form);
            }
        }
        throw new IllegalArgumentException(resource + " is not a form's aggregation or source checks");
    }
}
