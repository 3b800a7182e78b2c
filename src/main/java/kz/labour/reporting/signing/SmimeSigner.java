package kz.labour.reporting.signing;

import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.Enumeration;
import java.util.List;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.smime.SMIMECapabilitiesAttribute;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.asn1.smime.SMIMECapabilityVector;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.mail.smime.SMIMEException;
import org.bouncycastle.mail.smime.SMIMESignedGenerator;
import org.bouncycastle.operator.OperatorCreationException;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * S/MIME signatures (RFC 8551): a composed message becomes {@code multipart/signed;
 * protocol="application/pkcs7-signature"; micalg=sha-256}, its content unchanged as the first part and
 * a detached CMS signature (SHA-256 with RSA, certificate chain, signing time, S/MIME capabilities,
 * signing-certificate-v2) as the second, so any mail client shows it and {@code openssl smime -verify}
 * checks it. Parts must have their transfer encoding fixed (base64) before signing: a relay may not
 * re-encode what is signed.
 */
final class SmimeSigner {

    private final SigningKey key;
    private final Clock clock;

    SmimeSigner(SigningKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** {@code content} signed: a multipart/signed whose first part is {@code content}. */
    public MimeMultipart sign(MimeBodyPart content) {
        try {
            AttributeTable attributes = SignedAttributes.of(key.certificate(), clock.instant());
            ASN1EncodableVector signed = attributes.toASN1EncodableVector();
            SMIMECapabilityVector capabilities = new SMIMECapabilityVector();
            capabilities.addCapability(SMIMECapability.aES256_CBC);
            capabilities.addCapability(SMIMECapability.aES128_CBC);
            signed.add(new SMIMECapabilitiesAttribute(capabilities));
            SMIMESignedGenerator generator = new SMIMESignedGenerator();
            generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                    .setSignedAttributeGenerator(new AttributeTable(signed))
                    .build(CmsSigner.ALGORITHM, key.privateKey(), key.certificate()));
            generator.addCertificates(new JcaCertStore(List.copyOf(key.chain())));
            return generator.generate(content);
        } catch (OperatorCreationException | CertificateEncodingException | SMIMEException e) {
            throw new SigningException("cannot S/MIME-sign with the key '" + key.alias() + "': " + e.getMessage(), e);
        }
    }

    /**
     * A copy of {@code message} whose content is signed: the same envelope headers (From, To, Subject,
     * Date, Reply-To…), and as body the multipart/signed of the original body.
     */
    public MimeMessage sign(MimeMessage message) {
        try {
            message.saveChanges(); // the content's headers (type, transfer encoding) as they will be sent
            MimeBodyPart content = new MimeBodyPart();
            Object body = message.getContent();
            if (body instanceof Multipart multipart) {
                content.setContent(multipart);
            } else {
                content.setContent(body, message.getContentType());
            }
            for (Enumeration<Header> h = message.getAllHeaders(); h.hasMoreElements(); ) {
                Header header = h.nextElement();
                if (header.getName().regionMatches(true, 0, "Content-", 0, 8)) {
                    content.setHeader(header.getName(), header.getValue());
                }
            }
            MimeMultipart signed = sign(content);
            MimeMessage result = new MimeMessage((Session) null);
            for (Enumeration<Header> h = message.getAllHeaders(); h.hasMoreElements(); ) {
                Header header = h.nextElement();
                if (!header.getName().regionMatches(true, 0, "Content-", 0, 8) && !header.getName().equalsIgnoreCase("MIME-Version")) {
                    result.addHeader(header.getName(), header.getValue());
                }
            }
            result.setContent(signed, signed.getContentType());
            result.saveChanges();
            return result;
        } catch (MessagingException | java.io.IOException e) {
            throw new SigningException("cannot S/MIME-sign the message: " + e.getMessage(), e);
        }
    }
}
