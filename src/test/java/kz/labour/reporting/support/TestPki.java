package kz.labour.reporting.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certification authority made in the test, with BouncyCastle, and organisation certificates it
 * issues: the НУЦ РК layout (CN, SERIALNUMBER=IIN…, O, OU=BIN…), or whatever a test needs to spoil
 * (another BIN, EC or short RSA keys, dates in the past or the future, no signing usage). Key pairs
 * are made once per kind and reused, since RSA 2048 generation is the slow part.
 */
public final class TestPki {

    private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() & 0xffffffL);

    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestPki(KeyPair caKeys, X509Certificate ca) {
        this.caKeys = caKeys;
        this.ca = ca;
    }

    /** A CA valid from {@code validFrom} for {@code validity}. */
    public static TestPki create(String name, Instant validFrom, Duration validity) {
        KeyPair keys = keys("RSA", 2048, "ca-" + name);
        X500Name subject = new X500Name("CN=" + name + ", O=Test PKI, C=KZ");
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(validFrom),
                    Date.from(validFrom.plus(validity)), subject, keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            return new TestPki(keys, sign(builder, keys.getPrivate()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CA valid from a year before {@code now} for ten years. */
    public static TestPki create(Instant now) {
        return create("Test CA", now.minus(Duration.ofDays(365)), Duration.ofDays(3650));
    }

    public X509Certificate ca() {
        return ca;
    }

    /** The CA certificate as a PEM file, for {@code openssl … -CAfile}. */
    public Path caPem(Path file) {
        return pem(file, ca);
    }

    /** What a certificate to issue looks like; the defaults are a good НУЦ РК-style signing certificate. */
    public record Spec(String subject, String keyAlgorithm, int keyBits, Instant notBefore, Instant notAfter, int keyUsage,
                       KeyPurposeId extendedKeyUsage) {

        /** An organisation's RSA 2048 signing certificate for {@code bin}, valid around {@code now}. */
        public static Spec organisation(String bin, Instant now) {
            return new Spec("CN=ТЕСТОВ ТЕСТ, SURNAME=ТЕСТОВ, SERIALNUMBER=IIN880101300123, C=KZ, O=Тест инспекциясы, OU=BIN" + bin,
                    "RSA", 2048, now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365)),
                    KeyUsage.digitalSignature | KeyUsage.nonRepudiation, null);
        }

        public Spec subject(String subject) {
            return new Spec(subject, keyAlgorithm, keyBits, notBefore, notAfter, keyUsage, extendedKeyUsage);
        }

        public Spec key(String algorithm, int bits) {
            return new Spec(subject, algorithm, bits, notBefore, notAfter, keyUsage, extendedKeyUsage);
        }

        public Spec valid(Instant from, Instant until) {
            return new Spec(subject, keyAlgorithm, keyBits, from, until, keyUsage, extendedKeyUsage);
        }

        public Spec usage(int keyUsage) {
            return new Spec(subject, keyAlgorithm, keyBits, notBefore, notAfter, keyUsage, extendedKeyUsage);
        }

        /** A time-stamp authority's certificate: RFC 3161 wants timeStamping as its only, critical, extended usage. */
        public Spec timeStamping() {
            return new Spec(subject, keyAlgorithm, keyBits, notBefore, notAfter, KeyUsage.digitalSignature, KeyPurposeId.id_kp_timeStamping);
        }
    }

    /** A key pair and its certificate, with the chain up to this CA. */
    public record Issued(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {
    }

    public Issued issue(Spec spec) {
        return issue(spec, "leaf");
    }

    /** Issued for the key pair named {@code keyName} (one per name and kind), e.g. to pair a key with another's certificate. */
    public Issued issue(Spec spec, String keyName) {
        KeyPair keys = keys(spec.keyAlgorithm(), spec.keyBits(), keyName);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(spec.notBefore()),
                    Date.from(spec.notAfter()), new X500Name(spec.subject()), keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            if (spec.keyUsage() != 0) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(spec.keyUsage()));
            }
            if (spec.extendedKeyUsage() != null) {
                builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(spec.extendedKeyUsage()));
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = sign(builder, caKeys.getPrivate());
            return new Issued(keys.getPrivate(), certificate, List.of(certificate, ca));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS#12 store (Java's default protection: AES-256, PBKDF2, HMAC-SHA256) holding {@code entries} by alias. */
    public static Path pkcs12(Path file, String password, Map<String, Issued> entries) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (Map.Entry<String, Issued> e : entries.entrySet()) {
                store.setKeyEntry(e.getKey(), e.getValue().privateKey(), password.toCharArray(),
                        e.getValue().chain().toArray(Certificate[]::new));
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path pkcs12(Path file, String password, String alias, Issued issued) {
        Map<String, Issued> entries = new LinkedHashMap<>();
        entries.put(alias, issued);
        return pkcs12(file, password, entries);
    }

    public static Path pem(Path file, X509Certificate certificate) {
        try {
            Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair keys(String algorithm, int bits, String use) {
        return KEYS.computeIfAbsent(algorithm + bits + use, k -> {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
                if ("EC".equals(algorithm)) {
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                } else {
                    generator.initialize(bits);
                }
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
