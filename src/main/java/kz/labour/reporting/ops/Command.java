package kz.labour.reporting.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.explain.CellRef;
import kz.labour.reporting.explain.Explainer;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.transmission.Mode;

/**
 * The command line (docs/interfaces.md): nothing for the service, {@code transmit …}, {@code status …}
 * or {@code explain …} for a one-shot run. Parsed before anything starts, so a typo costs nothing:
 * an unknown or repeated argument, an unknown form, a malformed cell or version is refused here;
 * what needs the configuration (a period that has not ended, a cut-off) is checked once it is read.
 *
 * @param cell    explain's {@code KATO:N}
 * @param version explain's {@code VNNNN}
 * @param json    explain's {@code --json}
 */
public record Command(Kind kind, String period, String form, String asOf, Mode mode, String cell, String version,
                      boolean json) {

    public enum Kind { SERVICE, TRANSMIT, STATUS, EXPLAIN, HELP }

    public static final String USAGE = """
            usage:
              java -jar labour-reporting.jar                      the service: monthly schedule, JMX, health
              java -jar labour-reporting.jar transmit --period YYYY-MM[..YYYY-MM] [--form F] [--as-of T]
                                                      [--dry-run | --force | --resend]
              java -jar labour-reporting.jar status [--period YYYY-MM] [--form F]
              java -jar labour-reporting.jar explain --period YYYY-MM --form F --cell KATO:N
                                                     [--as-of T | --version VNNNN] [--json]
            F: 1-MEIZhM or 2-OZh (also 1-МЕИЖМ, 2-ӨЖ, any case); both forms when absent.
            T: data cut-off, ISO-8601 (default: now).
            KATO:N: a region's code (000000000 for the total) and a column (2..17 of 1-MEIZhM, 2..8 of 2-OZh).""";

    /** Each verb's arguments; WITH_VALUE lists those that take a value. */
    private static final Map<String, Set<String>> ARGUMENTS = Map.of(
            "transmit", Set.of("--period", "--form", "--as-of", "--dry-run", "--force", "--resend"),
            "status", Set.of("--period", "--form"),
            "explain", Set.of("--period", "--form", "--cell", "--as-of", "--version", "--json"));
    private static final Set<String> WITH_VALUE = Set.of("--period", "--form", "--as-of", "--cell", "--version");
    private static final Map<String, Mode> MODES = Map.of("--dry-run", Mode.DRY_RUN, "--force", Mode.FORCE, "--resend", Mode.RESEND);
    private static final List<String> ORDER = List.of("--period", "--form", "--cell", "--as-of", "--version", "--dry-run",
            "--force", "--resend", "--json");

    /** A command without explain's arguments. */
    public Command(Kind kind, String period, String form, String asOf, Mode mode) {
        this(kind, period, form, asOf, mode, null, null, false);
    }

    public boolean oneShot() {
        return kind == Kind.TRANSMIT || kind == Kind.STATUS || kind == Kind.EXPLAIN;
    }

    public static Command parse(String... args) {
        if (args.length == 0) {
            return new Command(Kind.SERVICE, null, null, null, Mode.PLAIN);
        }
        String verb = args[0];
        if (verb.equals("--help") || verb.equals("-h") || verb.equals("help")) {
            return new Command(Kind.HELP, null, null, null, Mode.PLAIN);
        }
        Set<String> accepted = ARGUMENTS.get(verb);
        if (accepted == null) {
            throw new BadInputException("command", "unknown command '" + verb
                    + "'; accepted: transmit, status, explain (or none for the service)");
        }
        Map<String, String> given = new HashMap<>();
        List<String> modes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            if (!accepted.contains(name)) {
                List<String> elsewhere = ARGUMENTS.entrySet().stream().filter(e -> e.getValue().contains(name))
                        .map(Map.Entry::getKey).sorted().toList();
                throw new BadInputException(name, elsewhere.isEmpty()
                        ? "unknown argument; accepted for " + verb + ": " + listed(accepted)
                        : "is an argument of " + String.join(" and ", elsewhere) + ", not of " + verb
                                + "; accepted for " + verb + ": " + listed(accepted));
            }
            String value;
            if (WITH_VALUE.contains(name)) {
                value = value(args, i, name, inline);
                if (inline == null) {
                    i++;
                }
            } else {
                if (inline != null) {
                    throw new BadInputException(name, "takes no value ('" + arg + "')");
                }
                value = "";
            }
            String before = given.put(name, value);
            if (before != null) {
                throw new BadInputException(name, "given twice" + (value.isEmpty() ? "" : " ('" + before + "' and '" + value + "')")
                        + "; give it once");
            }
            if (MODES.containsKey(name)) {
                modes.add(name);
            }
        }
        if (modes.size() > 1) {
            throw new BadInputException(modes.get(1), "--dry-run, --force and --resend exclude each other; give at most one");
        }
        String form = given.get("--form");
        if (form != null) {
            FormId.parse(form); // an unknown form is refused before anything starts
        }
        return switch (verb) {
            case "transmit" -> {
                if (given.get("--period") == null) {
                    throw new BadInputException("--period", "missing; accepted: YYYY-MM or YYYY-MM..YYYY-MM");
                }
                yield new Command(Kind.TRANSMIT, given.get("--period"), form, given.get("--as-of"),
                        modes.isEmpty() ? Mode.PLAIN : MODES.get(modes.get(0)));
            }
            case "status" -> new Command(Kind.STATUS, given.get("--period"), form, null, Mode.PLAIN);
            default -> explain(given);
        };
    }

    /** explain's arguments, each checked as far as it can be without the configuration. */
    private static Command explain(Map<String, String> given) {
        for (String required : List.of("--period", "--form", "--cell")) {
            if (given.get(required) == null) {
                throw new BadInputException(required, "missing; explain takes --period YYYY-MM --form F --cell KATO:N");
            }
        }
        if (given.get("--as-of") != null && given.get("--version") != null) {
            throw new BadInputException("--version", "--as-of and --version exclude each other: a version has its own cut-off");
        }
        CellRef.parse(given.get("--cell"), Labels.load().form(FormId.parse(given.get("--form"))), RegionCatalogue.load());
        if (given.get("--version") != null) {
            Explainer.versionNumber(given.get("--version"));
        }
        return new Command(Kind.EXPLAIN, given.get("--period"), given.get("--form"), given.get("--as-of"), Mode.PLAIN,
                given.get("--cell"), given.get("--version"), given.containsKey("--json"));
    }

    private static String listed(Set<String> arguments) {
        return String.join(", ", ORDER.stream().filter(arguments::contains).toList());
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
}
