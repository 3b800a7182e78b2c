package kz.labour.reporting.receipts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The receipts' statements, {@code sql/receipts/{name}.sql}, with named parameters. */
final class ReceiptSql {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private ReceiptSql() {
    }

    static String get(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try (InputStream in = ReceiptSql.class.getResourceAsStream("/sql/receipts/" + n + ".sql")) {
                if (in == null) {
                    throw new IllegalStateException("sql/receipts/" + n + ".sql is not on the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
