package kz.labour.reporting.transmission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class AsOfTest {

    static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    static final Instant NOW = Instant.parse("2025-07-15T03:04:05.678Z");

    @Test
    void defaultsToNowInTheReportingZoneToTheSecond() {
        assertThat(Transmissions.asOf(null, NOW, ALMATY)).hasToString("2025-07-15T08:04:05+05:00");
    }

    @Test
    void acceptsAnOffsetAndShowsItInTheReportingZone() {
        assertThat(Transmissions.asOf("2025-07-01T01:00:00Z", NOW, ALMATY)).hasToString("2025-07-01T06:00+05:00");
    }

    @Test
    void readsALocalTimeInTheReportingZone() {
        assertThat(Transmissions.asOf("2025-07-01T06:00", NOW, ALMATY).toInstant()).isEqualTo(Instant.parse("2025-07-01T01:00:00Z"));
    }

    @Test
    void readsADateAsItsStartInTheReportingZone() {
        assertThat(Transmissions.asOf("2025-07-02", NOW, ALMATY).toInstant()).isEqualTo(Instant.parse("2025-07-01T19:00:00Z"));
    }

    @Test
    void refusesACutOffInTheFuture() {
        assertThatThrownBy(() -> Transmissions.asOf("2025-08-01T00:00:00+05:00", NOW, ALMATY))
                .hasMessageContaining("--as-of").hasMessageContaining("in the future");
    }

    @Test
    void refusesSomethingThatIsNotATime() {
        assertThatThrownBy(() -> Transmissions.asOf("yesterday", NOW, ALMATY))
                .hasMessageContaining("--as-of: 'yesterday' is not a time");
    }
}
