package kz.labour.reporting.receipts;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.mail.smime.SMIMESigned;

import jakarta.mail.internet.MimeMultipart;

/**
 * Checks an S/MIME signature (a {@code multipart/signed} message) against the bureau's trust store
 * (RECEIPTS_TRUSTSTORE_FILE, read by {@link AckVerifier}): every signature must verify over the content, and its certificate,
 * carried in the message, must chain to one of the trusted certificates and be valid at the signing
 * time the message states (else now). Revocation is not checked: no CRL or OCSP is reachable from
 * here.
 */
public final class SmimeVerifier {

    private final Set<TrustAnchor> anchors;

    public SmimeVerifier(Collection<X509Certificate> trusted) {
        this(trusted.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toUnmodifiableSet()));
    }

    /** @param anchors the trust store's certificates, as {@link AckVerifier} read them */
    SmimeVerifier(Set<TrustAnchor> anchors) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("a trust store without certificates trusts nobody; accepted: the bureau's CA certificates");
        }
        this.anchors = Set.copyOf(anchors);
    }

    /** VERIFIED, or INVALID with no signature that verifies and chains to the trust store. */
    public Verification verify(MimeMultipart signedMessage) {
        try {
            SMIMESigned signed = new SMIMESigned(signedMessage);
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            List<X509Certificate> carried = new ArrayList<>();
            for (Object holder : signed.getCertificates().getMatches(null)) {
                carried.add(converter.getCertificate((X509CertificateHolder) holder));
            }
            Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
            if (signers.isEmpty()) {
                return Verification.INVALID;
            }
            for (SignerInformation signer : signers) {
                @SuppressWarnings("unchecked")
                Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
                if (matches.isEmpty()) {
                    return Verification.INVALID;
                }
                X509Certificate certificate = converter.getCertificate(matches.iterator().next());
                if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate)) || !chains(certificate, carried)) {
                    return Verification.INVALID;
                }
            }
            return Verification.VERIFIED;
        } catch (Exception e) {
            return Verification.INVALID;
        }
    }

    private boolean chains(X509Certificate certificate, List<X509Certificate> carried) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(certificate);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            parameters.setRevocationEnabled(false);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(carried)));
            CertPathBuilder.getInstance("PKIX").build(parameters);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
