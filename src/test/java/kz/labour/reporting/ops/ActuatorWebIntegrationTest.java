package kz.labour.reporting.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.labour.reporting.support.CamelStubs;
import kz.labour.reporting.support.Instance;
import kz.labour.reporting.support.TestPostgres;

/** The service's HTTP port by default: health (with its components, no details) and info, nothing else. */
class ActuatorWebIntegrationTest {

    @TempDir
    Path outbox;

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthShowsTheDeadlineComponentAndOnlyHealthAndInfoAreExposed() throws Exception {
        try (Instance service = Instance.startWithWeb(TestPostgres.newSource(null), TestPostgres.newDatabase("pipeline"),
                outbox.toString(), Map.of("server.port", "0", "server.address", "127.0.0.1",
                        "reporting.schedule.catch-up-at-startup", "false"),
                new CamelStubs().stub("direct:alert", exchange -> { }))) {
            HttpResponse<String> up = get(service.port(), "/actuator/health");
            assertThat(up.body()).contains("\"deadline\":{\"status\":\"UP\"}").contains("\"camelHealth\"");

            // June 2025 not delivered by its deadline
            service.producer().sendBodyAndHeader("direct:deadline", null, "scheduledFireTime",
                    Date.from(OffsetDateTime.parse("2025-07-03T23:59:59+05:00").toInstant()));
            HttpResponse<String> down = get(service.port(), "/actuator/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).startsWith("{\"status\":\"DOWN\"").contains("\"deadline\":{\"status\":\"DOWN\"}")
                    .as("no details on the open port").doesNotContain("2025-06");

            assertThat(get(service.port(), "/actuator/info").statusCode()).isEqualTo(200);
            assertThat(get(service.port(), "/actuator/camelroutes").statusCode()).as("not served to anyone").isIn(403, 404);
            assertThat(get(service.port(), "/actuator/quartz").statusCode()).as("not served to anyone").isIn(403, 404);
            assertThat(get(service.port(), "/actuator/env").statusCode()).as("not served to anyone").isIn(403, 404);
        }
    }
}
