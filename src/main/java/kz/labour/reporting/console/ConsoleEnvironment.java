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
 *   <li>a one-shot command (no web server): nobody can read metrics, so Camel does not count its
 *       exchanges for them and no Prometheus registry is kept, whatever is configured (first in the
 *       environment, as the one-shot start's own overrides);</li>
 *   <li>the service without a console user: Hawtio, Jolokia and the metrics endpoint are not served
 *       at all (their endpoints' access is {@code none}, so they answer 404);</li>
 *   <li>Hawtio's idle timeout is the session timeout ({@code server.servlet.session.timeout}).</li>
 * </ul>
 * The last two at the lowest precedence, so an explicit setting still wins. Registered in
 * META-INF/spring.factories.
 */
public class ConsoleEnvironment implements EnvironmentPostProcessor {

    static final String SOURCE = "console-derived";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> derived = new LinkedHashMap<>();
        if (application.getWebApplicationType() != WebApplicationType.SERVLET) {
            Map<String, Object> noMetrics = new LinkedHashMap<>();
            for (String camel : new String[] {"enable-route-policy", "enable-exchange-event-notifier", "enable-route-event-notifier"}) {
                noMetrics.put("camel.metrics." + camel, "false");
            }
            noMetrics.put("management.prometheus.metrics.export.enabled", "false");
            environment.getPropertySources().addFirst(new MapPropertySource(SOURCE + "-no-web", noMetrics));
        } else if (!ConsoleSettings.anyUser(environment)) {
            for (String endpoint : new String[] {"hawtio", "jolokia", "prometheus"}) {
                derived.put("management.endpoint." + endpoint + ".access", "none");
            }
        }
        Duration timeout = Binder.get(environment).bind("server.servlet.session.timeout", Duration.class)
                .orElse(Duration.ofMinutes(30));
        derived.put("hawtio.sessionTimeout", String.valueOf(timeout.toSeconds()));
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, derived));
    }
}
