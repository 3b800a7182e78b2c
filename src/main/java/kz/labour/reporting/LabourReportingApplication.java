package kz.labour.reporting;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import kz.labour.reporting.form.FormWorkbook;
import kz.labour.reporting.ledger.PipelineSchema;
import kz.labour.reporting.ops.CdsTraining;
import kz.labour.reporting.ops.Cli;
import kz.labour.reporting.ops.Command;

/**
 * One jar, three ways to run it (interfaces.md): the service with no arguments; {@code transmit}
 * and {@code status} as one-shot commands that start no web server and no schedule, then exit with
 * the documented code.
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
            return 2;
        }
        if (command.kind() == Command.Kind.HELP) {
            System.out.println(Command.USAGE);
            return 0;
        }
        if (command.oneShot()) {
            // One-time library set-up that the main thread would do later, done on the other core
            // while the context starts (BENCHMARKS.md): Flyway's (about 170 ms, needed during the
            // start) and, for transmit, the spreadsheet library's (about half a second, needed after
            // the SQL). Neither touches a database or a file.
            boolean transmit = command.kind() == Command.Kind.TRANSMIT;
            Thread warmUp = new Thread(() -> {
                PipelineSchema.warmUp();
                if (transmit) {
                    FormWorkbook.warmUp();
                }
            }, "one-shot-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }
        SpringApplication app = new SpringApplication(LabourReportingApplication.class);
        if (command.oneShot()) {
            app.setWebApplicationType(WebApplicationType.NONE);
            // A one-shot command prints its own summary: no start-up banner lines, no scheduler.
            // Nobody attaches to a process that lives for seconds: Camel registers no MBeans for its
            // routes and processors (JMX is the service's interface), which saves start-up work.
            app.setDefaultProperties(Map.of("reporting.schedule.enabled", "false",
                    "camel.main.jmx-enabled", "false",
                    "spring.main.log-startup-info", "false",
                    "logging.level.org.springframework.boot.SpringApplication", "off"));
        }
        ConfigurableApplicationContext context;
        try {
            // The arguments are ours, not Spring properties: none is passed on.
            context = app.run();
        } catch (RuntimeException e) {
            BadInputException bad = badInput(e);
            if (bad != null) {
                System.err.println("error: " + bad.getMessage());
                return 2;
            }
            System.err.println("error: could not start: " + messages(e));
            return 1;
        }
        if (!command.oneShot()) {
            return KEEP_RUNNING; // the service lives on its non-daemon threads until stopped
        }
        try (context) {
            if (CdsTraining.requested()) {
                CdsTraining.exercise(context);
                return 0;
            }
            return context.getBean(Cli.class).run(command, System.out, System.err);
        }
    }

    private static BadInputException badInput(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadInputException bad) {
                return bad;
            }
        }
        return null;
    }

    /** The first line of the outermost and the innermost cause: what failed, and why. */
    static String messages(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String outer = firstLine(e);
        String inner = firstLine(root);
        return root == e || outer.contains(inner) ? outer : outer + " (" + inner + ")";
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
