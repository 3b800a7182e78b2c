package kz.labour.reporting.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import kz.labour.reporting.form.Action;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Severity;
import kz.labour.reporting.form.Version;
import kz.labour.reporting.ledger.Build;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.PipelineDatabase;
import kz.labour.reporting.ledger.Requester;
import kz.labour.reporting.ledger.Origin;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import kz.labour.reporting.support.CamelStubs;
import kz.labour.reporting.support.CamelStubs.Alert;
import kz.labour.reporting.support.Instance;
import kz.labour.reporting.support.PipelineTest;
import kz.labour.reporting.support.TestPostgres;

/**
 * The deadline check (route direct:deadline, as deadline-check fires it) against a real pipeline
 * database: overdue forms, the one alert to operators (direct:alert, replaced by a recorder), the
 * 'deadline' health component, and clearing by a later delivery (a DELIVERED ledger row, written
 * directly: delivery itself is another branch's work).
 */
@PipelineTest
@Import(DeadlineIntegrationTest.Stubs.class)
class DeadlineIntegrationTest {

    static final String SOURCE = TestPostgres.newSource(null);
    static final String PIPELINE = TestPostgres.newDatabase("pipeline");

    @TempDir
    static Path outbox;

    static final Queue<Alert> alerts = new ConcurrentLinkedQueue<>();
    /** When set, the operators' mail relay refuses the alert. */
    static volatile boolean mailRelayDown;

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        registry.add("source.datasource.url", () -> SOURCE);
        registry.add("pipeline.datasource.url", () -> PIPELINE);
        registry.add("reporting.outbox", () -> outbox.toString());
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Stubs {
        @Bean
        CamelStubs alertRecorder() {
            return new CamelStubs().stub("direct:alert-mail", exchange -> {
                if (mailRelayDown) {
                    throw new IllegalStateException("mail relay refused the message");
                }
                alerts.add(new Alert(exchange.getMessage().getHeader("alertSubject", String.class),
                        exchange.getMessage().getBody(String.class)));
            });
        }
    }

    @Autowired
    ProducerTemplate producer;
    @Autowired
    HealthEndpoint healthEndpoint;

    final JdbcTemplate pipeline = new JdbcTemplate(TestPostgres.dataSource(PIPELINE));

    @Autowired
    PipelineDatabase pipelineDatabase;

    @Autowired
    Ledger ledger;

    @BeforeEach
    void emptyLedgerAndNoAlerts() {
        pipelineDatabase.ensureMigrated(); // the schema is made on first use; the test reads it directly
        pipeline.execute("TRUNCATE overdue, finding, build_attempt, transmission_event, mail_recipient, receipt_alert, receipt, transmission");
        alerts.clear();
        mailRelayDown = false;
    }

    /** What deadline-check does when Quartz fires it at {@code scheduledFireTime}. */
    void deadlinePasses(String scheduledFireTime) {
        producer.sendBodyAndHeader("direct:deadline", null, "scheduledFireTime",
                Date.from(OffsetDateTime.parse(scheduledFireTime).toInstant()));
    }

    void delivered(String form, String period) {
        pipeline.update("""
                INSERT INTO transmission (form, period, version, action, accumulation, as_of, content_hash, status,
                                          sftp_status, mail_status, deliveries, trigger, requested_by)
                VALUES (?, ?, 1, 'N', 'MONTH', now(), repeat('0', 64), 'DELIVERED', 'DONE', 'DONE', 1, 'CLI', 'test')
                """, form, period);
    }

    Health deadlineHealth() {
        HealthComponent component = healthEndpoint.healthForPath("deadline");
        assertThat(component).as("health component 'deadline'").isInstanceOf(Health.class);
        return (Health) component;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, String>> overdueDetails() {
        return (List<Map<String, String>>) deadlineHealth().getDetails().get("overdue");
    }

    @Test
    void theAlertGivesTheFindingsOfAFormWhoseLastBuildWasRejected() {
        Finding noVictims = Finding.ofSource("source: accident without victims", Severity.ERROR, "accident id 201",
                "1 row: accident without victims", "accident", List.of(201L), Map.of("rows", BigDecimal.ONE));
        ledger.record(new Build(FormId.OZH, YearMonth.of(2025, 6), Version.FIRST, Action.NEW, Accumulation.MONTH,
                OffsetDateTime.parse("2025-07-01T06:00:00+05:00"), null, List.of(), List.of(noVictims),
                kz.labour.reporting.ledger.Status.REJECTED), new Requester(Origin.SCHEDULE, "schedule:monthly-trigger@test"));

        deadlinePasses("2025-07-03T23:59:59+05:00");

        assertThat(alerts).singleElement().extracting(Alert::text).asString()
                .contains("\nRejected by their last build (the findings the ledger keeps):\n  2-ӨЖ 2025-06 V0001, built ")
                .contains(":\n    ERROR source: accident without victims at accident id 201: 1 row: accident without victims\n")
                .doesNotContain("1-МЕИЖМ 2025-06 V0001")
                .contains("java -jar labour-reporting.jar status --period 2025-06 --form F");
    }

    @Test
    void formsNotDeliveredAtTheDeadlineAreOverdueAndOneAlertNamesThemAndWhatToDo() {
        deadlinePasses("2025-07-03T23:59:59+05:00");

        assertThat(deadlineHealth().getStatus()).isEqualTo(Status.DOWN);
        assertThat(overdueDetails()).extracting(d -> d.get("form") + " " + d.get("period"))
                .containsExactly("1-MEIZhM 2025-06", "2-OZh 2025-06");
        assertThat(healthEndpoint.health().getStatus()).as("overall health").isEqualTo(Status.DOWN);

        assertThat(alerts).hasSize(1);
        Alert alert = alerts.peek();
        assertThat(alert.subject()).isEqualTo("labour-reporting: OVERDUE 1-МЕИЖМ 2025-06, 2-ӨЖ 2025-06");
        assertThat(alert.text())
                .contains("  1-МЕИЖМ (1-MEIZhM): period 2025-06, deadline 2025-07-03T23:59:59+05:00\n"
                        + "  2-ӨЖ (2-OZh): period 2025-06, deadline 2025-07-03T23:59:59+05:00\n")
                .contains("java -jar labour-reporting.jar status --period 2025-06")
                .contains("java -jar labour-reporting.jar transmit --period 2025-06")
                .contains("kz.labour.reporting:type=Reporting,name=labour-reporting: transmit(\"2025-06\", \"\", false)");
    }

    @Test
    void onlyTheFormsStillUndeliveredAreOverdue() {
        delivered("2-OZh", "2025-06");
        deadlinePasses("2025-07-03T23:59:59+05:00");

        assertThat(overdueDetails()).extracting(d -> d.get("form") + " " + d.get("period")).containsExactly("1-MEIZhM 2025-06");
        assertThat(alerts).singleElement().extracting(Alert::subject).isEqualTo("labour-reporting: OVERDUE 1-МЕИЖМ 2025-06");
    }

    @Test
    void repeatingTheCheckOrRunningItOnAnotherInstanceSendsNoSecondAlert() {
        deadlinePasses("2025-07-03T23:59:59+05:00");
        deadlinePasses("2025-07-03T23:59:59+05:00"); // a made-up or repeated fire
        assertThat(alerts).hasSize(1);

        Queue<Alert> onOtherInstance = new ConcurrentLinkedQueue<>();
        try (Instance other = Instance.start(SOURCE, PIPELINE, outbox.toString(), Map.of("reporting.schedule.enabled", "false"),
                new CamelStubs().captureAlerts(onOtherInstance))) {
            other.producer().sendBodyAndHeader("direct:deadline", null, "scheduledFireTime",
                    Date.from(OffsetDateTime.parse("2025-07-03T23:59:59+05:00").toInstant()));
        }
        assertThat(onOtherInstance).isEmpty();
        assertThat(alerts).hasSize(1);
        assertThat(deadlineHealth().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void laterDeliveryClearsTheOverdueFormAndHealthComesBackUpOnceTheBureauAcknowledges() {
        deadlinePasses("2025-07-03T23:59:59+05:00");
        assertThat(deadlineHealth().getStatus()).isEqualTo(Status.DOWN);

        delivered("2-OZh", "2025-06");
        assertThat(overdueDetails()).extracting(d -> d.get("form")).containsExactly("1-MEIZhM");
        delivered("1-MEIZhM", "2025-06");
        assertThat(overdueDetails()).isEmpty();
        // delivered, and the bureau has said nothing yet: no longer DOWN, a WARN until it acknowledges
        assertThat(deadlineHealth().getStatus().getCode()).isEqualTo("WARN");
        pipeline.execute("UPDATE transmission SET bureau_status = 'RECEIVED' WHERE period = '2025-06'");
        assertThat(deadlineHealth().getStatus()).isEqualTo(Status.UP);

        deadlinePasses("2025-07-03T23:59:59+05:00");
        assertThat(alerts).as("no alert about delivered forms").hasSize(1);
    }

    @Test
    void formsDeliveredBeforeTheDeadlineAcrossTheYearEndAreNotOverdue() {
        delivered("1-MEIZhM", "2024-12");
        delivered("2-OZh", "2024-12");
        deadlinePasses("2025-01-03T23:59:59+05:00"); // December's deadline, in the new year

        assertThat(deadlineHealth().getStatus()).isEqualTo(Status.UP);
        assertThat(alerts).isEmpty();
    }

    @Test
    void deadlineOfAPeriodBeforeTheEarliestIsNoDeadline() {
        deadlinePasses("2016-01-03T23:59:59+06:00"); // December 2015: before REPORTING_EARLIEST_PERIOD 2016-01
        assertThat(deadlineHealth().getStatus()).isEqualTo(Status.UP);
        assertThat(alerts).isEmpty();
    }

    @Test
    void alertThatCouldNotBeSentIsSentByTheNextCheckAndOnlyThen() {
        mailRelayDown = true;
        deadlinePasses("2025-07-03T23:59:59+05:00");
        assertThat(alerts).isEmpty();
        assertThat(deadlineHealth().getStatus()).as("overdue whether or not the mail went out").isEqualTo(Status.DOWN);

        mailRelayDown = false;
        deadlinePasses("2025-07-03T23:59:59+05:00");
        deadlinePasses("2025-07-03T23:59:59+05:00");
        assertThat(alerts).singleElement().extracting(Alert::subject)
                .isEqualTo("labour-reporting: OVERDUE 1-МЕИЖМ 2025-06, 2-ӨЖ 2025-06");
    }
}
