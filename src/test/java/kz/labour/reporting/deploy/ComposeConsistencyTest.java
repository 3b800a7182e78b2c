package kz.labour.reporting.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yaml against the configuration the application really reads: the pipeline service
 * gets only variables of docs/interfaces.md, each of which config/application.yml reads as
 * {@code ${NAME...}}; every variable of docs/interfaces.md is either set by compose or documented in
 * docker/.env.example; and everything compose interpolates from docker/.env is in the example.
 * A renamed property, a typo in compose or a variable forgotten in the template fails here, not at
 * a site.
 */
class ComposeConsistencyTest {

    /**
     * The variables of docs/interfaces.md ("Configuration: environment variables"), an outside
     * interface: kept here as well, so that a variable dropped from or added to the document is a
     * deliberate change to both; {@link #listMatchesInterfacesMd()} checks the two agree.
     */
    static final Set<String> INTERFACE_VARIABLES = new LinkedHashSet<>(List.of(
            "SOURCE_DB_URL", "SOURCE_DB_USER", "SOURCE_DB_PASSWORD", "SOURCE_DB_SCHEMA",
            "PIPELINE_DB_URL", "PIPELINE_DB_USER", "PIPELINE_DB_PASSWORD",
            "SFTP_HOST", "SFTP_PORT", "SFTP_USER", "SFTP_PRIVATE_KEY_FILE", "SFTP_PRIVATE_KEY_PASSPHRASE",
            "SFTP_KNOWN_HOSTS_FILE", "SFTP_DIRECTORY",
            "SMTP_HOST", "SMTP_PORT", "SMTP_USER", "SMTP_PASSWORD", "SMTP_STARTTLS",
            "MAIL_FROM", "MAIL_TO", "OPS_MAIL_TO",
            "REPORTING_ZONE", "REPORTING_ACCUMULATION", "REPORTING_EARLIEST_PERIOD", "OUTBOX_DIR",
            "ORG_BIN", "ORG_NAME", "ORG_ADDRESS", "ORG_PHONE", "ORG_EMAIL", "ORG_EXECUTOR", "ORG_HEAD",
            "SIGNING_KEYSTORE_FILE", "SIGNING_KEYSTORE_PASSWORD", "SIGNING_KEY_ALIAS", "SIGNING_TSA_URL",
            "CONSOLE_MONITOR_USER", "CONSOLE_MONITOR_PASSWORD", "CONSOLE_OPERATOR_USER", "CONSOLE_OPERATOR_PASSWORD",
            "RECEIPTS_SFTP_DIRECTORY", "RECEIPTS_ACK_WITHIN", "RECEIPTS_TRUSTSTORE_FILE", "RECEIPTS_TRUSTSTORE_PASSWORD",
            "RECEIPTS_MAX_BYTES", "RECEIPTS_IMAP_HOST", "RECEIPTS_IMAP_PORT", "RECEIPTS_IMAP_USER", "RECEIPTS_IMAP_PASSWORD",
            "RECEIPTS_IMAP_SECURITY", "RECEIPTS_IMAP_DONE_FOLDER"));

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern BACKTICKED = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

    static Path root() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() throws IOException {
        return new Yaml().load(read(root().resolve("docker/compose.yaml")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).as("services of docker/compose.yaml").containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    /** A service's environment, in either of compose's two forms (mapping or KEY=value list). */
    @SuppressWarnings("unchecked")
    static Map<String, String> environment(Map<String, Object> service) {
        Object env = service.get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (env instanceof List<?> list) {
            for (Object item : list) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                result.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        return result;
    }

    /** Names read as {@code ${NAME} or ${NAME:default}} in a Spring configuration file. */
    static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The variables named in the first column of docs/interfaces.md's configuration table. */
    static Set<String> interfaceVariables(String interfacesMd) {
        int start = interfacesMd.indexOf("## Configuration");
        assertThat(start).as("interfaces.md has a Configuration section").isNotNegative();
        int end = interfacesMd.indexOf("\n## ", start + 1);
        String section = interfacesMd.substring(start, end < 0 ? interfacesMd.length() : end);
        Set<String> names = new LinkedHashSet<>();
        for (String line : section.split("\n")) {
            String[] cells = line.split("\\|");
            if (line.startsWith("|") && cells.length > 1) {
                Matcher m = BACKTICKED.matcher(cells[1]);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    @Test
    void listMatchesInterfacesMd() throws IOException {
        assertThat(interfaceVariables(read(root().resolve("docs/interfaces.md"))))
                .as("the variables of docs/interfaces.md, Configuration")
                .containsExactlyInAnyOrderElementsOf(INTERFACE_VARIABLES);
    }

    @Test
    void pipelineGetsOnlyInterfaceVariablesThatTheApplicationReads() throws IOException {
        Map<String, String> env = environment(service("pipeline"));
        Set<String> read = placeholders(read(root().resolve("config/application.yml")));

        assertThat(env).as("the pipeline service's environment").isNotEmpty();
        List<String> notInterface = env.keySet().stream().filter(k -> !INTERFACE_VARIABLES.contains(k)).toList();
        assertThat(notInterface).as("variables compose passes to the pipeline that docs/interfaces.md does not define")
                .isEmpty();
        List<String> unread = env.keySet().stream().filter(k -> !read.contains(k)).toList();
        assertThat(unread).as("variables compose passes to the pipeline that config/application.yml never reads "
                + "as ${NAME} (it reads " + read + ")").isEmpty();
    }

    @Test
    void pipelineTakesNoEnvFile() throws IOException {
        // An env_file would hand the pipeline every secret in .env, the database superuser's too.
        assertThat(service("pipeline")).as("pipeline service").doesNotContainKey("env_file");
    }

    @Test
    void everyInterfaceVariableIsSetByComposeOrDocumentedInTheExample() throws IOException {
        Set<String> setByCompose = environment(service("pipeline")).keySet();
        String example = read(root().resolve("docker/.env.example"));
        List<String> missing = new ArrayList<>();
        for (String name : INTERFACE_VARIABLES) {
            if (!setByCompose.contains(name) && !Pattern.compile("\\b" + name + "\\b").matcher(example).find()) {
                missing.add(name);
            }
        }
        assertThat(missing).as("docs/interfaces.md variables neither set in compose.yaml nor documented in .env.example")
                .isEmpty();
    }

    @Test
    void everythingComposeTakesFromDotEnvIsInTheExample() throws IOException {
        Set<String> interpolated = placeholders(read(root().resolve("docker/compose.yaml")));
        String example = read(root().resolve("docker/.env.example"));
        List<String> missing = interpolated.stream()
                .filter(name -> !Pattern.compile("(?m)^" + name + "=").matcher(example).find())
                .toList();
        assertThat(missing).as("variables compose.yaml interpolates but docker/.env.example does not assign").isEmpty();
    }

    @Test
    void exampleAssignsNoSecret() throws IOException {
        // The template must not carry a usable password: secrets are empty until a site sets them.
        for (String line : read(root().resolve("docker/.env.example")).split("\n")) {
            Matcher m = Pattern.compile("^([A-Z0-9_]*(PASSWORD|PASSPHRASE|SECRET|TOKEN)[A-Z0-9_]*)=(.*)$").matcher(line);
            if (m.matches()) {
                assertThat(m.group(3).trim()).as(m.group(1) + " in docker/.env.example").isEmpty();
            }
        }
    }

    @Test
    void requiredSecretsAreDemandedNotDefaulted() throws IOException {
        // ${NAME:?message} stops compose when .env lacks the secret; ${NAME:-x} would run with x.
        String compose = read(root().resolve("docker/compose.yaml"));
        for (String secret : List.of("POSTGRES_PASSWORD", "SOURCE_ADMIN_PASSWORD", "SOURCE_DB_PASSWORD",
                "PIPELINE_DB_PASSWORD", "SFTP_PRIVATE_KEY_PASSPHRASE")) {
            assertThat(compose).as(secret).contains("${" + secret + ":?");
            assertThat(compose).as(secret).doesNotContain("${" + secret + ":-");
        }
    }

    @Test
    void sourceIsReadWithTheSelectOnlyRole() throws IOException {
        assertThat(environment(service("pipeline"))).containsEntry("SOURCE_DB_USER", "labour_reader");
        String init = read(root().resolve("docker/postgres/10-labour.sh"));
        assertThat(init).contains("GRANT SELECT ON", "TO labour_reader")
                .doesNotContainPattern("GRANT (INSERT|UPDATE|DELETE|ALL)[^;]*labour_reader");
    }

    @Test
    void filesTheComposeFileMountsExist() throws IOException {
        Path docker = root().resolve("docker");
        @SuppressWarnings("unchecked")
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        List<String> missing = new ArrayList<>();
        services.forEach((name, s) -> {
            @SuppressWarnings("unchecked")
            List<Object> volumes = (List<Object>) ((Map<String, Object>) s).getOrDefault("volumes", List.of());
            for (Object v : volumes) {
                String source = String.valueOf(v).split(":")[0];
                if (source.startsWith(".") && !Files.exists(docker.resolve(source).normalize())) {
                    missing.add(name + ": " + source);
                }
            }
        });
        assertThat(missing).as("bind mounts in compose.yaml whose source is not in the repository").isEmpty();
    }

    @Test
    void theParsersSeeWhatTheyShould() {
        assertThat(placeholders("a: ${SFTP_HOST:localhost}\nb: ${SMTP_PORT}\nc: $NOT_THIS")).containsExactly("SFTP_HOST", "SMTP_PORT");
        assertThat(interfaceVariables("# x\n## Configuration: environment variables\n\n| variable | meaning |\n|---|---|\n"
                + "| `A_B`, `C` | the `NOT_FIRST_COLUMN` |\n\n## Next\n| `D` | x |\n")).containsExactly("A_B", "C");
        assertThat(environment(Map.of("environment", List.of("A=1", "B")))).containsOnlyKeys("A", "B");
        assertThatCode(ComposeConsistencyTest::compose).doesNotThrowAnyException();
    }
}
