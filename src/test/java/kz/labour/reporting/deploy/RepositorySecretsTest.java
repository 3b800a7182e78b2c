package kz.labour.reporting.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No password or key in the repository: every tracked file ({@code git ls-files}) is scanned for
 * private keys, key stores, .env files other than .env.example, and passwords written into
 * configuration or scripts. Each finding names the file and line. Tests and the system test make
 * their keys and passwords at run time; configuration reads secrets from the environment.
 */
class RepositorySecretsTest {

    /** PEM and OpenSSH private keys of any algorithm, encrypted or not: the header... */
    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----");
    /** ...followed by key material (base64 lines), so a test asserting on the header alone is no key. */
    private static final Pattern KEY_MATERIAL = Pattern.compile("[A-Za-z0-9+/]{40,}");

    /** Files whose very presence is a secret (by name), whatever their content. */
    private static final Pattern SECRET_FILE_NAME = Pattern.compile(
            "(?i)(^|/)(id_(rsa|dsa|ecdsa|ed25519)|ssh_host_[a-z0-9]+_key|[^/]+\\.(pem|key|p12|pfx|jks|keystore|ppk))$");

    /** A .env file (docker/.env, .env.local, prod.env...) other than a template. */
    private static final Pattern ENV_FILE = Pattern.compile("(^|/)(\\.env(\\.[^/]+)?|[^/]+\\.env)$");
    private static final Set<String> ENV_TEMPLATES = Set.of(".env.example");

    /** Files read as configuration: a secret-named key there must hold a placeholder. */
    private static final Pattern CONFIG_FILE = Pattern.compile(
            "(?i)\\.(ya?ml|properties|conf|cfg|ini|toml|env|example|json|xml)$|(^|/)\\.env[^/]*$");
    /** {@code key: value} / {@code key=value} with a secret-looking key. */
    private static final Pattern CONFIG_SECRET = Pattern.compile(
            "(?i)^\\s*-?\\s*[\"']?([A-Za-z0-9_.\\-]*(password|passphrase|passwd|secret|credentials?|api[_-]?key|token))[\"']?\\s*[:=]\\s*(.*?)\\s*$");

    /** Scripts: {@code NAME_PASSWORD=literal} (a value from a variable or command is fine). */
    private static final Pattern SCRIPT_FILE = Pattern.compile("(?i)(\\.(sh|bash)|(^|/)Dockerfile[^/]*|(^|/)\\.ci/run|(^|/)bin/[^/.]+)$");
    private static final Pattern SCRIPT_SECRET = Pattern.compile(
            "(?i)\\b([A-Z0-9_]*(PASSWORD|PASSPHRASE|PGPASSWORD|SECRET|TOKEN)[A-Z0-9_]*)=([\"']?)([^\"'\\s$;()`][^\"'\\s;)`]*)");

    record Finding(String file, int line, String what) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + ": " + what;
        }
    }

    @Test
    void trackedFilesHoldNoSecrets() throws Exception {
        Path root = ComposeConsistencyTest.root();
        List<String> files = trackedFiles(root);
        assertThat(files).as("tracked files").isNotEmpty().contains("pom.xml");
        List<Finding> findings = new ArrayList<>();
        for (String file : files) {
            Path path = root.resolve(file);
            if (!Files.isRegularFile(path)) {
                continue; // deleted in the work tree, or a submodule
            }
            byte[] bytes = Files.readAllBytes(path);
            findings.addAll(scan(file, bytes));
        }
        assertThat(findings).as("secrets in tracked files (make them at run time or read them from the environment)")
                .isEmpty();
    }

    /** What one file holds that must not be in the repository. */
    static List<Finding> scan(String file, byte[] bytes) {
        List<Finding> findings = new ArrayList<>();
        String name = file.replace('\\', '/');
        String base = name.substring(name.lastIndexOf('/') + 1);
        if (ENV_FILE.matcher(name).find() && !ENV_TEMPLATES.contains(base)) {
            findings.add(new Finding(file, 0, "an environment file; commit only .env.example"));
        }
        if (SECRET_FILE_NAME.matcher(name).find()) {
            findings.add(new Finding(file, 0, "a key or key store, by its name"));
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        boolean config = CONFIG_FILE.matcher(name).find();
        boolean script = SCRIPT_FILE.matcher(name).find();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher header = PRIVATE_KEY.matcher(line);
            if (header.find()) {
                StringBuilder following = new StringBuilder(line.substring(header.end()));
                for (int j = i + 1; j < Math.min(lines.length, i + 4); j++) {
                    following.append('\n').append(lines[j]);
                }
                if (KEY_MATERIAL.matcher(following).find()) {
                    findings.add(new Finding(file, i + 1, "a private key"));
                }
            }
            if (config && !isComment(line)) {
                Matcher m = CONFIG_SECRET.matcher(line);
                if (m.find() && !isPlaceholder(m.group(3))) {
                    findings.add(new Finding(file, i + 1, "'" + m.group(1) + "' has a literal value; use a placeholder such as ${NAME:}"));
                }
            }
            if (script && !isComment(line)) {
                Matcher m = SCRIPT_SECRET.matcher(line);
                while (m.find()) {
                    findings.add(new Finding(file, i + 1, "'" + m.group(1) + "' is assigned a literal"));
                }
            }
        }
        return findings;
    }

    private static boolean isComment(String line) {
        String t = line.strip();
        return t.startsWith("#") || t.startsWith("//") || t.startsWith("<!--") || t.startsWith("--");
    }

    /**
     * Empty; a nested mapping; an environment reference with no default or an empty one
     * ({@code ${X}}, {@code ${X:}}, {@code ${X:-}}, {@code ${X:?message}}); or a value that names a
     * setting rather than being one (a boolean, {@code none}, a file path for a key file).
     */
    static boolean isPlaceholder(String value) {
        String v = value.strip();
        if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2 || v.startsWith("'") && v.endsWith("'") && v.length() >= 2) {
            v = v.substring(1, v.length() - 1).strip();
        }
        int comment = v.indexOf(" #");
        if (comment >= 0) {
            v = v.substring(0, comment).strip();
        }
        if (v.isEmpty() || v.equals("|") || v.equals(">") || v.equals("{}") || v.equals("~") || v.equals("null")) {
            return true;
        }
        if (v.matches("\\$\\{[A-Za-z_][A-Za-z0-9_.\\-]*(:-?|:\\?[^}]*)?}")) {
            return true;
        }
        // Camel: a property reference ({{name}}, also inside RAW(...)) without a default, or a bean (#name, #bean:name).
        if (v.matches("(RAW\\()?\\{\\{[A-Za-z_][A-Za-z0-9_.\\-]*}}\\)?") || v.matches("#(bean:)?[A-Za-z_][A-Za-z0-9_.\\-]*")) {
            return true;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        return lower.equals("true") || lower.equals("false") || lower.equals("none") || lower.startsWith("/");
    }

    /** The tracked files, from git; a checkout without git (a source archive) is walked instead. */
    static List<String> trackedFiles(Path root) throws IOException, InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = git.getInputStream()) {
                in.transferTo(out);
            }
            if (git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0 && out.size() > 0) {
                return List.of(out.toString(StandardCharsets.UTF_8).split("\0"));
            }
        } catch (IOException e) {
            // no git on this machine: walk the tree
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith(".git/") && !p.startsWith("target/") && !p.contains("node_modules/"))
                    .sorted().toList();
        }
    }

    // ---- the scanner itself: a scan that finds nothing because it looks at nothing is no test --

    @Test
    void findsPrivateKeys() {
        String body = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW";
        String key = "-----BEGIN OPENSSH " + "PRIVATE KEY-----\n" + body + "\n-----END OPENSSH PRIVATE KEY-----\n";
        assertThat(scan("src/test/resources/host_key_fixture.txt", key.getBytes(StandardCharsets.UTF_8)))
                .extracting(Finding::toString).containsExactly("src/test/resources/host_key_fixture.txt:1: a private key");
        assertThat(scan("a.txt", ("-----BEGIN " + "RSA PRIVATE KEY-----\n" + body).getBytes(StandardCharsets.UTF_8))).hasSize(1);
        assertThat(scan("a.txt", ("-----BEGIN " + "ENCRYPTED PRIVATE KEY-----\n" + body).getBytes(StandardCharsets.UTF_8))).hasSize(1);
        // in one source line, as a string with escaped newlines
        assertThat(scan("A.java", ("String k = \"-----BEGIN " + "EC PRIVATE KEY-----\\n" + body + "\";").getBytes(StandardCharsets.UTF_8))).hasSize(1);
        assertThat(scan("a.txt", ("-----BEGIN PUBLIC KEY-----\n" + body).getBytes(StandardCharsets.UTF_8))).isEmpty();
        // a test that checks a generated key file starts with the header holds no key
        assertThat(scan("T.java", ("assertThat(key).startsWith(\"-----BEGIN " + "OPENSSH PRIVATE KEY-----\");\n}\n").getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void findsKeyFilesAndEnvFilesByName() {
        assertThat(scan("docker/.env", new byte[0])).hasSize(1);
        assertThat(scan(".env.local", new byte[0])).hasSize(1);
        assertThat(scan("deploy/prod.env", new byte[0])).hasSize(1);
        assertThat(scan("docker/.env.example", new byte[0])).isEmpty();
        assertThat(scan("keys/id_ed25519", new byte[0])).hasSize(1);
        assertThat(scan("src/test/resources/server.p12", new byte[0])).hasSize(1);
        assertThat(scan("keys/id_ed25519.pub", new byte[0])).isEmpty();
    }

    @Test
    void findsLiteralPasswordsInConfigurationButNotPlaceholders() {
        assertThat(scan("config/application.yml", bytes("  password: hunter2"))).hasSize(1);
        assertThat(scan("config/application.yml", bytes("    password: ${SOURCE_DB_PASSWORD:hunter2}"))).hasSize(1);
        assertThat(scan("config/application-demo.properties", bytes("smtp.password=s3cret"))).hasSize(1);
        assertThat(scan("docker/.env.example", bytes("POSTGRES_PASSWORD=postgres"))).hasSize(1);
        assertThat(scan("docker/compose.yaml", bytes("      PGPASSWORD: abc"))).hasSize(1);

        assertThat(scan("config/application.yml", bytes("    password: ${SOURCE_DB_PASSWORD:}"))).isEmpty();
        assertThat(scan("config/application.yml", bytes("    passphrase: ${SFTP_PRIVATE_KEY_PASSPHRASE:}"))).isEmpty();
        assertThat(scan("docker/compose.yaml", bytes("      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it in docker/.env}"))).isEmpty();
        assertThat(scan("docker/compose.yaml", bytes("      SMTP_PASSWORD: ${SMTP_PASSWORD:-}"))).isEmpty();
        assertThat(scan("docker/.env.example", bytes("SFTP_PRIVATE_KEY_PASSPHRASE="))).isEmpty();
        assertThat(scan("docker/.env.example", bytes("# SOURCE_DB_PASSWORD=the reader's"))).isEmpty();
        assertThat(scan("docker/sftp/sshd_config", bytes("PasswordAuthentication no"))).isEmpty();
        assertThat(scan("routes/3-deliver.camel.yaml", bytes("  privateKeyPassphrase: \"RAW({{delivery.sftp.private-key-passphrase}})\""))).isEmpty();
        assertThat(scan("routes/3-deliver.camel.yaml", bytes("  authenticator: \"#smtpAuthenticator\""))).isEmpty();
        assertThat(scan("routes/3-deliver.camel.yaml", bytes("  privateKeyPassphrase: \"#bean:sftpPrivateKeyPassphrase\""))).isEmpty();
        assertThat(scan("routes/3-deliver.camel.yaml", bytes("  privateKeyPassphrase: \"RAW({{passphrase:hunter2}})\""))).hasSize(1);
        assertThat(scan("routes/3-deliver.camel.yaml", bytes("  password: \"RAW(hunter2)\""))).hasSize(1);
    }

    @Test
    void findsLiteralPasswordsInScriptsButNotVariables() {
        assertThat(scan("src/systemtest/run.sh", bytes("PGPASSWORD=postgres psql -c 'select 1'"))).hasSize(1);
        assertThat(scan("docker/Dockerfile", bytes("ENV SMTP_PASSWORD=letmein"))).hasSize(1);
        assertThat(scan("src/systemtest/run.sh", bytes("PGPASSWORD=\"$admin_pw\" psql"))).isEmpty();
        assertThat(scan("src/systemtest/run.sh", bytes("SOURCE_DB_PASSWORD=$(cat \"$dir/reader\")"))).isEmpty();
        assertThat(scan("src/systemtest/run.sh", bytes("  SMTP_PASSWORD=\"${smtp_pw}\""))).isEmpty();
        assertThat(scan("src/systemtest/run.sh", bytes("secrets=(\"$admin_pw\" \"$reader_pw\")"))).isEmpty();
        assertThat(scan("src/systemtest/run.sh", bytes("secrets=()"))).isEmpty();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
