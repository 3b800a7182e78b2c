package kz.labour.reporting.signing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import jakarta.mail.internet.MimeMessage;
import kz.labour.reporting.BadInputException;
import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.form.RenderedForm;

/**
 * The organisation's signature on everything delivered: a detached CMS signature beside each file
 * and S/MIME on each e-mail to the bureau, with the key of SIGNING_KEYSTORE_FILE. Without a store
 * configured nothing is signed, and the start-up line and each manifest ({@code "signed": false}) say so.
 *
 * <p>{@link #check()} refuses a bad store or certificate with a {@link BadInputException} naming the
 * setting (exit 2): call it before anything is built. The key is read once and again only when the
 * file changes; its dates are checked at every use.
 */
public class Signing {

    private static final Logger log = LoggerFactory.getLogger(Signing.class);

    private final SigningSettings settings;
    private final ReportingSettings reporting;
    private final Clock clock;

    private Loaded loaded;
    private LocalDate warnedOn;

    /** The key read from the file as it was at {@code modified}, for {@code orgBin}. */
    private record Loaded(Path file, FileTime modified, long size, String orgBin, SigningKey key) {
    }

    public Signing(SigningSettings settings, ReportingSettings reporting, Clock clock) {
        this.settings = settings;
        this.reporting = reporting;
        this.clock = clock;
    }

    /** Whether a key store is configured; without one files and e-mails go unsigned. */
    public boolean configured() {
        return settings.configured();
    }

    /**
     * Refuses, before anything is built or sent, a configuration that cannot sign: the store, its
     * password, the alias, the key, the certificate's BIN and dates, the TSA's URL. Warns (once a day)
     * when the certificate expires within {@code signing.warn-before-expiry}. Nothing when no store is
     * configured.
     *
     * @throws BadInputException naming the SIGNING_* setting (or ORG_BIN) and what is accepted
     */
    public Optional<SigningKey> check() {
        if (!settings.configured()) {
            requireNothingElseSet();
            return Optional.empty();
        }
        if (settings.timeStamped()) {
            TimeStamper.parse(settings.tsaUrl());
        }
        SigningKey key = key();
        warnIfExpiringSoon(key);
        return Optional.of(key);
    }

    /** The version signed with the organisation's key; as it is when no store is configured. */
    public RenderedForm sign(RenderedForm rendered) {
        return check().map(key -> rendered.signed(new CmsSigner(key, clock, timeStamper()))).orElse(rendered);
    }

    /** The message S/MIME-signed with the organisation's key; as it is when no store is configured. */
    public MimeMessage sign(MimeMessage message) {
        return check().map(key -> new SmimeSigner(key, clock).sign(message)).orElse(message);
    }

    /** The certificate's state for health: empty when unsigned. */
    Optional<Status> status() {
        if (!settings.configured()) {
            return Optional.empty();
        }
        SigningKey key = check().orElseThrow();
        Duration left = Duration.between(clock.instant(), key.notAfter());
        return Optional.of(new Status(key, left, left.compareTo(settings.warnBeforeExpiry()) < 0));
    }

    record Status(SigningKey key, Duration left, boolean expiringSoon) {
    }

    /** The start-up line: whether and with which certificate files and e-mails are signed. */
    @EventListener(ApplicationReadyEvent.class)
    public void announce() {
        if (!settings.configured()) {
            log.warn("Files and e-mails to the bureau go unsigned: SIGNING_KEYSTORE_FILE is not set (the manifests say \"signed\": false)");
            return;
        }
        try {
            SigningKey key = check().orElseThrow();
            log.info("Files and e-mails to the bureau are signed with {}{}", key.describe(),
                    settings.timeStamped() ? " and time-stamped by " + settings.tsaUrl() : "");
        } catch (BadInputException e) {
            log.error("Signing is configured but unusable, so every transmission is refused until it is fixed: {}", e.getMessage());
        }
    }

    private synchronized SigningKey key() {
        Path file = Path.of(settings.keystoreFile().strip()).toAbsolutePath().normalize();
        String orgBin = reporting.organisation().bin();
        FileTime modified;
        long size;
        try {
            modified = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (IOException e) {
            modified = null;
            size = -1;
        }
        Loaded current = loaded;
        if (current == null || modified == null || !current.file().equals(file) || !current.modified().equals(modified)
                || current.size() != size || !current.orgBin().equals(orgBin)) {
            loaded = null;
            SigningKey key = SigningKeys.load(file, settings.keystorePassword(), settings.keyAlias(), orgBin);
            current = new Loaded(file, modified, size, orgBin, key);
            loaded = modified == null ? null : current;
        }
        SigningKeys.requireValid(current.key(), clock.instant());
        return current.key();
    }

    private synchronized void warnIfExpiringSoon(SigningKey key) {
        Instant now = clock.instant();
        Duration left = Duration.between(now, key.notAfter());
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (left.compareTo(settings.warnBeforeExpiry()) < 0 && !Objects.equals(warnedOn, today)) {
            warnedOn = today;
            log.warn("The signing certificate expires in {} day(s), at {}: renew it and set SIGNING_KEYSTORE_FILE to the new store"
                    + " before then, or transmissions will be refused ({})", left.toDays(), key.notAfter(), key.describe());
        }
    }

    private TimeStamper timeStamper() {
        if (!settings.timeStamped()) {
            return null;
        }
        URI url = TimeStamper.parse(settings.tsaUrl());
        return new TimeStamper(url, settings.tsaTimeout());
    }

    /** A password, alias or TSA without a store is a half-done configuration, not a wish to send unsigned. */
    private void requireNothingElseSet() {
        for (var setting : new String[][] {
                {SigningKeys.PASSWORD, settings.keystorePassword()},
                {SigningKeys.ALIAS, settings.keyAlias()},
                {"SIGNING_TSA_URL", settings.tsaUrl()}}) {
            if (SigningSettings.present(setting[1])) {
                throw new BadInputException(SigningKeys.FILE, "not set, but " + setting[0] + " is; set SIGNING_KEYSTORE_FILE to the"
                        + " organisation's PKCS#12 store, or unset the other SIGNING_* variables to send unsigned");
            }
        }
    }
}
