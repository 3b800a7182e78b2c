package kz.labour.reporting.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.management.InstanceNotFoundException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.support.DeliveryEnvironment;
import kz.labour.reporting.support.Instance;

/**
 * No secret leaves through JMX: the service runs with JMX on and known secrets (the SFTP key's
 * passphrase, the relay's password, both databases' passwords), delivers once so every endpoint and
 * producer exists, and then every attribute of every MBean it registered is read and every operation
 * that takes no argument or only switches is called, with each combination of true and false (Camel's
 * dumps with placeholders resolved among them); the lifecycle operations (stop, suspend, remove, ...)
 * last. None of the answers, nor any error, contains a secret in any spelling a URI could give it.
 */
class JmxSecretsIntegrationTest {

    static final String SMTP_USER = "pipeline@inspection.kz";
    static final String SMTP_PASSWORD = "relay-Secret-7Qx";
    static final String SOURCE_PASSWORD = "source-Secret-4Kw";
    static final String PIPELINE_PASSWORD = "pipeline-Secret-9Vb";

    /** The JVM's own MBeans are not the application's. */
    static final Set<String> JVM_DOMAINS = Set.of("JMImplementation", "java.lang", "java.nio", "java.util.logging",
            "jdk.management.jfr", "com.sun.management");

    static final String LIFECYCLE = "(?i).*(stop|suspend|shutdown|remove|restart|reset|purge|unregister).*";

    final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    /** Every answer and every error, by "MBean operation(arguments)" or "MBean attribute". */
    final Map<String, String> answers = new LinkedHashMap<>();

    @Test
    void noAttributeOrOperationOfAnyMBeanShowsASecret() throws Exception {
        try (DeliveryEnvironment environment = new DeliveryEnvironment()) {
            environment.mail.setUser(SMTP_USER, SMTP_USER, SMTP_PASSWORD);
            Map<String, String> settings = new LinkedHashMap<>();
            environment.properties().forEach((name, value) -> settings.put(name, String.valueOf(value)));
            settings.put("delivery.smtp.user", SMTP_USER);
            settings.put("delivery.smtp.password", SMTP_PASSWORD);
            // the embedded PostgreSQL trusts local connections, so any password logs in
            settings.put("source.datasource.password", SOURCE_PASSWORD);
            settings.put("pipeline.datasource.password", PIPELINE_PASSWORD);
            settings.put("spring.jmx.enabled", "true");
            settings.put("camel.main.jmx-enabled", "true");
            settings.put("reporting.schedule.catch-up-at-startup", "false");
            try (Instance service = Instance.start(environment.source, environment.pipeline, environment.outbox.toString(),
                    settings)) {
                DeliveryEnvironment.Run delivered = DeliveryEnvironment.transmit(service.bean(Cli.class), "2025-06", "2-OZh");
                assertThat(delivered.exitCode()).as("delivered over SFTP (the passphrase) and SMTP (the login): " + delivered)
                        .isZero();

                Set<ObjectName> names = new TreeSet<>(jmx.queryNames(null, null));
                names.removeIf(name -> JVM_DOMAINS.contains(name.getDomain()));
                for (ObjectName name : names) {
                    readAttributes(name);
                    callOperations(name, false);
                }
                for (ObjectName name : names) {
                    callOperations(name, true);
                }
            }
        }

        // as written, in an XML dump, and in a URI's query
        List<String> secrets = new ArrayList<>();
        for (String secret : List.of(DeliveryEnvironment.PASSPHRASE, SMTP_PASSWORD, SOURCE_PASSWORD, PIPELINE_PASSWORD)) {
            secrets.add(secret);
            secrets.add(secret.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                    .replace("'", "&apos;"));
            secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        for (String secret : secrets) {
            assertThat(answers.entrySet().stream().filter(e -> e.getValue().contains(secret)).map(Map.Entry::getKey).toList())
                    .as("answers showing the secret %s", secret).isEmpty();
        }

        String dump = answers.entrySet().stream().filter(e -> e.getKey().contains("type=context")
                && e.getKey().endsWith(" dumpRoutesAsXml(true)")).map(Map.Entry::getValue).findFirst().orElse(null);
        assertThat(dump).as("the dump with placeholders resolved was read").contains("deliver-sftp")
                .contains("privateKeyPassphrase=").contains("sftpPrivateKeyPassphrase").doesNotContain("{{delivery.sftp.host}}");
        assertThat(answers.keySet()).as("the route's own dump was read").anyMatch(k -> k.contains("name=\"deliver-sftp\"")
                && k.endsWith("dumpRouteAsXml(true)"));
        assertThat(answers.keySet()).as("the endpoints were read").anyMatch(k -> k.contains("type=endpoints") && k.contains("sftp"));
    }

    /** What the MBean offers, or nothing once it is gone (a stopped context takes its MBeans with it). */
    MBeanInfo info(ObjectName name) throws Exception {
        try {
            return jmx.getMBeanInfo(name);
        } catch (InstanceNotFoundException gone) {
            return new MBeanInfo(null, null, null, null, null, null);
        }
    }

    void readAttributes(ObjectName name) throws Exception {
        for (MBeanAttributeInfo attribute : info(name).getAttributes()) {
            if (attribute.isReadable()) {
                String key = name + " " + attribute.getName();
                try {
                    answers.put(key, text(jmx.getAttribute(name, attribute.getName())));
                } catch (Exception e) {
                    answers.put(key, text(e));
                }
            }
        }
    }

    /** Operations without arguments or with switches only; the lifecycle ones in a pass of their own. */
    void callOperations(ObjectName name, boolean lifecycle) throws Exception {
        for (MBeanOperationInfo operation : info(name).getOperations()) {
            MBeanParameterInfo[] parameters = operation.getSignature();
            boolean switchesOnly = Arrays.stream(parameters).allMatch(p -> p.getType().equals("boolean")
                    || p.getType().equals(Boolean.class.getName()));
            if (!switchesOnly || operation.getName().matches(LIFECYCLE) != lifecycle) {
                continue;
            }
            String[] signature = Arrays.stream(parameters).map(MBeanParameterInfo::getType).toArray(String[]::new);
            for (int combination = 0; combination < 1 << parameters.length; combination++) {
                Object[] arguments = new Object[parameters.length];
                for (int i = 0; i < parameters.length; i++) {
                    arguments[i] = (combination & 1 << i) == 0;
                }
                String key = name + " " + operation.getName() + "(" + Arrays.stream(arguments).map(String::valueOf)
                        .collect(Collectors.joining(", ")) + ")";
                try {
                    answers.put(key, text(jmx.invoke(name, operation.getName(), arguments, signature)));
                } catch (Exception e) {
                    answers.put(key, text(e));
                }
            }
        }
    }

    /** Everything an answer holds, as text: tables, records, arrays and collections opened up. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Throwable t) {
            StringBuilder all = new StringBuilder();
            for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
                all.append(c).append('\n');
            }
            return all.toString();
        }
        if (value instanceof CompositeData data) {
            return data.getCompositeType().keySet().stream().map(k -> k + "=" + text(data.get(k)))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof TabularData table) {
            return table.values().stream().map(JmxSecretsIntegrationTest::text).collect(Collectors.joining("\n"));
        }
        if (value instanceof Object[] array) {
            return Arrays.stream(array).map(JmxSecretsIntegrationTest::text).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(JmxSecretsIntegrationTest::text).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> text(e.getKey()) + "=" + text(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return value.getClass().isArray() ? Arrays.deepToString(new Object[] {value}) : String.valueOf(value);
    }
}
