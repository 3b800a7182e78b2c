package kz.labour.reporting.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.mail.internet.MimeMessage;
import kz.labour.reporting.form.Action;
import kz.labour.reporting.BadInputException;
import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.Controls;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.FormTable;
import kz.labour.reporting.form.Labels;
import kz.labour.reporting.form.Organisation;
import kz.labour.reporting.form.RegionCatalogue;
import kz.labour.reporting.form.RenderedForm;
import kz.labour.reporting.form.Rendering;
import kz.labour.reporting.support.TestPki;

/**
 * The signing service as the flow and health see it: unconfigured it signs nothing and says so;
 * configured it signs each version and refuses a bad store; the certificate's remaining life shows in
 * health (UP, WARN within 30 days, DOWN when refused) and in one WARN line; the password never shows.
 */
class SigningTest {

    static final Instant NOW = Instant.parse("2025-07-15T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String BIN = "123456789012";
    static final String PASSWORD = "store-secret-77aa";
    static final Organisation ORG = new Organisation(BIN, "Тест инспекциясы", "Астана", "+7 7172 000000",
            "inspection@test.kz", "Тестов Т.", "Басшы Б.");
    static final TestPki PKI = TestPki.create(NOW);
    static final Labels LABELS = Labels.load();

    @TempDir
    Path dir;

    ReportingSettings reporting() {
        return new ReportingSettings("Asia/Almaty", "MONTH", "2016-01", dir.toString(), ORG);
    }

    Signing signing(String file, String password, String alias, String tsa) {
        return new Signing(new SigningSettings(file, password, alias, tsa, null, null), reporting(), CLOCK);
    }

    Signing signingUntil(Instant notAfter) {
        Path store = TestPki.pkcs12(dir.resolve("org.p12"), PASSWORD, "org",
                PKI.issue(TestPki.Spec.organisation(BIN, NOW).valid(NOW.minus(Duration.ofDays(300)), notAfter)));
        return signing(store.toString(), PASSWORD, null, null);
    }

    /** Rendered once: rendering is pure, and the workbook library's first use is the slow part. */
    static RenderedForm injuries() {
        return INJURIES;
    }

    static final RenderedForm INJURIES = render();

    private static RenderedForm render() {
        FormTable table = FormTable.assemble(LABELS.form(FormId.OZH), RegionCatalogue.load(), LABELS.totalRow(),
                YearMonth.of(2025, 6), Accumulation.MONTH, NOW.atOffset(ZoneOffset.UTC), Map.of());
        return Rendering.render(table, Controls.check(table), LABELS, ORG, 1, Action.NEW, NOW.atOffset(ZoneOffset.UTC), ZoneId.of("Asia/Almaty"));
    }

    static ListAppender<ILoggingEvent> logs() {
        Logger logger = (Logger) org.slf4j.LoggerFactory.getLogger(Signing.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }

    @Test
    void withoutAStoreNothingIsSignedAndTheStartUpLineSaysSo() throws Exception {
        Signing signing = signing("", null, null, null);
        RenderedForm form = injuries();
        MimeMessage message = new MimeMessage((jakarta.mail.Session) null);
        ListAppender<ILoggingEvent> logs = logs();

        signing.announce();

        assertThat(signing.check()).isEmpty();
        assertThat(signing.sign(form)).isSameAs(form);
        assertThat(signing.sign(form).isSigned()).isFalse();
        assertThat(signing.sign(message)).isSameAs(message);
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Files and e-mails to the bureau go unsigned: SIGNING_KEYSTORE_FILE is not set (the manifests say \"signed\": false)");
        assertThat(new SigningHealthIndicator(signing).health()).isEqualTo(Health.up().withDetail("signed", false).build());
    }

    @Test
    void aPasswordAliasOrTsaWithoutAStoreIsRefusedAsHalfConfigured() {
        for (Signing signing : List.of(signing(null, PASSWORD, null, null), signing(" ", null, "org", null),
                signing(null, null, null, "http://tsa.example/"))) {
            assertThatThrownBy(signing::check).isInstanceOfSatisfying(BadInputException.class,
                    e -> assertThat(e.argument()).isEqualTo("SIGNING_KEYSTORE_FILE")).hasMessageContaining("not set, but SIGNING_")
                    .hasMessageNotContaining(PASSWORD);
        }
    }

    @Test
    void withAStoreEachVersionIsSignedAndTheStartUpLineNamesTheCertificate() {
        Signing signing = signingUntil(NOW.plus(Duration.ofDays(200)));
        ListAppender<ILoggingEvent> logs = logs();

        RenderedForm signed = signing.sign(injuries());
        signing.announce();

        assertThat(signed.isSigned()).isTrue();
        assertThat(signed.signatures()).extracting(f -> f.name()).containsExactly("2-OZh_2025-06_V0001_N.xlsx.p7s",
                "2-OZh_2025-06_V0001_N.json.p7s", "2-OZh_2025-06_V0001_N.manifest.json.p7s");
        assertThat(logs.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.INFO);
            assertThat(e.getFormattedMessage()).startsWith("Files and e-mails to the bureau are signed with CN=ТЕСТОВ ТЕСТ")
                    .contains("OU=BIN" + BIN, "valid until 2026-01-31T00:00:00Z").doesNotContain(PASSWORD);
        });
        Health health = new SigningHealthIndicator(signing).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("signed", true).containsEntry("daysLeft", 200L)
                .containsEntry("notAfter", "2026-01-31T00:00:00Z");
    }

    @Test
    void aCertificateExpiringWithin30DaysWarnsOnceADayAndHealthSaysWarn() {
        Signing signing = signingUntil(NOW.plus(Duration.ofDays(12)));
        ListAppender<ILoggingEvent> logs = logs();

        signing.check();
        signing.sign(injuries());

        assertThat(logs.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).startsWith("The signing certificate expires in 12 day(s), at 2025-07-27T00:00:00Z");
        });
        Health health = new SigningHealthIndicator(signing).health();
        assertThat(health.getStatus()).isEqualTo(SigningHealthIndicator.WARN);
        assertThat(health.getDetails()).containsEntry("daysLeft", 12L);
    }

    @Test
    void aStoreThatWouldBeRefusedIsDownInHealthAndAnErrorAtStartUpWithoutThePassword() {
        Path store = TestPki.pkcs12(dir.resolve("org.p12"), PASSWORD, "org", PKI.issue(TestPki.Spec.organisation(BIN, NOW)));
        Signing signing = signing(store.toString(), "wrong-" + PASSWORD, null, null);
        ListAppender<ILoggingEvent> logs = logs();

        signing.announce();
        Health health = new SigningHealthIndicator(signing).health();

        assertThat(logs.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getFormattedMessage()).contains("SIGNING_KEYSTORE_PASSWORD: does not open the key store").doesNotContain(PASSWORD);
        });
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("problem").toString()).startsWith("SIGNING_KEYSTORE_PASSWORD:").doesNotContain(PASSWORD);
        assertThatThrownBy(() -> signing.sign(injuries())).isInstanceOf(BadInputException.class);
    }

    @Test
    void anExpiredCertificateRefusesTheRunAndHealthIsDown() {
        Signing signing = signingUntil(NOW.minus(Duration.ofDays(1)));

        assertThatThrownBy(signing::check).isInstanceOf(BadInputException.class).hasMessageContaining("expired on 2025-07-14T00:00:00Z");
        assertThat(new SigningHealthIndicator(signing).health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void aReplacedStoreIsReadAgain() throws Exception {
        Signing signing = signingUntil(NOW.plus(Duration.ofDays(200)));
        assertThat(signing.check()).isPresent();

        Files.write(dir.resolve("org.p12"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(dir.resolve("org.p12"), java.nio.file.attribute.FileTime.from(NOW.plusSeconds(60)));

        assertThatThrownBy(signing::check).hasMessageContaining("is not a readable PKCS#12 key store");
    }

    @Test
    void theSettingsNeverPrintThePassword() {
        assertThat(new SigningSettings("/keys/org.p12", PASSWORD, "org", null, null, null).toString())
                .contains("/keys/org.p12", "keystorePassword=(set)", "warnBeforeExpiry=PT720H").doesNotContain(PASSWORD);
    }
}
