package kz.labour.reporting.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;

/**
 * The signed attributes both signers add beside BouncyCastle's standard ones (content type, message
 * digest, algorithm protection): the signing time, and the signer's certificate by its SHA-256 hash
 * (ESS signing-certificate-v2, RFC 5035), which binds the signature to that one certificate as CAdES-BES
 * asks, so a second certificate for the same key cannot be substituted.
 */
final class SignedAttributes {

    private SignedAttributes() {
    }

    static AttributeTable of(X509Certificate certificate, Instant signingTime) {
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(signingTime)))));
        attributes.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(signingCertificate(certificate))));
        return new AttributeTable(attributes);
    }

    private static SigningCertificateV2 signingCertificate(X509Certificate certificate) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            IssuerSerial issuerSerial = new IssuerSerial(
                    new GeneralNames(new GeneralName(X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()))),
                    certificate.getSerialNumber());
            return new SigningCertificateV2(new ESSCertIDv2(hash, issuerSerial));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        } catch (CertificateEncodingException e) {
            throw new UncheckedIOException(new IOException("the signing certificate cannot be encoded", e));
        }
    }
}
