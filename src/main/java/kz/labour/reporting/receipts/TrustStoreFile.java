package kz.labour.reporting.receipts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import kz.labour.reporting.BadInputException;

/**
 * The bureau's CA certificates from RECEIPTS_TRUSTSTORE_FILE: PEM (one or more {@code BEGIN
 * CERTIFICATE} blocks) or a PKCS#12 trust store whose certificates are readable without a password
 * (as {@code keytool -importcert} and {@code openssl pkcs12 -export -nokeys -certpbe NONE} write them).
 */
public final class TrustStoreFile {

    static final String VARIABLE = "RECEIPTS_TRUSTSTORE_FILE";

    private TrustStoreFile() {
    }

    /** The certificates in {@code file}; bad input naming the variable when there are none or it cannot be read. */
    public static List<X509Certificate> certificates(String file) {
        Path path = Path.of(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new BadInputException(VARIABLE, "'" + file + "' cannot be read (" + e.getMessage()
                    + "); accepted: the bureau's CA certificates, PEM or PKCS#12");
        }
        List<X509Certificate> found = new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN CERTIFICATE-----")
                ? pem(bytes) : pkcs12(bytes);
        if (found.isEmpty()) {
            throw new BadInputException(VARIABLE, "'" + file + "' holds no certificate that can be read without a password;"
                    + " accepted: the bureau's CA certificates, PEM or a PKCS#12 trust store");
        }
        return List.copyOf(found);
    }

    private static List<X509Certificate> pem(byte[] bytes) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (GeneralSecurityException e) {
            return List.of();
        }
    }

    private static List<X509Certificate> pkcs12(byte[] bytes) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), null);
            List<X509Certificate> out = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof X509Certificate c) {
                    out.add(c);
                }
            }
            return out;
        } catch (GeneralSecurityException | IOException e) {
            return List.of();
        }
    }
}
