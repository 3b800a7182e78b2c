package kz.labour.reporting.console;

import static kz.labour.reporting.console.ConsoleService.APP;
import static kz.labour.reporting.console.ConsoleService.MONITOR;
import static kz.labour.reporting.console.ConsoleService.MONITOR_PASSWORD;
import static kz.labour.reporting.console.ConsoleService.OPERATOR;
import static kz.labour.reporting.console.ConsoleService.OPERATOR_PASSWORD;
import static kz.labour.reporting.console.ConsoleService.basic;
import static kz.labour.reporting.console.ConsoleService.exec;
import static kz.labour.reporting.console.ConsoleService.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import kz.labour.reporting.support.FixedClock;
import kz.labour.reporting.support.Instance;

/**
 * The console over HTTP against the running service, as a script (HTTP basic) and as a browser
 * (login page, session, CSRF token) reach it: what is open, what needs a login, and what each role
 * may do through Jolokia. The service's clock is {@link FixedClock} (2025-07-15T00:00Z); the source
 * is the June 2025 fixture; delivery succeeds.
 */
class ConsoleWebIntegrationTest {

    @TempDir
    static Path outbox;

    static Instance service;
    static ConsoleService.Client client;
    static JdbcTemplate ledger;

    @BeforeAll
    static void startTheServiceWithTheConsole() {
        service = ConsoleService.start(outbox, Map.of("server.servlet.session.timeout", "10m"));
        client = new ConsoleService.Client(service.port());
        ledger = new JdbcTemplate(service.pipeline());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    static JsonNode asMonitor(String json) {
        return client.jolokia(MONITOR, MONITOR_PASSWORD, json);
    }

    static JsonNode asOperator(String json) {
        return client.jolokia(OPERATOR, OPERATOR_PASSWORD, json);
    }

    int rows(String period) {
        return ledger.queryForObject("SELECT count(*) FROM transmission WHERE period = ?", Integer.class, period);
    }

    // ---- not logged in ----------------------------------------------------------------------

    @Test
    void healthAndInfoStayOpenAndEverythingElseAsksForALogin() {
        assertThat(client.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(client.get("/actuator/info").statusCode()).isEqualTo(200);

        HttpResponse<String> page = client.get("/actuator/hawtio/", "Accept", "text/html");
        assertThat(page.statusCode()).as("a browser is sent to the login page").isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue(client.base + "/login");
        assertThat(client.get("/login").body()).contains("name=\"username\"", "name=\"password\"");

        for (String path : List.of("/actuator/jolokia", "/actuator/jolokia/read/java.lang:type=Memory", "/actuator/prometheus",
                "/actuator/env", "/actuator/hawtio/jolokia/version")) {
            HttpResponse<String> refused = client.get(path);
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(refused.body()).as(path).doesNotContain("\"value\"");
        }
        assertThat(client.get("/actuator/prometheus").headers().firstValue("WWW-Authenticate"))
                .as("scripts are asked for HTTP basic").hasValue("Basic realm=\"labour-reporting\"");
        assertThat(client.get("/actuator/hawtio/jolokia/version").headers().firstValue("WWW-Authenticate"))
                .as("the console's own calls: no challenge, so the browser never asks for and keeps a password").isEmpty();
        HttpResponse<String> post = client.send(client.request("/actuator/jolokia").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(exec(APP, "transmit", "2025-04", "", false))));
        assertThat(post.statusCode()).as("refused before any login is looked at: no CSRF token, no HTTP basic").isEqualTo(403);
        assertThat(rows("2025-04")).isZero();
    }

    @Test
    void aWrongPasswordIsRefused() {
        for (String path : List.of("/actuator/jolokia/version", "/actuator/prometheus")) {
            assertThat(client.get(path, "Authorization", basic(MONITOR, "monitor-secreT")).statusCode()).as(path).isEqualTo(401);
            assertThat(client.get(path, "Authorization", basic(OPERATOR, MONITOR_PASSWORD)).statusCode()).as(path).isEqualTo(401);
        }
        ConsoleService.Client browser = new ConsoleService.Client(service.port());
        HttpResponse<String> login = browser.logIn(MONITOR, "wrong");
        assertThat(login.headers().firstValue("Location")).hasValue(browser.base + "/login?error");
        assertThat(browser.get("/actuator/hawtio/user").statusCode()).isEqualTo(401);
    }

    // ---- a monitor ----------------------------------------------------------------------------

    @Test
    void aMonitorCannotReadTheJvmNorDumpItsHeap() throws Exception {
        JsonNode memory = asMonitor(read("java.lang:type=Memory", "HeapMemoryUsage"));
        assertThat(memory.path("status").asInt()).isEqualTo(403);
        assertThat(memory.has("value")).isFalse();

        Path heap = outbox.resolve("heap.hprof");
        JsonNode dump = asMonitor(exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap", heap.toString(), true));
        assertThat(dump.path("status").asInt()).isEqualTo(403);
        assertThat(dump.path("error").asText()).contains("Operation dumpHeap forbidden");
        assertThat(Files.exists(heap)).isFalse();
        assertThat(asOperator(exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap", heap.toString(), true))
                .path("status").asInt()).as("nor can an operator").isEqualTo(403);

        JsonNode options = asMonitor(exec("com.sun.management:type=HotSpotDiagnostic", "setVMOption", "PrintConcurrentLocks", "true"));
        assertThat(options.path("status").asInt()).isEqualTo(403);
        JsonNode logging = asMonitor(exec("java.util.logging:type=Logging", "setLoggerLevel", "", "FINEST"));
        assertThat(logging.path("status").asInt()).isEqualTo(403);
    }

    @Test
    void onlyTheCamelContextTheApplicationAndHealthAreListed() {
        JsonNode domains = asMonitor("{\"type\":\"list\",\"config\":{\"maxDepth\":1}}").path("value");
        List<String> names = new ArrayList<>();
        domains.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("org.apache.camel", "kz.labour.reporting", "org.springframework.boot");

        JsonNode all = asMonitor("{\"type\":\"search\",\"mbean\":\"*:*\"}").path("value");
        assertThat(all).isNotEmpty().allSatisfy(name -> assertThat(name.asText())
                .matches("org\\.apache\\.camel:context=labour-reporting,.*|" + java.util.regex.Pattern.quote("kz.labour.reporting:name=labour-reporting,type=Reporting")
                        + "|org\\.springframework\\.boot:name=Health,type=Endpoint"));
    }

    @Test
    void aMonitorReadsRoutesTheApplicationAndHealthButCannotTransmit() {
        JsonNode state = asMonitor(read("org.apache.camel:context=labour-reporting,type=routes,name=\"transmit\"", "State"));
        assertThat(state.path("value").asText()).isEqualTo("Started");
        assertThat(asMonitor(read(APP, "ScheduleEnabled")).path("value").asBoolean()).isTrue();
        JsonNode health = asMonitor(exec("org.springframework.boot:type=Endpoint,name=Health", "health"));
        assertThat(health.path("value").path("components").has("deadline")).isTrue();

        JsonNode transmit = asMonitor(exec(APP, "transmit(java.lang.String,java.lang.String,boolean)", "2025-03", "", false));
        assertThat(transmit.path("status").asInt()).isEqualTo(403);
        assertThat(transmit.path("error").asText()).contains("Operation transmit(java.lang.String,java.lang.String,boolean) forbidden");
        assertThat(asMonitor(exec(APP, "status", "2025-03")).path("status").asInt()).isEqualTo(403);
        assertThat(asMonitor(exec("org.apache.camel:context=labour-reporting,type=routes,name=\"monthly-trigger\"", "stop"))
                .path("status").asInt()).isEqualTo(403);
        assertThat(rows("2025-03")).as("nothing was built or sent").isZero();
    }

    // ---- an operator --------------------------------------------------------------------------

    @Test
    void anOperatorRunsStatusAndTransmitsInHisOwnName() {
        JsonNode status = asOperator(exec(APP, "status", "2025-05"));
        assertThat(status.path("status").asInt()).isEqualTo(200);
        assertThat(status.path("value").asText()).startsWith("FORM      PERIOD").contains("(nothing recorded for 2025-05)");

        JsonNode transmit = asOperator(exec(APP, "transmit", "2025-05", "2-OZh", false));
        assertThat(transmit.path("value").asText()).contains("2-OZh", "2025-05", "V0001 N", "DELIVERED")
                .endsWith("exit code 0 (delivered, or already delivered)\n");
        assertThat(ledger.queryForMap("SELECT status, trigger, requested_by FROM transmission WHERE form = '2-OZh' AND period = '2025-05'"))
                .containsEntry("status", "DELIVERED").containsEntry("trigger", "JMX").containsEntry("requested_by", "jmx:" + OPERATOR);
        assertThat(asOperator(exec(APP, "status", "2025-05")).path("value").asText())
                .contains("2-OZh", "2025-05", "V0001", "DELIVERED", "jmx:" + OPERATOR);
    }

    @Test
    void anOperationIsNeverRunByAGetRequest() {
        HttpResponse<String> get = client.get("/actuator/jolokia/exec/" + APP + "/status/2025-05",
                "Authorization", basic(OPERATOR, OPERATOR_PASSWORD));
        JsonNode answer = ConsoleService.parse(get.body());
        assertThat(answer.path("status").asInt()).isEqualTo(403);
        assertThat(answer.has("value")).isFalse();
        assertThat(ConsoleService.parse(client.get("/actuator/jolokia/read/" + APP + "/ScheduleEnabled",
                "Authorization", basic(MONITOR, MONITOR_PASSWORD)).body()).path("value").asBoolean()).as("reads may").isTrue();
    }

    @Test
    void nobodyWritesAttributesOrCallsFromAnotherSite() {
        String tracing = "{\"type\":\"write\",\"mbean\":\"org.apache.camel:context=labour-reporting,type=context,name=\\\"labour-reporting\\\"\","
                + "\"attribute\":\"Tracing\",\"value\":true}";
        assertThat(asOperator(tracing).path("status").asInt()).isEqualTo(403);

        JsonNode foreign = client.jolokia(OPERATOR, OPERATOR_PASSWORD, exec(APP, "status", "2025-05"), "Origin", "https://evil.example");
        assertThat(foreign.path("status").asInt()).isEqualTo(403);
        assertThat(foreign.path("error").asText()).contains("Origin https://evil.example is not allowed");

        HttpResponse<String> own = client.send(client.request("/actuator/jolokia").header("Content-Type", "application/json")
                .header("Authorization", basic(MONITOR, MONITOR_PASSWORD)).header("Origin", client.base)
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"version\"}")));
        assertThat(ConsoleService.parse(own.body()).path("status").asInt()).isEqualTo(200);
        assertThat(own.headers().firstValue("Access-Control-Allow-Origin")).as("no page of any site may read answers").isEmpty();
    }

    // ---- the browser's session ------------------------------------------------------------------

    @Test
    void theConsolesOwnCallsNeedItsSessionAndTheCsrfToken() {
        ConsoleService.Client browser = new ConsoleService.Client(service.port());
        HttpResponse<String> login = browser.logIn(MONITOR, MONITOR_PASSWORD);
        assertThat(login.headers().firstValue("Location")).hasValue(browser.base + "/actuator/hawtio/");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").contains("HttpOnly", "SameSite=Strict"));

        assertThat(browser.get("/actuator/hawtio/", "Accept", "text/html").statusCode()).isEqualTo(200);
        assertThat(browser.get("/actuator/hawtio/user").body().strip()).isEqualTo("\"" + MONITOR + "\"");
        assertThat(ConsoleService.parse(browser.get("/actuator/hawtio/auth/config/session-timeout").body()).path("timeout").asInt())
                .as("Hawtio's idle timeout is the session's, 10m").isEqualTo(600);
        String token = browser.cookie("XSRF-TOKEN");
        assertThat(token).as("the token Hawtio's page sends back").isNotBlank();

        String state = read("org.apache.camel:context=labour-reporting,type=routes,name=\"deliver\"", "State");
        HttpResponse<String> forged = browser.send(browser.request("/actuator/hawtio/jolokia").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(state)));
        assertThat(forged.statusCode()).as("a POST without the token, as another site's form would send it").isEqualTo(403);

        HttpResponse<String> own = browser.send(browser.request("/actuator/hawtio/jolokia").header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.ofString(state)));
        assertThat(ConsoleService.parse(own.body()).path("value").asText()).isEqualTo("Started");

        assertThat(browser.get("/actuator/hawtio/auth/logout").statusCode()).isEqualTo(302);
        assertThat(browser.get("/actuator/hawtio/user").statusCode()).as("logged out").isEqualTo(401);
    }

    // ---- metrics ----------------------------------------------------------------------------------

    @Test
    void prometheusShowsRouteMetricsAndTheBusinessGaugesToTheMonitor() {
        assertThat(asOperator(exec(APP, "transmit", "2025-06", "2-OZh", false)).path("value").asText()).contains("DELIVERED");
        assertThat(asOperator(exec(APP, "transmit", "2025-13", "", false)).path("error").asText())
                .as("refused: recorded as each form's last failure, at the service's clock").contains("2025-13");

        HttpResponse<String> scrape = client.get("/actuator/prometheus", "Authorization", basic(MONITOR, MONITOR_PASSWORD));
        assertThat(scrape.statusCode()).isEqualTo(200);
        List<String> lines = scrape.body().lines().toList();
        // June 2025 is the latest 2-OZh delivered (May may be too, by another test); 1-MEIZhM never was
        assertThat(lines).contains("labour_reporting_last_delivered_period{form=\"2-OZh\"} 202506.0",
                "labour_reporting_last_delivered_version{form=\"2-OZh\"} 1.0",
                "labour_reporting_last_delivered_period{form=\"1-MEIZhM\"} 0.0",
                "labour_reporting_last_delivered_version{form=\"1-MEIZhM\"} 0.0",
                "labour_reporting_overdue_periods{form=\"1-MEIZhM\"} 0.0",
                "labour_reporting_overdue_periods{form=\"2-OZh\"} 0.0",
                // FixedClock.NOW, 2025-07-15T00:00:00Z
                "labour_reporting_last_failure_timestamp_seconds{form=\"1-MEIZhM\"} 1.7525376E9",
                "labour_reporting_last_failure_timestamp_seconds{form=\"2-OZh\"} 1.7525376E9",
                // from 2025-07-15T05:00+05:00 to the deadline check at 2025-08-03T23:59:59+05:00: 19 days 18:59:59
                "labour_reporting_next_deadline_days " + (19 + 68_399 / 86_400.0));
        assertThat(lines).anyMatch(l -> l.matches("camel_exchanges_total\\{.*routeId=\"transmit\".*} [1-9][0-9]*\\.0"))
                .anyMatch(l -> l.startsWith("camel_exchanges_failed_total{") && l.contains("routeId=\"deliver\""))
                .anyMatch(l -> l.startsWith("camel_exchanges_inflight{") && l.contains("routeId=\"monthly-trigger\""))
                .anyMatch(l -> l.startsWith("camel_route_policy_seconds_count{") && l.contains("routeId=\"build-form\""));
    }
}
