package kz.labour.reporting.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.FormId;
import kz.labour.reporting.source.SqlLibrary;
import kz.labour.reporting.support.FormSql;
import kz.labour.reporting.support.TestPostgres;

/**
 * One cell is one key range of one covering index: explain's statement runs only the branch of the
 * rows fragment that feeds the cell's column, and reads it through the date index (the region's
 * condition filters that range's entries). The plans are asked of a real PostgreSQL.
 */
class ExplainPlanIntegrationTest {

    static final DataSource SOURCE = TestPostgres.dataSource(TestPostgres.newSource("/fixtures/june-2025.sql"));
    static final SqlLibrary SQL = new SqlLibrary();

    @Test
    void aRegionsCellReadsOnlyItsColumnsIndex() throws SQLException {
        // 1-MEIZhM column 5: violations by detected_on
        String plan = plan(SQL.explainRows(FormId.MEIZHM), 5);
        assertThat(executedScans(plan)).containsExactly("violation_detected_on");
        // 2-OZh column 4: victims, through their accidents
        assertThat(executedScans(plan(SQL.explainRows(FormId.OZH), 4)))
                .containsExactlyInAnyOrder("accident_occurred_on", "accident_victim_accident_id");
    }

    @Test
    void theTotalRowsColumnReadsOnlyItsColumnsIndex() throws SQLException {
        assertThat(executedScans(plan(SQL.explainRegions(FormId.MEIZHM), 9))).containsExactly("fine_imposed_on");
    }

    static String plan(String statement, int column) throws SQLException {
        Map<String, Object> parameters = FormSql.monthly(YearMonth.of(2025, 6), OffsetDateTime.parse("2025-07-01T06:00:00+05:00"));
        parameters.put("column", column);
        parameters.put("region", "35");
        try (Connection c = SOURCE.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
            s.execute("SET enable_seqscan = off");
            String plan = FormSql.plan(c, statement, "ANALYZE, COSTS OFF, TIMING OFF", parameters);
            assertThat(plan).doesNotContain("Seq Scan");
            return plan;
        }
    }

    /** The indexes of the scans that ran (a branch the cell does not need is never executed). */
    static List<String> executedScans(String plan) {
        return plan.lines().filter(l -> l.matches(".*(Index Only Scan|Index Scan) using \\S+ on .*") && !l.contains("never executed"))
                .map(l -> l.replaceAll(".*using (\\S+) on .*", "$1")).distinct().toList();
    }
}
