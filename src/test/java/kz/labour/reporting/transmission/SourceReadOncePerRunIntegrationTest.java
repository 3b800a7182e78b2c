package kz.labour.reporting.transmission;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import kz.labour.reporting.ledger.Origin;
import kz.labour.reporting.support.PipelineTest;
import kz.labour.reporting.support.TestPostgres;

/**
 * A first run on a new deployment (nothing delivered, so the quality checks' history is built from
 * the source) reads each form's period from the source once, however many forms and months of the run
 * need it, and the months of history it needs at once in one statement: a 12-month backfill of both
 * forms, counted at the source's JDBC statements.
 * <p>
 * By hand: the run builds 2024-07..2025-06, each month 1-МЕИЖМ then 2-ӨЖ. Each month's plausibility
 * reads its form's 36 months before, and its cross-form rule the other form's 2 months before and the
 * month itself; the months a read finds unread are read together, in one history statement when
 * there are several, with the month's own aggregation when there is one.
 * <ul>
 * <li>1-МЕИЖМ 2024-07: its aggregation (1); its history 2021-07..2024-06 (1 history statement); the
 *     cross-form rule's 2-ӨЖ 2024-05..2024-07 (1 history statement).</li>
 * <li>2-ӨЖ 2024-07: its aggregation is the run's already; its history 2021-07..2024-06 lacks
 *     2021-07..2024-04 (1 history statement); 1-МЕИЖМ 2024-05..2024-07 is read.</li>
 * <li>each later month, 2024-08..2025-06 (11): 1-МЕИЖМ's aggregation (1), its history is read, its
 *     cross-form rule lacks 2-ӨЖ of the month alone (1 aggregation); 2-ӨЖ then reads nothing.</li>
 * </ul>
 * So 1-МЕИЖМ: 12 aggregations and 1 history statement; 2-ӨЖ: 11 aggregations and 2 history
 * statements; 26 statements in all. Read one period per statement, the same run ran 96 (each form's
 * 2021-07..2025-06); without sharing them in the run, 960.
 */
@PipelineTest
@DirtiesContext
@Import(SourceReadOncePerRunIntegrationTest.CountingSource.class)
class SourceReadOncePerRunIntegrationTest {

    @TempDir
    static Path outbox;

    static String source = TestPostgres.newSource("/fixtures/june-2025.sql");
    static String pipeline = TestPostgres.newDatabase("pipeline");

    /** Each aggregation or history statement run on the source: the form's marker and its parameters. */
    static final List<String> AGGREGATIONS = Collections.synchronizedList(new ArrayList<>());

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        registry.add("source.datasource.url", () -> source);
        registry.add("pipeline.datasource.url", () -> pipeline);
        registry.add("reporting.outbox", () -> outbox.toString());
        registry.add("reporting.accumulation", () -> "MONTH");
    }

    @Autowired
    TransmissionService transmissions;

    @Test
    void aTwelveMonthBackfillOnAnEmptyPipelineDatabaseReadsEachFormsPeriodFromTheSourceOnceAndItsHistoryInOneStatement() {
        AGGREGATIONS.clear();

        Summary summary = transmissions.transmit(new TransmitRequest("2024-07..2025-06", null, "2025-07-01T06:00:00+05:00",
                Mode.DRY_RUN, Origin.CLI, "test"));

        assertThat(summary.jobs()).hasSize(24);
        assertThat(AGGREGATIONS).as("aggregations read twice").doesNotHaveDuplicates();
        assertThat(AGGREGATIONS.stream().filter(a -> a.startsWith("1-MEIZhM {"))).hasSize(12);
        assertThat(AGGREGATIONS.stream().filter(a -> a.startsWith("2-OZh {"))).hasSize(11);
        // the history statements' ranges: from (parameter 1), until (parameter 2)
        assertThat(AGGREGATIONS.stream().filter(a -> a.startsWith("1-MEIZhM history")).map(a -> a.substring(0, a.indexOf(", 3="))))
                .containsExactly("1-MEIZhM history {1=2021-07-01, 2=2024-07-01");
        assertThat(AGGREGATIONS.stream().filter(a -> a.startsWith("2-OZh history")).map(a -> a.substring(0, a.indexOf(", 3="))))
                .containsExactlyInAnyOrder("2-OZh history {1=2024-05-01, 2=2024-08-01", "2-OZh history {1=2021-07-01, 2=2024-05-01");
        assertThat(AGGREGATIONS).hasSize(26);
    }

    /** Wraps the source's pool so every aggregation statement executed on it is written down. */
    @TestConfiguration
    static class CountingSource {
        @Bean
        static BeanPostProcessor countAggregations() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return "sourceDataSource".equals(name) ? proxy(DataSource.class, bean, (target, m, args) -> {
                        Object result = m.invoke(target, args);
                        return m.getName().equals("getConnection") ? proxy(Connection.class, result, connection(result)) : result;
                    }, AutoCloseable.class) : bean;
                }
            };
        }

        static Handler connection(Object connection) {
            return (target, m, args) -> {
                Object result = m.invoke(target, args);
                if (m.getName().equals("prepareStatement") && args[0] instanceof String sql) {
                    String form = sql.contains("-- 1-МЕИЖМ, work of state labour inspectors") ? "1-MEIZhM"
                            : sql.contains("-- 2-ӨЖ, state of industrial injuries") ? "2-OZh"
                            : sql.contains("-- 1-МЕИЖМ over a range of months") ? "1-MEIZhM history"
                            : sql.contains("-- 2-ӨЖ over a range of months") ? "2-OZh history" : null;
                    if (form != null) {
                        return proxy(PreparedStatement.class, result, statement(form));
                    }
                }
                return result;
            };
        }

        static Handler statement(String form) {
            Map<Integer, String> parameters = new TreeMap<>();
            return (target, m, args) -> {
                if (m.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer i) {
                    parameters.put(i, String.valueOf(args[1]));
                }
                if (m.getName().startsWith("execute")) {
                    AGGREGATIONS.add(form + " " + parameters);
                }
                return m.invoke(target, args);
            };
        }

        interface Handler {
            Object handle(Object target, Method method, Object[] args) throws Throwable;
        }

        static Object proxy(Class<?> type, Object target, Handler handler, Class<?>... more) {
            List<Class<?>> interfaces = new ArrayList<>(List.of(type));
            interfaces.addAll(List.of(more));
            InvocationHandler h = (p, m, args) -> {
                try {
                    return handler.handle(target, m, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return Proxy.newProxyInstance(CountingSource.class.getClassLoader(), interfaces.toArray(Class<?>[]::new), h);
        }
    }
}
