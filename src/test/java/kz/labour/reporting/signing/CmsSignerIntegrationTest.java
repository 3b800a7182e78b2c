package kz.labour.reporting.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.labour.reporting.support.Openssl;
import kz.labour.reporting.support.TestPki;

/**
 * Detached CMS signatures of a file, checked by BouncyCastle and by the real openssl against the test
 * CA alone; with a time-stamp authority (a loopback TSA), the RFC 3161 token over the signature.
 * Certificates are valid around the real "now", since openssl checks them at the real time.
 */
class CmsSignerIntegrationTest {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final TestPki PKI = TestPki.create(NOW);
    static final TestPki.Issued ORG = PKI.issue(TestPki.Spec.organisation("123456789012", NOW));
    static final SigningKey KEY = new SigningKey("org", ORG.privateKey(), ORG.chain(), "123456789012");
    static final byte[] CONTENT = "{\"form\": \"2-OZh\", \"period\": \"2025-06\"}\n".getBytes(StandardCharsets.UTF_8);

    static LoopbackTsa tsa;

    @TempDir
    Path dir;

    @AfterAll
    static void stopTsa() {
        if (tsa != null) {
            tsa.close();
        }
    }

    static synchronized LoopbackTsa tsa() throws IOException {
        if (tsa == null) {
            tsa = new LoopbackTsa(PKI, PKI.issue(TestPki.Spec.organisation("000000000000", NOW)
                    .subject("CN=Test TSA, O=Test PKI, C=KZ").timeStamping(), "tsa"), CLOCK);
        }
        return tsa;
    }

    static SignerInformation verifiedSigner(byte[] content, byte[] p7s) throws Exception {
        CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(content), p7s);
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> certificate = signed.getCertificates().getMatches(signer.getSID());
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate.iterator().next()))).isTrue();
        return signer;
    }

    @Test
    void aDetachedSha256RsaSignatureCarryingTheChainAndTheSigningTimeVerifiesWithBouncyCastle() throws Exception {
        byte[] p7s = new CmsSigner(KEY, CLOCK, null).sign(CONTENT);

        SignerInformation signer = verifiedSigner(CONTENT, p7s);
        CMSSignedData signed = new CMSSignedData(p7s);
        assertThat(signed.getSignedContent()).as("detached: the file is not inside").isNull();
        assertThat(signer.getDigestAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha256.getId());
        assertThat(signer.getEncryptionAlgOID()).isEqualTo(PKCSObjectIdentifiers.sha256WithRSAEncryption.getId());
        assertThat(signed.getCertificates().getMatches(null)).containsExactlyInAnyOrder(
                new JcaX509CertificateHolder(ORG.certificate()), new JcaX509CertificateHolder(PKI.ca()));
        Attribute time = signer.getSignedAttributes().get(CMSAttributes.signingTime);
        assertThat(Time.getInstance(time.getAttrValues().getObjectAt(0)).getDate().toInstant()).isEqualTo(NOW);
        Attribute essCert = signer.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        assertThat(SigningCertificateV2.getInstance(essCert.getAttrValues().getObjectAt(0)).getCerts()[0].getCertHash())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(ORG.certificate().getEncoded()));
        assertThat(signer.getUnsignedAttributes()).as("no time-stamp without a TSA").isNull();
        // DER, not BER: re-encoding changes nothing
        assertThat(ASN1Primitive.fromByteArray(p7s).getEncoded(ASN1Encoding.DER)).isEqualTo(p7s);
    }

    @Test
    void aChangedFileDoesNotVerify() {
        byte[] p7s = new CmsSigner(KEY, CLOCK, null).sign(CONTENT);
        byte[] changed = CONTENT.clone();
        changed[3] ^= 1;

        assertThatThrownBy(() -> verifiedSigner(changed, p7s)).isInstanceOf(CMSException.class).hasMessageContaining("digest");
    }

    @Test
    void theSameFileKeyAndTimeGiveTheSameSignature() {
        assertThat(new CmsSigner(KEY, CLOCK, null).sign(CONTENT)).isEqualTo(new CmsSigner(KEY, CLOCK, null).sign(CONTENT));
        assertThat(new CmsSigner(KEY, Clock.offset(CLOCK, Duration.ofSeconds(1)), null).sign(CONTENT))
                .isNotEqualTo(new CmsSigner(KEY, CLOCK, null).sign(CONTENT));
    }

    @Test
    void opensslVerifiesTheSignatureAgainstTheCaAndRejectsAChangedFile() throws Exception {
        Files.write(dir.resolve("F.json"), CONTENT);
        Files.write(dir.resolve("F.json.p7s"), new CmsSigner(KEY, CLOCK, null).sign(CONTENT));
        PKI.caPem(dir.resolve("ca.pem"));

        Openssl.Result good = Openssl.verifyDetached(dir, "F.json", "F.json.p7s", "ca.pem");
        assertThat(good.ok()).as(good.output()).isTrue();
        assertThat(good.output()).contains("Verification successful");

        Files.writeString(dir.resolve("F.json"), "{\"form\": \"2-OZh\", \"period\": \"2025-07\"}\n");
        Openssl.Result changed = Openssl.verifyDetached(dir, "F.json", "F.json.p7s", "ca.pem");
        assertThat(changed.ok()).as(changed.output()).isFalse();
        assertThat(changed.output()).contains("Verification failure");
    }

    @Test
    void opensslRejectsTheSignatureAgainstAnotherCa() throws Exception {
        Files.write(dir.resolve("F.json"), CONTENT);
        Files.write(dir.resolve("F.json.p7s"), new CmsSigner(KEY, CLOCK, null).sign(CONTENT));
        TestPki.create("Other CA", NOW.minus(Duration.ofDays(1)), Duration.ofDays(10)).caPem(dir.resolve("other.pem"));

        Openssl.Result result = Openssl.verifyDetached(dir, "F.json", "F.json.p7s", "other.pem");

        assertThat(result.ok()).as(result.output()).isFalse();
        assertThat(result.output()).contains("certificate verify error");
    }

    @Test
    void withATsaTheSignatureCarriesAnRfc3161TokenOverItsSignatureValue() throws Exception {
        LoopbackTsa tsa = tsa();
        int before = tsa.requests();

        byte[] p7s = new CmsSigner(KEY, CLOCK, new TimeStamper(URI.create(tsa.url()), Duration.ofSeconds(10))).sign(CONTENT);

        assertThat(tsa.requests()).isEqualTo(before + 1);
        SignerInformation signer = verifiedSigner(CONTENT, p7s);
        Attribute attribute = signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0)));
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa.certificate().certificate()));
        assertThat(token.getTimeStampInfo().getMessageImprintDigest())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(signer.getSignature()));
        assertThat(token.getTimeStampInfo().getGenTime().toInstant()).isEqualTo(NOW);
        assertThat(token.getTimeStampInfo().getPolicy()).isEqualTo(LoopbackTsa.POLICY);

        Files.write(dir.resolve("F.json"), CONTENT);
        Files.write(dir.resolve("F.json.p7s"), p7s);
        PKI.caPem(dir.resolve("ca.pem"));
        Openssl.Result result = Openssl.verifyDetached(dir, "F.json", "F.json.p7s", "ca.pem");
        assertThat(result.ok()).as(result.output()).isTrue();
    }

    @Test
    void aTsaThatDoesNotAnswerFailsTheSignatureNamingSigningTsaUrl() throws Exception {
        LoopbackTsa tsa = tsa();
        tsa.unavailable(true);
        try {
            CmsSigner signer = new CmsSigner(KEY, CLOCK, new TimeStamper(URI.create(tsa.url()), Duration.ofSeconds(10)));

            assertThatThrownBy(() -> signer.sign(CONTENT)).isInstanceOf(SigningException.class)
                    .hasMessageContaining("SIGNING_TSA_URL=" + tsa.url()).hasMessageContaining("HTTP 503");
        } finally {
            tsa.unavailable(false);
        }
    }

    @Test
    void aTsaUrlThatIsNotHttpIsRefusedNamingIt() {
        assertThatThrownBy(() -> TimeStamper.parse("ftp://tsa.example/")).hasMessageStartingWith("SIGNING_TSA_URL: 'ftp://tsa.example/'");
        assertThatThrownBy(() -> TimeStamper.parse("tsa.example")).hasMessageContaining("accepted: the time-stamp authority's http or https URL");
    }
}
