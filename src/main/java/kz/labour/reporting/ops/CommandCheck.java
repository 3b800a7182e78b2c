package kz.labour.reporting.ops;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.Causes;
import kz.labour.reporting.ReportingSettings;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;

import kz.labour.reporting.delivery.DeliverySettings;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.transmission.Mode;

/**
 * What can be refused of a one-shot command before the application starts, in well under a second
 * instead of after a context start of several: the period(s), form and cut-off against the reporting
 * settings, and the settings a delivering run needs (ports, switches, addresses). The configuration is
 * read as the application reads it (environment variables, system properties, {@code application.yml}
 * and its profiles) into the same settings records, and checked by the same rules, so the answer is
 * the one the running application would give. Nothing is started, connected or written.
 *
 * <p>The relay's login needs the network and is checked inside the application
 * ({@link kz.labour.reporting.delivery.DeliveryPreflight}).
 */
public final class CommandCheck {

    private CommandCheck() {
    }

    /** Refuses (bad input, exit 2) what the command could not do with the current configuration. */
    public static void check(Command command) {
        check(command, configuration(), Instant.now());
    }

    static void check(Command command, ConfigurableEnvironment configuration, Instant now) {
        Binder binder = Binder.get(configuration);
        // Ports and switches are read while binding: a typo fails here, named, for every command.
        DeliverySettings delivery = bind(binder, "delivery", DeliverySettings.class);
        if (command.kind() != Command.Kind.TRANSMIT) {
            return;
        }
        ReportingSettings reporting = bind(binder, "reporting", ReportingSettings.class);
        reporting.validate();
        List<YearMonth> months = reporting.periods().parse(command.period(), now);
        if (command.form() != null && !command.form().isBlank()) {
            FormId.parse(command.form());
        }
        OffsetDateTime asOf = reporting.periods().asOf(command.asOf(), now);
        boolean delivering = command.mode() != Mode.DRY_RUN;
        reporting.periods().checkCutOff(months, command.asOf(), asOf, delivering);
        if (delivering) {
            delivery.validate();
        }
    }


    /**
     * The configuration the application would start with, read without starting it: system properties,
     * environment variables, and the config data Spring Boot would load ({@code application.yml},
     * {@code spring.config.*}, profiles).
     */
    static ConfigurableEnvironment configuration() {
        StandardEnvironment environment = new StandardEnvironment();
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        return environment;
    }

    /** Binds one settings record as the application does; a value that cannot be read is bad input. */
    private static <T> T bind(Binder binder, String prefix, Class<T> type) {
        try {
            return binder.bindOrCreate(prefix, type);
        } catch (BindException e) {
            Causes.find(e, BadInputException.class).ifPresent(bad -> {
                throw bad;
            });
            Throwable root = Causes.root(e);
            String property = e.getProperty() == null ? prefix : e.getProperty().getName().toString();
            throw new BadInputException(property, "cannot be read (" + root.getMessage() + ")");
        }
    }
}
