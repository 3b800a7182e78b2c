package kz.labour.reporting.delivery;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

/**
 * A JSch session to the bureau's SFTP server with the settings the routes' SFTP endpoints use: the same
 * key, the same known_hosts, host key checking always strict. Delivery's one session per version
 * (BureauSftp) and the acknowledgement reader's look for a signature file.
 */
public final class SftpSessions {

    private SftpSessions() {
    }

    /** A connected session; the caller disconnects it. */
    public static Session open(DeliverySettings.Sftp sftp) throws JSchException {
        JSch jsch = new JSch();
        if (sftp.privateKeyFile() != null && !sftp.privateKeyFile().isBlank()) {
            if (sftp.privateKeyPassphrase() != null && !sftp.privateKeyPassphrase().isEmpty()) {
                jsch.addIdentity(sftp.privateKeyFile(), sftp.privateKeyPassphrase());
            } else {
                jsch.addIdentity(sftp.privateKeyFile());
            }
        }
        if (sftp.knownHostsFile() != null && !sftp.knownHostsFile().isBlank()) {
            jsch.setKnownHosts(sftp.knownHostsFile());
        }
        Session session = jsch.getSession(sftp.user(), sftp.host(), sftp.port());
        // Never "no" and never "ask": an unknown or changed host key is refused, not learned
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "publickey");
        session.setTimeout(sftp.readTimeout());
        session.connect(sftp.connectTimeout());
        return session;
    }
}
