package kz.labour.reporting.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.Finding;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Severity;
import kz.labour.reporting.form.Version;
import kz.labour.reporting.support.PipelineTest;
import kz.labour.reporting.support.TestPostgres;

/**
 * The ledger as the application context wires it, on a real PostgreSQL: every change of state and its
 * event go together. A test-only trigger refuses one kind of event, as a failure between the two
 * writes would (a lost connection, a full disk); the change must then be gone too. Each test uses its
 * own period.
 */
@PipelineTest
class LedgerAtomicityIntegrationTest {

    static final String SOURCE = TestPostgres.newSource(null);
    static final String PIPELINE = TestPostgres.newDatabase("pipeline");
    static final Requester BY = new Requester(Trigger.CLI, "test");
    static final OffsetDateTime CUT_OFF = OffsetDateTime.parse("2025-07-01T06:00:00+05:00");

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        registry.add("source.datasource.url", () -> SOURCE);
        registry.add("pipeline.datasource.url", () -> PIPELINE);
    }

    @Autowired
    Ledger ledger;

    final JdbcTemplate db = new JdbcTemplate(TestPostgres.dataSource(PIPELINE));

    @BeforeEach
    void everyEventAccepted() {
        ledger.list(); // the schema is in place
        db.execute("DROP TRIGGER IF EXISTS refuse_event ON transmission_event");
        db.execute("""
                CREATE OR REPLACE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'injected fault: event % of % refused', NEW.event, NEW.period;
                END $$
                """);
    }

    /** From now on, the event log refuses events of this kind for this period. */
    void refuse(String event, YearMonth period) {
        db.execute("CREATE TRIGGER refuse_event BEFORE INSERT ON transmission_event FOR EACH ROW WHEN (NEW.event = '"
                + event + "' AND NEW.period = '" + period + "') EXECUTE FUNCTION refuse_event()");
    }

    void acceptAgain() {
        db.execute("DROP TRIGGER refuse_event ON transmission_event");
    }

    static Build built(YearMonth period, Version version, List<Finding> findings) {
        return new Build(FormId.OZH, period, version, 'N', Accumulation.MONTH, CUT_OFF, "a".repeat(64),
                List.of(new StoredFile("x.xlsx", 10, "b".repeat(64)), new StoredFile("x.manifest.json", 5, "c".repeat(64))),
                findings, Status.BUILT);
    }

    static Build rejected(YearMonth period, List<Finding> findings) {
        return new Build(FormId.OZH, period, Version.FIRST, 'N', Accumulation.MONTH, CUT_OFF, null, List.of(), findings,
                Status.REJECTED);
    }

    static final Finding WARN = Finding.ofCell("c16<=c15", Severity.WARN, "row 100000000 Абай облысы",
            "more criminal cases opened than materials referred to law enforcement (c15=0, c16=1)", "100000000", null,
            values("c15", "0", "c16", "1"));
    static final Finding UNSOUND = Finding.ofSource("source: accident without victims", Severity.ERROR, "accident id 201",
            "1 row: accident without victims", "accident", List.of(201L), values("rows", "1"));
    static final Finding TOTAL = Finding.ofCell("total=sum(regions)", Severity.ERROR, "row 000000000, column 9",
            "total 62.4 differs from the sum of the 20 region rows 62.5", "000000000", 9, values("total", "62.4", "sum", "62.5"));

    static Map<String, BigDecimal> values(String... namesAndNumbers) {
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndNumbers.length; i += 2) {
            values.put(namesAndNumbers[i], new BigDecimal(namesAndNumbers[i + 1]));
        }
        return values;
    }

    int count(String sql, YearMonth period) {
        return db.queryForObject(sql, Integer.class, period.toString());
    }

    int versions(YearMonth period) {
        return count("SELECT count(*) FROM transmission WHERE period = ?", period);
    }

    int attempts(YearMonth period) {
        return count("SELECT count(*) FROM build_attempt a JOIN transmission t ON t.id = a.transmission_id WHERE t.period = ?",
                period);
    }

    int findings() {
        return db.queryForObject("SELECT count(*) FROM finding", Integer.class);
    }

    int events(YearMonth period) {
        return count("SELECT count(*) FROM transmission_event WHERE period = ?", period);
    }

    @Test
    void aBuildWhoseEventFailsLeavesNoVersionNoAttemptAndNoFindings() {
        YearMonth period = YearMonth.of(2025, 1);
        int findingsBefore = findings();
        refuse("BUILT", period);

        assertThatThrownBy(() -> ledger.record(built(period, Version.FIRST, List.of(WARN)), BY))
                .hasMessageContaining("injected fault: event BUILT of 2025-01 refused");

        assertThat(versions(period)).isZero();
        assertThat(attempts(period)).isZero();
        assertThat(findings()).isEqualTo(findingsBefore);
        assertThat(events(period)).isZero();
        acceptAgain();
        assertThat(ledger.record(built(period, Version.FIRST, List.of(WARN)), BY).status()).as("the same build, once the fault is gone")
                .isEqualTo(Status.BUILT);
        assertThat(events(period)).isEqualTo(1);
    }

    @Test
    void aDeliveryStartWhoseEventFailsLeavesTheVersionBuilt() {
        YearMonth period = YearMonth.of(2025, 2);
        Transmission t = ledger.record(built(period, Version.FIRST, List.of()), BY);
        refuse("DELIVERING", period);

        assertThatThrownBy(() -> ledger.startDelivery(t, false, BY)).hasMessageContaining("injected fault");

        assertThat(ledger.find(t.id()).orElseThrow().status()).isEqualTo(Status.BUILT);
        assertThat(db.queryForList("SELECT event FROM transmission_event WHERE period = ? ORDER BY id", String.class,
                period.toString())).containsExactly("BUILT");
    }

    @Test
    void aChannelResultWhoseEventFailsIsNotRecorded() {
        YearMonth period = YearMonth.of(2025, 3);
        Transmission t = ledger.startDelivery(ledger.record(built(period, Version.FIRST, List.of()), BY), false, BY);
        refuse("SFTP_FAILED", period);

        assertThatThrownBy(() -> ledger.channelFailed(t, Channel.SFTP, "SFTP server down", BY))
                .hasMessageContaining("injected fault");

        Transmission after = ledger.find(t.id()).orElseThrow();
        assertThat(after.sftpStatus()).isEqualTo(ChannelStatus.PENDING);
        assertThat(after.sftpError()).isNull();
        assertThat(after.sftpAt()).isNull();
        assertThat(db.queryForList("SELECT event FROM transmission_event WHERE period = ? ORDER BY id", String.class,
                period.toString())).containsExactly("BUILT", "DELIVERING");
    }

    @Test
    void aFinishWhoseEventFailsLeavesTheDeliveryOpenAndUncounted() {
        YearMonth period = YearMonth.of(2025, 4);
        Transmission t = ledger.startDelivery(ledger.record(built(period, Version.FIRST, List.of()), BY), false, BY);
        ledger.channelDone(t, Channel.SFTP, BY);
        Transmission sent = ledger.channelDone(t, Channel.MAIL, BY);
        refuse("DELIVERED", period);

        assertThatThrownBy(() -> ledger.finishDelivery(sent, BY)).hasMessageContaining("injected fault");

        Transmission after = ledger.find(t.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(Status.DELIVERING);
        assertThat(after.deliveries()).isZero();
        acceptAgain();
        Transmission delivered = ledger.finishDelivery(sent, BY);
        assertThat(delivered.status()).isEqualTo(Status.DELIVERED);
        assertThat(delivered.deliveries()).isEqualTo(1);
        assertThat(db.queryForList("SELECT event FROM transmission_event WHERE period = ? ORDER BY id", String.class,
                period.toString())).containsExactly("BUILT", "DELIVERING", "SFTP_DONE", "MAIL_DONE", "DELIVERED");
    }

    @Test
    void aRejectedNumberIsBuiltAgainAndEachAttemptKeepsItsFindingsFieldByField() {
        YearMonth period = YearMonth.of(2025, 5);
        Transmission rejected = ledger.record(rejected(period, List.of(UNSOUND, TOTAL)), BY);
        Transmission built = ledger.record(built(period, Version.FIRST, List.of(WARN)), BY);

        assertThat(built.id()).as("the number of a REJECTED version is taken again").isEqualTo(rejected.id());
        assertThat(ledger.history(FormId.OZH, period)).singleElement().extracting(Transmission::status).isEqualTo(Status.BUILT);
        List<Attempt> attempts = ledger.attempts(FormId.OZH, period);
        assertThat(attempts).extracting(Attempt::status).containsExactly(Status.REJECTED, Status.BUILT);
        assertThat(attempts).extracting(Attempt::version).containsOnly(Version.FIRST);
        assertThat(attempts.get(0).findings()).containsExactly(UNSOUND, TOTAL);
        assertThat(attempts.get(0).findings().get(1).values()).containsExactly(
                Map.entry("total", new BigDecimal("62.4")), Map.entry("sum", new BigDecimal("62.5")));
        assertThat(attempts.get(1).findings()).containsExactly(WARN);
        assertThat(ledger.findings(built)).as("the version's findings are its latest build's").containsExactly(WARN);
        assertThat(db.queryForList("SELECT event FROM transmission_event WHERE period = ? AND attempt_id IS NOT NULL ORDER BY id",
                String.class, period.toString())).containsExactly("REJECTED", "BUILT");
    }

    @Test
    void aVersionThatIsNotRejectedIsNeverOverwritten() {
        YearMonth period = YearMonth.of(2025, 6);
        ledger.record(built(period, Version.FIRST, List.of()), BY);

        assertThatThrownBy(() -> ledger.record(built(period, Version.FIRST, List.of(WARN)), BY))
                .hasMessageContaining("2-OZh 2025-06 V0001 is already recorded and not REJECTED");

        assertThat(attempts(period)).isEqualTo(1);
        assertThat(events(period)).isEqualTo(1);
    }
}
