package kz.labour.reporting.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class DemoPostgresSettingsTest {

    @Test
    void defaultMonthsStartInJanuaryAndEndWithTheLastMonthCompleteInAlmaty() {
        // 1 July 2025, 01:00 in Almaty (UTC+5) is still 30 June in UTC: June is complete in Almaty.
        Clock clock = Clock.fixed(Instant.parse("2025-06-30T20:00:00Z"), ZoneOffset.UTC);

        DemoPostgres.Settings settings = DemoPostgres.Settings.defaults(clock);

        assertThat(settings.firstMonth()).isEqualTo(YearMonth.of(2023, 1));
        assertThat(settings.firstMonth().plusMonths(settings.months() - 1L)).isEqualTo(YearMonth.of(2025, 6));
        assertThat(settings.scale()).isEqualTo(1.0);
        assertThat(settings.seed()).isEqualTo(DemoPostgres.DEFAULT_SEED);
    }

    @Test
    void defaultMonthsAreAtLeastTwentyFourEvenInDecember() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-10T00:00:00Z"), ZoneOffset.UTC);

        DemoPostgres.Settings settings = DemoPostgres.Settings.defaults(clock);

        assertThat(settings.months()).isEqualTo(24);
        assertThat(settings.firstMonth()).isEqualTo(YearMonth.of(2024, 1));
    }
}
