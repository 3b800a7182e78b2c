package kz.labour.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Walking an exception's chain of causes, the one way every part of the application does it: Camel
 * and Spring wrap what actually went wrong, and operators need the innermost cause as much as the
 * outermost.
 */
public final class Causes {

    private Causes() {
    }

    /** The exception and its causes, outermost first; a cause that loops back ends the chain. */
    public static List<Throwable> chain(Throwable fault) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable t = fault; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }

    /** The innermost cause (the exception itself when it has none). */
    public static Throwable root(Throwable fault) {
        List<Throwable> all = chain(fault);
        return all.get(all.size() - 1);
    }

    /** The outermost exception of the chain that is a {@code type}. */
    public static <T extends Throwable> Optional<T> find(Throwable fault, Class<T> type) {
        return chain(fault).stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The first line of the outermost and of the innermost cause: what failed, and why. */
    public static String summary(Throwable fault) {
        Throwable root = root(fault);
        String outer = firstLine(fault);
        String inner = firstLine(root);
        return root == fault || outer.contains(inner) ? outer : outer + " (" + inner + ")";
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        return m.lines().findFirst().orElse(m).trim();
    }
}
