package kz.labour.reporting.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.form.FormId;

class NamedParametersTest {

    @Test
    void turnsEachNamedParameterIntoAPlaceholderInOrder() {
        NamedParameters p = NamedParameters.parse("SELECT CAST(:?from AS date), :?as_of, :?from::text");
        assertThat(p.jdbcSql()).isEqualTo("SELECT CAST(? AS date), ?, ?::text");
        assertThat(p.names()).containsExactly("from", "as_of", "from");
    }

    @Test
    void everyStatementUsesOnlyParametersTheRouteBinds() {
        SqlLibrary sql = new SqlLibrary();
        for (FormId form : FormId.values()) {
            assertThat(SqlLibrary.PARAMETERS).containsAll(NamedParameters.parse(sql.aggregation(form)).names());
            assertThat(SqlLibrary.PARAMETERS).containsAll(NamedParameters.parse(sql.sourceChecks(form)).names());
        }
    }

    @Test
    void statementWithAnUnboundParameterIsRefusedNamingIt() {
        assertThatThrownBy(() -> SqlLibrary.checked("x.sql", "SELECT CAST(:?period AS text), :?from"))
                .hasMessage("sql/x.sql uses parameter(s) [period] that nothing binds; accepted: [as_of, from, regions, until, zone]");
    }
}
