package kz.labour.reporting.signing;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500Name;

/**
 * The organisation's signing key as read from its key store and checked ({@link SigningKeys}): the
 * RSA private key, its certificate first and the rest of the chain after it, and the BIN the
 * certificate names. {@link #toString} describes the certificate and never shows the key.
 */
public record SigningKey(String alias, PrivateKey privateKey, List<X509Certificate> chain, String bin) {

    public SigningKey {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a signing key needs its certificate");
        }
    }

    /** The signer's own certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    public Instant notAfter() {
        return certificate().getNotAfter().toInstant();
    }

    /** "CN=…, OU=BIN123456789012, serial 1f2e…, valid until 2026-07-01T00:00:00Z", as log lines and health name it. */
    public String describe() {
        X509Certificate c = certificate();
        return name(c.getSubjectX500Principal()) + ", serial " + HexFormat.of().formatHex(c.getSerialNumber().toByteArray())
                + ", issued by " + name(c.getIssuerX500Principal()) + ", valid until "
                + DateTimeFormatter.ISO_INSTANT.format(notAfter());
    }

    /** A distinguished name as written in the certificate, e.g. "CN=ТЕСТОВ ТЕСТ,SERIALNUMBER=IIN…,O=…,OU=BIN…". */
    static String name(X500Principal principal) {
        return X500Name.getInstance(principal.getEncoded()).toString();
    }

    @Override
    public String toString() {
        return "SigningKey[alias=" + alias + ", " + describe() + "]";
    }
}
