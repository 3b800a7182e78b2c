package kz.labour.reporting.ops;

import java.lang.reflect.Method;
import java.security.AccessController;
import java.security.Principal;
import java.util.stream.Collectors;

import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;

/**
 * Who invoked a JMX operation, for the ledger's requested_by. A remote connection with
 * authentication runs the call as the authenticated Subject (a JMXPrincipal); a local attach or an
 * unauthenticated connector has no Subject, and can only be the user running the JVM (or root).
 */
final class JmxCaller {

    private JmxCaller() {
    }

    static String identity() {
        Subject subject = currentSubject();
        if (subject != null) {
            String names = subject.getPrincipals().stream()
                    .sorted((a, b) -> Boolean.compare(!(a instanceof JMXPrincipal), !(b instanceof JMXPrincipal)))
                    .map(Principal::getName).distinct().collect(Collectors.joining(","));
            if (!names.isEmpty()) {
                return "jmx:" + names;
            }
        }
        return "jmx:local(" + System.getProperty("user.name", "unknown") + "@" + Cli.whoAmI().replaceFirst("^[^@]*@", "") + ")";
    }

    /** Subject.current() from Java 18 on; on 17 the Subject the JMX connector put on the access control context. */
    @SuppressWarnings("removal")
    private static Subject currentSubject() {
        try {
            Method current = Subject.class.getMethod("current");
            return (Subject) current.invoke(null);
        } catch (NoSuchMethodException e) {
            return Subject.getSubject(AccessController.getContext());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
