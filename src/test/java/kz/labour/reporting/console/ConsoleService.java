package kz.labour.reporting.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import kz.labour.reporting.support.CamelStubs;
import kz.labour.reporting.support.Instance;
import kz.labour.reporting.support.TestPostgres;

/**
 * The service as an operator runs it with the console on: its web port on loopback, JMX on (Jolokia
 * reads the platform MBean server), the console's two users, the June 2025 fixture as the source, and
 * both delivery channels replaced by stubs that succeed. Plus an HTTP client that speaks to it as a
 * script does (HTTP basic) or as a browser does (cookies, no redirects followed).
 */
final class ConsoleService {

    static final String MONITOR = "mona";
    static final String MONITOR_PASSWORD = "monitor-secret";
    static final String OPERATOR = "otto";
    static final String OPERATOR_PASSWORD = "operator-secret";
    static final String APP = "kz.labour.reporting:type=Reporting,name=labour-reporting";

    static final ObjectMapper JSON = new ObjectMapper();

    private ConsoleService() {
    }

    /** With both console users, unless {@code settings} say otherwise. */
    static Instance start(Path outbox, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", "0");
        all.put("server.address", "127.0.0.1");
        all.put("spring.jmx.enabled", "true");
        all.put("camel.main.jmx-enabled", "true");
        all.put("reporting.schedule.catch-up-at-startup", "false");
        all.put("console.monitor.user", MONITOR);
        all.put("console.monitor.password", MONITOR_PASSWORD);
        all.put("console.operator.user", OPERATOR);
        all.put("console.operator.password", OPERATOR_PASSWORD);
        all.putAll(settings);
        return Instance.startWithWeb(TestPostgres.newSource("/fixtures/june-2025.sql"), TestPostgres.newDatabase("pipeline"),
                outbox.toString(), all, new CamelStubs().channelsSucceed().stub("direct:alert", exchange -> { }));
    }

    /** An HTTP client of the service on {@code port}: never follows a redirect, keeps cookies like a browser. */
    static final class Client {
        final String base;
        final CookieManager cookies = new CookieManager();
        final HttpClient http;

        Client(int port) {
            this.base = "http://127.0.0.1:" + port;
            this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(cookies).build();
        }

        HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(base + path));
        }

        HttpResponse<String> get(String path, String... headers) {
            HttpRequest.Builder request = request(path);
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return send(request.GET());
        }

        /** A Jolokia request as a script sends it: JSON by POST, HTTP basic. */
        JsonNode jolokia(String user, String password, String json, String... headers) {
            HttpRequest.Builder request = request("/actuator/jolokia").header("Content-Type", "application/json")
                    .header("Authorization", basic(user, password));
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            HttpResponse<String> response = send(request.POST(HttpRequest.BodyPublishers.ofString(json)));
            if (response.statusCode() != 200) {
                throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
            }
            return parse(response.body());
        }

        /** Logs in through the console's login page, as a browser does; the session is kept in the cookies. */
        HttpResponse<String> logIn(String user, String password) {
            HttpResponse<String> page = get("/login");
            String token = page.body().replaceAll("(?s).*name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\".*", "$1");
            String form = "username=" + user + "&password=" + password + "&_csrf=" + token;
            return send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    static String exec(String mbean, String operation, Object... arguments) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "exec");
        request.put("mbean", mbean);
        request.put("operation", operation);
        request.put("arguments", arguments);
        return write(request);
    }

    static String read(String mbean, String attribute) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "read");
        request.put("mbean", mbean);
        if (attribute != null) {
            request.put("attribute", attribute);
        }
        return write(request);
    }

    static String write(Object request) {
        try {
            return JSON.writeValueAsString(request);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
