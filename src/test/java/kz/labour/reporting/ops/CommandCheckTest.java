package kz.labour.reporting.ops;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.form.Periods;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;


/**
 * What a one-shot command is refused before the application starts: the configuration is the real
 * application.yml, with environment variables given as the test's own (highest) property source.
 * "Now" is 2025-07-15 in Almaty, so 2025-06 is the last month that has ended.
 */
class CommandCheckTest {

    static final Instant NOW = Instant.parse("2025-07-15T03:00:00Z");
    static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");

    /** A configuration that can deliver: the bureau's address and the organisation's BIN set. */
    final Map<String, Object> variables = new HashMap<>(Map.of("MAIL_TO", "stat@bureau.kz", "ORG_BIN", "123456789012"));

    void check(String... args) {
        ConfigurableEnvironment configuration = CommandCheck.configuration();
        configuration.getPropertySources().addFirst(new MapPropertySource("variables", variables));
        CommandCheck.check(Command.parse(args), configuration, NOW);
    }

    @Test
    void aCommandThatCanRunPasses() {
        assertThatCode(() -> check("transmit", "--period", "2025-06")).doesNotThrowAnyException();
        assertThatCode(() -> check("transmit", "--period", "2025-01..2025-06", "--form", "2-ӨЖ",
                "--as-of", "2025-07-01T06:00:00+05:00")).doesNotThrowAnyException();
        assertThatCode(() -> check("status")).doesNotThrowAnyException();
    }

    @Test
    void periodsAndFormsAreReadByTheApplicationsRules() {
        assertThatThrownBy(() -> check("transmit", "--period", "2025-13"))
                .hasMessage("--period: '2025-13' has month 13; months are 01 to 12");
        assertThatThrownBy(() -> check("transmit", "--period", "2025-07"))
                .hasMessage("--period: 2025-07 has not ended yet in Asia/Almaty; the latest period that can be reported is 2025-06");
        assertThatThrownBy(() -> check("transmit", "--period", "2025-06", "--form", "3-XYZ"))
                .hasMessageStartingWith("--form: unknown form '3-XYZ'");
        assertThatThrownBy(() -> check("transmit", "--period", "2025-06", "--as-of", "yesterday"))
                .hasMessageStartingWith("--as-of: 'yesterday' is not a time");
    }

    @Test
    void theReportingSettingsDecideTheRules() {
        variables.put("REPORTING_EARLIEST_PERIOD", "2020-01");
        assertThatThrownBy(() -> check("transmit", "--period", "2019-12", "--dry-run"))
                .hasMessage("--period: 2019-12 is before the earliest period 2020-01 (REPORTING_EARLIEST_PERIOD)");

        variables.put("REPORTING_ZONE", "Mars/Olympus");
        assertThatThrownBy(() -> check("transmit", "--period", "2025-06", "--dry-run")).hasMessageStartingWith("REPORTING_ZONE:");
    }

    @Test
    void aDeliveringRunRefusesACutOffBeforeThePeriodEndsAndADryRunMayUseIt() {
        assertThatThrownBy(() -> check("transmit", "--period", "2025-06", "--form", "2-OZh", "--as-of", "2025-06-02"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--as-of: '2025-06-02' is before 2025-06 ends (2025-07-01T00:00+05:00 in Asia/Almaty), so the form "
                        + "would count part of the month; a delivered form counts the whole month: give a cut-off at or after "
                        + "its end, or use --dry-run to look at a partial month");
        assertThatThrownBy(() -> check("transmit", "--period", "2025-06", "--as-of", "2025-06-02", "--force"))
                .hasMessageStartingWith("--as-of: '2025-06-02' is before 2025-06 ends");
        assertThatCode(() -> check("transmit", "--period", "2025-06", "--as-of", "2025-06-02", "--dry-run"))
                .doesNotThrowAnyException();
    }

    @Test
    void aCutOffLongAgoIsRefusedAsBadInputEvenForADryRun() {
        assertThatThrownBy(() -> check("transmit", "--period", "2025-06", "--as-of", "1900-01-01T00:00", "--dry-run"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--as-of: '1900-01-01T00:00' is before 2025-06 begins (2025-06-01T00:00+05:00 in Asia/Almaty), so "
                        + "the form would count nothing; accepted: a cut-off at or after the end of the period (with --dry-run, "
                        + "after its beginning)");
    }

    @Test
    void theCutOffRuleCountsInTheReportingZoneToTheSecond() {
        List<YearMonth> june = List.of(YearMonth.of(2025, 6));
        OffsetDateTime end = OffsetDateTime.parse("2025-07-01T00:00:00+05:00");

        assertThatCode(() -> new Periods(ALMATY, java.time.YearMonth.of(2016, 1)).checkCutOff(june, "t", end, true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Periods(ALMATY, java.time.YearMonth.of(2016, 1)).checkCutOff(june, "t", end.minusSeconds(1), true))
                .hasMessageStartingWith("--as-of: 't' is before 2025-06 ends");
        // the same instant written in UTC
        assertThatCode(() -> new Periods(ALMATY, java.time.YearMonth.of(2016, 1)).checkCutOff(june, "t", OffsetDateTime.parse("2025-06-30T19:00:00Z"), true))
                .doesNotThrowAnyException();
        OffsetDateTime begins = OffsetDateTime.parse("2025-06-01T00:00:00+05:00");
        assertThatCode(() -> new Periods(ALMATY, java.time.YearMonth.of(2016, 1)).checkCutOff(june, "t", begins, false)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Periods(ALMATY, java.time.YearMonth.of(2016, 1)).checkCutOff(june, "t", begins.minusSeconds(1), false))
                .hasMessageStartingWith("--as-of: 't' is before 2025-06 begins");
    }

    @Test
    void aRangeIsDeliveredOnlyWithACutOffAfterItsLastMonth() {
        List<YearMonth> spring = List.of(YearMonth.of(2025, 3), YearMonth.of(2025, 4), YearMonth.of(2025, 5));

        assertThatThrownBy(() -> new Periods(ALMATY, java.time.YearMonth.of(2016, 1)).checkCutOff(spring, "2025-05-20", OffsetDateTime.parse("2025-05-20T00:00:00+05:00"),
                true)).hasMessageStartingWith("--as-of: '2025-05-20' is before 2025-05 ends");
        assertThatCode(() -> new Periods(ALMATY, java.time.YearMonth.of(2016, 1)).checkCutOff(spring, null, OffsetDateTime.parse("2025-06-01T00:00:00+05:00"), true))
                .doesNotThrowAnyException();
    }

    @Test
    void portsAndSwitchesThatCannotBeReadAreRefusedForEveryCommand() {
        variables.put("SFTP_PORT", "abc");
        assertThatThrownBy(() -> check("status"))
                .hasMessage("SFTP_PORT: 'abc' is not a port; accepted: a whole number from 1 to 65535");
        variables.remove("SFTP_PORT");
        variables.put("SMTP_STARTTLS", "maybe");
        assertThatThrownBy(() -> check("transmit", "--period", "2025-06", "--dry-run"))
                .hasMessage("SMTP_STARTTLS: 'maybe' is not a switch; accepted: true or false");
    }

    @Test
    void aDeliveringRunNeedsAddressesThatWorkAndADryRunDoesNot() {
        variables.put("MAIL_TO", "not-an-address");
        assertThatThrownBy(() -> check("transmit", "--period", "2025-06"))
                .hasMessageStartingWith("MAIL_TO: 'not-an-address' is not a list of mail addresses");
        assertThatCode(() -> check("transmit", "--period", "2025-06", "--dry-run")).doesNotThrowAnyException();

        variables.remove("MAIL_TO");
        assertThatThrownBy(() -> check("transmit", "--period", "2025-06", "--resend")).hasMessageStartingWith("MAIL_TO: is empty");

        variables.put("MAIL_TO", "stat@bureau.kz");
        variables.put("MAIL_FROM", "not an address");
        assertThatThrownBy(() -> check("transmit", "--period", "2025-06"))
                .hasMessageStartingWith("MAIL_FROM: 'not an address' is not a mail address");
    }
}
