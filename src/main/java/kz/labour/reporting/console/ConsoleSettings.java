package kz.labour.reporting.console;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;

import kz.labour.reporting.BadInputException;

/**
 * The {@code console.*} settings: the console's users, from CONSOLE_MONITOR_USER / _PASSWORD and
 * CONSOLE_OPERATOR_USER / _PASSWORD. There is no default user and no default password: with neither
 * user set the console, Jolokia and the metrics endpoint are not served at all.
 *
 * @param monitor  the user who reads
 * @param operator the user who also runs the application's operations and starts or stops routes
 */
@ConfigurationProperties("console")
record ConsoleSettings(Account monitor, Account operator) {

    /** A user name and its password: plain text, or a bcrypt hash written {@code {bcrypt}$2a$...}. */
    record Account(String user, String password) {
    }

    /** A checked user: the password as a {@code {bcrypt}...} hash, as Spring Security stores it. */
    record User(String name, String password, ConsoleRole role) {
        @Override
        public String toString() {
            return role.id() + " '" + name + "'"; // never the password
        }
    }

    private static final String BCRYPT = "{bcrypt}";
    /** What Spring's BCryptPasswordEncoder accepts: version, cost, then 53 characters of salt and hash. */
    private static final Pattern BCRYPT_HASH = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    /** Whether any console user is configured: decides, before the context starts, if the console is served. */
    static boolean anyUser(Environment environment) {
        return hasText(environment.getProperty("console.monitor.user"))
                || hasText(environment.getProperty("console.operator.user"));
    }

    /** Whether a console user is configured (as {@link #anyUser} decides from the environment). */
    boolean configured() {
        return hasText(name(monitor)) || hasText(name(operator));
    }

    /** The configured users' roles and names, for the start-up log: never a password. */
    String describeUsers() {
        StringBuilder text = new StringBuilder();
        if (hasText(name(monitor))) {
            text.append("monitor '").append(name(monitor)).append("'");
        }
        if (hasText(name(operator))) {
            text.append(text.isEmpty() ? "" : ", ").append("operator '").append(name(operator)).append("'");
        }
        return text.toString();
    }

    private static String name(Account account) {
        return account == null ? null : account.user();
    }

    /**
     * The configured users, checked; empty when none is. A user without a password, a password without
     * a user, one name for both roles or a malformed hash is refused, naming the variable. A plain
     * password is hashed with {@code encoder}, so no password is kept or compared as plain text.
     */
    List<User> users(PasswordEncoder encoder) {
        List<User> users = new ArrayList<>();
        user(monitor, "CONSOLE_MONITOR", ConsoleRole.MONITOR, encoder, users);
        user(operator, "CONSOLE_OPERATOR", ConsoleRole.OPERATOR, encoder, users);
        if (users.size() == 2 && users.get(0).name().equals(users.get(1).name())) {
            throw new BadInputException("CONSOLE_OPERATOR_USER", "'" + users.get(1).name()
                    + "' is also CONSOLE_MONITOR_USER; accepted: a different name for each role (an operator can read too)");
        }
        return users;
    }

    private static void user(Account account, String variable, ConsoleRole role, PasswordEncoder encoder, List<User> users) {
        String name = account == null ? null : account.user();
        String password = account == null ? null : account.password();
        if (!hasText(name)) {
            if (hasText(password)) {
                throw new BadInputException(variable + "_USER", "not set, but " + variable
                        + "_PASSWORD is; accepted: both, or neither to leave the " + role.id() + " user out");
            }
            return;
        }
        if (!name.strip().equals(name) || name.contains(":")) {
            throw new BadInputException(variable + "_USER", "'" + name
                    + "' has a blank at either end or a ':'; accepted: a name without them (HTTP basic splits at ':')");
        }
        if (!hasText(password)) {
            throw new BadInputException(variable + "_PASSWORD", "not set for " + variable + "_USER '" + name
                    + "'; accepted: a password, or a bcrypt hash as {bcrypt}$2a$...; there is no default password");
        }
        users.add(new User(name, stored(password, variable + "_PASSWORD", encoder), role));
    }

    /** A {bcrypt} hash as it is; any other text is the password itself. Another {id} prefix is refused. */
    private static String stored(String password, String variable, PasswordEncoder encoder) {
        if (password.startsWith(BCRYPT)) {
            if (!BCRYPT_HASH.matcher(password.substring(BCRYPT.length())).matches()) {
                throw new BadInputException(variable, "is not a well-formed bcrypt hash; accepted: {bcrypt} followed by "
                        + "$2a$, $2b$ or $2y$, the cost and 53 characters (htpasswd -bnBC 12 '' secret prints one after the ':')");
            }
            return password;
        }
        if (password.matches("\\{[A-Za-z0-9_-]*}.*")) {
            throw new BadInputException(variable, "starts with an encoding id other than {bcrypt}; accepted: "
                    + "a plain password, or a bcrypt hash as {bcrypt}$2a$...");
        }
        return encoder.encode(password);
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
