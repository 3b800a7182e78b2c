package kz.labour.reporting;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import kz.labour.reporting.ops.Cli;
import kz.labour.reporting.ops.Command;
import kz.labour.reporting.ops.CommandCheck;

/**
 * One jar, three ways to run it (docs/interfaces.md): the service with no arguments; {@code transmit},
 * {@code status} and {@code explain} as one-shot commands that start no web server and no
 * schedule, then exit with the documented code.
 */
@SpringBootApplication
public class LabourReportingApplication {

    /** Returned by {@link #run} when the service is up: the JVM lives on until stopped. */
    static final int KEEP_RUNNING = -1;

    public static void main(String[] args) {
        int code = run(args);
        if (code != KEEP_RUNNING) {
            System.exit(code);
        }
    }

    static int run(String... args) {
        Command command;
        try {
            command = Command.parse(args);
        } catch (BadInputException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Command.USAGE);
            return ExitCode.BAD_INPUT.code();
        }
        return switch (command.kind()) {
            case HELP -> {
                System.out.println(Command.USAGE);
                yield ExitCode.OK.code();
            }
            case TRANSMIT, STATUS, EXPLAIN -> {
                // Arguments and settings the command cannot work with are refused now, in well under
                // a second, not after the context's start of several.
                try {
                    CommandCheck.check(command);
                } catch (BadInputException e) {
                    System.err.println("error: " + e.getMessage());
                    yield 2;
                } catch (RuntimeException e) {
                    // the configuration itself cannot be read (spring.config.location, a broken YAML file)
                    System.err.println("error: could not start: " + Causes.summary(e));
                    yield 1;
                }
                OneShotStart.warmUpLibraries(command.kind() == Command.Kind.TRANSMIT);
                yield oneShot(command, Map.of(), System.out, System.err);
            }
            case SERVICE -> service();
        };
    }

    /**
     * Starts the application for one command, runs it and closes it. {@code properties} add to or
     * override the configuration (the source tree's demo passes its embedded servers' addresses this way).
     */
    public static int oneShot(Command command, Map<String, Object> properties, PrintStream out, PrintStream err) {
        SpringApplication app = OneShotStart.application(LabourReportingApplication.class);
        // First in the environment, above application.yml and the environment variables: whatever is
        // configured, a one-shot command never starts a trigger route nor joins the Quartz cluster.
        Map<String, Object> overrides = new HashMap<>(properties);
        overrides.put("reporting.schedule.enabled", "false");
        app.addInitializers(ctx -> ctx.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("one-shot-command", overrides)));
        ConfigurableApplicationContext context;
        try {
            // The arguments are ours, not Spring properties: none is passed on.
            context = app.run();
        } catch (RuntimeException e) {
            return startFailed(e, err);
        }
        try (context) {
            if (OneShotStart.training()) {
                OneShotStart.train(context);
                return 0;
            }
            return context.getBean(Cli.class).run(command, out, err);
        }
    }

    private static int service() {
        try {
            SpringApplication.run(LabourReportingApplication.class);
            return KEEP_RUNNING; // the service lives on its non-daemon threads until stopped
        } catch (RuntimeException e) {
            return startFailed(e, System.err);
        }
    }

    /** A start that failed: bad settings (exit 2) named as such, anything else with its innermost cause (exit 1). */
    private static int startFailed(RuntimeException e, PrintStream err) {
        BadInputException bad = Causes.find(e, BadInputException.class).orElse(null);
        err.println("error: " + (bad != null ? bad.getMessage() : "could not start: " + Causes.summary(e)));
        return (bad != null ? ExitCode.BAD_INPUT : ExitCode.ERROR).code();
    }
}
