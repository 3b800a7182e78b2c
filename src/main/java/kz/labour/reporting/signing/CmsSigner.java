package kz.labour.reporting.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import kz.labour.reporting.form.DetachedSigner;

/**
 * Detached CMS signatures (RFC 5652 SignedData without the content), DER: SHA-256 with RSA
 * (PKCS#1 v1.5, which every verifier reads), the signer's certificate and its chain included, the
 * signing time and the signing-certificate-v2 attribute signed, and, when a time-stamp authority is
 * configured, its RFC 3161 token over the signature as an unsigned attribute. RSA PKCS#1 v1.5 is
 * deterministic: the same file, key and clock give the same bytes (without a time-stamp).
 *
 * Verify with {@code openssl cms -verify -binary -inform DER -in F.p7s -content F -CAfile ca.pem}.
 */
final class CmsSigner implements DetachedSigner {

    static final String ALGORITHM = "SHA256withRSA";

    private final SigningKey key;
    private final Clock clock;
    private final TimeStamper timeStamper;

    /** @param timeStamper null for no time-stamp */
    CmsSigner(SigningKey key, Clock clock, TimeStamper timeStamper) {
        this.key = key;
        this.clock = clock;
        this.timeStamper = timeStamper;
    }

    @Override
    public byte[] sign(byte[] content) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(
                            SignedAttributes.of(key.certificate(), clock.instant())))
                    .build(new JcaContentSignerBuilder(ALGORITHM).build(key.privateKey()), key.certificate()));
            generator.addCertificates(new JcaCertStore(List.copyOf(key.chain())));
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), false);
            if (timeStamper != null) {
                signed = timeStamped(signed);
            }
            return signed.getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | CMSException | CertificateEncodingException e) {
            throw new SigningException("cannot sign with the key '" + key.alias() + "': " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("a signature in memory always encodes", e);
        }
    }

    /** Adds the TSA's token over the signature value as the signature-time-stamp attribute (RFC 3161 appendix A). */
    private CMSSignedData timeStamped(CMSSignedData signed) throws IOException {
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        byte[] token = timeStamper.token(signer.getSignature());
        AttributeTable unsigned = new AttributeTable(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                new DERSet(ASN1Primitive.fromByteArray(token))));
        return CMSSignedData.replaceSigners(signed,
                new SignerInformationStore(SignerInformation.replaceUnsignedAttributes(signer, unsigned)));
    }
}
