package kz.labour.reporting.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.labour.reporting.BadInputException;
import kz.labour.reporting.support.TestPki;
import kz.labour.reporting.support.TestPki.Issued;
import kz.labour.reporting.support.TestPki.Spec;

/** Each way a key store can be unusable is refused by name, before anything is built; a good one is read. */
class SigningKeysTest {

    static final Instant NOW = Instant.parse("2025-07-15T00:00:00Z");
    static final String BIN = "123456789012";
    static final String PASSWORD = "store-secret-5b1e";
    static final TestPki PKI = TestPki.create(NOW);

    @TempDir
    Path dir;

    Path store(Issued issued) {
        return TestPki.pkcs12(dir.resolve("org.p12"), PASSWORD, "org", issued);
    }

    static Spec organisation() {
        return Spec.organisation(BIN, NOW);
    }

    BadInputException refusal(Path file, String password, String alias) {
        Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
                () -> SigningKeys.load(file, password, alias, BIN));
        assertThat(thrown.getMessage()).doesNotContain(PASSWORD);
        return (BadInputException) thrown;
    }

    @Test
    void readsTheOnlyKeyOfTheStoreWithItsChainWhenNoAliasIsGiven() {
        Issued issued = PKI.issue(organisation());

        SigningKey key = SigningKeys.load(store(issued), PASSWORD, "", BIN);

        assertThat(key.alias()).isEqualTo("org");
        assertThat(key.bin()).isEqualTo(BIN);
        assertThat(key.chain()).containsExactly(issued.certificate(), PKI.ca());
        assertThat(key.privateKey().getEncoded()).isEqualTo(issued.privateKey().getEncoded());
        assertThat(key.toString()).contains("OU=BIN" + BIN).doesNotContain(PASSWORD);
        assertThatCode(() -> SigningKeys.requireValid(key, NOW)).doesNotThrowAnyException();
    }

    @Test
    void aMissingFileIsRefusedNamingSigningKeystoreFile() {
        BadInputException e = refusal(dir.resolve("nowhere.p12"), PASSWORD, null);

        assertThat(e.argument()).isEqualTo("SIGNING_KEYSTORE_FILE");
        assertThat(e.getMessage()).contains("nowhere.p12 does not exist", "PKCS#12");
    }

    @Test
    void aFileThatIsNoKeyStoreIsRefusedNamingSigningKeystoreFile() throws IOException {
        Path pem = TestPki.pem(dir.resolve("org.pem"), PKI.ca());

        BadInputException e = refusal(pem, PASSWORD, null);

        assertThat(e.argument()).isEqualTo("SIGNING_KEYSTORE_FILE");
        assertThat(e.getMessage()).contains("org.pem is not a readable PKCS#12 key store");
    }

    @Test
    void aWrongPasswordIsRefusedNamingSigningKeystorePassword() {
        Path file = store(PKI.issue(organisation()));

        BadInputException e = refusal(file, "not-the-password", null);

        assertThat(e.argument()).isEqualTo("SIGNING_KEYSTORE_PASSWORD");
        assertThat(e.getMessage()).contains("does not open the key store", "wrong password").doesNotContain("not-the-password");
    }

    @Test
    void anUnsetPasswordIsRefusedNamingSigningKeystorePassword() {
        Path file = store(PKI.issue(organisation()));

        assertThat(refusal(file, "", null).argument()).isEqualTo("SIGNING_KEYSTORE_PASSWORD");
    }

    @Test
    void anAliasTheStoreDoesNotHoldIsRefusedListingItsKeys() {
        Map<String, Issued> entries = new LinkedHashMap<>();
        entries.put("signing", PKI.issue(organisation()));
        entries.put("auth", PKI.issue(organisation(), "second"));
        Path file = TestPki.pkcs12(dir.resolve("two.p12"), PASSWORD, entries);

        BadInputException e = refusal(file, PASSWORD, "sign");

        assertThat(e.argument()).isEqualTo("SIGNING_KEY_ALIAS");
        assertThat(e.getMessage()).contains("'sign' is not a key in", "its keys: auth, signing");
    }

    @Test
    void aStoreOfSeveralKeysNeedsTheAliasAndThenReadsThatKey() {
        Map<String, Issued> entries = new LinkedHashMap<>();
        entries.put("signing", PKI.issue(organisation()));
        entries.put("auth", PKI.issue(organisation(), "second"));
        Path file = TestPki.pkcs12(dir.resolve("two.p12"), PASSWORD, entries);

        BadInputException e = refusal(file, PASSWORD, null);

        assertThat(e.argument()).isEqualTo("SIGNING_KEY_ALIAS");
        assertThat(e.getMessage()).contains("not set", "holds 2 keys: auth, signing");
        assertThat(SigningKeys.load(file, PASSWORD, "signing", BIN).certificate())
                .isEqualTo(entries.get("signing").certificate());
    }

    @Test
    void anEcKeyIsRefusedAsNotRsa() {
        Path file = store(PKI.issue(organisation().key("EC", 256)));

        BadInputException e = refusal(file, PASSWORD, null);

        assertThat(e.argument()).isEqualTo("SIGNING_KEYSTORE_FILE");
        assertThat(e.getMessage()).contains("is EC", "accepted: an RSA key");
    }

    @Test
    void anRsaKeyShorterThan2048BitsIsRefused() {
        Path file = store(PKI.issue(organisation().key("RSA", 1024)));

        BadInputException e = refusal(file, PASSWORD, null);

        assertThat(e.getMessage()).contains("RSA of 1024 bits", "at least 2048");
    }

    @Test
    void aKeyStoredWithAnotherKeysCertificateIsRefused() {
        Issued mine = PKI.issue(organisation());
        Issued other = PKI.issue(organisation(), "other");
        Path file = store(new Issued(mine.privateKey(), other.certificate(), other.chain()));

        assertThat(refusal(file, PASSWORD, null).getMessage()).contains("does not belong to its certificate");
    }

    @Test
    void aCertificateOfAnotherOrganisationIsRefusedNamingBothBins() {
        Path file = store(PKI.issue(Spec.organisation("987654321098", NOW)));

        BadInputException e = refusal(file, PASSWORD, null);

        assertThat(e.argument()).isEqualTo("SIGNING_KEYSTORE_FILE");
        assertThat(e.getMessage()).contains("issued to BIN 987654321098, not to ORG_BIN=123456789012");
    }

    @Test
    void aCertificateNamingNoBinIsRefused() {
        Path file = store(PKI.issue(organisation().subject("CN=ТЕСТОВ ТЕСТ, SERIALNUMBER=IIN880101300123, C=KZ")));

        assertThat(refusal(file, PASSWORD, null).getMessage()).contains("names no BIN", "OU=BIN123456789012");
    }

    @Test
    void theBinIsAlsoReadFromSerialNumber() {
        Issued issued = PKI.issue(organisation().subject("CN=Тест инспекциясы, SERIALNUMBER=BIN" + BIN + ", O=Тест, C=KZ"));

        assertThat(SigningKeys.load(store(issued), PASSWORD, null, BIN).bin()).isEqualTo(BIN);
    }

    @Test
    void aPersonsIinInSerialNumberIsNotTakenForTheBin() {
        Issued issued = PKI.issue(organisation());

        assertThat(SigningKeys.bins(issued.certificate())).containsExactly(BIN);
    }

    @Test
    void aCertificateNotForSigningIsRefused() {
        Path file = store(PKI.issue(organisation().usage(KeyUsage.keyEncipherment)));

        assertThat(refusal(file, PASSWORD, null).getMessage()).contains("is not for signing");
    }

    @Test
    void anExpiredCertificateIsRefusedWithTheDateItExpired() {
        Path file = store(PKI.issue(organisation().valid(NOW.minus(Duration.ofDays(400)), Instant.parse("2025-07-01T00:00:00Z"))));
        SigningKey key = SigningKeys.load(file, PASSWORD, null, BIN);

        assertThatThrownBy(() -> SigningKeys.requireValid(key, NOW))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.argument()).isEqualTo("SIGNING_KEYSTORE_FILE"))
                .hasMessageContaining("expired on 2025-07-01T00:00:00Z");
    }

    @Test
    void aCertificateNotYetValidIsRefusedWithTheDateItStarts() {
        Path file = store(PKI.issue(organisation().valid(Instant.parse("2025-08-01T00:00:00Z"), NOW.plus(Duration.ofDays(400)))));
        SigningKey key = SigningKeys.load(file, PASSWORD, null, BIN);

        assertThatThrownBy(() -> SigningKeys.requireValid(key, NOW)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("is not valid yet: valid from 2025-08-01T00:00:00Z");
    }

    @Test
    void aCertificateUnderAnExpiredCaIsRefused() {
        TestPki old = TestPki.create("Old CA", NOW.minus(Duration.ofDays(800)), Duration.ofDays(780));
        Path file = store(old.issue(organisation()));
        SigningKey key = SigningKeys.load(file, PASSWORD, null, BIN);

        assertThatThrownBy(() -> SigningKeys.requireValid(key, NOW)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("the CA certificate CN=Old CA").hasMessageContaining("expired on");
    }

    @Test
    void aDirectoryIsRefusedAsNoKeyStore() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("store.p12"));

        assertThat(refusal(sub, PASSWORD, null).getMessage()).contains("is a directory");
    }
}
