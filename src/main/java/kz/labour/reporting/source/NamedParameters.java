package kz.labour.reporting.source;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement written with camel-jdbc's named parameters ({@code :?from}) as plain JDBC sees it:
 * each parameter a {@code ?}, and the names in the order they are bound. Pure.
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
}
