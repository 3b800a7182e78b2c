package kz.labour.reporting.ledger;

import static kz.labour.reporting.support.DeliveryEnvironment.BUREAU;
import static kz.labour.reporting.support.DeliveryEnvironment.run;
import static kz.labour.reporting.support.DeliveryEnvironment.transmit;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Severity;
import kz.labour.reporting.form.Version;
import kz.labour.reporting.ops.Cli;
import kz.labour.reporting.ops.Command;
import kz.labour.reporting.support.DeliveryEnvironment;
import kz.labour.reporting.support.DeliveryEnvironment.Run;
import kz.labour.reporting.support.PipelineTest;
import kz.labour.reporting.support.TestPostgres;
import kz.labour.reporting.transmission.Mode;

/**
 * A month rejected, corrected at the source and then delivered, through the CLI against real servers:
 * the ledger keeps what each build found, the REJECTED one included, and {@code status --period P
 * --form F} shows both builds with their findings. Source: fixture june-2025.sql, where Abai opened a
 * criminal case without referring any material (1-МЕИЖМ c16 > c15, a WARN).
 */
@PipelineTest
class BuildHistoryIntegrationTest {

    /** The servers and databases of this class, stopped after its last test. */
    @RegisterExtension
    static final DeliveryEnvironment env = new DeliveryEnvironment();
    static final YearMonth JUNE = YearMonth.of(2025, 6);

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        env.register(registry);
    }

    @Autowired
    Cli cli;

    @Autowired
    Ledger ledger;

    @Test
    void aMonthRejectedThenCorrectedAndDeliveredKeepsTheFindingsOfBothBuilds() {
        // a fine of -500 ₸ recorded in Karaganda: a row the aggregation cannot count
        TestPostgres.execute(TestPostgres.dataSource(env.source), """
                INSERT INTO fine (id, recorded_at, region_kato, imposed_on, amount_kzt)
                     VALUES (9401, '2025-06-03 10:00+05', '350000000', '2025-06-03', -500.00);
                """);
        Run first = transmit(cli, "2025-06", "1-MEIZhM");
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(3);

        TestPostgres.execute(TestPostgres.dataSource(env.source), "UPDATE fine SET amount_kzt = 500.00 WHERE id = 9401");
        Run second = transmit(cli, "2025-06", "1-MEIZhM");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("V0001 N DELIVERED");

        Transmission delivered = ledger.history(FormId.MEIZHM, JUNE).stream().reduce((a, b) -> b).orElseThrow();
        assertThat(ledger.history(FormId.MEIZHM, JUNE)).singleElement().extracting(Transmission::status).isEqualTo(Status.DELIVERED);
        List<Attempt> attempts = ledger.attempts(FormId.MEIZHM, JUNE);
        assertThat(attempts).extracting(Attempt::status).containsExactly(Status.REJECTED, Status.BUILT);
        assertThat(attempts).allSatisfy(a -> {
            assertThat(a.transmissionId()).isEqualTo(delivered.id());
            assertThat(a.version()).isEqualTo(Version.FIRST);
        });
        assertThat(attempts.get(0).contentHash()).as("rejected before the form was laid out").isNull();
        assertThat(attempts.get(0).findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.relation()).isEqualTo("fine");
            assertThat(f.ids()).containsExactly(9401L);
            assertThat(f.values()).containsExactly(Map.entry("rows", BigDecimal.ONE));
        });
        assertThat(attempts.get(1).contentHash()).isEqualTo(delivered.contentHash());
        assertThat(attempts.get(1).findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.rule()).isEqualTo("c16<=c15");
            assertThat(f.kato()).isEqualTo("100000000");
            assertThat(f.values()).containsExactly(Map.entry("c15", BigDecimal.ZERO), Map.entry("c16", BigDecimal.ONE));
        });
        assertThat(ledger.findings(delivered)).extracting(Finding::rule).containsExactly("c16<=c15");

        Run status = run(cli, new Command(Command.Kind.STATUS, "2025-06", "1-MEIZhM", null, Mode.PLAIN));
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).contains("1-MEIZhM (1-МЕИЖМ) 2025-06\n", "V0001 N DELIVERED, SFTP DONE, MAIL DONE, deliveries 1")
                .containsSubsequence("build 1 at ", "V0001 N REJECTED, as of 2025-07-01T06:00:00+05:00", "1 finding",
                        "ERROR source: amount_kzt negative at fine id 9401: 1 row: amount_kzt negative "
                                + "[fine ids 9401, rows=1]",
                        "build 2 at ", "V0001 N BUILT", "1 finding",
                        "WARN c16<=c15 at row 100000000 Абай облысы", "[region 100000000, c15=0 c16=1]");
        assertThat(env.mailsTo(BUREAU)).singleElement()
                .satisfies(m -> assertThat(m.getSubject()).isEqualTo("1-МЕИЖМ · 2025 жылғы маусым / июнь 2025 года · V0001"));
    }
}
