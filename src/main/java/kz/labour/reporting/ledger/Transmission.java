package kz.labour.reporting.ledger;

import java.time.OffsetDateTime;
import java.util.List;

/** One row of the ledger: one version of one form for one period. */
public record Transmission(long id, String form, String period, int version, char action, String accumulation,
                           OffsetDateTime asOf, String contentHash, List<StoredFile> files, String findingsJson,
                           Status status, ChannelStatus sftpStatus, OffsetDateTime sftpAt, String sftpError,
                           ChannelStatus mailStatus, OffsetDateTime mailAt, String mailError, int deliveries,
                           Trigger trigger, String requestedBy, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public ChannelStatus channel(Channel channel) {
        return channel == Channel.SFTP ? sftpStatus : mailStatus;
    }

    /** "V0001", as in file names and messages. */
    public String versionLabel() {
        return String.format("V%04d", version);
    }

    public String manifestName() {
        return files.get(files.size() - 1).name();
    }
}
