package kz.labour.reporting;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.springframework.boot.context.properties.ConfigurationProperties;

import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.Organisation;
import kz.labour.reporting.form.Periods;

/**
 * The {@code reporting.*} settings (REPORTING_*, OUTBOX_DIR, ORG_*), checked once at start-up so a
 * bad value is reported by name before anything is read or sent.
 */
@ConfigurationProperties("reporting")
public record ReportingSettings(String zone, String accumulation, String earliestPeriod, String outbox,
                                Organisation org) {

    public ZoneId zoneId() {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new BadInputException("REPORTING_ZONE", "'" + zone + "' is not a time zone; accepted: a region id such as Asia/Almaty");
        }
    }

    public Accumulation accumulationMode() {
        return Accumulation.parse("REPORTING_ACCUMULATION", accumulation);
    }

    public YearMonth earliest() {
        try {
            return YearMonth.parse(earliestPeriod);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new BadInputException("REPORTING_EARLIEST_PERIOD", "'" + earliestPeriod + "' is not a month; accepted: YYYY-MM");
        }
    }

    public Periods periods() {
        return new Periods(zoneId(), earliest());
    }

    public Path outboxDir() {
        return Path.of(outbox == null || outbox.isBlank() ? "./outbox" : outbox).toAbsolutePath().normalize();
    }

    public Organisation organisation() {
        if (org == null || org.bin() == null || !org.bin().matches("\\d{12}")) {
            throw new BadInputException("ORG_BIN", "'" + (org == null ? null : org.bin()) + "' is not a BIN; accepted: 12 digits");
        }
        return org;
    }

    /** Fails fast, naming the setting, when any value is unusable. */
    public void validate() {
        zoneId();
        accumulationMode();
        earliest();
        organisation();
    }
}
