package kz.labour.reporting.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.support.TestPki;
import kz.labour.reporting.support.TestPki.Issued;
import kz.labour.reporting.support.TestPki.Spec;

/** Detached CMS signatures of acknowledgement files against the bureau's CA, PEM or PKCS#12. */
class AckVerifierTest {

    static final Instant NOW = Instant.now();
    static final TestPki BUREAU_CA = TestPki.create("Bureau CA", NOW.minusSeconds(86400 * 365L), java.time.Duration.ofDays(3650));
    static final TestPki OTHER_CA = TestPki.create("Other CA", NOW.minusSeconds(86400 * 365L), java.time.Duration.ofDays(3650));
    static final Issued BUREAU = BUREAU_CA.issue(Spec.organisation("123456789012", NOW).subject("CN=Bureau, O=Stat, C=KZ"), "bureau");
    static final Issued STRANGER = OTHER_CA.issue(Spec.organisation("123456789012", NOW).subject("CN=Bureau, O=Stat, C=KZ"), "stranger");
    static final byte[] ACK = "{\"file\":\"2-OZh_2025-06_V0001_N\",\"status\":\"ACCEPTED\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    static byte[] sign(byte[] content, Issued by) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(by.privateKey()), by.certificate()));
        generator.addCertificates(new JcaCertStore(List.copyOf(by.chain())));
        return generator.generate(new CMSProcessableByteArray(content), false).getEncoded();
    }

    AckVerifier pem() {
        return AckVerifier.load(BUREAU_CA.caPem(dir.resolve("bureau-ca.pem")).toString(), null);
    }

    @Test
    void aSignatureByTheBureausCaOverTheFileIsVerified() throws Exception {
        assertThat(pem().verify(ACK, sign(ACK, BUREAU))).isEqualTo(Verification.VERIFIED);
    }

    @Test
    void aPemEncodedSignatureIsReadToo() throws Exception {
        String pem = "-----BEGIN CMS-----\n" + java.util.Base64.getMimeEncoder().encodeToString(sign(ACK, BUREAU)) + "\n-----END CMS-----\n";
        assertThat(pem().verify(ACK, pem.getBytes(StandardCharsets.US_ASCII))).isEqualTo(Verification.VERIFIED);
    }

    @Test
    void aPkcs12TrustStoreWithItsPasswordWorksAsThePemDoes() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("bureau-ca", BUREAU_CA.ca());
        Path file = dir.resolve("bureau-ca.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "changeit".toCharArray());
        }
        assertThat(AckVerifier.load(file.toString(), "changeit").verify(ACK, sign(ACK, BUREAU))).isEqualTo(Verification.VERIFIED);
    }

    @Test
    void unsignedChangedForeignOrBrokenIsNotVerified() throws Exception {
        AckVerifier v = pem();
        assertThat(v.verify(ACK, null)).isEqualTo(Verification.UNSIGNED);
        byte[] other = "{\"status\":\"REJECTED\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(v.verify(ACK, sign(other, BUREAU))).as("signs other bytes").isEqualTo(Verification.INVALID);
        assertThat(v.verify(ACK, sign(ACK, STRANGER))).as("another CA").isEqualTo(Verification.INVALID);
        assertThat(v.verify(ACK, "not CMS".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Verification.INVALID);
    }

    @Test
    void withoutATrustStoreNothingIsChecked() throws Exception {
        assertThat(AckVerifier.none().verify(ACK, sign(ACK, STRANGER))).isEqualTo(Verification.NOT_CHECKED);
        assertThat(AckVerifier.none().verify(ACK, null)).isEqualTo(Verification.NOT_CHECKED);
    }

    @Test
    void aTrustStoreThatCannotBeUsedIsRefusedByName() throws Exception {
        assertThatThrownBy(() -> AckVerifier.load(dir.resolve("missing.pem").toString(), null))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("RECEIPTS_TRUSTSTORE_FILE: ")
                .hasMessageContaining("cannot be read");
        Path junk = Files.writeString(dir.resolve("junk.p12"), "junk");
        assertThatThrownBy(() -> AckVerifier.load(junk.toString(), null))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("RECEIPTS_TRUSTSTORE_FILE: ")
                .hasMessageContaining("accepted: a PKCS#12 file");
    }
}
