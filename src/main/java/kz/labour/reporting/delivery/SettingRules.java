package kz.labour.reporting.delivery;

import java.util.List;
import java.util.Locale;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import kz.labour.reporting.BadInputException;

/**
 * How the delivery settings' text is read: ports, switches and mail addresses, each strictly, with a
 * message that names the environment variable, what was given and what is accepted. Pure functions:
 * the same rules serve the configuration binding, the check before a delivering run, and the tests.
 */
final class SettingRules {

    private SettingRules() {
    }

    /** A TCP port, 1 to 65535. */
    static int port(String variable, String text) {
        String t = text == null ? "" : text.strip();
        if (t.matches("\\d{1,5}")) {
            int port = Integer.parseInt(t);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        throw new BadInputException(variable, "'" + text + "' is not a port; accepted: a whole number from 1 to 65535");
    }

    /** A switch: {@code true} or {@code false} (any case), nothing else, so a typo never picks a side silently. */
    static boolean flag(String variable, String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadInputException(variable, "'" + text + "' is not a switch; accepted: true or false");
        };
    }

    /**
     * A comma-separated list of mail addresses, each {@code local@domain} or {@code Name <local@domain>}:
     * RFC 822 syntax (strict), no line breaks (they would start a new mail header), no groups.
     * Empty text gives no address; {@code required} refuses that.
     */
    static List<InternetAddress> addresses(String variable, String text, boolean required) {
        return parse(variable, text, required, true);
    }

    private static List<InternetAddress> parse(String variable, String text, boolean required, boolean list) {
        String t = text == null ? "" : text.strip();
        if (text != null && (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0)) {
            throw new BadInputException(variable, "contains a line break; accepted: "
                    + "addresses separated by commas on one line, such as stat@bureau.kz, archive@bureau.kz");
        }
        if (t.isEmpty()) {
            if (required) {
                throw new BadInputException(variable, "is empty; accepted: one or more addresses separated by commas, "
                        + "such as stat@bureau.kz, archive@bureau.kz");
            }
            return List.of();
        }
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parse(t, true);
            for (InternetAddress address : parsed) {
                if (address.isGroup()) {
                    throw new AddressException("a group (name:list;) is not a mailbox", address.toString());
                }
                address.validate();
            }
        } catch (AddressException e) {
            throw new BadInputException(variable, "'" + text + "' is not " + (list ? "a list of mail addresses" : "a mail address")
                    + " (" + e.getMessage() + "); accepted: local@domain or Name <local@domain>"
                    + (list ? ", separated by commas" : ""));
        }
        if (parsed.length == 0 && required) {
            throw new BadInputException(variable, "'" + text + "' holds no address; accepted: one or more addresses "
                    + "separated by commas, such as stat@bureau.kz");
        }
        return List.of(parsed);
    }

    /** Exactly one mail address. */
    static InternetAddress address(String variable, String text) {
        List<InternetAddress> all = parse(variable, text, true, false);
        if (all.size() != 1) {
            throw new BadInputException(variable, "'" + text + "' holds " + all.size()
                    + " addresses; accepted: exactly one, such as reports@inspection.kz");
        }
        return all.get(0);
    }
}
