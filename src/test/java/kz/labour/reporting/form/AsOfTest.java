package kz.labour.reporting.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** The data cut-off, {@code --as-of}, read by the period rules. */
class AsOfTest {

    static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    static final Instant NOW = Instant.parse("2025-07-15T03:04:05.678Z");
    static final Periods PERIODS = new Periods(ALMATY, YearMonth.of(2016, 1));

    @Test
    void defaultsToNowInTheReportingZoneToTheSecond() {
        assertThat(PERIODS.asOf(null, NOW)).hasToString("2025-07-15T08:04:05+05:00");
    }

    @Test
    void acceptsAnOffsetAndShowsItInTheReportingZone() {
        assertThat(PERIODS.asOf("2025-07-01T01:00:00Z", NOW)).hasToString("2025-07-01T06:00+05:00");
    }

    @Test
    void readsALocalTimeInTheReportingZone() {
        assertThat(PERIODS.asOf("2025-07-01T06:00", NOW).toInstant()).isEqualTo(Instant.parse("2025-07-01T01:00:00Z"));
    }

    @Test
    void readsADateAsItsStartInTheReportingZone() {
        assertThat(PERIODS.asOf("2025-07-02", NOW).toInstant()).isEqualTo(Instant.parse("2025-07-01T19:00:00Z"));
    }

    @Test
    void refusesACutOffInTheFuture() {
        assertThatThrownBy(() -> PERIODS.asOf("2025-08-01T00:00:00+05:00", NOW))
                .hasMessageContaining("--as-of").hasMessageContaining("in the future");
    }

    @Test
    void refusesSomethingThatIsNotATime() {
        assertThatThrownBy(() -> PERIODS.asOf("yesterday", NOW))
                .hasMessageContaining("--as-of: 'yesterday' is not a time");
    }
}
