package kz.labour.reporting.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import kz.labour.reporting.BadInputException;

class PeriodsTest {

    final Periods periods = new Periods(ZoneId.of("Asia/Almaty"), YearMonth.of(2016, 1));
    /** 2025-07-01 00:30 in Almaty (UTC+5) is still 2025-06-30 in UTC: June has ended in the zone. */
    final Instant justAfterJuneEndedInAlmaty = Instant.parse("2025-06-30T19:30:00Z");

    @Test
    void acceptsAMonthThatHasEndedInTheReportingZone() {
        assertThat(periods.parse("2025-06", justAfterJuneEndedInAlmaty)).containsExactly(YearMonth.of(2025, 6));
    }

    @Test
    void refusesAMonthNotYetEnded() {
        Instant beforeJuneEndedInAlmaty = Instant.parse("2025-06-30T18:30:00Z");
        assertThatThrownBy(() -> periods.parse("2025-06", beforeJuneEndedInAlmaty))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("--period").hasMessageContaining("has not ended").hasMessageContaining("2025-05");
    }

    @Test
    void refusesAMonthThirteen() {
        assertThatThrownBy(() -> periods.parse("2025-13", justAfterJuneEndedInAlmaty))
                .hasMessageContaining("--period").hasMessageContaining("months are 01 to 12");
    }

    @Test
    void refusesSlashes() {
        assertThatThrownBy(() -> periods.parse("2025/06", justAfterJuneEndedInAlmaty))
                .hasMessageContaining("'2025/06' is not in the form YYYY-MM");
    }

    @Test
    void refusesAMonthBeforeTheEarliestPeriod() {
        assertThatThrownBy(() -> periods.parse("2015-12", justAfterJuneEndedInAlmaty))
                .hasMessageContaining("before the earliest period 2016-01");
    }

    @Test
    void expandsAnInclusiveRangeAcrossAYearEnd() {
        assertThat(periods.parse("2024-11..2025-02", justAfterJuneEndedInAlmaty)).containsExactly(
                YearMonth.of(2024, 11), YearMonth.of(2024, 12), YearMonth.of(2025, 1), YearMonth.of(2025, 2));
    }

    @Test
    void refusesABackwardRange() {
        assertThatThrownBy(() -> periods.parse("2025-03..2025-01", justAfterJuneEndedInAlmaty))
                .hasMessageContaining("ends before it starts");
    }

    @Test
    void refusesARangeReachingAMonthNotEnded() {
        assertThatThrownBy(() -> periods.parse("2025-05..2025-07", justAfterJuneEndedInAlmaty))
                .hasMessageContaining("2025-07 has not ended");
    }
}
