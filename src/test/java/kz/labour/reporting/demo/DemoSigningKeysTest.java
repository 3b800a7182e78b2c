package kz.labour.reporting.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.form.Organisation;
import kz.labour.reporting.signing.Signing;
import kz.labour.reporting.signing.SigningKey;
import kz.labour.reporting.signing.SigningSettings;

/** The demo signs with a key the application accepts: RSA, its BIN, valid now, under the demo's CA. */
class DemoSigningKeysTest {

    @TempDir
    Path dir;

    @Test
    void theDemoKeyPassesTheChecksARealStoreMustPassAndChainsToTheDemoCa() throws Exception {
        DemoSigningKeys keys = DemoSigningKeys.create(dir, "000000000000", "Demo: Еңбек инспекциясы, Астана");

        Organisation org = new Organisation("000000000000", "Demo", "", "", "", "", "");
        SigningKey key = new Signing(new SigningSettings(keys.keystore().toString(), keys.password(), null, null, null, null),
                new ReportingSettings("Asia/Almaty", "MONTH", "2016-01", dir.toString(), org), Clock.systemUTC())
                .check().orElseThrow();

        assertThat(key.bin()).isEqualTo("000000000000");
        assertThat(key.chain()).hasSize(2);
        key.certificate().verify(key.chain().get(1).getPublicKey());
        assertThat(Files.readString(keys.caPem())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(keys.toString()).doesNotContain(keys.password());
    }
}
