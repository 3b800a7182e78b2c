package kz.labour.reporting.delivery;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchHostKeyException;
import com.jcraft.jsch.JSchSessionDisconnectException;
import com.jcraft.jsch.SftpException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.internet.AddressException;
import kz.labour.reporting.Causes;
import kz.labour.reporting.ledger.Channel;

/**
 * Sorts delivery faults into transient (retried with back-off: the server is down, slow or dropped the
 * connection) and permanent (retrying cannot help: a host key, a login, a file that is already there),
 * and words each as what an operator should do. The route configuration asks {@link #transientFault};
 * the ledger and the alert carry {@link #explain}.
 *
 * <p>A database fault is never a delivery fault, even when its cause is a refused or timed-out
 * connection: the pools already waited their connect timeout, and the run fails at once with the
 * pool's one-line reason ({@link kz.labour.reporting.DatabasePool}) instead of waiting out the
 * delivery back-off for every form.
 */
@Component("deliveryFaults")
public class DeliveryFaults {

    private static final int SSH_FX_NO_SUCH_FILE = 2;
    private static final int SSH_FX_FAILURE = 4;
    private static final int SSH_FX_PERMISSION_DENIED = 3;
    private static final int SSH_FX_NO_CONNECTION = 6;
    private static final int SSH_FX_CONNECTION_LOST = 7;

    private final DeliverySettings settings;

    public DeliveryFaults(DeliverySettings settings) {
        this.settings = settings;
    }

    /** Whether retrying may help. Anything not recognised as transient fails fast. */
    public boolean transientFault(Throwable fault) {
        return fault != null && !databaseFault(fault) && permanentCause(fault) == null && transientCause(fault) != null;
    }

    /** A fault of the source or pipeline database (JDBC, Flyway or Spring's wrappers all keep the SQLException). */
    private static boolean databaseFault(Throwable fault) {
        return Causes.chain(fault).stream().anyMatch(t -> t instanceof SQLException || t instanceof DataAccessException);
    }

    /** One line for the ledger, the log and the alert: what went wrong and what to fix. */
    public String explain(Channel channel, Throwable fault) {
        if (fault == null) {
            return "unknown error";
        }
        Throwable permanent = permanentCause(fault);
        if (permanent != null) {
            return channel == Channel.SFTP ? explainSftp(permanent) : explainMail(permanent);
        }
        Throwable cause = transientCause(fault);
        String server = channel == Channel.SFTP ? "SFTP server " + settings.sftp().address()
                : "mail relay " + settings.smtp().address();
        if (cause != null) {
            return server + " unavailable (" + describe(cause) + "); gave up after retries, the next transmit run "
                    + "sends what is missing";
        }
        return server + ": " + describe(Causes.root(fault));
    }

    /** The first cause that retrying cannot cure, or null. */
    private static Throwable permanentCause(Throwable fault) {
        for (Throwable t : Causes.chain(fault)) {
            String m = lower(t.getMessage());
            if (t instanceof RemoteFileConflictException || t instanceof JSchHostKeyException
                    || t instanceof AuthenticationFailedException || t instanceof LoginNotOfferedException
                    || t instanceof AddressException
                    || t instanceof SMTPAddressFailedException || t instanceof SSLException) {
                return t;
            }
            if (t instanceof SMTPSendFailedException s) {
                return s.getReturnCode() >= 400 && s.getReturnCode() < 500 ? null : t;
            }
            if (t instanceof JSchException && !(t instanceof JSchSessionDisconnectException)
                    && (m.startsWith("auth fail") || m.startsWith("auth cancel") || m.contains("userauth fail")
                    || m.contains("privatekey") || m.contains("passphrase"))) {
                return t;
            }
            if (t instanceof SftpException s && (s.id == SSH_FX_NO_SUCH_FILE || s.id == SSH_FX_PERMISSION_DENIED)) {
                return t;
            }
            if (m.contains("already exist") || m.contains("starttls") || m.contains("no recipient addresses")) {
                return t;
            }
        }
        return null;
    }

    /** The first cause that says the server was unreachable, slow or dropped us, or null. */
    private static Throwable transientCause(Throwable fault) {
        for (Throwable t : Causes.chain(fault)) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof SocketException || t instanceof EOFException || t instanceof InterruptedIOException
                    || t instanceof JSchSessionDisconnectException
                    || t instanceof org.eclipse.angus.mail.util.MailConnectException) {
                return t;
            }
            if (t instanceof SMTPSendFailedException s && s.getReturnCode() >= 400 && s.getReturnCode() < 500) {
                return t;
            }
            // JSch reports a connection lost mid-transfer as a failure caused by an I/O error on its channel
            if (t instanceof SftpException s && (s.id == SSH_FX_NO_CONNECTION || s.id == SSH_FX_CONNECTION_LOST
                    || s.id == SSH_FX_FAILURE && s.getCause() instanceof IOException)) {
                return t;
            }
            String m = lower(t.getMessage());
            if ((t instanceof JSchException || t instanceof SftpException) && (m.contains("session is down")
                    || m.contains("timeout") || m.contains("connection is closed") || m.contains("channel is not opened")
                    || m.contains("inputstream is closed") || m.contains("pipe closed"))) {
                return t;
            }
        }
        return null;
    }

    private String explainSftp(Throwable t) {
        DeliverySettings.Sftp sftp = settings.sftp();
        String knownHosts = sftp.knownHostsFile();
        String m = lower(t.getMessage());
        if (t instanceof JSchChangedHostKeyException) {
            return "host key of " + sftp.address() + " differs from the one in " + knownHosts + ": the server was replaced "
                    + "or the connection is intercepted; confirm the new fingerprint with the bureau before replacing the line";
        }
        if (t instanceof JSchHostKeyException) {
            if (knownHosts == null || knownHosts.isBlank()) {
                return "no known_hosts file is configured (SFTP_KNOWN_HOSTS_FILE), so the host key of " + sftp.address()
                        + " cannot be checked: write one with ssh-keyscan after checking the fingerprint with the bureau";
            }
            if (!Files.isRegularFile(Path.of(knownHosts))) {
                return "the known_hosts file " + knownHosts + " (SFTP_KNOWN_HOSTS_FILE) does not exist: write it with "
                        + "ssh-keyscan -p " + sftp.port() + " " + sftp.host() + " after checking the fingerprint with the bureau";
            }
            return "host key of " + sftp.address() + " is not in " + knownHosts + ": add it with ssh-keyscan -p "
                    + sftp.port() + " " + sftp.host() + " after checking its fingerprint with the bureau";
        }
        if (t instanceof RemoteFileConflictException) {
            return t.getMessage();
        }
        if (m.contains("passphrase")) {
            return "the private key " + sftp.privateKeyFile() + " cannot be decrypted: check SFTP_PRIVATE_KEY_PASSPHRASE";
        }
        if (m.contains("privatekey") || t instanceof FileNotFoundException) {
            return "cannot read the private key " + sftp.privateKeyFile() + ": check SFTP_PRIVATE_KEY_FILE (an OpenSSH or "
                    + "PEM private key)";
        }
        if (m.startsWith("auth") || m.contains("userauth")) {
            return "SFTP server " + sftp.address() + " refused key authentication for user '" + sftp.user() + "': check "
                    + "SFTP_USER and that the public key of " + sftp.privateKeyFile() + " is authorised on the server";
        }
        if (t instanceof SftpException s && s.id == SSH_FX_NO_SUCH_FILE) {
            return "directory '" + sftp.directory() + "' does not exist on " + sftp.address() + ": check SFTP_DIRECTORY";
        }
        if (t instanceof SftpException s && s.id == SSH_FX_PERMISSION_DENIED) {
            return "user '" + sftp.user() + "' may not write into '" + sftp.directory() + "' on " + sftp.address()
                    + ": check SFTP_DIRECTORY and the account's rights with the bureau";
        }
        if (m.contains("already exist")) {
            return "a file of this version appeared on " + sftp.address() + " during the upload and was not overwritten ("
                    + t.getMessage() + "); run transmit again to compare it with ours";
        }
        return "SFTP server " + sftp.address() + ": " + describe(t);
    }

    private String explainMail(Throwable t) {
        DeliverySettings.Smtp smtp = settings.smtp();
        String m = lower(t.getMessage());
        if (t instanceof LoginNotOfferedException) {
            return "mail relay " + smtp.address() + " offers no login (SMTP AUTH), so nothing was sent: with SMTP_USER set "
                    + "a message never goes unauthenticated; use the relay's port that offers a login after STARTTLS "
                    + "(usually 587), or leave SMTP_USER empty if this relay takes mail without one";
        }
        if (t instanceof AuthenticationFailedException) {
            return "mail relay " + smtp.address() + " refused the login of '" + smtp.user() + "': check SMTP_USER and SMTP_PASSWORD";
        }
        if (m.contains("starttls")) {
            return "mail relay " + smtp.address() + " does not offer STARTTLS: use a relay that does, or set "
                    + "SMTP_STARTTLS=false only on a trusted network (" + describe(t) + ")";
        }
        if (t instanceof SSLException) {
            return "TLS with mail relay " + smtp.address() + " failed (" + describe(t) + "): the relay's certificate must be "
                    + "trusted by the JVM and name the host SMTP_HOST";
        }
        if (m.contains("no recipient addresses")) {
            return "no recipients: set MAIL_TO (the bureau) or OPS_MAIL_TO (operators)";
        }
        if (t instanceof AddressException || t instanceof SMTPAddressFailedException) {
            return "an address was refused (" + describe(t) + "): check MAIL_FROM, MAIL_TO and OPS_MAIL_TO";
        }
        return "mail relay " + smtp.address() + " rejected the message (" + describe(t) + "): check MAIL_FROM and MAIL_TO";
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage().strip();
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }
}
