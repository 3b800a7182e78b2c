package kz.labour.reporting.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.springframework.jdbc.core.JdbcTemplate;

import kz.labour.reporting.ledger.PipelineDatabase;

import kz.labour.reporting.ledger.Trigger;
import kz.labour.reporting.support.CamelStubs;
import kz.labour.reporting.support.CamelStubs.Sent;
import kz.labour.reporting.support.Instance;
import kz.labour.reporting.support.TestPostgres;
import kz.labour.reporting.transmission.Mode;

/**
 * The schedule running for real: Quartz on the clustered JDBC store in a real PostgreSQL, the trigger
 * routes of routes/1-schedule.camel.yaml, and direct:transmit replaced by a recorder (the business flow
 * itself is tested elsewhere). Compressed schedules fire every second.
 */
class ScheduleIntegrationTest {

    static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    static final Duration PATIENCE = Duration.ofSeconds(60);

    static final String SOURCE = TestPostgres.newSource(null);

    @TempDir
    Path outbox;

    Instance start(String pipeline, Map<String, String> settings, CamelStubs stubs) {
        return Instance.start(SOURCE, pipeline, outbox.toString(), settings, stubs);
    }

    static String trigger(Sent sent) {
        String by = sent.request().requestedBy();
        return by.substring("schedule:".length(), by.indexOf('@'));
    }

    static Set<String> triggers(Queue<Sent> sent) {
        return sent.stream().map(ScheduleIntegrationTest::trigger).collect(Collectors.toSet());
    }

    @Test
    void monthlyCatchUpAndStartUpRunsEnterTransmitAsPlainScheduledRequestsForBothForms() throws Exception {
        Queue<Sent> sent = CamelStubs.sentQueue();
        try (Instance instance = start(TestPostgres.newDatabase("pipeline"), Map.of(
                "reporting.schedule.monthly-cron", "* * * * * ?",
                "reporting.schedule.catch-up-cron", "* * * * * ?",
                "reporting.schedule.instance-id", "instance-a"), new CamelStubs().captureTransmit(sent))) {
            // camel-quartz fires from the Spring-managed clustered scheduler, not one of its own
            assertThat(instance.camel().getComponent("quartz", QuartzComponent.class).getScheduler())
                    .isSameAs(instance.bean(Scheduler.class));
            assertThat(instance.bean(Scheduler.class).getMetaData().isJobStoreClustered()).isTrue();
            await().atMost(PATIENCE).until(() -> triggers(sent).containsAll(
                    Set.of("monthly-trigger", "catch-up-trigger", "startup-catch-up")));
        }
        for (Sent s : sent) {
            assertThat(s.request().trigger()).isEqualTo(Trigger.SCHEDULE);
            assertThat(s.request().mode()).isEqualTo(Mode.PLAIN);
            assertThat(s.request().form()).as("both forms").isNull();
            assertThat(s.request().asOf()).as("cut-off: when the run builds").isNull();
            assertThat(s.request().requestedBy()).endsWith("@instance-a");
            if (trigger(s).equals("startup-catch-up")) {
                // no scheduled time at start-up: the application clock, fixed at 2025-07-15
                assertThat(s.request().period()).isEqualTo("2025-06");
            } else {
                // the month before the scheduled fire time, in Almaty
                assertThat(s.scheduledFireTime()).isNotNull();
                assertThat(s.triggerName()).isEqualTo(trigger(s));
                assertThat(s.request().period()).isEqualTo(
                        YearMonth.from(s.scheduledFireTime().toInstant().atZone(ALMATY)).minusMonths(1).toString());
            }
        }
    }

    @Test
    void monthlyRunsMissedWhileEveryInstanceWasDownAreMadeUpOnceEachWithTheirOwnMonth() {
        String pipeline = TestPostgres.newDatabase("pipeline");
        Map<String, String> settings = Map.of("reporting.schedule.catch-up-at-startup", "false");
        try (Instance first = start(pipeline, settings, new CamelStubs())) {
            assertThat(first.bean(Scheduler.class)).isNotNull(); // stores the triggers, then stops
        }
        // As if the service had been deployed in June 2024 and every instance down since November 2024:
        // the monthly trigger is still waiting for its fire of 1 December 2024, 06:00 in Almaty.
        long june2024 = OffsetDateTime.parse("2024-06-15T12:00:00+06:00").toInstant().toEpochMilli();
        long december2024 = OffsetDateTime.parse("2024-12-01T06:00:00+05:00").toInstant().toEpochMilli();
        int updated = new JdbcTemplate(TestPostgres.dataSource(pipeline)).update(
                "UPDATE qrtz_triggers SET start_time = ?, next_fire_time = ? WHERE trigger_name = 'monthly-trigger'",
                june2024, december2024);
        assertThat(updated).isEqualTo(1);

        Queue<Sent> sent = CamelStubs.sentQueue();
        try (Instance second = start(pipeline, settings, new CamelStubs().captureTransmit(sent))) {
            await().atMost(PATIENCE).until(() -> sent.stream().map(s -> s.request().period()).collect(Collectors.toSet())
                    .containsAll(Set.of("2024-11", "2024-12", "2025-01")));
        }
        List<String> periods = sent.stream().map(s -> s.request().period()).sorted().toList();
        assertThat(periods).doesNotHaveDuplicates();
        assertThat(periods).startsWith("2024-11", "2024-12", "2025-01");
        assertThat(sent).allSatisfy(s -> {
            assertThat(trigger(s)).isEqualTo("monthly-trigger");
            // each made-up fire keeps its own scheduled time: 06:00 on the 1st in Almaty
            var local = s.scheduledFireTime().toInstant().atZone(ALMATY);
            assertThat(local.getDayOfMonth()).isEqualTo(1);
            assertThat(local.getHour()).isEqualTo(6);
            assertThat(s.request().period()).isEqualTo(YearMonth.from(local).minusMonths(1).toString());
        });
    }

    @Test
    void eachFireOfATriggerHappensOnExactlyOneOfTwoInstances() {
        String pipeline = TestPostgres.newDatabase("pipeline");
        Queue<Sent> onA = CamelStubs.sentQueue();
        Queue<Sent> onB = CamelStubs.sentQueue();
        Map<String, String> common = Map.of("reporting.schedule.monthly-cron", "* * * * * ?",
                "reporting.schedule.catch-up-at-startup", "false");
        try (Instance a = start(pipeline, with(common, "reporting.schedule.instance-id", "instance-a"),
                     new CamelStubs().captureTransmit(onA));
             Instance b = start(pipeline, with(common, "reporting.schedule.instance-id", "instance-b"),
                     new CamelStubs().captureTransmit(onB))) {
            // both in one cluster: one scheduler name, two members
            assertThat(new JdbcTemplate(b.pipeline()).queryForList(
                    "SELECT instance_name FROM qrtz_scheduler_state ORDER BY instance_name", String.class))
                    .containsExactly("instance-a", "instance-b");
            int before = onA.size() + onB.size();
            await().atMost(PATIENCE).until(() -> onA.size() + onB.size() >= before + 8);
        }
        assertThat(onA).allSatisfy(s -> assertThat(s.request().requestedBy()).isEqualTo("schedule:monthly-trigger@instance-a"));
        assertThat(onB).allSatisfy(s -> assertThat(s.request().requestedBy()).isEqualTo("schedule:monthly-trigger@instance-b"));
        List<Long> fireTimes = java.util.stream.Stream.concat(onA.stream(), onB.stream())
                .map(s -> s.scheduledFireTime().getTime()).toList();
        assertThat(fireTimes).hasSizeGreaterThanOrEqualTo(8).doesNotHaveDuplicates();
    }

    @Test
    void scheduleSwitchedOffStartsNoTriggerRouteAndNeverJoinsTheCluster() throws Exception {
        String pipeline = TestPostgres.newDatabase("pipeline");
        Queue<Sent> sent = CamelStubs.sentQueue();
        try (Instance oneShot = start(pipeline, Map.of("reporting.schedule.enabled", "false",
                "reporting.schedule.monthly-cron", "* * * * * ?"), new CamelStubs().captureTransmit(sent))) {
            for (String route : List.of("monthly-trigger", "catch-up-trigger", "startup-catch-up", "deadline-check")) {
                assertThat(oneShot.camel().getRouteController().getRouteStatus(route)).as(route).isEqualTo(ServiceStatus.Stopped);
            }
            assertThat(oneShot.camel().getRouteController().getRouteStatus("transmit")).isEqualTo(ServiceStatus.Started);
            assertThat(oneShot.bean(Scheduler.class).isStarted()).isFalse();
            oneShot.bean(PipelineDatabase.class).ensureMigrated(); // so the Quartz tables exist to be looked at
            JdbcTemplate jdbc = new JdbcTemplate(oneShot.pipeline());
            assertThat(jdbc.queryForObject("SELECT count(*) FROM qrtz_scheduler_state", Integer.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM qrtz_triggers", Integer.class)).isZero();
        }
        assertThat(sent).isEmpty();
    }

    static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> all = new java.util.HashMap<>(base);
        all.put(key, value);
        return all;
    }
}
