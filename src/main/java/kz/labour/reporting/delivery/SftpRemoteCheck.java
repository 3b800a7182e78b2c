package kz.labour.reporting.delivery;

import java.io.IOException;
import java.io.InputStream;
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
 * Looks at the bureau's directory before an upload, so a version is never half sent twice: a file
 * already there under its name with our bytes (SHA-256) is left alone, a missing one is uploaded, one
 * with other content stops the upload ({@link RemoteFileConflictException}). This is what lets an
 * interrupted upload or a {@code --resend} finish without overwriting anything.
 * <p>
 * It opens its own JSch session ({@link SftpSessions}, the settings the route's SFTP endpoint uses);
 * the upload itself goes through Camel's endpoint.
 */
@Component("sftpRemoteCheck")
class SftpRemoteCheck {

    private static final Logger log = LoggerFactory.getLogger(SftpRemoteCheck.class);
    private static final int SSH_FX_NO_SUCH_FILE = 2;

    private final DeliverySettings.Sftp sftp;

    public SftpRemoteCheck(DeliverySettings settings) {
        this.sftp = settings.sftp();
    }

    /** The version's files that still have to be uploaded, in upload order (the manifest last). */
    public List<RenderedFile> toUpload(RenderedForm version) throws JSchException, SftpException, IOException {
        List<RenderedFile> missing = new ArrayList<>();
        Session session = SftpSessions.open(sftp);
        try {
            ChannelSftp channel = (ChannelSftp) session.openChannel("sftp");
            channel.connect(sftp.connectTimeout());
            try {
                for (RenderedFile file : version.files()) {
                    String path = sftp.path(file.name());
                    Optional<String> remote = sha256(channel, path);
                    if (remote.isEmpty()) {
                        missing.add(file);
                    } else if (remote.get().equals(file.sha256())) {
                        log.info("{}: {} is already on {} with the same content; left alone", version.names().stem(),
                                path, sftp.address());
                    } else {
                        throw new RemoteFileConflictException(path + " is already on " + sftp.address() + " with other "
                                + "content (SHA-256 " + remote.get() + ", ours " + file.sha256() + "); it was not overwritten: "
                                + "ask the bureau which file they hold before removing theirs");
                    }
                }
            } finally {
                channel.disconnect();
            }
        } finally {
            session.disconnect();
        }
        return missing;
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
