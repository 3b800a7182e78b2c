package kz.labour.reporting.console;

import java.util.Set;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * What the console may reach over Jolokia, and who may do what there. Only three kinds of MBean
 * exist for it: the Camel context's own ({@code org.apache.camel:context=<name>,*}), the application
 * MBean and the actuator's health endpoint. Everything else in the JVM ({@code java.lang},
 * {@code com.sun.management}, {@code jdk.management}, logging, Hawtio's and Jolokia's own MBeans, the
 * MBean server delegate) is neither listed nor readable nor callable. No attribute is ever written
 * (Jolokia's write, and with it any way to create or change an MBean, is refused).
 *
 * <ul>
 *   <li>a {@code monitor} reads every attribute of those MBeans, calls the health endpoint and the
 *       Camel MBeans' read-only dumps that Hawtio's route diagram, source and statistics views call:
 *       the routes as written (only the forms without arguments: asked to resolve placeholders, Camel
 *       would print the configured secrets, the SFTP key's passphrase among them) and the statistics;</li>
 *   <li>an {@code operator} also calls every operation of the application MBean and starts or stops a
 *       route.</li>
 * </ul>
 * An operation is only ever called by an HTTP POST: a link or an image cannot trigger one.
 */
final class JolokiaPolicy {

    /** The actuator's health endpoint over JMX (management.endpoints.jmx.exposure). */
    static final String HEALTH = "org.springframework.boot:type=Endpoint,name=Health";

    private static final String CAMEL_DOMAIN = "org.apache.camel";
    /** The routes as written; called with no arguments, placeholders stay unresolved. */
    private static final Set<String> ROUTE_SOURCES = Set.of("dumpRoutesAsXml()", "dumpRouteAsXml()", "dumpRoutesAsYaml()",
            "dumpRouteAsYaml()", "dumpRestsAsXml()");
    /** Counters and processing times of the context, its routes and their steps, with any arguments. */
    private static final Set<String> STATISTICS = Set.of("dumpRoutesStatsAsXml", "dumpRouteStatsAsXml", "dumpStepStatsAsXml",
            "dumpStatsAsXml", "dumpRouteStatsAsJSon", "dumpStatsAsJSon");

    private final String camelContext;
    private final ObjectName application;
    private final ObjectName health;

    /**
     * @param camelContext the Camel context's name (camel.main.name), its MBeans' {@code context} key
     * @param application  the application MBean's name (reporting.jmx.object-name)
     */
    JolokiaPolicy(String camelContext, String application) {
        this.camelContext = camelContext;
        this.application = name(application);
        this.health = name(HEALTH);
    }

    /** Listed by {@code list} and {@code search}, and reachable at all. */
    boolean reachable(ObjectName name) {
        if (name == null || name.isPattern()) {
            return false;
        }
        return name.equals(application) || name.equals(health) || isCamel(name);
    }

    boolean mayRead(Set<ConsoleRole> roles, ObjectName name) {
        return roles.contains(ConsoleRole.MONITOR) && reachable(name);
    }

    /**
     * @param post      whether the request came as an HTTP POST
     * @param operation as Jolokia passes it: the name, possibly followed by its signature in brackets
     */
    boolean mayExec(Set<ConsoleRole> roles, boolean post, ObjectName name, String operation) {
        if (!post || !reachable(name) || operation == null) {
            return false;
        }
        String op = operation.contains("(") ? operation.substring(0, operation.indexOf('(')) : operation;
        if (name.equals(application)) {
            return roles.contains(ConsoleRole.OPERATOR);
        }
        if (name.equals(health)) {
            return roles.contains(ConsoleRole.MONITOR) && op.equals("health");
        }
        if (roles.contains(ConsoleRole.OPERATOR) && "routes".equals(name.getKeyProperty("type"))
                && (op.equals("start") || op.equals("stop"))) {
            return true;
        }
        return roles.contains(ConsoleRole.MONITOR) && (ROUTE_SOURCES.contains(operation.replace(" ", "")) || STATISTICS.contains(op));
    }

    /** Writes are refused to everybody: no role needs one. */
    boolean mayWrite() {
        return false;
    }

    private boolean isCamel(ObjectName name) {
        return CAMEL_DOMAIN.equals(name.getDomain()) && camelContext.equals(unquote(name.getKeyProperty("context")));
    }

    private static String unquote(String value) {
        return value != null && value.startsWith("\"") ? ObjectName.unquote(value) : value;
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("'" + name + "' is not a JMX object name: " + e.getMessage(), e);
        }
    }
}
