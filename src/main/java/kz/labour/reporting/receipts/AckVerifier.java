package kz.labour.reporting.receipts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.util.Store;

import kz.labour.reporting.BadInputException;

/**
 * Checks an acknowledgement's detached CMS signature ({@code {stem}.ack.json.p7s}, DER or PEM) against
 * the bureau's CA in RECEIPTS_TRUSTSTORE_FILE: every signer's signature over the file's bytes, and its
 * certificate's path to that CA at the signing time the certificate was valid (no revocation lists
 * here: the bureau's CA publishes none we can reach). Without a trust store nothing is checked.
 */
final class AckVerifier {

    private final Set<TrustAnchor> anchors;

    private AckVerifier(Set<TrustAnchor> anchors) {
        this.anchors = anchors;
    }

    /** Checks nothing: every receipt is {@link Verification#NOT_CHECKED}. */
    static AckVerifier none() {
        return new AckVerifier(Set.of());
    }

    /**
     * The bureau's CA from {@code file}: a PKCS#12 store (its certificates; {@code password} may be
     * empty) or PEM certificates. Anything else is bad input naming RECEIPTS_TRUSTSTORE_FILE.
     */
    static AckVerifier load(String file, String password) {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new BadInputException("RECEIPTS_TRUSTSTORE_FILE", "'" + file + "' cannot be read; accepted: a readable "
                    + "PKCS#12 file (.p12, .pfx) or PEM file holding the bureau's CA certificate");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        String problem;
        try {
            byte[] bytes = Files.readAllBytes(path);
            if (new String(bytes, 0, Math.min(bytes.length, 4096), java.nio.charset.StandardCharsets.US_ASCII)
                    .contains("-----BEGIN CERTIFICATE-----")) {
                try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
                    for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        certificates.add((X509Certificate) c);
                    }
                }
            } else {
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
                    store.load(in, password == null ? new char[0] : password.toCharArray());
                }
                for (String alias : Collections.list(store.aliases())) {
                    if (store.getCertificate(alias) instanceof X509Certificate x) {
                        certificates.add(x);
                    }
                }
            }
            problem = certificates.isEmpty() ? "holds no certificate" : null;
        } catch (IOException | GeneralSecurityException e) {
            problem = "cannot be read as PKCS#12 or PEM (" + e.getMessage() + ")";
        }
        if (problem != null) {
            throw new BadInputException("RECEIPTS_TRUSTSTORE_FILE", "'" + file + "' " + problem + "; accepted: a PKCS#12 "
                    + "file (password in RECEIPTS_TRUSTSTORE_PASSWORD) or PEM file holding the bureau's CA certificate");
        }
        Set<TrustAnchor> anchors = new HashSet<>();
        certificates.forEach(c -> anchors.add(new TrustAnchor(c, null)));
        return new AckVerifier(Set.copyOf(anchors));
    }

    boolean configured() {
        return !anchors.isEmpty();
    }

    /** The trusted certificates, for the S/MIME check of mail receipts ({@link SmimeVerifier}). */
    Set<TrustAnchor> anchors() {
        return anchors;
    }

    /** How {@code content} and its detached {@code signature} (null when none came) stand against the trust store. */
    Verification verify(byte[] content, byte[] signature) {
        if (!configured()) {
            return Verification.NOT_CHECKED;
        }
        if (signature == null) {
            return Verification.UNSIGNED;
        }
        try {
            CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(content), der(signature));
            Store<X509CertificateHolder> store = signed.getCertificates();
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            List<X509Certificate> included = new ArrayList<>();
            for (X509CertificateHolder h : store.getMatches(null)) {
                included.add(converter.getCertificate(h));
            }
            Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
            if (signers.isEmpty()) {
                return Verification.INVALID;
            }
            for (SignerInformation signer : signers) {
                @SuppressWarnings("unchecked")
                Collection<X509CertificateHolder> mine = store.getMatches(signer.getSID());
                if (mine.isEmpty()) {
                    return Verification.INVALID;
                }
                X509Certificate certificate = converter.getCertificate(mine.iterator().next());
                if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))) {
                    return Verification.INVALID;
                }
                if (!trusted(certificate, included)) {
                    return Verification.INVALID;
                }
            }
            return Verification.VERIFIED;
        } catch (Exception e) {
            // not CMS, a broken signature, a certificate that is not valid now: not verified, whatever the cause
            return Verification.INVALID;
        }
    }

    private boolean trusted(X509Certificate certificate, List<X509Certificate> included) throws GeneralSecurityException {
        X509CertSelector target = new X509CertSelector();
        target.setCertificate(certificate);
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
        parameters.setRevocationEnabled(false);
        parameters.setDate(new Date());
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(included)));
        try {
            CertPathBuilder.getInstance("PKIX").build(parameters);
            return true;
        } catch (java.security.cert.CertPathBuilderException e) {
            return false;
        }
    }

    /** A PEM signature ({@code -----BEGIN CMS-----} or PKCS7) as DER; DER as it is. */
    private static byte[] der(byte[] signature) {
        String text = new String(signature, java.nio.charset.StandardCharsets.US_ASCII);
        if (text.startsWith("-----BEGIN")) {
            String body = text.replaceAll("-----[A-Z0-9 ]+-----", "").replaceAll("\\s", "");
            return java.util.Base64.getDecoder().decode(body);
        }
        return signature;
    }
}
