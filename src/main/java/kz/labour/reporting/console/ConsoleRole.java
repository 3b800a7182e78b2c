package kz.labour.reporting.console;

import java.util.List;

/**
 * The console's two roles (docs/operators-guide.md). A {@code monitor} reads: routes and their
 * statistics, diagrams, the application MBean's attributes, health, the metrics. An {@code operator}
 * is a monitor who may also run the application MBean's operations and start or stop a route.
 */
enum ConsoleRole {
    MONITOR("monitor"),
    OPERATOR("operator");

    private final String id;

    ConsoleRole(String id) {
        this.id = id;
    }

    /** As Spring Security names it ({@code hasRole("monitor")}) and as the guide does. */
    String id() {
        return id;
    }

    /** The roles a user of this kind holds: an operator is a monitor too. */
    List<ConsoleRole> granted() {
        return this == OPERATOR ? List.of(MONITOR, OPERATOR) : List.of(MONITOR);
    }

    /** The role behind a Spring Security authority ({@code ROLE_monitor}), if it is one of ours. */
    static java.util.Optional<ConsoleRole> ofAuthority(String authority) {
        for (ConsoleRole role : values()) {
            if (("ROLE_" + role.id).equals(authority)) {
                return java.util.Optional.of(role);
            }
        }
        return java.util.Optional.empty();
    }
}
