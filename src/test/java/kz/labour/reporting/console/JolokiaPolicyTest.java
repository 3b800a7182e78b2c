package kz.labour.reporting.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

/** Who may reach which MBean over Jolokia, decided without a JVM's MBeans or a web server. */
class JolokiaPolicyTest {

    static final String APP = "kz.labour.reporting:type=Reporting,name=labour-reporting";
    static final JolokiaPolicy POLICY = new JolokiaPolicy("labour-reporting", APP);

    static final Set<ConsoleRole> MONITOR = EnumSet.of(ConsoleRole.MONITOR);
    static final Set<ConsoleRole> OPERATOR = EnumSet.of(ConsoleRole.MONITOR, ConsoleRole.OPERATOR);
    static final Set<ConsoleRole> NOBODY = EnumSet.noneOf(ConsoleRole.class);

    static final ObjectName CONTEXT = name("org.apache.camel:context=labour-reporting,type=context,name=\"labour-reporting\"");
    static final ObjectName ROUTE = name("org.apache.camel:context=labour-reporting,type=routes,name=\"transmit\"");
    static final ObjectName APPLICATION = name(APP);
    static final ObjectName HEALTH = name("org.springframework.boot:type=Endpoint,name=Health");

    static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void onlyTheCamelContextTheApplicationAndHealthAreReachable() {
        assertThat(POLICY.reachable(CONTEXT)).isTrue();
        assertThat(POLICY.reachable(ROUTE)).isTrue();
        assertThat(POLICY.reachable(name("org.apache.camel:context=\"labour-reporting\",type=endpoints,name=\"direct://transmit\""))).isTrue();
        assertThat(POLICY.reachable(APPLICATION)).isTrue();
        assertThat(POLICY.reachable(HEALTH)).isTrue();
        for (String other : new String[] {"java.lang:type=Memory", "java.lang:type=Runtime", "com.sun.management:type=HotSpotDiagnostic",
                "jdk.management.jfr:type=FlightRecorder", "java.util.logging:type=Logging", "ch.qos.logback.classic:Name=default,Type=x",
                "JMImplementation:type=MBeanServerDelegate", "jolokia:type=Config", "hawtio:type=security,name=RBACRegistry",
                "org.apache.camel:context=another,type=context,name=\"another\"", "org.springframework.boot:type=Endpoint,name=Env",
                "kz.labour.reporting:type=Reporting,name=other"}) {
            assertThat(POLICY.reachable(name(other))).as(other).isFalse();
        }
        assertThat(POLICY.reachable(name("org.apache.camel:context=labour-reporting,*"))).as("a pattern is no MBean").isFalse();
    }

    @Test
    void aMonitorReadsTheReachableMBeansAndNothingElse() {
        assertThat(POLICY.mayRead(MONITOR, ROUTE)).isTrue();
        assertThat(POLICY.mayRead(MONITOR, APPLICATION)).isTrue();
        assertThat(POLICY.mayRead(MONITOR, name("java.lang:type=Memory"))).isFalse();
        assertThat(POLICY.mayRead(OPERATOR, name("java.lang:type=Memory"))).isFalse();
        assertThat(POLICY.mayRead(NOBODY, ROUTE)).as("not logged in").isFalse();
    }

    @Test
    void aMonitorCallsHealthAndTheRoutesViewsButNoApplicationOperation() {
        assertThat(POLICY.mayExec(MONITOR, true, HEALTH, "health")).isTrue();
        assertThat(POLICY.mayExec(MONITOR, true, CONTEXT, "dumpRoutesAsXml()")).isTrue();
        assertThat(POLICY.mayExec(MONITOR, true, CONTEXT, "dumpRoutesStatsAsXml")).isTrue();
        assertThat(POLICY.mayExec(MONITOR, true, ROUTE, "dumpRouteStatsAsXml(boolean,boolean)")).isTrue();
        for (String op : new String[] {"transmit", "transmit(java.lang.String,java.lang.String,boolean)", "resend", "status",
                "status(java.lang.String)", "getOverdue"}) {
            assertThat(POLICY.mayExec(MONITOR, true, APPLICATION, op)).as(op).isFalse();
        }
        assertThat(POLICY.mayExec(MONITOR, true, ROUTE, "stop")).isFalse();
        assertThat(POLICY.mayExec(MONITOR, true, ROUTE, "start()")).isFalse();
    }

    @Test
    void routeSourceIsShownOnlyWithPlaceholdersUnresolvedSoNoSecretIsPrinted() {
        assertThat(POLICY.mayExec(MONITOR, true, CONTEXT, "dumpRoutesAsXml(boolean)")).isFalse();
        assertThat(POLICY.mayExec(MONITOR, true, CONTEXT, "dumpRoutesAsXml(boolean,boolean)")).isFalse();
        assertThat(POLICY.mayExec(OPERATOR, true, CONTEXT, "dumpRoutesAsXml")).as("no signature: Jolokia may pick one with arguments").isFalse();
        assertThat(POLICY.mayExec(MONITOR, true, ROUTE, "dumpRouteAsXml()")).isTrue();
    }

    @Test
    void anOperatorRunsTheApplicationsOperationsAndStartsOrStopsRoutes() {
        assertThat(POLICY.mayExec(OPERATOR, true, APPLICATION, "transmit(java.lang.String,java.lang.String,boolean)")).isTrue();
        assertThat(POLICY.mayExec(OPERATOR, true, APPLICATION, "status")).isTrue();
        assertThat(POLICY.mayExec(OPERATOR, true, APPLICATION, "resend")).isTrue();
        assertThat(POLICY.mayExec(OPERATOR, true, ROUTE, "stop")).isTrue();
        assertThat(POLICY.mayExec(OPERATOR, true, ROUTE, "start()")).isTrue();
    }

    @Test
    void nobodyRunsAnythingElseNorTheContextsNorTheJvmsOperations() {
        for (Set<ConsoleRole> roles : java.util.List.of(MONITOR, OPERATOR)) {
            assertThat(POLICY.mayExec(roles, true, CONTEXT, "stop")).as("the whole context").isFalse();
            assertThat(POLICY.mayExec(roles, true, ROUTE, "remove")).isFalse();
            assertThat(POLICY.mayExec(roles, true, CONTEXT, "sendStringBody(java.lang.String,java.lang.String)")).isFalse();
            assertThat(POLICY.mayExec(roles, true, CONTEXT, "addOrUpdateRoutesFromXml(java.lang.String)")).isFalse();
            assertThat(POLICY.mayExec(roles, true, name("org.apache.camel:context=labour-reporting,type=tracer,name=BacklogTracer"),
                    "dumpAllTracedMessagesAsXml()")).as("message contents").isFalse();
            assertThat(POLICY.mayExec(roles, true, name("com.sun.management:type=HotSpotDiagnostic"), "dumpHeap")).isFalse();
            assertThat(POLICY.mayExec(roles, true, name("com.sun.management:type=DiagnosticCommand"), "vmSystemProperties")).isFalse();
            assertThat(POLICY.mayExec(roles, true, name("JMImplementation:type=MBeanServerDelegate"), "createMBean")).isFalse();
            assertThat(POLICY.mayExec(roles, true, HEALTH, "healthForPath")).isFalse();
        }
        assertThat(POLICY.mayWrite()).isFalse();
    }

    @Test
    void anOperationIsOnlyEverCalledByPost() {
        assertThat(POLICY.mayExec(OPERATOR, false, APPLICATION, "status")).isFalse();
        assertThat(POLICY.mayExec(OPERATOR, false, ROUTE, "stop")).isFalse();
        assertThat(POLICY.mayExec(MONITOR, false, HEALTH, "health")).isFalse();
    }
}
