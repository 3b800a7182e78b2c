package kz.labour.reporting.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.security.auth.Subject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import kz.labour.reporting.support.CamelStubs;
import kz.labour.reporting.support.Instance;
import kz.labour.reporting.support.TestPostgres;
import kz.labour.reporting.transmission.Job;

/**
 * The service's JMX face as an operator's client sees it: one instance with the schedule and JMX on,
 * reached through an authenticated JMX connector on the loopback interface (like jconsole with
 * remote JMX), so every value crosses a real connection. Forms are built from the June 2025 fixture
 * (other months count zeros); the two delivery channels are replaced by stubs that succeed, except
 * SFTP for 2025-02, which fails.
 */
class OperatorJmxIntegrationTest {

    static final ObjectName APP = name("kz.labour.reporting:type=Reporting,name=labour-reporting");
    static final ObjectName HEALTH = name("org.springframework.boot:type=Endpoint,name=Health");

    @TempDir
    static Path outbox;

    static Instance service;
    static JMXConnectorServer connectorServer;
    static JMXConnector connector;
    static MBeanServerConnection jmx;
    static JdbcTemplate ledger;
    static final AtomicInteger channelSends = new AtomicInteger();

    @BeforeAll
    static void startServiceAndConnectAsOperator() throws Exception {
        CamelStubs stubs = new CamelStubs()
                .stub("direct:deliver-sftp", exchange -> {
                    channelSends.incrementAndGet();
                    Job job = exchange.getProperty("job", Job.class);
                    if (job.period().toString().equals("2025-02")) {
                        throw new IOException("connection refused");
                    }
                })
                .stub("direct:deliver-mail", exchange -> channelSends.incrementAndGet())
                .stub("direct:alert", exchange -> { });
        service = Instance.start(TestPostgres.newSource("/fixtures/june-2025.sql"), TestPostgres.newDatabase("pipeline"),
                outbox.toString(), Map.of(
                        "spring.jmx.enabled", "true",
                        "camel.main.jmx-enabled", "true",
                        "reporting.schedule.catch-up-at-startup", "false",
                        "reporting.schedule.instance-id", "jmx-test"), stubs);
        ledger = new JdbcTemplate(service.pipeline());

        // an authenticated connector on loopback only, as the operators' guide sets up remote JMX
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnectorServer.AUTHENTICATOR, (JMXAuthenticator) credentials -> {
            String[] userAndPassword = (String[]) credentials;
            if (!"operator".equals(userAndPassword[0]) || !"secret".equals(userAndPassword[1])) {
                throw new SecurityException("bad credentials");
            }
            return new Subject(true, Set.of(new JMXPrincipal("operator")), Set.of(), Set.of());
        });
        env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE,
                (java.rmi.server.RMIServerSocketFactory) port -> new ServerSocket(port, 0, InetAddress.getLoopbackAddress()));
        connectorServer = JMXConnectorServerFactory.newJMXConnectorServer(new JMXServiceURL("service:jmx:rmi://127.0.0.1"),
                env, ManagementFactory.getPlatformMBeanServer());
        connectorServer.start();
        connector = JMXConnectorFactory.connect(connectorServer.getAddress(),
                Map.of(JMXConnector.CREDENTIALS, new String[] {"operator", "secret"}));
        jmx = connector.getMBeanServerConnection();
    }

    @AfterAll
    static void disconnectAndStop() throws Exception {
        if (connector != null) {
            connector.close();
        }
        if (connectorServer != null) {
            connectorServer.stop();
        }
        if (service != null) {
            service.close();
        }
        System.clearProperty("java.rmi.server.hostname");
    }

    static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String invoke(String operation, Object... args) throws Exception {
        String[] signature = Arrays.stream(args).map(a -> a instanceof Boolean ? "boolean" : String.class.getName())
                .toArray(String[]::new);
        return (String) jmx.invoke(APP, operation, args, signature);
    }

    /** The operation's failure as the client sees it: the IllegalArgumentException inside JMX's wrapper. */
    static Throwable badInput(String operation, Object... args) {
        Throwable thrown = catchThrowable(() -> invoke(operation, args));
        assertThat(thrown).as(operation + " must refuse " + Arrays.toString(args)).isNotNull();
        Throwable t = thrown;
        while (t != null && !(t instanceof IllegalArgumentException)) {
            t = t.getCause();
        }
        assertThat(t).as("an IllegalArgumentException within " + thrown).isNotNull();
        return t;
    }

    int rows(String period) {
        return ledger.queryForObject("SELECT count(*) FROM transmission WHERE period = ?", Integer.class, period);
    }

    // ---- Camel and health over JMX -----------------------------------------------------------

    @Test
    void everyRouteHasItsMBeanUnderTheContextNameLabourReporting() throws Exception {
        Set<ObjectName> routes = jmx.queryNames(new ObjectName("org.apache.camel:context=labour-reporting,type=routes,*"), null);
        assertThat(routes).extracting(n -> ObjectName.unquote(n.getKeyProperty("name"))).contains(
                "transmit", "transmit-form", "build-form", "deliver", "monthly-trigger", "catch-up-trigger",
                "startup-catch-up", "scheduled-transmit", "deadline-check", "deadline");
        ObjectName transmit = new ObjectName("org.apache.camel:context=labour-reporting,type=routes,name=\"transmit\"");
        assertThat(jmx.getAttribute(transmit, "State")).isEqualTo("Started");
        ObjectName monthly = new ObjectName("org.apache.camel:context=labour-reporting,type=routes,name=\"monthly-trigger\"");
        assertThat(jmx.getAttribute(monthly, "State")).isEqualTo("Started");
        assertThat(jmx.getAttribute(monthly, "EndpointUri").toString()).startsWith("quartz://labour-reporting/monthly-trigger");
    }

    @Test
    void connectionPoolsAndTheirPasswordSettersAreNotPublished() throws Exception {
        assertThat(jmx.queryNames(new ObjectName("com.zaxxer.hikari:*"), null)).isEmpty();
        assertThat(jmx.queryNames(null, null)).noneMatch(n -> n.getKeyPropertyList().containsValue("HikariDataSource")
                || n.getKeyPropertyList().containsValue("sourceDataSource") || n.getKeyPropertyList().containsValue("pipelineDataSource"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthWithTheDeadlineAndCamelComponentsIsReadableOverJmx() throws Exception {
        Map<String, Object> health = (Map<String, Object>) jmx.invoke(HEALTH, "health", new Object[0], new String[0]);
        assertThat(health).containsKey("status");
        Map<String, Object> components = (Map<String, Object>) health.get("components");
        assertThat(components).containsKeys("deadline", "camelHealth");
        Map<String, Object> deadline = (Map<String, Object>) components.get("deadline");
        assertThat(deadline).containsKey("status").containsKey("details");
    }

    // ---- operations ----------------------------------------------------------------------------

    @Test
    void transmitDeliversOnceInTheCallersNameThenSaysItIsAlreadyDelivered() throws Exception {
        String first = invoke("transmit", "2025-05", "2-OZh", false);
        assertThat(first).contains("2-OZh", "2025-05", "V0001 N", "DELIVERED", "2-OZh_2025-05_V0001_N.xlsx")
                .endsWith("exit code 0 (delivered, or already delivered)\n");
        assertThat(ledger.queryForMap("SELECT status, trigger, requested_by FROM transmission WHERE form = '2-OZh' AND period = '2025-05'"))
                .containsEntry("status", "DELIVERED").containsEntry("trigger", "JMX").containsEntry("requested_by", "jmx:operator");

        String again = invoke("transmit", "2025-05", "2-ӨЖ", false);
        assertThat(again).contains("ALREADY_DELIVERED", "already delivered V0001 on").endsWith("exit code 0 (delivered, or already delivered)\n");
        assertThat(rows("2025-05")).isEqualTo(1);
    }

    @Test
    void transmitWithoutAFormDoesBothForms() throws Exception {
        String both = invoke("transmit", "2025-04", "", false);
        assertThat(both).contains("1-MEIZhM", "2-OZh").endsWith("exit code 0 (delivered, or already delivered)\n");
        assertThat(ledger.queryForList("SELECT form FROM transmission WHERE period = '2025-04' ORDER BY form", String.class))
                .containsExactly("1-MEIZhM", "2-OZh");
    }

    @Test
    void forceWithUnchangedNumbersSendsNothing() throws Exception {
        invoke("transmit", "2025-03", "1-MEIZhM", false);
        int sendsBefore = channelSends.get();
        String forced = invoke("transmit", "2025-03", "1-meizhm", true);
        assertThat(forced).contains("UNCHANGED", "numbers unchanged since V0001; nothing sent");
        assertThat(channelSends.get()).isEqualTo(sendsBefore);
        assertThat(rows("2025-03")).isEqualTo(1);
    }

    @Test
    void resendSendsTheDeliveredVersionAgainAsAnotherDelivery() throws Exception {
        invoke("transmit", "2025-01", "2-OZh", false);
        String resent = invoke("resend", "2025-01", "2-OZh");
        assertThat(resent).contains("V0001 N", "DELIVERED", "sent again as 2-OZh_2025-01_V0001_N.xlsx");
        assertThat(ledger.queryForObject("SELECT deliveries FROM transmission WHERE form = '2-OZh' AND period = '2025-01'", Integer.class))
                .isEqualTo(2);
    }

    @Test
    void resendOfAFormNeverDeliveredIsRefusedWithTheCliMessage() throws Exception {
        String refused = invoke("resend", "2024-12", "2-OZh");
        assertThat(refused).contains("BAD_INPUT", "--resend: 2-ӨЖ 2024-12 has no delivered version to send again; run transmit without a flag")
                .endsWith("exit code 2 (bad input, nothing sent)\n");
        assertThat(rows("2024-12")).isZero();
    }

    @Test
    void failedDeliveryIsReportedWithExitCodeFourAndShownAsTheFormsLastFailure() throws Exception {
        String failed = invoke("transmit", "2025-02", "1-MEIZhM", false);
        // the wording of the cause is the delivery routes' (they may name the server); the stub's is "connection refused"
        assertThat(failed).contains("FAILED", "SFTP: ", "connection refused").endsWith(
                "exit code 4 (delivery failed after retries, recorded as FAILED, files kept in the outbox)\n");
        assertThat((String) jmx.getAttribute(APP, "MEIZhM_LastFailure"))
                .startsWith("2025-02 V0001 FAILED at ").contains(": SFTP: ").endsWith("connection refused");
    }

    @Test
    void badPeriodsAndFormsAreRefusedWithTheCliMessagesAndSendNothing() throws Exception {
        int sendsBefore = channelSends.get();
        int rowsBefore = ledger.queryForObject("SELECT count(*) FROM transmission", Integer.class);

        assertThat(badInput("transmit", "2025-13", "2-OZh", false))
                .hasMessage("--period: '2025-13' has month 13; months are 01 to 12");
        assertThat(badInput("transmit", "June", "", false))
                .hasMessageStartingWith("--period: 'June' is not in the form YYYY-MM");
        assertThat(badInput("transmit", "2025-07", "", false)).as("July has not ended on 2025-07-15 in Almaty")
                .hasMessage("--period: 2025-07 has not ended yet in Asia/Almaty; the latest period that can be reported is 2025-06");
        assertThat(badInput("transmit", "2015-12", null, true))
                .hasMessage("--period: 2015-12 is before the earliest period 2016-01 (REPORTING_EARLIEST_PERIOD)");
        assertThat(badInput("transmit", "", "", false)).hasMessageStartingWith("--period: missing");
        assertThat(badInput("transmit", "2025-06", "3-XYZ", false))
                .hasMessage("--form: unknown form '3-XYZ'; accepted: 1-MEIZhM (1-МЕИЖМ), 2-OZh (2-ӨЖ), in any case");
        assertThat(badInput("resend", "2025-06..2025-05", "2-OZh"))
                .hasMessageStartingWith("--period: range '2025-06..2025-05' ends before it starts");
        assertThat(badInput("status", "May")).hasMessage("--period: 'May' is not a month; accepted: YYYY-MM");

        assertThat(channelSends.get()).as("nothing sent").isEqualTo(sendsBefore);
        assertThat(ledger.queryForObject("SELECT count(*) FROM transmission", Integer.class)).as("nothing recorded")
                .isEqualTo(rowsBefore);
    }

    @Test
    void statusPrintsTheLedgerTableLikeTheCli() throws Exception {
        invoke("transmit", "2025-06", "2-OZh", false);
        String june = invoke("status", "2025-06");
        assertThat(june).startsWith("FORM      PERIOD  VER   ACT STATUS     SFTP    MAIL    AS-OF");
        assertThat(june.lines().filter(l -> l.startsWith("2-OZh")).findFirst().orElseThrow())
                .contains("2025-06", "V0001", "DELIVERED", "DONE", "JMX", "jmx:operator");
        assertThat(invoke("status", "2016-01")).contains("(nothing recorded for 2016-01)");
        assertThat(invoke("status", "")).contains("2025-06");
    }

    @Test
    void explainTracesACellToItsRowsLikeTheCli() throws Exception {
        // Almaty city, 2-ӨЖ column 8 (fatal): victim 10 of accident 6
        String json = invoke("explain", "2025-06", "2-ӨЖ", "750000000:8", "", "", true);
        assertThat(json).contains("\"form\" : \"2-OZh\"").contains("\"accidentId\" : 6").contains("\"sum\" : 1");
        String table = invoke("explain", "2025-06", "1-MEIZhM", "000000000:2", "2025-07-01T06:00", "", false);
        assertThat(table).contains("REGION CODE").contains("sum of the 20 regions as printed: 4 = the cell");
        assertThat(badInput("explain", "2025-06", "2-OZh", "350000000:9", "", "", false))
                .hasMessageStartingWith("--cell: 2-OZh has no numeric column 9");
        assertThat(badInput("explain", "2025-06", "2-OZh", "350000000:2", "", "V0042", false))
                .hasMessageStartingWith("--version: 2-OZh 2025-06 has no V0042");
    }

    @Test
    void formStatusListsEachBuildOfOneFormAndPeriodWithItsFindings() throws Exception {
        invoke("transmit", "2024-11", "1-MEIZhM", false);

        String detail = invoke("formStatus", "2024-11", "1-МЕИЖМ");

        assertThat(detail).startsWith("1-MEIZhM (1-МЕИЖМ) 2024-11\n")
                .contains("V0001 N DELIVERED, SFTP DONE, MAIL DONE, deliveries 1", "build 1 at ", "V0001 N BUILT", "by JMX jmx:operator")
                .doesNotContain("build 2");
        assertThat(badInput("formStatus", "2024-11", "3-XYZ")).hasMessageStartingWith("--form: unknown form '3-XYZ'");
        assertThat(badInput("formStatus", "", "2-OZh")).hasMessageStartingWith("--period: missing");
    }

    // ---- attributes ------------------------------------------------------------------------------

    @Test
    void attributesShowLastDeliveryOverduePeriodsAndTheNextRunPerForm() throws Exception {
        invoke("transmit", "2025-06", "1-MEIZhM", false);
        // 2024-10 was never delivered; its deadline, 3 November 2024, has passed
        service.producer().sendBodyAndHeader("direct:deadline", null, "scheduledFireTime",
                Date.from(OffsetDateTime.parse("2024-11-03T23:59:59+05:00").toInstant()));

        assertThat(jmx.getAttribute(APP, "MEIZhM_LastDeliveredPeriod")).isEqualTo("2025-06");
        assertThat(jmx.getAttribute(APP, "MEIZhM_LastDeliveredVersion")).isEqualTo(1);
        assertThat((String[]) jmx.getAttribute(APP, "MEIZhM_OverduePeriods")).containsExactly("2024-10");
        assertThat((String[]) jmx.getAttribute(APP, "OZh_OverduePeriods")).containsExactly("2024-10");
        assertThat((String[]) jmx.getAttribute(APP, "Overdue")).containsExactly("1-MEIZhM 2024-10", "2-OZh 2024-10");

        String nextMonthly = (String) jmx.getAttribute(APP, "NextMonthlyRun");
        assertThat(nextMonthly).as("06:00 on a 1st, Almaty").matches("\\d{4}-\\d{2}-01T06:00:00\\+05:00");
        assertThat(jmx.getAttribute(APP, "MEIZhM_NextFireTime")).isEqualTo(nextMonthly);
        assertThat((String) jmx.getAttribute(APP, "OZh_NextFireTime")).isNotEmpty();
        // the catch-up's first fires of a month, before the monthly run, do nothing: the next one that acts
        assertThat((String) jmx.getAttribute(APP, "NextCatchUp")).matches("\\d{4}-\\d{2}-(01T(0[6-9]|1\\d|2[0-3])|0[23]T\\d{2}):00:00\\+05:00");
        assertThat((String) jmx.getAttribute(APP, "NextDeadlineCheck")).matches("\\d{4}-\\d{2}-03T23:59:59\\+05:00");
        assertThat(jmx.getAttribute(APP, "ScheduleEnabled")).isEqualTo(true);
        assertThat(jmx.getAttribute(APP, "SchedulerInstanceId")).isEqualTo("jmx-test");
    }

    @Test
    void operationsNameTheirParametersForJmxClients() throws Exception {
        Map<String, List<String>> operations = new HashMap<>();
        for (MBeanOperationInfo op : jmx.getMBeanInfo(APP).getOperations()) {
            operations.put(op.getName(), Arrays.stream(op.getSignature()).map(MBeanParameterInfo::getName).toList());
        }
        assertThat(operations).containsEntry("transmit", List.of("period", "form", "force"))
                .containsEntry("resend", List.of("period", "form"))
                .containsEntry("status", List.of("period"))
                .containsEntry("explain", List.of("period", "form", "cell", "asOf", "version", "json"))
                .containsEntry("formStatus", List.of("period", "form"));
        assertThat(Arrays.stream(jmx.getMBeanInfo(APP).getAttributes()).map(MBeanAttributeInfo::getName))
                .contains("MEIZhM_LastDeliveredPeriod", "MEIZhM_LastDeliveredVersion", "MEIZhM_OverduePeriods",
                        "MEIZhM_NextFireTime", "MEIZhM_LastFailure", "OZh_LastDeliveredPeriod", "OZh_LastDeliveredVersion",
                        "OZh_OverduePeriods", "OZh_NextFireTime", "OZh_LastFailure", "Overdue", "NextMonthlyRun",
                        "NextCatchUp", "NextDeadlineCheck", "ScheduleEnabled", "SchedulerInstanceId");
    }
}
