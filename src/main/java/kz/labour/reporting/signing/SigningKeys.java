package kz.labour.reporting.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.Causes;

/**
 * Reads the organisation's key from its PKCS#12 store and refuses, naming the setting, whatever would
 * make a signature the bureau cannot accept: a store that cannot be read, a wrong password, a missing
 * or ambiguous alias, a key that is not RSA of at least 2048 bits or does not belong to its
 * certificate, a certificate not meant for signing, or one issued to another organisation than
 * {@code ORG_BIN}. Dates are checked separately ({@link #requireValid}), at each use, since a running
 * service outlives a certificate. Nothing here ever puts the password into a message.
 */
final class SigningKeys {

    static final String FILE = "SIGNING_KEYSTORE_FILE";
    static final String PASSWORD = "SIGNING_KEYSTORE_PASSWORD";
    static final String ALIAS = "SIGNING_KEY_ALIAS";

    /** RSA keys shorter than this are refused: NIST SP 800-131A disallows them for signatures. */
    static final int MIN_RSA_BITS = 2048;

    /** "BIN123456789012", as НУЦ РК certificates carry the organisation in OU (and some in SERIALNUMBER). */
    private static final Pattern BIN = Pattern.compile("(?i)BIN(\\d{12})");

    private SigningKeys() {
    }

    /**
     * The key {@code alias} (or the store's only key when {@code alias} is empty) of the PKCS#12 store
     * {@code file}, checked against {@code orgBin}.
     *
     * @throws BadInputException naming SIGNING_KEYSTORE_FILE, SIGNING_KEYSTORE_PASSWORD or SIGNING_KEY_ALIAS
     */
    public static SigningKey load(Path file, String password, String alias, String orgBin) {
        if (password == null || password.isEmpty()) {
            throw new BadInputException(PASSWORD, "not set; the key store " + file + " (" + FILE + ") needs its password");
        }
        KeyStore store = open(file, password.toCharArray());
        List<String> keys = keyAliases(store);
        String chosen = choose(file, store, keys, alias);
        PrivateKey key = privateKey(file, store, chosen, password.toCharArray());
        List<X509Certificate> chain = chain(file, store, chosen);
        requireRsa(file, chosen, key, chain.get(0));
        requireSigningUsage(file, chosen, chain.get(0));
        String bin = requireBin(file, chosen, chain.get(0), orgBin);
        return new SigningKey(chosen, key, chain, bin);
    }

    /**
     * Refuses a certificate of the chain that is not valid at {@code now}: the signer's own, or a CA's
     * above it (a signature under an expired CA does not verify either).
     */
    public static void requireValid(SigningKey key, Instant now) {
        for (X509Certificate c : key.chain()) {
            String which = c == key.certificate() ? "the certificate of key '" + key.alias() + "' ("
                    + SigningKey.name(c.getSubjectX500Principal()) + ")"
                    : "the CA certificate " + SigningKey.name(c.getSubjectX500Principal()) + " in its chain";
            if (now.isBefore(c.getNotBefore().toInstant())) {
                throw new BadInputException(FILE, which + " is not valid yet: valid from " + iso(c.getNotBefore().toInstant())
                        + "; accepted: a certificate valid now");
            }
            if (now.isAfter(c.getNotAfter().toInstant())) {
                throw new BadInputException(FILE, which + " expired on " + iso(c.getNotAfter().toInstant())
                        + "; accepted: a certificate valid now (renew it with the certification authority)");
            }
        }
    }

    /** The BINs a certificate subject names: {@code OU=BIN…} and {@code SERIALNUMBER=BIN…}, in subject order. */
    static Set<String> bins(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        Set<String> bins = new LinkedHashSet<>();
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                ASN1ObjectIdentifier type = atv.getType();
                if (type.equals(BCStyle.OU) || type.equals(BCStyle.SERIALNUMBER)) {
                    Matcher m = BIN.matcher(IETFUtils.valueToString(atv.getValue()).strip());
                    if (m.matches()) {
                        bins.add(m.group(1));
                    }
                }
            }
        }
        return bins;
    }

    private static KeyStore open(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (NoSuchFileException e) {
            throw new BadInputException(FILE, file + " does not exist; accepted: the path of the organisation's PKCS#12 key store (.p12, .pfx)");
        } catch (AccessDeniedException e) {
            throw new BadInputException(FILE, file + " cannot be read by this process (permission denied)");
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new BadInputException(FILE, file + " is a directory; accepted: a PKCS#12 key store file (.p12, .pfx)");
            }
            if (causedBy(e, UnrecoverableKeyException.class)) {
                throw new BadInputException(PASSWORD, "does not open the key store " + file + " (wrong password)");
            }
            if (causedBy(e, NoSuchAlgorithmException.class)) {
                throw new BadInputException(FILE, file + " is protected or made with an algorithm this Java runtime does not have"
                        + " (a GOST store?): " + e.getMessage() + "; accepted: a PKCS#12 store with an RSA key");
            }
            throw new BadInputException(FILE, file + " is not a readable PKCS#12 key store: " + e.getMessage()
                    + "; accepted: a PKCS#12 file (.p12, .pfx)");
        } catch (GeneralSecurityException e) {
            throw new BadInputException(FILE, file + " cannot be read as a PKCS#12 key store: " + e.getMessage());
        }
    }

    private static List<String> keyAliases(KeyStore store) {
        try {
            List<String> keys = new ArrayList<>();
            for (String a : Collections.list(store.aliases())) {
                if (store.isKeyEntry(a)) {
                    keys.add(a);
                }
            }
            Collections.sort(keys);
            return keys;
        } catch (KeyStoreException e) {
            throw new IllegalStateException("a loaded key store lists its aliases", e);
        }
    }

    private static String choose(Path file, KeyStore store, List<String> keys, String alias) {
        if (alias != null && !alias.isBlank()) {
            String wanted = alias.strip();
            // PKCS#12 aliases are compared without case by Java's store; report them as stored
            for (String k : keys) {
                if (k.equalsIgnoreCase(wanted)) {
                    return k;
                }
            }
            throw new BadInputException(ALIAS, "'" + wanted + "' is not a key in " + file + "; "
                    + (keys.isEmpty() ? "the store holds no private key" : "its keys: " + String.join(", ", keys)));
        }
        if (keys.size() == 1) {
            return keys.get(0);
        }
        if (keys.isEmpty()) {
            throw new BadInputException(FILE, file + " holds no private key" + certificatesOnly(store)
                    + "; accepted: the organisation's PKCS#12 store with its signing key");
        }
        throw new BadInputException(ALIAS, "not set, and " + file + " holds " + keys.size() + " keys: " + String.join(", ", keys)
                + "; set it to the one to sign with");
    }

    private static String certificatesOnly(KeyStore store) {
        try {
            return store.size() > 0 ? " (only " + store.size() + " certificate(s))" : "";
        } catch (KeyStoreException e) {
            return "";
        }
    }

    private static PrivateKey privateKey(Path file, KeyStore store, String alias, char[] password) {
        try {
            Key key = store.getKey(alias, password);
            if (key instanceof PrivateKey privateKey) {
                return privateKey;
            }
            throw new BadInputException(FILE, "the entry '" + alias + "' of " + file + " is not a private key");
        } catch (UnrecoverableKeyException e) {
            throw new BadInputException(PASSWORD, "opens the key store " + file + " but not its key '" + alias
                    + "' (the key has another password); accepted: one password for the store and the key");
        } catch (NoSuchAlgorithmException e) {
            throw new BadInputException(FILE, "the key '" + alias + "' of " + file + " is protected with an algorithm this Java runtime"
                    + " does not have (" + e.getMessage() + "); accepted: an RSA key in a PKCS#12 store");
        } catch (KeyStoreException e) {
            throw new IllegalStateException("a loaded key store gives its keys", e);
        }
    }

    private static List<X509Certificate> chain(Path file, KeyStore store, String alias) {
        Certificate[] chain;
        try {
            chain = store.getCertificateChain(alias);
        } catch (KeyStoreException e) {
            throw new IllegalStateException("a loaded key store gives its certificates", e);
        }
        if (chain == null || chain.length == 0) {
            throw new BadInputException(FILE, "the key '" + alias + "' of " + file + " has no certificate; accepted: a key stored with its certificate");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate c : chain) {
            if (!(c instanceof X509Certificate x509)) {
                throw new BadInputException(FILE, "the key '" + alias + "' of " + file + " has a " + c.getType() + " certificate; accepted: X.509");
            }
            certificates.add(x509);
        }
        return certificates;
    }

    private static void requireRsa(Path file, String alias, PrivateKey key, X509Certificate certificate) {
        if (!(key instanceof RSAPrivateKey rsa) || !(certificate.getPublicKey() instanceof RSAPublicKey publicKey)) {
            throw new BadInputException(FILE, "the key '" + alias + "' of " + file + " is " + key.getAlgorithm()
                    + " (certificate: " + certificate.getPublicKey().getAlgorithm() + "); accepted: an RSA key (signatures are SHA-256 with RSA)");
        }
        if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new BadInputException(FILE, "the key '" + alias + "' of " + file + " is RSA of " + rsa.getModulus().bitLength()
                    + " bits; accepted: RSA of at least " + MIN_RSA_BITS + " bits");
        }
        if (!rsa.getModulus().equals(publicKey.getModulus())) {
            throw new BadInputException(FILE, "the key '" + alias + "' of " + file + " does not belong to its certificate "
                    + SigningKey.name(certificate.getSubjectX500Principal()) + "; accepted: the key stored with its own certificate");
        }
    }

    /** A certificate whose key usage is given must allow digital signatures or non-repudiation (RFC 5280 4.2.1.3). */
    private static void requireSigningUsage(Path file, String alias, X509Certificate certificate) {
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && !(usage[0] || usage[1])) {
            throw new BadInputException(FILE, "the certificate of key '" + alias + "' (" + SigningKey.name(certificate.getSubjectX500Principal())
                    + ") is not for signing (its key usage allows neither digitalSignature nor nonRepudiation);"
                    + " accepted: the organisation's signing certificate");
        }
    }

    private static String requireBin(Path file, String alias, X509Certificate certificate, String orgBin) {
        Set<String> bins = bins(certificate);
        String subject = SigningKey.name(certificate.getSubjectX500Principal());
        if (bins.isEmpty()) {
            throw new BadInputException(FILE, "the certificate of key '" + alias + "' of " + file + " (" + subject + ") names no BIN;"
                    + " accepted: a certificate of the organisation ORG_BIN=" + orgBin + " (OU=BIN" + orgBin + " or SERIALNUMBER=BIN" + orgBin + ")");
        }
        if (bins.size() > 1 || !bins.contains(orgBin)) {
            throw new BadInputException(FILE, "the certificate of key '" + alias + "' of " + file + " (" + subject + ") is issued to BIN "
                    + String.join(", ", bins) + ", not to ORG_BIN=" + orgBin + "; accepted: the organisation's own certificate");
        }
        return orgBin;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return Causes.find(e, type).isPresent();
    }

    private static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
