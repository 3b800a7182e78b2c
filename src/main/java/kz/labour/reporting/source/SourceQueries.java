package kz.labour.reporting.source;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import kz.labour.reporting.form.FormId;

/**
 * The one way the application reads the source: the statements of {@link SqlLibrary}, their named
 * parameters ({@code :from}) bound from a map by Spring's {@link NamedParameterJdbcTemplate} on the
 * source pool (read-only sessions, unnamed statements: {@code SourceConfiguration}). Route
 * {@code build-form} calls it for the aggregation and the source checks, the quality checks for the
 * history they build from the source, and {@code explain} for the rows behind a cell.
 *
 * <p>A statement that fails throws the driver's or the pool's own {@link SQLException}: Spring's
 * wrapper would put the whole statement into the one line operators read.
 */
@Component("sourceQueries")
public class SourceQueries {

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlLibrary sql;

    public SourceQueries(@Qualifier("sourceDataSource") DataSource source, SqlLibrary sql) {
        this.jdbc = new NamedParameterJdbcTemplate(source);
        this.sql = sql;
    }

    /** A form's aggregation: {@code region, c2, c3, …, suspect, unplaced} per region prefix. */
    public List<Map<String, Object>> aggregation(FormId form, Map<String, ?> parameters) throws SQLException {
        return rows(sql.aggregation(form), parameters);
    }

    /**
     * A form's aggregation for each month of {@code [from, until)} at one cut-off, in one statement:
     * {@code month, region, c2, …, suspect, unplaced}, each month's rows those {@link #aggregation}
     * returns for the month alone.
     */
    public List<Map<String, Object>> history(FormId form, Map<String, ?> parameters) throws SQLException {
        return rows(sql.history(form), parameters);
    }

    /** The rows the form's aggregation cannot count, by relation and problem. */
    public List<Map<String, Object>> sourceChecks(FormId form, Map<String, ?> parameters) throws SQLException {
        return rows(sql.sourceChecks(form), parameters);
    }

    /**
     * The rows behind one region's cell, each with its contribution, each made by {@code row}: a year
     * to date's cell has a hundred thousand rows, and a map per row cost more than the statement.
     */
    public <T> List<T> explainRows(FormId form, Map<String, ?> parameters, RowMapper<T> row) throws SQLException {
        return query(sql.explainRows(form), parameters, row);
    }

    /** One column's contributions summed per region prefix. */
    public List<Map<String, Object>> explainRegions(FormId form, Map<String, ?> parameters) throws SQLException {
        return rows(sql.explainRegions(form), parameters);
    }

    /** The statement's rows, each a map from column label to value, in order. */
    public List<Map<String, Object>> rows(String statement, Map<String, ?> parameters) throws SQLException {
        try {
            return jdbc.queryForList(statement, parameters);
        } catch (DataAccessException e) {
            throw driverException(e);
        }
    }

    private <T> List<T> query(String statement, Map<String, ?> parameters, RowMapper<T> row) throws SQLException {
        try {
            return jdbc.query(statement, parameters, row);
        } catch (DataAccessException e) {
            throw driverException(e);
        }
    }

    /** The driver's own exception behind Spring's, to be thrown; Spring's itself when there is none. */
    private static SQLException driverException(DataAccessException e) {
        if (e.getCause() instanceof SQLException driver) {
            return driver;
        }
        throw e;
    }
}
