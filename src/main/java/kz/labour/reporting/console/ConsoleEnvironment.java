package kz.labour.reporting.console;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings that follow from others, decided before the context starts (the endpoints' conditions
 * read them):
 * <ul>
 *   <li>a process without a web server (the one-shot commands) or the service without a console
 *       user: nobody can scrape metrics, so Camel does not count its exchanges for them and no
 *       Prometheus registry is kept;</li>
 *   <li>the service without a console user: Hawtio, Jolokia and the metrics endpoint are not served
 *       at all (their endpoints' access is {@code none}, so they answer 404);</li>
 *   <li>Hawtio's idle timeout is the session timeout ({@code server.servlet.session.timeout}).</li>
 * </ul>
 * The first two hold whatever else is configured (first in the environment, as the one-shot start's
 * own overrides): with nobody to log in, an endpoint switched on by a stray setting would be open to
 * anyone. The last one is a default an explicit setting overrides. Registered in
 * META-INF/spring.factories.
 */
public class ConsoleEnvironment implements EnvironmentPostProcessor {

    static final String SOURCE = "console-derived";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean service = application.getWebApplicationType() == WebApplicationType.SERVLET;
        boolean console = service && ConsoleSettings.anyUser(environment);
        if (!console) {
            Map<String, Object> off = new LinkedHashMap<>();
            for (String camel : new String[] {"enable-route-policy", "enable-exchange-event-notifier", "enable-route-event-notifier"}) {
                off.put("camel.metrics." + camel, "false");
            }
            off.put("management.prometheus.metrics.export.enabled", "false");
            if (service) {
                for (String endpoint : new String[] {"hawtio", "jolokia", "prometheus"}) {
                    off.put("management.endpoint." + endpoint + ".access", "none");
                }
            }
            environment.getPropertySources().addFirst(new MapPropertySource(SOURCE + "-off", off));
        }
        Duration timeout = Binder.get(environment).bind("server.servlet.session.timeout", Duration.class)
                .orElse(Duration.ofMinutes(30));
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE,
                Map.of("hawtio.sessionTimeout", String.valueOf(timeout.toSeconds()))));
    }
}
