package kz.labour.reporting.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** The month a scheduled run reports, from its scheduled fire time; every expected month worked out by hand. */
class ReportingCalendarTest {

    static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    static final ReportingCalendar CALENDAR = new ReportingCalendar(ALMATY, "0 0 6 1 * ?");

    static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    @Test
    void monthlyRunOnTheFirstReportsTheMonthBefore() {
        assertThat(CALENDAR.reportedMonth(at("2025-07-01T06:00:00+05:00"))).isEqualTo(YearMonth.of(2025, 6));
    }

    @Test
    void runOnTheFirstOfJanuaryReportsDecemberOfThePreviousYear() {
        assertThat(CALENDAR.reportedMonth(at("2025-01-01T06:00:00+05:00"))).isEqualTo(YearMonth.of(2024, 12));
        assertThat(CALENDAR.reportedMonth(at("2026-01-01T06:00:00+05:00"))).isEqualTo(YearMonth.of(2025, 12));
    }

    @Test
    void runLateOnTheLastDayOfTheYearStillReportsNovember() {
        assertThat(CALENDAR.reportedMonth(at("2024-12-31T23:59:59+05:00"))).isEqualTo(YearMonth.of(2024, 11));
    }

    @Test
    void monthIsTakenInTheReportingZoneNotInUtc() {
        // 2024-12-31T19:30Z is already 00:30 on 1 January in Almaty: December is reported, not November
        Instant newYearInAlmaty = Instant.parse("2024-12-31T19:30:00Z");
        assertThat(CALENDAR.reportedMonth(newYearInAlmaty)).isEqualTo(YearMonth.of(2024, 12));
        assertThat(ReportingCalendar.reportedMonth(newYearInAlmaty, ZoneId.of("UTC"))).isEqualTo(YearMonth.of(2024, 11));
    }

    @Test
    void monthFollowsTheZoneRulesAcrossAnOffsetChange() {
        // Almaty moved from +06 to +05 at 00:00 on 1 March 2024 (clocks back to 23:00 on 29 February).
        // 18:30Z that day is 23:30 on 29 February under the new rule (a fixed +06 would say 00:30 on 1 March).
        assertThat(CALENDAR.reportedMonth(Instant.parse("2024-02-29T18:30:00Z"))).isEqualTo(YearMonth.of(2024, 1));
        assertThat(CALENDAR.reportedMonth(Instant.parse("2024-02-29T19:00:00Z"))).isEqualTo(YearMonth.of(2024, 2));
    }

    @Test
    void madeUpFireReportsTheMonthItWasScheduledFor() {
        // The service was down from 30 January to 3 March: Quartz makes up the 1 February run with its own
        // scheduled time, and that time, not the day it finally ran, decides the month.
        assertThat(CALENDAR.reportedMonth(at("2025-02-01T06:00:00+05:00"))).isEqualTo(YearMonth.of(2025, 1));
    }

    @Test
    void monthlyRunIsDueAtSixOnTheFirstInTheZone() {
        assertThat(CALENDAR.monthlyRunDue(YearMonth.of(2025, 7))).contains(at("2025-07-01T06:00:00+05:00"));
        assertThat(CALENDAR.monthlyRunDue(YearMonth.of(2024, 3))).contains(at("2024-03-01T06:00:00+05:00"));
        assertThat(CALENDAR.monthlyRunDue(YearMonth.of(2024, 2))).contains(at("2024-02-01T06:00:00+06:00"));
    }

    @Test
    void catchUpBeforeTheMonthlyRunIsDueDoesNothing() {
        assertThat(CALENDAR.catchUpMonth(at("2025-07-01T00:00:00+05:00"))).isEmpty();
        assertThat(CALENDAR.catchUpMonth(at("2025-07-01T05:00:00+05:00"))).isEmpty();
        assertThat(CALENDAR.catchUpMonth(at("2026-01-01T05:59:59+05:00"))).isEmpty();
    }

    @Test
    void catchUpOnceTheMonthlyRunIsDueMakesUpTheMonthBefore() {
        assertThat(CALENDAR.catchUpMonth(at("2025-07-01T06:00:00+05:00"))).contains(YearMonth.of(2025, 6));
        assertThat(CALENDAR.catchUpMonth(at("2025-07-03T23:00:00+05:00"))).contains(YearMonth.of(2025, 6));
        assertThat(CALENDAR.catchUpMonth(at("2025-07-15T10:00:00+05:00"))).contains(YearMonth.of(2025, 6));
    }

    @Test
    void catchUpInJanuaryMakesUpDecember() {
        assertThat(CALENDAR.catchUpMonth(at("2026-01-02T10:00:00+05:00"))).contains(YearMonth.of(2025, 12));
    }

    @Test
    void catchUpFollowsAMonthlyRunMovedToTheSecond() {
        ReportingCalendar second = new ReportingCalendar(ALMATY, "0 30 7 2 * ?");
        assertThat(second.catchUpMonth(at("2025-07-01T12:00:00+05:00"))).isEmpty();
        assertThat(second.catchUpMonth(at("2025-07-02T07:30:00+05:00"))).contains(YearMonth.of(2025, 6));
    }

    @Test
    void badMonthlyCronIsRefusedByName() {
        assertThatThrownBy(() -> new ReportingCalendar(ALMATY, "every month"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reporting.schedule.monthly-cron")
                .hasMessageContaining("every month");
    }
}
