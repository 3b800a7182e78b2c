package kz.labour.reporting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.SftpException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import kz.labour.reporting.DatabaseUnavailableException;
import kz.labour.reporting.BadInputException;
import kz.labour.reporting.ledger.Channel;

class DeliveryFaultsTest {

    @TempDir
    Path dir;

    DeliveryFaults faults(String knownHosts) {
        return new DeliveryFaults(new DeliverySettings(
                new DeliverySettings.Sftp("sftp.stat.gov.kz", 2222, "labour", "/etc/labour/id_ecdsa", "", knownHosts, "in", 1000, 1000),
                new DeliverySettings.Smtp("relay.gov.kz", 587, "labour", "secret", true, 1000, 1000),
                new DeliverySettings.Mail("reports@inspection.kz", "stat@bureau.kz", "duty@inspection.kz"),
                new DeliverySettings.Retry(5, 5000, 2, 60000)));
    }

    DeliveryFaults faults() throws IOException {
        return faults(Files.writeString(dir.resolve("known_hosts"), "").toString());
    }

    /** How camel-sftp reports a failed connection: its own exception around JSch's. */
    static Exception sftp(Exception jsch) {
        return new GenericFileOperationFailedException("Cannot connect to sftp://labour@sftp.stat.gov.kz:2222", jsch);
    }

    /** JSch's host key exceptions, made as JSch makes them (their constructors are not public). */
    static JSchException jsch(Class<? extends JSchException> type, String message) {
        try {
            var constructor = type.getDeclaredConstructor(String.class);
            constructor.setAccessible(true);
            return constructor.newInstance(message);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRefusedConnectionIsRetriedAndReportedAsAnOutage() throws IOException {
        Exception refused = sftp(new JSchException("java.net.ConnectException: Connection refused",
                new ConnectException("Connection refused")));

        assertThat(faults().transientFault(refused)).isTrue();
        assertThat(faults().explain(Channel.SFTP, refused)).isEqualTo("SFTP server sftp.stat.gov.kz:2222 unavailable "
                + "(Connection refused); gave up after retries, the next transmit run sends what is missing");
    }

    @Test
    void aConnectionLostMidTransferIsRetried() throws IOException {
        Exception cut = new GenericFileOperationFailedException("Cannot store file: in/x.json.part",
                new SftpException(4, "inputstream is closed", new IOException("inputstream is closed")));

        assertThat(faults().transientFault(cut)).isTrue();
    }

    @Test
    void anUnknownHostKeyFailsAtOnceAndSaysHowToAddIt() throws IOException {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        Exception unknown = sftp(jsch(JSchUnknownHostKeyException.class, "reject HostKey: [sftp.stat.gov.kz]:2222"));

        assertThat(faults(knownHosts.toString()).transientFault(unknown)).isFalse();
        assertThat(faults(knownHosts.toString()).explain(Channel.SFTP, unknown)).isEqualTo("host key of sftp.stat.gov.kz:2222 is not in "
                + knownHosts + ": add it with ssh-keyscan -p 2222 sftp.stat.gov.kz after checking its fingerprint with the bureau");
    }

    @Test
    void aMissingOrUnsetKnownHostsFileIsNamed() {
        Exception unknown = sftp(jsch(JSchUnknownHostKeyException.class, "reject HostKey: [sftp.stat.gov.kz]:2222"));

        assertThat(faults(dir.resolve("nowhere").toString()).explain(Channel.SFTP, unknown))
                .startsWith("the known_hosts file " + dir.resolve("nowhere") + " (SFTP_KNOWN_HOSTS_FILE) does not exist");
        assertThat(faults("").explain(Channel.SFTP, unknown)).startsWith("no known_hosts file is configured (SFTP_KNOWN_HOSTS_FILE)");
    }

    @Test
    void aChangedHostKeyFailsAtOnceAndWarnsOfInterception() throws IOException {
        Exception changed = sftp(jsch(JSchChangedHostKeyException.class, "HostKey has been changed: [sftp.stat.gov.kz]:2222"));

        assertThat(faults().transientFault(changed)).isFalse();
        assertThat(faults().explain(Channel.SFTP, changed)).startsWith("host key of sftp.stat.gov.kz:2222 differs from the one in ")
                .contains("confirm the new fingerprint with the bureau");
    }

    @Test
    void aRefusedKeyOrAWrongPassphraseFailsAtOnceNamingTheSetting() throws IOException {
        Exception refused = sftp(new JSchException("Auth fail for methods 'publickey'"));
        Exception passphrase = sftp(new JSchException("Incorrect passphrase provided."));

        assertThat(faults().transientFault(refused)).isFalse();
        assertThat(faults().explain(Channel.SFTP, refused)).isEqualTo("SFTP server sftp.stat.gov.kz:2222 refused key authentication "
                + "for user 'labour': check SFTP_USER and that the public key of /etc/labour/id_ecdsa is authorised on the server");
        assertThat(faults().transientFault(passphrase)).isFalse();
        assertThat(faults().explain(Channel.SFTP, passphrase))
                .isEqualTo("the private key /etc/labour/id_ecdsa cannot be decrypted: check SFTP_PRIVATE_KEY_PASSPHRASE");
    }

    @Test
    void aMissingDirectoryOrAFileAlreadyThereFailsAtOnce() throws IOException {
        Exception noDirectory = new GenericFileOperationFailedException("Cannot change directory to: in",
                new SftpException(2, "No such file or directory"));
        Exception exists = new GenericFileOperationFailedException("File already exist: in/x.json. Cannot write new file.");

        assertThat(faults().transientFault(noDirectory)).isFalse();
        assertThat(faults().explain(Channel.SFTP, noDirectory))
                .isEqualTo("directory 'in' does not exist on sftp.stat.gov.kz:2222: check SFTP_DIRECTORY");
        assertThat(faults().transientFault(exists)).isFalse();
    }

    @Test
    void aRemoteFileWithOtherContentFailsAtOnceWithItsOwnMessage() throws IOException {
        Exception conflict = new RuntimeException("split failed", new RemoteFileConflictException("in/x.json is already there"));

        assertThat(faults().transientFault(conflict)).isFalse();
        assertThat(faults().explain(Channel.SFTP, conflict)).isEqualTo("in/x.json is already there");
    }

    @Test
    void anUnreachableOrBusyRelayIsRetriedButARefusedLoginOrMessageIsNot() throws IOException {
        Exception unreachable = new MailConnectException(new SocketConnectException("Couldn't connect",
                new ConnectException("Connection refused"), "relay.gov.kz", 587, 1000));
        Exception busy = new SMTPSendFailedException("MAIL", 451, "451 try again later", null, null, null, null);
        Exception rejected = new SMTPSendFailedException("DATA", 554, "554 rejected as spam", null, null, null, null);
        Exception login = new AuthenticationFailedException("535 authentication failed");

        assertThat(faults().transientFault(unreachable)).isTrue();
        assertThat(faults().explain(Channel.MAIL, unreachable)).startsWith("mail relay relay.gov.kz:587 unavailable (");
        assertThat(faults().transientFault(busy)).isTrue();
        assertThat(faults().transientFault(rejected)).isFalse();
        assertThat(faults().explain(Channel.MAIL, rejected)).isEqualTo("mail relay relay.gov.kz:587 rejected the message "
                + "(554 rejected as spam): check MAIL_FROM and MAIL_TO");
        assertThat(faults().transientFault(login)).isFalse();
        assertThat(faults().explain(Channel.MAIL, login))
                .isEqualTo("mail relay relay.gov.kz:587 refused the login of 'labour': check SMTP_USER and SMTP_PASSWORD");
    }

    @Test
    void aRelayWithoutStartTlsFailsAtOnce() throws IOException {
        Exception plain = new MessagingException("STARTTLS is required but host does not support STARTTLS");

        assertThat(faults().transientFault(plain)).isFalse();
        assertThat(faults().explain(Channel.MAIL, plain)).startsWith("mail relay relay.gov.kz:587 does not offer STARTTLS: use a relay "
                + "that does, or set SMTP_STARTTLS=false only on a trusted network");
    }

    @Test
    void badInputAndBugsAreNeverRetried() throws IOException {
        assertThat(faults().transientFault(new BadInputException("--force", "2-ӨЖ 2025-06 V0001 is FAILED"))).isFalse();
        assertThat(faults().transientFault(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void aDatabaseThatCannotBeReachedIsNotRetriedLikeADeliveryFault() throws IOException {
        // how the pool and Spring report a refused connection: the SQLException keeps the ConnectException
        SQLException pool = new SQLTransientConnectionException("source - Connection is not available", "08001",
                new PSQLException("Connection to 127.0.0.1:5999 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                        new ConnectException("Connection refused")));
        assertThat(faults().transientFault(pool)).isFalse();
        assertThat(faults().transientFault(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", pool))).isFalse();
        assertThat(faults().transientFault(new IllegalStateException("could not lock 2-OZh 2025-06",
                new DatabaseUnavailableException("pipeline database 127.0.0.1:5998: connection refused", "08001")))).isFalse();
        // the same cause outside a database is an outage of a delivery channel
        assertThat(faults().transientFault(new MessagingException("Couldn't connect", new ConnectException("Connection refused"))))
                .isTrue();
    }

    @Test
    void aRelayWithoutLoginFailsAtOnceAndSaysWhatToChange() throws IOException {
        LoginNotOfferedException noLogin = new LoginNotOfferedException("relay.gov.kz:587");

        assertThat(faults().transientFault(new MessagingException("send failed", noLogin))).isFalse();
        assertThat(faults().explain(Channel.MAIL, noLogin)).isEqualTo("mail relay relay.gov.kz:587 offers no login (SMTP AUTH), so "
                + "nothing was sent: with SMTP_USER set a message never goes unauthenticated; use the relay's port that offers "
                + "a login after STARTTLS (usually 587), or leave SMTP_USER empty if this relay takes mail without one");
    }
}
