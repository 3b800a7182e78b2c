package kz.labour.reporting.signing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code signing.*} settings (SIGNING_*): the organisation's PKCS#12 key store, its password, the
 * key's alias when the store holds several, and an RFC 3161 time-stamp authority. No store: files and
 * e-mails go unsigned, and say so.
 */
@ConfigurationProperties("signing")
public record SigningSettings(String keystoreFile, String keystorePassword, String keyAlias, String tsaUrl,
                              Duration warnBeforeExpiry, Duration tsaTimeout) {

    public SigningSettings {
        warnBeforeExpiry = warnBeforeExpiry == null ? Duration.ofDays(30) : warnBeforeExpiry;
        tsaTimeout = tsaTimeout == null ? Duration.ofSeconds(30) : tsaTimeout;
    }

    /** Whether a key store is configured at all; without one nothing is signed. */
    public boolean configured() {
        return present(keystoreFile);
    }

    public boolean timeStamped() {
        return present(tsaUrl);
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** Never the password: a settings object may end up in a log line or an exception. */
    @Override
    public String toString() {
        return "SigningSettings[keystoreFile=" + keystoreFile + ", keystorePassword=" + (present(keystorePassword) ? "(set)" : "(not set)")
                + ", keyAlias=" + keyAlias + ", tsaUrl=" + tsaUrl + ", warnBeforeExpiry=" + warnBeforeExpiry
                + ", tsaTimeout=" + tsaTimeout + "]";
    }
}
