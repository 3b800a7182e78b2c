package kz.labour.reporting.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import kz.labour.reporting.support.TestPostgres;

/**
 * A ledger written before builds were kept one by one (schema version 3) is carried over by
 * migration 3.1: each row's build becomes its one attempt, its findings column becomes finding rows
 * field by field, and the build's event names the attempt.
 */
class LedgerMigrationIntegrationTest {

    @Test
    void eachRowOfAnOlderLedgerBecomesOneAttemptWithItsFindingsAsRows() {
        DataSource ds = TestPostgres.dataSource(TestPostgres.newDatabase("pipeline"));
        Flyway.configure().dataSource(ds).locations("classpath:db/pipeline").target("3").load().migrate();
        JdbcTemplate db = new JdbcTemplate(ds);
        db.update("""
                INSERT INTO transmission (form, period, version, action, accumulation, as_of, content_hash, files, findings,
                                          status, sftp_status, mail_status, deliveries, trigger, requested_by)
                VALUES ('1-MEIZhM', '2025-06', 1, 'N', 'MONTH', '2025-07-01T06:00:00+05:00', repeat('a', 64), '[]',
                        '[{"rule": "c16<=c15", "severity": "WARN", "where": "row 100000000 Абай облысы",
                           "message": "more criminal cases opened (c15=0, c16=1)", "kato": "100000000", "column": null,
                           "values": {"c15": 0, "c16": 1}, "relation": null, "ids": []}]',
                        'DELIVERED', 'DONE', 'DONE', 1, 'CLI', 'alice@host'),
                       ('2-OZh', '2025-06', 1, 'N', 'MONTH', '2025-07-01T06:00:00+05:00', NULL, '[]',
                        '[{"rule": "source: accident without victims", "severity": "ERROR", "where": "accident id 201",
                           "message": "1 row: accident without victims"}]',
                        'REJECTED', 'PENDING', 'PENDING', 0, 'SCHEDULE', 'schedule:monthly-trigger@a')
                """);
        db.update("""
                INSERT INTO transmission_event (transmission_id, form, period, event, detail, trigger, requested_by)
                SELECT id, form, period, CASE status WHEN 'REJECTED' THEN 'REJECTED' ELSE 'BUILT' END, NULL, trigger,
                       requested_by FROM transmission ORDER BY id
                """);

        Flyway.configure().dataSource(ds).locations("classpath:db/pipeline").load().migrate();

        assertThat(db.queryForList("SELECT t.form, a.status, a.trigger, a.requested_by FROM build_attempt a "
                + "JOIN transmission t ON t.id = a.transmission_id ORDER BY t.form")).containsExactly(
                Map.of("form", "1-MEIZhM", "status", "BUILT", "trigger", "CLI", "requested_by", "alice@host"),
                Map.of("form", "2-OZh", "status", "REJECTED", "trigger", "SCHEDULE", "requested_by", "schedule:monthly-trigger@a"));
        List<Map<String, Object>> findings = db.queryForList("""
                SELECT t.form, f.rule, f.severity, f.location, f.kato, f.column_number, f.relation,
                       array_to_string(f.value_names, ',') AS names, array_to_string(f.value_numbers, ',') AS numbers
                  FROM finding f JOIN build_attempt a ON a.id = f.attempt_id JOIN transmission t ON t.id = a.transmission_id
                 ORDER BY t.form
                """);
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0)).containsEntry("rule", "c16<=c15").containsEntry("severity", "WARN")
                .containsEntry("location", "row 100000000 Абай облысы").containsEntry("kato", "100000000")
                .containsEntry("column_number", null).containsEntry("names", "c15,c16").containsEntry("numbers", "0,1");
        assertThat(findings.get(1)).containsEntry("rule", "source: accident without victims").containsEntry("severity", "ERROR")
                .containsEntry("kato", null).containsEntry("relation", null).containsEntry("names", "");
        assertThat(db.queryForObject("SELECT count(*) FROM transmission_event WHERE attempt_id IS NOT NULL", Integer.class))
                .isEqualTo(2);
        assertThat(db.queryForList("SELECT column_name FROM information_schema.columns WHERE table_name = 'transmission'",
                String.class)).doesNotContain("findings");
    }
}
