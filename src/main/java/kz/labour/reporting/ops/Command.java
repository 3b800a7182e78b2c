package kz.labour.reporting.ops;

import java.util.ArrayList;
import java.util.List;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.transmission.Mode;

/**
 * The command line (interfaces.md): nothing for the service, {@code transmit …} or {@code status …}
 * for a one-shot run. Parsed before anything starts, so a typo costs nothing.
 */
public record Command(Kind kind, String period, String form, String asOf, Mode mode) {

    public enum Kind { SERVICE, TRANSMIT, STATUS, DEMO, HELP }

    public static final String USAGE = """
            usage:
              java -jar labour-reporting.jar                      the service: monthly schedule, JMX, health
              java -jar labour-reporting.jar transmit --period YYYY-MM[..YYYY-MM] [--form F] [--as-of T]
                                                      [--dry-run | --force | --resend]
              java -jar labour-reporting.jar status [--period YYYY-MM]
              mvn -q spring-boot:run -Dspring-boot.run.arguments=demo   (source tree: embedded servers and demo data)
            F: 1-MEIZhM or 2-OZh (also 1-МЕИЖМ, 2-ӨЖ, any case); both forms when absent.
            T: data cut-off, ISO-8601 (default: now).""";

    public boolean oneShot() {
        return kind == Kind.TRANSMIT || kind == Kind.STATUS;
    }

    public static Command parse(String... args) {
        if (args.length == 0) {
            return new Command(Kind.SERVICE, null, null, null, Mode.PLAIN);
        }
        String verb = args[0];
        if (verb.equals("--help") || verb.equals("-h") || verb.equals("help")) {
            return new Command(Kind.HELP, null, null, null, Mode.PLAIN);
        }
        if (verb.equals("demo") && args.length == 1) {
            return new Command(Kind.DEMO, null, null, null, Mode.PLAIN);
        }
        if (!verb.equals("transmit") && !verb.equals("status")) {
            throw new BadInputException("command", "unknown command '" + verb + "'; accepted: transmit, status (or none for the service)");
        }
        String period = null;
        String form = null;
        String asOf = null;
        List<Mode> modes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--period" -> period = value(args, i, name, inline);
                case "--form" -> form = transmitOnly(verb, name, value(args, i, name, inline));
                case "--as-of" -> asOf = transmitOnly(verb, name, value(args, i, name, inline));
                case "--dry-run" -> modes.add(transmitOnly(verb, name, Mode.DRY_RUN));
                case "--force" -> modes.add(transmitOnly(verb, name, Mode.FORCE));
                case "--resend" -> modes.add(transmitOnly(verb, name, Mode.RESEND));
                default -> throw new BadInputException(name, "unknown argument; accepted for " + verb + ": "
                        + (verb.equals("transmit") ? "--period, --form, --as-of, --dry-run, --force, --resend" : "--period"));
            }
            if (inline == null && (name.equals("--period") || name.equals("--form") || name.equals("--as-of"))) {
                i++;
            }
        }
        if (modes.size() > 1) {
            throw new BadInputException(modes.get(1) == Mode.DRY_RUN ? "--dry-run" : modes.get(1) == Mode.FORCE ? "--force" : "--resend",
                    "--dry-run, --force and --resend exclude each other; give at most one");
        }
        if (verb.equals("transmit")) {
            if (period == null) {
                throw new BadInputException("--period", "missing; accepted: YYYY-MM or YYYY-MM..YYYY-MM");
            }
            return new Command(Kind.TRANSMIT, period, form, asOf, modes.isEmpty() ? Mode.PLAIN : modes.get(0));
        }
        return new Command(Kind.STATUS, period, null, null, Mode.PLAIN);
    }

    private static String value(String[] args, int i, String name, String inline) {
        if (inline != null) {
            return inline;
        }
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new BadInputException(name, "needs a value");
        }
        return args[i + 1];
    }

    private static <T> T transmitOnly(String verb, String name, T value) {
        if (!verb.equals("transmit")) {
            throw new BadInputException(name, "is an argument of transmit, not of " + verb);
        }
        return value;
    }
}
