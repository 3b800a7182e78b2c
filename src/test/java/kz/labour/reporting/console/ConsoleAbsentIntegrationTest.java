package kz.labour.reporting.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.web.SecurityFilterChain;

import kz.labour.reporting.support.CamelStubs;
import kz.labour.reporting.support.Instance;
import kz.labour.reporting.support.TestPostgres;

/**
 * Where the console is not: in the service without a console user (nothing to log in with, so
 * nothing is served and the log says how to turn it on), and in a process without a web server, as
 * the one-shot commands run, whatever users are configured.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleAbsentIntegrationTest {

    @TempDir
    Path outbox;

    @Test
    void withoutAUserTheConsoleJolokiaAndTheMetricsAreNotThereAndTheLogSaysHowToTurnThemOn(CapturedOutput output) {
        try (Instance service = ConsoleService.start(outbox, Map.of("console.monitor.user", "", "console.monitor.password", "",
                "console.operator.user", "", "console.operator.password", ""))) {
            ConsoleService.Client client = new ConsoleService.Client(service.port());
            for (String path : List.of("/actuator/hawtio/", "/actuator/hawtio", "/actuator/jolokia", "/actuator/jolokia/read/java.lang:type=Memory",
                    "/actuator/prometheus")) {
                HttpResponse<String> absent = client.get(path, "Authorization", ConsoleService.basic("admin", "admin"));
                assertThat(absent.statusCode()).as(path).isEqualTo(404);
                assertThat(client.get(path, "Accept", "text/html").statusCode()).as(path).isEqualTo(404);
            }
            assertThat(client.get("/actuator/health").statusCode()).isEqualTo(200);
            assertThat(client.get("/actuator/info").statusCode()).isEqualTo(200);
            assertThat(client.get("/actuator/env").statusCode()).as("anything else stays closed").isIn(401, 403);
            assertThat(client.get("/login").statusCode()).as("no login page without a user").isIn(401, 403);
        }
        assertThat(output.getOut()).contains("console: off, no CONSOLE_MONITOR_USER or CONSOLE_OPERATOR_USER is set")
                .contains("set CONSOLE_MONITOR_USER and CONSOLE_MONITOR_PASSWORD").doesNotContain("Using generated security password");
    }

    @Test
    void aProcessWithoutWebServerAsTheOneShotCommandsRunStartsNothingOfTheConsole() {
        try (Instance oneShot = Instance.start(TestPostgres.newSource(null), TestPostgres.newDatabase("pipeline"), outbox.toString(),
                Map.of("console.monitor.user", "mona", "console.monitor.password", "monitor-secret",
                        "camel.metrics.enable-route-policy", "true",
                        // as every one-shot command has it
                        "reporting.schedule.enabled", "false"),
                new CamelStubs().stub("direct:alert", exchange -> { }))) {
            for (Class<?> part : List.of(SecurityFilterChain.class, ConsoleJolokiaEndpoint.class, ReportingMetrics.class,
                    PrometheusMeterRegistry.class, HawtioLogin.class)) {
                assertThat(oneShot.context().getBeanNamesForType(part)).as(part.getSimpleName()).isEmpty();
            }
            assertThat(oneShot.camel().getRoutePolicyFactories()).as("Camel counts nothing for metrics nobody scrapes")
                    .noneMatch(f -> f.getClass().getName().contains("Micrometer"));
        }
    }
}
