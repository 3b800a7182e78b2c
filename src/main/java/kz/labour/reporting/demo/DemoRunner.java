package kz.labour.reporting.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import kz.labour.reporting.LabourReportingApplication;
import kz.labour.reporting.ops.Command;

/**
 * The README's first command: an embedded PostgreSQL seeded with demo data, then the last complete
 * month's forms built exactly as {@code transmit} builds them, with the summary and where the files are.
 * Everything lives under {@code target/demo} and is thrown away with {@code mvn clean}.
 */
public final class DemoRunner {

    private DemoRunner() {
    }

    public static int run(PrintStream out, PrintStream err) {
        quietServers();
        Path home = Path.of("target", "demo").toAbsolutePath();
        Path outbox = home.resolve("outbox");
        DemoPostgres.Settings settings = DemoPostgres.Settings.defaults(Clock.systemUTC());
        out.println("Starting an embedded PostgreSQL with " + settings.months() + " months of demo data from "
                + settings.firstMonth() + " …");
        try (DemoPostgres postgres = DemoPostgres.start(settings)) {
            String period = settings.firstMonth().plusMonths(settings.months() - 1L).toString();
            Map<String, Object> properties = new HashMap<>();
            properties.put("source.datasource.url", postgres.source().jdbcUrl());
            properties.put("source.datasource.username", postgres.source().user());
            properties.put("source.datasource.password", postgres.source().password());
            properties.put("pipeline.datasource.url", postgres.pipeline().jdbcUrl());
            properties.put("pipeline.datasource.username", postgres.pipeline().user());
            properties.put("pipeline.datasource.password", postgres.pipeline().password());
            properties.put("reporting.outbox", outbox.toString());
            properties.put("reporting.org.bin", "000000000000");
            properties.put("reporting.org.name", "Demo: Еңбек инспекциясы");
            out.println("Building 1-МЕИЖМ and 2-ӨЖ for " + period + " (source read as " + postgres.source().user()
                    + ", SELECT only) …");
            out.println();
            int code = LabourReportingApplication.oneShot(Command.parse("transmit", "--period", period, "--dry-run"),
                    properties, out, err);
            out.println();
            out.println("Files: " + outbox.resolve("dry-run").resolve(period));
            out.println("Exit code " + code + " (0 = built; see README, \"Exit codes\").");
            return code;
        }
    }

    /** The embedded servers log every start-up step before Spring's logging is set up; the demo shows outcomes. */
    private static void quietServers() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.WARN);
    }
}
