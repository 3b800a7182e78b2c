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
    void namedParametersAreReadInOrderAndCastsAndSpacedSlicesAreNot() {
        assertThat(SqlLibrary.parameterNames("SELECT CAST(:from AS date), :as_of, :from::text, (a)[1 : 50] -- :no"))
                .containsExactly("from", "as_of", "from");
    }

    @Test
    void everyStatementUsesOnlyParametersTheRouteBinds() {
        for (FormId form : FormId.values()) {
            assertThat(SqlLibrary.PARAMETERS).containsAll(SqlLibrary.parameterNames(sql.aggregation(form)))
                    .containsAll(SqlLibrary.parameterNames(sql.sourceChecks(form)));
            assertThat(SqlLibrary.parameterNames(sql.aggregation(form))).contains("from", "until", "as_of", "regions", "zone");
        }
    }

    @Test
    void explainStatementsUseOnlyTheParametersExplainBinds() {
        for (FormId form : FormId.values()) {
            assertThat(SqlLibrary.EXPLAIN_PARAMETERS).containsAll(SqlLibrary.parameterNames(sql.explainRows(form)));
            assertThat(SqlLibrary.parameterNames(sql.explainRows(form))).contains("region", "column");
            assertThat(SqlLibrary.EXPLAIN_PARAMETERS).containsAll(SqlLibrary.parameterNames(sql.explainRegions(form)));
        }
    }

    @Test
    void statementWithAnUnboundParameterIsRefusedNamingIt() {
        assertThatThrownBy(() -> SqlLibrary.checked("x.sql", "SELECT CAST(:period AS text), :from"))
                .hasMessage("sql/x.sql uses parameter(s) [period] that nothing binds; accepted: [as_of, from, regions, until, zone]");
        // an unspaced array slice reads as a parameter, and is refused before it reaches the database
        assertThatThrownBy(() -> SqlLibrary.checked("x.sql", "SELECT (a)[1:50], :from"))
                .hasMessageStartingWith("sql/x.sql uses parameter(s) [50]");
    }

    @Test
    void includeOfAMissingFragmentNamesIt() {
        assertThatThrownBy(() -> SqlLibrary.compose(FormId.OZH, "x.sql", "WITH\n-- include: {form}-nothing.sql\nSELECT 1", 0))
                .hasMessage("sql/2-OZh-nothing.sql is missing from the classpath");
    }
}
