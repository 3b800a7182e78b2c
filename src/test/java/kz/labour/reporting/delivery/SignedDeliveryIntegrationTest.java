package kz.labour.reporting.delivery;

import static kz.labour.reporting.support.DeliveryEnvironment.BUREAU;
import static kz.labour.reporting.support.DeliveryEnvironment.transmit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.mail.smime.SMIMESigned;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import kz.labour.reporting.form.Manifest;
import kz.labour.reporting.ledger.Ledger;
import kz.labour.reporting.ledger.StoredFile;
import kz.labour.reporting.ledger.Transmission;
import kz.labour.reporting.ops.Cli;
import kz.labour.reporting.support.DeliveryEnvironment;
import kz.labour.reporting.support.DeliveryEnvironment.Run;
import kz.labour.reporting.support.FixedClock;
import kz.labour.reporting.support.PipelineTest;
import kz.labour.reporting.support.TestPki;
import kz.labour.reporting.support.TestPostgres;

/**
 * Delivery with the organisation's key configured, end to end through the CLI against the real SFTP
 * server and mail relay: every file goes up with its detached signature before the manifest, which
 * lists them and says it is signed; each e-mail arrives S/MIME-signed; a resend sends the stored
 * signatures byte for byte, a forced new version is signed anew. Signatures are checked with
 * BouncyCastle against the test CA (openssl checks them in CmsSignerIntegrationTest, MimeMailIntegrationTest and the system test).
 */
@PipelineTest
// its own context (the signing settings differ): stopped after the class, not left for the JVM's exit
@DirtiesContext
class SignedDeliveryIntegrationTest {

    /** The servers and databases of this class, stopped after its last test. */
    @RegisterExtension
    static final DeliveryEnvironment env = new DeliveryEnvironment();
    static final TestPki PKI = TestPki.create(FixedClock.NOW);
    /** PipelineTest's ORG_BIN. */
    static final TestPki.Issued ORG = PKI.issue(TestPki.Spec.organisation(kz.labour.reporting.support.TestOrganisation.BIN, FixedClock.NOW));
    static final String PASSWORD = "p12 pass;word&1";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        env.register(registry);
        Path store = TestPki.pkcs12(env.dir.resolve("organisation.p12"), PASSWORD, "organisation", ORG);
        registry.add("signing.keystore-file", store::toString);
        registry.add("signing.keystore-password", () -> PASSWORD);
    }

    @Autowired
    Cli cli;

    @Autowired
    Ledger ledger;

    @BeforeEach
    void serversUpAndMailboxesEmpty() {
        env.reset();
    }

    static List<String> signedNames(String stem) {
        return List.of(stem + ".xlsx", stem + ".json", stem + ".validation.json", stem + ".xlsx.p7s", stem + ".json.p7s",
                stem + ".validation.json.p7s", stem + ".manifest.json.p7s", stem + ".manifest.json");
    }

    /** The detached signature {@code name.p7s} on the server verifies over {@code name} with the organisation's certificate. */
    static void assertSignedByTheOrganisation(Path dir, String name) throws Exception {
        byte[] content = Files.readAllBytes(dir.resolve(name));
        CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(content), Files.readAllBytes(dir.resolve(name + ".p7s")));
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> certificate = signed.getCertificates().getMatches(signer.getSID());
        assertThat(certificate).as(name).containsExactly(new JcaX509CertificateHolder(ORG.certificate()));
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate.iterator().next()))).as(name).isTrue();
        assertThat(signed.getCertificates().getMatches(null)).as(name).contains(new JcaX509CertificateHolder(PKI.ca()));
    }

    static void assertSmimeSignedByTheOrganisation(MimeMessage message) throws Exception {
        SMIMESigned signed = new SMIMESigned((MimeMultipart) message.getContent());
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> certificate = signed.getCertificates().getMatches(signer.getSID());
        assertThat(certificate).containsExactly(new JcaX509CertificateHolder(ORG.certificate()));
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate.iterator().next()))).isTrue();
    }

    @Test
    void everyFileGoesUpWithItsSignatureBeforeTheSignedManifestAndEachMailIsSmimeSigned() throws Exception {
        Run run = transmit(cli, "2025-06", "2-OZh");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String stem = "2-OZh_2025-06_V0001_N";
        assertThat(env.remoteFiles()).filteredOn(n -> n.startsWith(stem)).containsExactlyInAnyOrderElementsOf(signedNames(stem));
        assertThat(env.sftp.completedUploads()).filteredOn(n -> n.startsWith(stem)).containsExactlyElementsOf(signedNames(stem));
        Manifest manifest = Manifest.parse(Files.readAllBytes(env.remoteDir().resolve(stem + ".manifest.json")));
        assertThat(manifest.signed()).isTrue();
        assertThat(manifest.files()).extracting(Manifest.FileRef::name).containsExactlyElementsOf(signedNames(stem).subList(0, 6));
        for (String name : List.of(stem + ".xlsx", stem + ".json", stem + ".manifest.json")) {
            assertSignedByTheOrganisation(env.remoteDir(), name);
        }
        Transmission t = ledger.latest(kz.labour.reporting.form.FormId.OZH, java.time.YearMonth.of(2025, 6)).orElseThrow();
        assertThat(t.files()).extracting(StoredFile::name).containsExactlyElementsOf(signedNames(stem));
        for (String name : signedNames(stem)) {
            assertThat(Files.readAllBytes(env.remoteDir().resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(env.outbox.resolve("2025-06").resolve(name)));
        }

        MimeMessage mail = env.mailsTo(BUREAU).get(0);
        assertThat(mail.getContentType()).startsWith("multipart/signed");
        assertSmimeSignedByTheOrganisation(mail);
        MailMessages read = MailMessages.read(mail);
        assertThat(read.signed()).isTrue();
        assertThat(read.text()).contains("Жіберуші: " + kz.labour.reporting.support.TestOrganisation.NAME + ", БСН " + kz.labour.reporting.support.TestOrganisation.BIN,
                "Отправитель: " + kz.labour.reporting.support.TestOrganisation.NAME + ", БИН " + kz.labour.reporting.support.TestOrganisation.BIN);
        assertThat(read.attachments()).extracting(MailMessages.Received::content).containsExactly(
                Files.readAllBytes(env.remoteDir().resolve(stem + ".xlsx")), Files.readAllBytes(env.remoteDir().resolve(stem + ".json")),
                Files.readAllBytes(env.remoteDir().resolve(stem + ".validation.json")));
    }

    @Test
    void aResendSendsTheStoredSignaturesByteForByte() throws Exception {
        assertThat(transmit(cli, "2025-05", "1-MEIZhM").exitCode()).isZero();
        String stem = "1-MEIZhM_2025-05_V0001_N";
        List<byte[]> stored = new ArrayList<>();
        for (String name : signedNames(stem)) {
            stored.add(Files.readAllBytes(env.remoteDir().resolve(name)));
        }
        // the bureau has taken the workbook and its signature away
        Files.delete(env.remoteDir().resolve(stem + ".xlsx"));
        Files.delete(env.remoteDir().resolve(stem + ".xlsx.p7s"));
        int before = env.sftp.completedUploads().size();

        Run resend = transmit(cli, "2025-05", "1-MEIZhM", "--resend");

        assertThat(resend.exitCode()).as(resend.toString()).isZero();
        List<String> uploads = env.sftp.completedUploads();
        assertThat(uploads.subList(before, uploads.size())).containsExactly(stem + ".xlsx", stem + ".xlsx.p7s");
        for (int i = 0; i < stored.size(); i++) {
            assertThat(Files.readAllBytes(env.remoteDir().resolve(signedNames(stem).get(i)))).as(signedNames(stem).get(i))
                    .isEqualTo(stored.get(i));
        }
        List<MimeMessage> mails = env.mailsTo(BUREAU);
        assertThat(mails).hasSize(2);
        assertSmimeSignedByTheOrganisation(mails.get(1));
    }

    @Test
    void aForcedNewVersionIsSignedAnew() throws Exception {
        assertThat(transmit(cli, "2025-03", "2-OZh").exitCode()).isZero();
        // one severe accident in Pavlodar, recorded before the cut-off, appears after V0001 was sent
        TestPostgres.execute(TestPostgres.dataSource(env.source), """
                INSERT INTO accident (id, recorded_at, region_kato, occurred_on)
                     VALUES (301, '2025-03-10 12:00+05', '550000000', '2025-03-10');
                INSERT INTO accident_victim (id, recorded_at, accident_id, severity)
                     VALUES (301, '2025-03-10 12:00+05', 301, 'SEVERE');
                """);

        Run force = transmit(cli, "2025-03", "2-OZh", "--force");

        assertThat(force.exitCode()).as(force.toString()).isZero();
        assertThat(force.out()).contains("V0002 R DELIVERED");
        String stem = "2-OZh_2025-03_V0002_R";
        assertThat(env.remoteFiles()).filteredOn(n -> n.startsWith(stem)).containsExactlyInAnyOrderElementsOf(signedNames(stem));
        for (String name : List.of(stem + ".xlsx", stem + ".json", stem + ".manifest.json")) {
            assertSignedByTheOrganisation(env.remoteDir(), name);
        }
        List<Transmission> history = ledger.history(kz.labour.reporting.form.FormId.OZH, java.time.YearMonth.of(2025, 3));
        assertThat(history.get(1).contentHash()).isNotEqualTo(history.get(0).contentHash());
    }
}
