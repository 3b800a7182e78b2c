package kz.labour.reporting.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;

import kz.labour.reporting.form.RenderedFile;
import kz.labour.reporting.form.RenderedForm;

/**
 * The bureau's SFTP server, one SSH session per version (route {@code deliver-sftp} opens it, uses it
 * for every step and closes it in its {@code doFinally}): the look at what is already there, every
 * upload under a temporary name and its rename, the manifest last. A key exchange and login cost
 * several round trips, so a session per file made a version's delivery as slow as the line times
 * the files, and the bureau's server saw a login for each (servers limit and ban repeated logins).
 * <p>
 * Camel's SFTP producer keeps its connection only with {@code disconnect=false}, and then for the
 * life of a pooled producer, not of a version: it stays open between runs, and a failure outside
 * the producer (a lost lease, a conflict found by the check) leaves it open. So the session is held
 * here, where its end is the route's to decide.
 * <p>
 * What is already there decides what is sent, so a version is never half sent twice: a file under its
 * name with our bytes (SHA-256) is left alone, a missing one is uploaded, one with other content stops
 * the upload ({@link RemoteFileConflictException}). An upload is written as {@code NAME.part} and
 * renamed when complete, so the bureau never reads half a file; SFTP's rename never replaces a file,
 * so nothing that appeared meanwhile is overwritten. Host key checking is always strict.
 */
@Component("bureauSftp")
class BureauSftp {

    private static final Logger log = LoggerFactory.getLogger(BureauSftp.class);
    private static final int SSH_FX_NO_SUCH_FILE = 2;

    private final DeliverySettings.Sftp sftp;

    public BureauSftp(DeliverySettings settings) {
        this.sftp = settings.sftp();
    }

    /** Logs in: one SSH session and its SFTP channel, for the whole version. */
    public Connection open() throws JSchException {
        Connection connection = new Connection();
        connection.channel();
        return connection;
    }

    /** Ends the session; nothing when it was never opened or is already closed. */
    public void close(Connection connection) {
        if (connection != null) {
            connection.close();
        }
    }

    /** The version's files that still have to be uploaded, in upload order (the manifest last). */
    public List<RenderedFile> toUpload(Connection connection, RenderedForm version)
            throws JSchException, SftpException, IOException {
        try {
            return missing(connection.channel(), version);
        } catch (Exception e) {
            // a retry of this step logs in again rather than reuse a session that may be broken
            connection.close();
            throw e;
        }
    }

    private List<RenderedFile> missing(ChannelSftp channel, RenderedForm version) throws SftpException, IOException {
        List<RenderedFile> missing = new ArrayList<>();
        for (RenderedFile file : version.files()) {
            String path = sftp.path(file.name());
            Optional<String> remote = sha256(channel, path);
            if (remote.isEmpty()) {
                missing.add(file);
            } else if (remote.get().equals(file.sha256())) {
                log.info("{}: {} is already on {} with the same content; left alone", version.names().stem(), path,
                        sftp.address());
            } else {
                throw new RemoteFileConflictException(path + " is already on " + sftp.address() + " with other "
                        + "content (SHA-256 " + remote.get() + ", ours " + file.sha256() + "); it was not overwritten: "
                        + "ask the bureau which file they hold before removing theirs");
            }
        }
        return missing;
    }

    /**
     * Writes the file as {@code NAME.part} (replacing a part left by an interrupted run) and renames it
     * to its name, which fails rather than replace a file that appeared since the check.
     */
    public void upload(Connection connection, RenderedFile file) throws JSchException, SftpException, IOException {
        try {
            upload(connection.channel(), file);
        } catch (Exception e) {
            // a retry of this step logs in again rather than reuse a session that may be broken
            connection.close();
            throw e;
        }
    }

    private void upload(ChannelSftp channel, RenderedFile file) throws SftpException, IOException {
        String path = sftp.path(file.name());
        String part = path + ".part";
        channel.put(new ByteArrayInputStream(file.content()), part, ChannelSftp.OVERWRITE);
        try {
            channel.rename(part, path);
        } catch (SftpException e) {
            if (sha256(channel, path).isPresent()) {
                throw new FileAlreadyExistsException(path, null, "already exists on " + sftp.address()
                        + " (it appeared during the upload); not overwritten");
            }
            throw e;
        }
    }

    /**
     * One SSH session and its SFTP channel. A step that failed closes it, so its retry logs in again
     * (after a dropped connection the old session is gone anyway); none is left behind.
     */
    final class Connection implements AutoCloseable {

        private Session session;
        private ChannelSftp channel;

        ChannelSftp channel() throws JSchException {
            if (channel != null && channel.isConnected() && session.isConnected()) {
                return channel;
            }
            close();
            Session s = login();
            try {
                ChannelSftp c = (ChannelSftp) s.openChannel("sftp");
                c.connect(sftp.connectTimeout());
                session = s;
                channel = c;
                return c;
            } catch (JSchException | RuntimeException e) {
                s.disconnect();
                throw e;
            }
        }

        @Override
        public void close() {
            if (channel != null) {
                channel.disconnect();
                channel = null;
            }
            if (session != null) {
                session.disconnect();
                session = null;
            }
        }

        private Session login() throws JSchException {
            return SftpSessions.open(sftp);
        }

        /** Without the session's details: an exchange property may be logged. */
        @Override
        public String toString() {
            return "SFTP session with " + sftp.address() + (session != null && session.isConnected() ? "" : " (closed)");
        }
    }

    /** The SHA-256 of the remote file, or empty when there is none (the files are small: read whole). */
    private static Optional<String> sha256(ChannelSftp channel, String path) throws SftpException, IOException {
        try {
            channel.stat(path);
        } catch (SftpException e) {
            if (e.id == SSH_FX_NO_SUCH_FILE) {
                return Optional.empty();
            }
            throw e;
        }
        MessageDigest digest = sha256();
        try (InputStream in = channel.get(path)) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return Optional.of(HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
