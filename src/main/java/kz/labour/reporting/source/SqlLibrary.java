package kz.labour.reporting.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import kz.labour.reporting.form.FormId;

/**
 * The SQL statements in {@code classpath:sql/}: per form, the aggregation ({@code 2-OZh.sql}) and
 * the source checks ({@code 2-OZh-source-checks.sql}). Named parameters use camel-jdbc's
 * {@code :?name} syntax and are bound from message headers.
 */
@Component("sql")
public class SqlLibrary {

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
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
