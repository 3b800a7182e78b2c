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

import org.springframework.stereotype.Component;

import kz.labour.reporting.form.FormId;

/**
 * The SQL statements in {@code classpath:sql/}: per form, the aggregation ({@code 2-OZh.sql}) and
 * the source checks ({@code 2-OZh-source-checks.sql}). Named parameters use camel-jdbc's
 * {@code :?name} syntax and are bound from message headers.
 */
@Component("sqlLibrary")
public class SqlLibrary {

    /** The parameters the build-form route binds (FormBuilder.bindSql); a statement may use any of them. */
    public static final Set<String> PARAMETERS = Set.of("from", "until", "as_of", "regions", "zone");

    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public String aggregation(FormId form) {
        return text(form.ascii() + ".sql");
    }

    public String sourceChecks(FormId form) {
        return text(form.ascii() + "-source-checks.sql");
    }

    public String text(String name) {
        return cache.computeIfAbsent(name, SqlLibrary::load);
    }

    private static String load(String name) {
        try (InputStream in = SqlLibrary.class.getResourceAsStream("/sql/" + name)) {
            if (in == null) {
                throw new IllegalStateException("sql/" + name + " is missing from the classpath");
            }
            return checked(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statement, if it uses only parameters the route binds; a typo fails at first use, naming it. */
    static String checked(String name, String text) {
        List<String> unknown = NamedParameters.parse(text).names().stream()
                .filter(p -> !PARAMETERS.contains(p)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("sql/" + name + " uses parameter(s) " + unknown
                    + " that nothing binds; accepted: " + new TreeSet<>(PARAMETERS));
        }
        return text;
    }
}
