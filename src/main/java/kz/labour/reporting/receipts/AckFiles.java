package kz.labour.reporting.receipts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;

import kz.labour.reporting.delivery.DeliverySettings;
import kz.labour.reporting.delivery.SftpSessions;
import kz.labour.reporting.form.Sha256;
import kz.labour.reporting.ledger.Channel;

/**
 * Acknowledgement files as routes/7-receipts.camel.yaml reads them: {@code {stem}.ack.json} into an
 * {@link IncomingReceipt} (malformed, oversized or misnamed ones too, with the reason, so nothing is
 * lost), and the optional detached signature {@code {stem}.ack.json.p7s} beside it, fetched and later
 * moved with the file over its own session ({@link SftpSessions}, the endpoint's settings).
 */
public class AckFiles {

    static final String SUFFIX = ".ack.json";
    static final String SIGNATURE = ".p7s";
    private static final Logger LOG = LoggerFactory.getLogger(AckFiles.class);
    private static final int SSH_FX_NO_SUCH_FILE = 2;

    private final ReceiptsSettings settings;
    private final DeliverySettings.Sftp sftp;
    private final AckVerifier verifier;

    AckFiles(ReceiptsSettings settings, DeliverySettings.Sftp sftp, AckVerifier verifier) {
        this.settings = settings;
        this.sftp = sftp;
        this.verifier = verifier;
    }

    /** "sftp.example:22/acks", as the log names where acknowledgements are read. */
    public String where() {
        return sftp.address() + "/" + settings.sftp().directory();
    }

    /**
     * One acknowledgement file as a receipt: read up to the size limit; its signature (null when none
     * came) checked when a trust store is set.
     */
    public IncomingReceipt read(String name, InputStream body, byte[] signature) throws IOException {
        byte[] raw = readAtMost(body, settings.maxBytes());
        boolean oversized = raw.length > settings.maxBytes();
        if (oversized) {
            byte[] kept = new byte[(int) settings.maxBytes()];
            System.arraycopy(raw, 0, kept, 0, kept.length);
            raw = kept;
        }
        return parse(name, raw, oversized, verifier.verify(raw, signature));
    }

    /** The receipt the bytes of {@code name} make; pure, for the tests. */
    static IncomingReceipt parse(String name, byte[] raw, boolean oversized, Verification verification) {
        String stem = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
        String sourceKey = "sftp:" + name + ":" + Sha256.hex(raw);
        if (oversized) {
            return invalid(sourceKey, name, raw, stem, "larger than RECEIPTS_MAX_BYTES (" + raw.length
                    + " bytes kept); the whole file is set aside on the server");
        }
        AckFile ack;
        try {
            ack = ReceiptJson.MAPPER.readValue(raw, AckFile.class);
        } catch (JsonProcessingException e) {
            return invalid(sourceKey, name, raw, stem, "not an acknowledgement: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            return invalid(sourceKey, name, raw, stem, "unreadable: " + e.getMessage());
        }
        if (ack == null) {
            return invalid(sourceKey, name, raw, stem, "not an acknowledgement: empty");
        }
        String missing = ack.file() == null ? "file" : ack.manifestSha256() == null ? "manifestSha256" : ack.status() == null ? "status" : null;
        if (missing != null) {
            return invalid(sourceKey, name, raw, stem, "not an acknowledgement: '" + missing + "' is missing");
        }
        if (!Objects.equals(ack.file(), stem)) {
            return invalid(sourceKey, name, raw, stem, "names the file '" + ack.file() + "' but is called " + name);
        }
        if (!ack.manifestSha256().matches("[0-9a-fA-F]{64}")) {
            return invalid(sourceKey, name, raw, stem, "manifestSha256 '" + ack.manifestSha256() + "' is not 64 hex digits");
        }
        if (ack.messages() != null && ack.messages().stream().anyMatch(Objects::isNull)) {
            return invalid(sourceKey, name, raw, stem, "a message is null");
        }
        return new IncomingReceipt(ReceiptKind.ACK, Channel.SFTP, sourceKey, name, raw, stem, null, ack.status(), null,
                ack.receiptId(), ack.receivedAt(), ack.manifestSha256(), ack.messages(), verification, null);
    }

    private static IncomingReceipt invalid(String sourceKey, String name, byte[] raw, String stem, String reason) {
        return new IncomingReceipt(ReceiptKind.ACK, Channel.SFTP, sourceKey, name, raw, stem, null, null, null, null, null,
                null, null, Verification.NOT_CHECKED, reason);
    }

    /** Up to {@code limit} + 1 bytes: one more than the limit tells an oversized file without reading all of it. */
    static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long left = limit + 1;
        for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
            out.write(buffer, 0, n);
            left -= n;
        }
        return out.toByteArray();
    }

    /** The detached signature {@code {name}.p7s} beside the file, or null when there is none (or it is oversized). */
    public byte[] signature(String name) throws JSchException, SftpException, IOException {
        Session session = SftpSessions.open(sftp);
        try {
            ChannelSftp channel = (ChannelSftp) session.openChannel("sftp");
            channel.connect(sftp.connectTimeout());
            try {
                String path = path(name + SIGNATURE);
                try {
                    channel.stat(path);
                } catch (SftpException e) {
                    if (e.id == SSH_FX_NO_SUCH_FILE) {
                        return null;
                    }
                    throw e;
                }
                try (InputStream in = channel.get(path)) {
                    byte[] bytes = readAtMost(in, settings.maxBytes());
                    return bytes.length > settings.maxBytes() ? null : bytes;
                }
            } finally {
                channel.disconnect();
            }
        } finally {
            session.disconnect();
        }
    }

    /**
     * Moves the signature {@code {name}.p7s} into {@code folder} beside its file. A server that forbids
     * it leaves it where it is: the file it belongs to is remembered as read, so nothing is read twice.
     */
    public void moveSignature(String name, String folder) throws JSchException {
        Session session = SftpSessions.open(sftp);
        try {
            ChannelSftp channel = (ChannelSftp) session.openChannel("sftp");
            channel.connect(sftp.connectTimeout());
            try {
                try {
                    channel.stat(path(folder));
                } catch (SftpException e) {
                    // the file's own move, after this, would make the folder; the signature goes first
                    channel.mkdir(path(folder));
                }
                channel.rename(path(name + SIGNATURE), path(folder + "/" + name + SIGNATURE));
            } catch (SftpException e) {
                LOG.warn("{}{} left in {}: cannot move it to {}/ ({})", name, SIGNATURE, where(), folder, e.getMessage());
            } finally {
                channel.disconnect();
            }
        } finally {
            session.disconnect();
        }
    }

    private String path(String name) {
        String dir = settings.sftp().directory();
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}
