package kz.labour.reporting.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.FormId;

class SqlLibraryTest {

    final SqlLibrary sql = new SqlLibrary();

    @Test
    void formStatementsTakeInTheirFormsRowsFragment() {
        for (FormId form : FormId.values()) {
            for (String statement : new String[] {sql.aggregation(form), sql.sourceChecks(form), sql.explainRows(form),
                    sql.explainRegions(form)}) {
                assertThat(statement).doesNotContainPattern("(?m)^-- include:").contains("counted (relation, id, accident_id, day");
            }
        }
        assertThat(sql.explainRows(FormId.OZH)).contains("LEFT JOIN LATERAL").doesNotContain("inspection_rows");
        assertThat(sql.explainRows(FormId.MEIZHM)).contains("inspection_rows").doesNotContain("accident_victim x");
    }

    @Test
    void explainStatementsUseOnlyTheParametersExplainBinds() {
        for (FormId form : FormId.values()) {
            assertThat(SqlLibrary.EXPLAIN_PARAMETERS).containsAll(NamedParameters.parse(sql.explainRows(form)).names());
            assertThat(NamedParameters.parse(sql.explainRows(form)).names()).contains("region", "column");
            assertThat(SqlLibrary.EXPLAIN_PARAMETERS).containsAll(NamedParameters.parse(sql.explainRegions(form)).names());
        }
    }

    @Test
    void includeOfAMissingFragmentNamesIt() {
        assertThatThrownBy(() -> SqlLibrary.compose(FormId.OZH, "x.sql", "WITH\n-- include: {form}-nothing.sql\nSELECT 1", 0))
                .hasMessage("sql/2-OZh-nothing.sql is missing from the classpath");
    }
}
