package kz.labour.reporting.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.SqlParameter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.stereotype.Component;

import kz.labour.reporting.form.FormId;

/**
 * The SQL statements in {@code classpath:sql/}: per form, the aggregation ({@code 2-OZh.sql}), the
 * same for a range of months ({@code 2-OZh-history.sql}) and the source checks
 * ({@code 2-OZh-source-checks.sql}); for {@code explain}, the rows behind a
 * region's cell ({@code explain-rows.sql}) and a column region by region ({@code explain-regions.sql}).
 * Named parameters are written {@code :name} and bound by name ({@link SourceQueries}); a {@code :}
 * that is no parameter needs a space after it (an array slice {@code [1 : 50]}).
 *
 * <p>A statement may take in a fragment with a line {@code -- include: NAME}: the fragment's text
 * replaces the line, {@code {form}} in the name standing for the form's ASCII id. That is how the
 * aggregation, the checks and explain share one definition of which rows count toward which cell
 * ({@code {form}-rows.sql}).
 */
@Component("sqlLibrary")
public class SqlLibrary {

    /** The parameters the build-form route binds (FormBuilder.sqlParameters); a form's statements may use any of them. */
    public static final Set<String> PARAMETERS = Set.of("from", "until", "as_of", "regions", "zone");

    /** The parameters explain binds: the period's, and the cell's region prefix and column. */
    public static final Set<String> EXPLAIN_PARAMETERS = Set.of("from", "until", "as_of", "zone", "region", "column");

    private static final Pattern INCLUDE = Pattern.compile("(?m)^-- include: (\\S+)[ \\t]*$");

    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public String aggregation(FormId form) {
        return statement(form, form.ascii() + ".sql", PARAMETERS);
    }

    public String sourceChecks(FormId form) {
        return statement(form, form.ascii() + "-source-checks.sql", PARAMETERS);
    }

    /**
     * The form's aggregation for every month of a range at one cut-off, in one statement
     * ({@code 2-OZh-history.sql}): each month's rows as the aggregation returns them, plus the month.
     */
    public String history(FormId form) {
        return statement(form, form.ascii() + "-history.sql", PARAMETERS);
    }

    /** The rows behind one region's cell, each with its contribution. */
    public String explainRows(FormId form) {
        return statement(form, "explain-rows.sql", EXPLAIN_PARAMETERS);
    }

    /** One column's contributions summed per region prefix (for the total row). */
    public String explainRegions(FormId form) {
        return statement(form, "explain-regions.sql", EXPLAIN_PARAMETERS);
    }

    private String statement(FormId form, String name, Set<String> parameters) {
        return cache.computeIfAbsent(form.ascii() + ":" + name,
                key -> checked(name, compose(form, name, read(name), 0), parameters));
    }

    /** The text with every {@code -- include:} line replaced by its fragment (fragments may include others). */
    static String compose(FormId form, String name, String text, int depth) {
        if (depth > 3) {
            throw new IllegalStateException("sql/" + name + ": includes nest deeper than 3 (a fragment including itself?)");
        }
        Matcher m = INCLUDE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String fragment = m.group(1).replace("{form}", form.ascii());
            m.appendReplacement(out, Matcher.quoteReplacement(compose(form, fragment, read(fragment), depth + 1).stripTrailing()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String read(String name) {
        try (InputStream in = SqlLibrary.class.getResourceAsStream("/sql/" + name)) {
            if (in == null) {
                throw new IllegalStateException("sql/" + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statement, if it uses only parameters the route binds; a typo fails at first use, naming it. */
    static String checked(String name, String text) {
        return checked(name, text, PARAMETERS);
    }

    static String checked(String name, String text, Set<String> parameters) {
        List<String> unknown = parameterNames(text).stream().filter(p -> !parameters.contains(p)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("sql/" + name + " uses parameter(s) " + unknown
                    + " that nothing binds; accepted: " + new TreeSet<>(parameters));
        }
        return text;
    }

    /** The named parameters of a statement, in order, as Spring's NamedParameterJdbcTemplate reads them. */
    static List<String> parameterNames(String text) {
        return NamedParameterUtils.buildSqlParameterList(NamedParameterUtils.parseSqlStatement(text), new MapSqlParameterSource())
                .stream().map(SqlParameter::getName).toList();
    }
}
