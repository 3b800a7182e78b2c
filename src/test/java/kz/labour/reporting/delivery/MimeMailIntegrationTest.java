package kz.labour.reporting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.mail.smime.SMIMESigned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import kz.labour.reporting.ReportingSettings;
import kz.labour.reporting.form.Organisation;
import kz.labour.reporting.signing.Signing;
import kz.labour.reporting.signing.SigningSettings;
import kz.labour.reporting.support.Openssl;
import kz.labour.reporting.support.TestPki;

/**
 * The bureau's message as it goes on the wire: envelope, text and files, and its S/MIME signature as a
 * mail client and {@code openssl smime -verify} check it. Each message is written out and parsed back,
 * as the relay and the recipient see it.
 */
class MimeMailIntegrationTest {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String BIN = "123456789012";
    static final Organisation ORG = new Organisation(BIN, "Тест инспекциясы", "Астана", "+7 7172 000000",
            "inspection@test.kz", "Тестов Т.", "Басшы Б.");
    static final TestPki PKI = TestPki.create(NOW);
    static final BureauMail MAIL = new BureauMail("2-ӨЖ · 2025 жылғы маусым / июнь 2025 года · V0001",
            "Жиыны: 45\u00a0979,6\nИтого: 45\u00a0979,6\n", List.of(
                    new BureauMail.Attachment("2-OZh_2025-06_V0001_N.xlsx", MailComposer.XLSX, new byte[] {'P', 'K', 3, 4, 0, (byte) 0xff}),
                    new BureauMail.Attachment("2-OZh_2025-06_V0001_N.json", MailComposer.JSON,
                            "{\"form\": \"2-OZh\"}\n".getBytes(StandardCharsets.UTF_8))));

    @TempDir
    Path dir;

    static MimeMessage sentAndReceived(MimeMessage message) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        message.writeTo(wire);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(wire.toByteArray()));
    }

    MimeMail mimeMail(UnaryOperator<MimeMessage> signer) {
        return new MimeMail("reports@inspection.kz", List.of("stat@bureau.kz", "archive@bureau.kz"), ORG, CLOCK, signer);
    }

    UnaryOperator<MimeMessage> signing() {
        TestPki.Issued org = PKI.issue(TestPki.Spec.organisation(BIN, NOW));
        Path store = TestPki.pkcs12(dir.resolve("org.p12"), "store-secret", "org", org);
        Signing signing = new Signing(new SigningSettings(store.toString(), "store-secret", null, null, null, null),
                new ReportingSettings("Asia/Almaty", "MONTH", "2016-01", dir.toString(), ORG), CLOCK);
        return signing::sign;
    }

    @Test
    void theEnvelopeNamesTheOrganisationAsSenderAndItsExecutorForReplies() throws Exception {
        MimeMessage received = sentAndReceived(mimeMail(UnaryOperator.identity()).message(MAIL));

        InternetAddress from = (InternetAddress) received.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("reports@inspection.kz");
        assertThat(from.getPersonal()).isEqualTo("Тест инспекциясы");
        InternetAddress replyTo = (InternetAddress) received.getReplyTo()[0];
        assertThat(replyTo.getAddress()).isEqualTo("inspection@test.kz");
        assertThat(replyTo.getPersonal()).isEqualTo("Тестов Т.");
        assertThat(received.getRecipients(MimeMessage.RecipientType.TO)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("stat@bureau.kz", "archive@bureau.kz");
        assertThat(received.getSubject()).isEqualTo(MAIL.subject());
        assertThat(received.getSentDate().toInstant()).isEqualTo(NOW);
    }

    @Test
    void unsignedTheTextAndTheFilesArriveWholeAsMultipartMixed() throws Exception {
        MimeMessage received = sentAndReceived(mimeMail(UnaryOperator.identity()).message(MAIL));

        assertThat(received.getContentType()).startsWith("multipart/mixed");
        MailMessages read = MailMessages.read(received);
        assertThat(read.signed()).isFalse();
        assertThat(read.text()).isEqualTo(MAIL.body());
        assertThat(read.attachments()).extracting(MailMessages.Received::name)
                .containsExactly("2-OZh_2025-06_V0001_N.xlsx", "2-OZh_2025-06_V0001_N.json");
        assertThat(read.attachments().get(0).content()).isEqualTo(MAIL.attachments().get(0).content());
        assertThat(read.attachments().get(1).content()).isEqualTo(MAIL.attachments().get(1).content());
    }

    @Test
    void signedTheMessageIsMultipartSignedAndVerifiesWithBouncyCastle() throws Exception {
        MimeMessage received = sentAndReceived(mimeMail(signing()).message(MAIL));

        assertThat(received.getContentType()).startsWith("multipart/signed")
                .contains("protocol=\"application/pkcs7-signature\"").contains("micalg=sha-256");
        SMIMESigned signed = new SMIMESigned((MimeMultipart) received.getContent());
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        @SuppressWarnings("unchecked")
        X509CertificateHolder certificate = (X509CertificateHolder) signed.getCertificates().getMatches(signer.getSID()).iterator().next();
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))).isTrue();
        assertThat(certificate.getSubject().toString()).contains("OU=BIN" + BIN);
        assertThat(signed.getCertificates().getMatches(null)).contains(new JcaX509CertificateHolder(PKI.ca()));
        // the signed content is the whole mail: text and files
        MailMessages read = MailMessages.read(received);
        assertThat(read.signed()).isTrue();
        assertThat(read.text()).isEqualTo(MAIL.body());
        assertThat(read.attachments()).extracting(MailMessages.Received::content)
                .containsExactly(MAIL.attachments().get(0).content(), MAIL.attachments().get(1).content());
        assertThat(received.getSubject()).isEqualTo(MAIL.subject());
        assertThat(((InternetAddress) received.getFrom()[0]).getPersonal()).isEqualTo("Тест инспекциясы");
    }

    @Test
    void opensslSmimeVerifiesTheSignedMessageAgainstTheCaAndRejectsAChangedOne() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        mimeMail(signing()).message(MAIL).writeTo(wire);
        Files.write(dir.resolve("mail.eml"), wire.toByteArray());
        PKI.caPem(dir.resolve("ca.pem"));

        Openssl.Result good = Openssl.verifySmime(dir, "mail.eml", "ca.pem", "content.txt");
        assertThat(good.ok()).as(good.output()).isTrue();
        assertThat(good.output()).contains("Verification successful");
        assertThat(Files.readString(dir.resolve("content.txt"))).contains("2-OZh_2025-06_V0001_N.json");

        // the JSON attachment's base64 line changed in transit: one character
        String text = wire.toString(StandardCharsets.US_ASCII);
        String json = java.util.Base64.getEncoder().encodeToString("{\"form\": \"2-OZh\"}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(text).contains(json);
        Files.writeString(dir.resolve("changed.eml"), text.replace(json,
                java.util.Base64.getEncoder().encodeToString("{\"form\": \"1-OZh\"}\n".getBytes(StandardCharsets.UTF_8))),
                StandardCharsets.US_ASCII);
        Openssl.Result changed = Openssl.verifySmime(dir, "changed.eml", "ca.pem", "changed.txt");
        assertThat(changed.ok()).as(changed.output()).isFalse();
        assertThat(changed.output()).contains("Verification failure");
    }

    @Test
    void theMessageIdIsMadeOfTheDeliveryKeyAndTheSendersDomainSignedOrNot() throws Exception {
        String key = "2-OZh.2025-06.V0001.delivery1";

        MimeMessage unsigned = sentAndReceived(mimeMail(UnaryOperator.identity()).message(MAIL, key));
        MimeMessage signed = sentAndReceived(mimeMail(signing()).message(MAIL, key));
        MimeMessage again = sentAndReceived(mimeMail(UnaryOperator.identity()).message(MAIL, key));
        MimeMessage resent = sentAndReceived(mimeMail(UnaryOperator.identity()).message(MAIL, "2-OZh.2025-06.V0001.delivery2"));

        // MAIL_FROM is reports@inspection.kz
        assertThat(unsigned.getMessageID()).isEqualTo("<2-OZh.2025-06.V0001.delivery1@inspection.kz>");
        assertThat(signed.getMessageID()).isEqualTo("<2-OZh.2025-06.V0001.delivery1@inspection.kz>");
        assertThat(again.getMessageID()).as("the same delivery made again").isEqualTo(unsigned.getMessageID());
        assertThat(resent.getMessageID()).isEqualTo("<2-OZh.2025-06.V0001.delivery2@inspection.kz>");
    }

    @Test
    void aKeyOrSenderWithCharactersAMessageIdCannotCarryIsReducedToThoseItCan() {
        assertThat(MimeMail.messageId("2-ӨЖ 2025/06 <V1>", "Reports <reports@inspection.kz>"))
                .isEqualTo("<2-___2025_06__V1_@inspection.kz>");
        assertThat(MimeMail.messageId("2-OZh.2025-06.V0001.delivery1", "reports@"))
                .isEqualTo("<2-OZh.2025-06.V0001.delivery1@labour-reporting.invalid>");
    }

    @Test
    void withoutAKeyEveryMessageHasAnIdOfItsOwn() throws Exception {
        MimeMessage first = sentAndReceived(mimeMail(UnaryOperator.identity()).message(MAIL));
        MimeMessage second = sentAndReceived(mimeMail(UnaryOperator.identity()).message(MAIL));

        assertThat(first.getMessageID()).isNotBlank().isNotEqualTo(second.getMessageID());
    }
}
