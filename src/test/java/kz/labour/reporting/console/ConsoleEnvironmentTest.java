package kz.labour.reporting.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The settings the console derives before the context starts, from the kind of process and its users. */
class ConsoleEnvironmentTest {

    static StandardEnvironment derive(WebApplicationType type, Map<String, Object> configured) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application.yml", configured));
        SpringApplication application = new SpringApplication();
        application.setWebApplicationType(type);
        new ConsoleEnvironment().postProcessEnvironment(environment, application);
        return environment;
    }

    @Test
    void theServiceWithoutAUserServesNeitherConsoleNorJolokiaNorMetricsEvenIfASettingSwitchesThemOn() {
        StandardEnvironment service = derive(WebApplicationType.SERVLET, Map.of("console.monitor.user", "", "console.operator.user", "",
                "management.endpoint.jolokia.access", "unrestricted", "camel.metrics.enable-route-policy", "true"));
        assertThat(service.getProperty("management.endpoint.hawtio.access")).isEqualTo("none");
        assertThat(service.getProperty("management.endpoint.jolokia.access")).isEqualTo("none");
        assertThat(service.getProperty("management.endpoint.prometheus.access")).isEqualTo("none");
        assertThat(service.getProperty("camel.metrics.enable-route-policy")).isEqualTo("false");
        assertThat(service.getProperty("management.prometheus.metrics.export.enabled")).isEqualTo("false");
    }

    @Test
    void theServiceWithAUserServesThem() {
        StandardEnvironment service = derive(WebApplicationType.SERVLET, Map.of("console.operator.user", "otto"));
        assertThat(service.getProperty("management.endpoint.hawtio.access")).isNull();
        assertThat(service.getProperty("management.endpoint.jolokia.access")).isNull();
        assertThat(service.getProperty("camel.metrics.enable-route-policy")).as("as configured").isNull();
    }

    @Test
    void aProcessWithoutWebServerKeepsNoMetricsWhateverIsConfigured() {
        StandardEnvironment oneShot = derive(WebApplicationType.NONE, Map.of("console.monitor.user", "mona",
                "camel.metrics.enable-route-policy", "true", "camel.metrics.enable-exchange-event-notifier", "true"));
        assertThat(oneShot.getProperty("camel.metrics.enable-route-policy")).isEqualTo("false");
        assertThat(oneShot.getProperty("camel.metrics.enable-exchange-event-notifier")).isEqualTo("false");
        assertThat(oneShot.getProperty("camel.metrics.enable-route-event-notifier")).isEqualTo("false");
        assertThat(oneShot.getProperty("management.prometheus.metrics.export.enabled")).isEqualTo("false");
        assertThat(oneShot.getProperty("management.endpoint.hawtio.access")).as("no web server to switch anything off in").isNull();
    }

    @Test
    void hawtiosIdleTimeoutIsTheSessionTimeoutInSeconds() {
        assertThat(derive(WebApplicationType.SERVLET, Map.of("server.servlet.session.timeout", "15m")).getProperty("hawtio.sessionTimeout"))
                .isEqualTo("900");
        assertThat(derive(WebApplicationType.SERVLET, Map.of("server.servlet.session.timeout", "2h", "hawtio.sessionTimeout", "60"))
                .getProperty("hawtio.sessionTimeout")).as("an explicit setting wins").isEqualTo("60");
    }
}
