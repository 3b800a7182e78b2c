package kz.labour.reporting.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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
import kz.labour.reporting.ledger.Trigger;
import kz.labour.reporting.ops.Cli;
import kz.labour.reporting.ops.ReportingMBean;
import kz.labour.reporting.support.DeliveryEnvironment;
import kz.labour.reporting.support.DeliveryEnvironment.Run;
import kz.labour.reporting.support.PipelineTest;
import kz.labour.reporting.support.TestPostgres;

/**
 * What operators see of receipts, "now" being 2025-07-15 (FixedClock): June 2025 was due by the end of
 * 3 July. 1-МЕИЖМ June is accepted with a warning; 2-ӨЖ June was delivered and never acknowledged.
 */
@PipelineTest
class ReceiptsShownIntegrationTest {

    static final String SOURCE = TestPostgres.newSource(null);
    static final String PIPELINE = TestPostgres.newDatabase("pipeline");
    static final Requester BY = new Requester(Trigger.CLI, "test");
    static final OffsetDateTime AT = OffsetDateTime.parse("2025-07-01T09:12:44+05:00");
    static final YearMonth JUNE = YearMonth.of(2025, 6);

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        registry.add("source.datasource.url", () -> SOURCE);
        registry.add("pipeline.datasource.url", () -> PIPELINE);
    }

    @Autowired
    Ledger ledger;

    @Autowired
    ReceiptBook book;

    @Autowired
    Cli cli;

    @Autowired
    ReportingMBean mbean;

    @Autowired
    @Qualifier("deadlineHealthIndicator")
    HealthIndicator deadline;

    Transmission delivered(FormId form, YearMonth period) {
        String stem = form.ascii() + "_" + period + "_V0001_N";
        Transmission t = ledger.record(new Build(form, period, Version.FIRST, 'N', Accumulation.MONTH, AT, "a".repeat(64),
                List.of(new StoredFile(stem + ".xlsx", 10, "b".repeat(64)), new StoredFile(stem + ".manifest.json", 5, "c".repeat(64))),
                List.of(), Status.BUILT), BY);
        t = ledger.startDelivery(t, false, BY);
        t = ledger.channelDone(t, Channel.SFTP, BY);
        t = ledger.channelDone(t, Channel.MAIL, BY);
        return ledger.finishDelivery(t, BY);
    }

    @Test
    void statusTheMBeanAndHealthShowWhatTheBureauSaid() {
        Transmission inspectors = delivered(FormId.MEIZHM, JUNE);
        delivered(FormId.OZH, JUNE);
        assertThat(book.record(Receipts.ack("1-MEIZhM_2025-06_V0001_N", "ACCEPTED_WITH_WARNINGS", "c".repeat(64), AT,
                Verification.NOT_CHECKED, new ReceiptMessage("K-17", "WARN", "check column 8", "550000000", 8))).outcome())
                .isEqualTo(ReceiptOutcome.MATCHED);
        book.record(Receipts.dsn("1-MEIZhM.2025-06.V0001.delivery1", "stat@bureau.kz", "delivered", "2.0.0", AT));
        book.record(Receipts.dsn("1-MEIZhM.2025-06.V0001.delivery1", "old@bureau.kz", "failed", "5.1.1 user unknown", AT));

        Run table = DeliveryEnvironment.run(cli, "status", "--period", "2025-06");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines.get(0)).startsWith("FORM      PERIOD  VER   ACT STATUS     SFTP    MAIL    BUREAU                 AS-OF");
        assertThat(lines.get(1)).startsWith("1-MEIZhM  2025-06 V0001 N   DELIVERED  DONE    DONE    ACCEPTED_WITH_WARNINGS ");
        assertThat(lines.get(2)).startsWith("2-OZh     2025-06 V0001 N   DELIVERED  DONE    DONE    NONE                   ");

        Run detail = DeliveryEnvironment.run(cli, "status", "--period", "2025-06", "--form", "1-MEIZhM");
        assertThat(detail.out()).contains("  bureau ACCEPTED_WITH_WARNINGS\n")
                .contains("  mail recipients: old@bureau.kz FAILED (delivery 1), stat@bureau.kz DELIVERED (delivery 1)\n")
                .contains("  receipt ACK ACCEPTED_WITH_WARNINGS at 2025-07-01T09:12:44+05:00, receipt id NSB-ACCEPTED_WITH_WARNINGS, MATCHED; kept as receipts/")
                .contains("    K-17 WARN [region 550000000, column 8]: check column 8\n")
                .contains("  receipt DSN failed for old@bureau.kz at 2025-07-01T09:12:44+05:00, 5.1.1 user unknown, MATCHED; kept as receipts/");

        assertThat(mbean.getMEIZhM_BureauStatus()).isEqualTo("2025-06 V0001 ACCEPTED_WITH_WARNINGS");
        assertThat(mbean.getOZh_BureauStatus()).isEqualTo("2025-06 V0001 NONE");
        assertThat(mbean.getUnacknowledged()).containsExactly("2-OZh 2025-06 V0001");

        Health health = deadline.health();
        assertThat(health.getStatus().getCode()).isEqualTo("WARN");
        assertThat(health.getDetails().get("unacknowledged")).isEqualTo(List.of(Map.of("form", "2-OZh", "index", "2-ӨЖ",
                "period", "2025-06", "version", "V0001")));

        book.record(Receipts.ack("2-OZh_2025-06_V0001_N", "RECEIVED", "c".repeat(64), AT, Verification.NOT_CHECKED));
        assertThat(deadline.health().getStatus().getCode()).isEqualTo("UP");
        assertThat(book.bureauStatus(inspectors)).isEqualTo(BureauStatus.ACCEPTED_WITH_WARNINGS);
    }

    @Test
    void acknowledgementsAreDueByTheEndOfTheThirdOfTheNextMonth() {
        java.time.ZoneId almaty = java.time.ZoneId.of("Asia/Almaty");
        assertThat(ReceiptBook.acknowledgementsDueFor(java.time.Instant.parse("2025-07-03T18:59:59Z"), almaty))
                .as("23:59:59 on the 3rd in Almaty (UTC+5)").isEqualTo(YearMonth.of(2025, 5));
        assertThat(ReceiptBook.acknowledgementsDueFor(java.time.Instant.parse("2025-07-03T19:00:00Z"), almaty))
                .isEqualTo(YearMonth.of(2025, 6));
    }
}
