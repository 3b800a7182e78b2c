package kz.labour.reporting.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import kz.labour.reporting.LabourReportingApplication;
import kz.labour.reporting.form.Action;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Version;
import kz.labour.reporting.ledger.Build;
import kz.labour.reporting.ledger.Channel;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.Requester;
import kz.labour.reporting.ledger.Status;
import kz.labour.reporting.ledger.StoredFile;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.ledger.Origin;
import kz.labour.reporting.support.DeliveryEnvironment;
import kz.labour.reporting.support.TestOrganisation;
import kz.labour.reporting.support.TestPki;
import kz.labour.reporting.support.TestPostgres;

/**
 * Two instances of the application, each with its own Camel context, consume one acknowledgement
 * directory against one pipeline database: every file is recorded once. The bureau signs its
 * acknowledgements and the instances check them against its CA: a signed one accepts its version, an
 * unsigned one leaves it UNVERIFIED, and each .p7s goes to done/ with its file.
 */
class TwoInstancesAckIntegrationTest {

    @RegisterExtension
    static final DeliveryEnvironment env = new DeliveryEnvironment();
    static final Requester BY = new Requester(Origin.CLI, "test");
    static final OffsetDateTime AT = OffsetDateTime.parse("2025-07-01T09:12:44+05:00");
    static final TestPki BUREAU_CA = TestPki.create(Instant.now());
    static final TestPki.Issued BUREAU = BUREAU_CA.issue(TestPki.Spec.organisation("123456789012", Instant.now())
            .subject("CN=Bureau, O=Stat, C=KZ"), "bureau-acks");

    final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    ConfigurableApplicationContext instance(Path trustStore) {
        Map<String, Object> p = new LinkedHashMap<>(env.properties());
        // the schedule off (two clustered schedulers are not this test's business); receipts are read all the same
        p.put("reporting.schedule.enabled", false);
        p.putAll(TestOrganisation.properties());
        p.put("source.datasource.username", "postgres");
        p.put("pipeline.datasource.username", "postgres");
        p.put("camel.main.jmx-enabled", false);
        // two in one JVM would clash in the platform MBean server
        p.put("spring.jmx.enabled", false);
        p.put("receipts.sftp.directory", "acks");
        p.put("receipts.sftp.poll-delay", 100);
        p.put("receipts.truststore-file", trustStore.toString());
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext c = new SpringApplicationBuilder(LabourReportingApplication.class)
                .web(WebApplicationType.NONE).run(args);
        instances.add(c);
        return c;
    }

    static String stem(YearMonth period) {
        return "2-OZh_" + period + "_V0001_N";
    }

    static byte[] ack(YearMonth period) {
        return """
                {"file": "%s", "manifestSha256": "%s", "status": "ACCEPTED", "receiptId": "NSB-%s",
                 "receivedAt": "2025-07-01T09:12:44+05:00", "messages": []}
                """.formatted(stem(period), "c".repeat(64), period).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void twoInstancesOnOneDirectoryRecordEachAcknowledgementOnceAndCheckItsSignature() throws Exception {
        Path acks = Files.createDirectories(env.sftp.root().resolve("acks"));
        Path ca = BUREAU_CA.caPem(env.dir.resolve("bureau-ca.pem"));
        ConfigurableApplicationContext a = instance(ca);
        ConfigurableApplicationContext b = instance(ca);
        Ledger ledger = a.getBean(Ledger.class);
        ReceiptBook book = b.getBean(ReceiptBook.class);
        List<YearMonth> periods = new ArrayList<>();
        List<Transmission> versions = new ArrayList<>();
        for (int m = 1; m <= 8; m++) {
            YearMonth p = YearMonth.of(2023, m);
            periods.add(p);
            versions.add(delivered(ledger, p));
        }
        // all signed but the last
        for (YearMonth p : periods) {
            byte[] json = ack(p);
            if (!p.equals(periods.get(7))) {
                write(acks.resolve(stem(p) + ".ack.json.p7s"), AckVerifierTest.sign(json, BUREAU));
            }
            write(acks.resolve(stem(p) + ".ack.json"), json);
        }

        // both consumers polling since their instance started, as in the service: nobody starts them
        for (ConfigurableApplicationContext instance : List.of(a, b)) {
            assertThat(instance.getBean(CamelContext.class).getRouteController().getRouteStatus("receipts-sftp"))
                    .isEqualTo(ServiceStatus.Started);
        }

        JdbcTemplate db = new JdbcTemplate(TestPostgres.dataSource(env.pipeline));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(db.queryForObject(
                "SELECT count(DISTINCT transmission_id) FROM receipt WHERE kind = 'ACK'", Integer.class)).isEqualTo(8));
        assertThat(db.queryForObject("SELECT count(*) FROM receipt WHERE kind = 'ACK'", Integer.class)).as("each once").isEqualTo(8);
        for (int i = 0; i < 7; i++) {
            assertThat(book.bureauStatus(versions.get(i))).as(periods.get(i).toString()).isEqualTo(BureauStatus.ACCEPTED);
            assertThat(book.receipts(versions.get(i))).singleElement().extracting(Receipt::verification).isEqualTo(Verification.VERIFIED);
        }
        assertThat(book.bureauStatus(versions.get(7))).as("unsigned").isEqualTo(BureauStatus.UNVERIFIED);
        assertThat(book.receipts(versions.get(7))).singleElement().extracting(Receipt::verification).isEqualTo(Verification.UNSIGNED);
        assertThat(db.queryForObject("SELECT count(*) FROM receipt WHERE signature_path IS NOT NULL", Integer.class)).isEqualTo(7);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (var left = Files.list(acks)) {
                assertThat(left.filter(Files::isRegularFile).toList()).as("every file and signature moved").isEmpty();
            }
        });
        try (var done = Files.list(acks.resolve("done"))) {
            assertThat(done.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".p7s")).toList()).hasSize(7);
        }
    }

    static void write(Path file, byte[] bytes) throws IOException {
        Path part = file.resolveSibling("." + file.getFileName() + ".part");
        Files.write(part, bytes);
        Files.move(part, file);
    }

    static Transmission delivered(Ledger ledger, YearMonth period) {
        String stem = stem(period);
        Transmission t = ledger.record(new Build(FormId.OZH, period, Version.FIRST, Action.NEW, Accumulation.MONTH, AT, "a".repeat(64),
                List.of(new StoredFile(stem + ".xlsx", 10, "b".repeat(64)), new StoredFile(stem + ".manifest.json", 5, "c".repeat(64))),
                List.of(), Status.BUILT), BY);
        t = ledger.startDelivery(t, false, BY);
        t = ledger.channelDone(t, Channel.SFTP, BY);
        t = ledger.channelDone(t, Channel.MAIL, BY);
        return ledger.finishDelivery(t, BY);
    }
}
