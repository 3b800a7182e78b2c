package kz.labour.reporting.ledger;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;

import kz.labour.reporting.form.Action;
import kz.labour.reporting.form.Accumulation;
import kz.labour.reporting.form.FormId;
import kz.labour.reporting.form.Version;

/** One row of the ledger: one version of one form for one period, and where its delivery stands. */
public record Transmission(long id, FormId form, YearMonth period, Version version, Action action, Accumulation accumulation,
                           OffsetDateTime asOf, String contentHash, List<StoredFile> files, Status status,
                           ChannelStatus sftpStatus, OffsetDateTime sftpAt, String sftpError,
                           ChannelStatus mailStatus, OffsetDateTime mailAt, String mailError, int deliveries,
                           Requester requester, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                           OffsetDateTime supersededAt, String supersededReason) {

    public Transmission {
        files = List.copyOf(files);
    }

    public ChannelStatus status(Channel channel) {
        return channel == Channel.SFTP ? sftpStatus : mailStatus;
    }

    /** The cause recorded when the channel last failed, or null. */
    public String error(Channel channel) {
        return channel == Channel.SFTP ? sftpError : mailError;
    }

    /** Both channels done: the bureau has this version. */
    public boolean sentOnEveryChannel() {
        return sftpStatus == ChannelStatus.DONE && mailStatus == ChannelStatus.DONE;
    }

    /**
     * Built or partly sent and not superseded: a plain transmit finishes this version instead of
     * building another.
     */
    public boolean unfinished() {
        return status.unfinished() && supersededAt == null;
    }

    /** Superseded by a later version because it could not be finished ({@link Ledger#supersede}). */
    public boolean superseded() {
        return supersededAt != null;
    }

    /** Delivered, or sent on at least one channel: the bureau may hold some of this version. */
    public boolean reachedBureau() {
        return deliveries > 0 || sftpStatus == ChannelStatus.DONE || mailStatus == ChannelStatus.DONE;
    }

    public String manifestName() {
        return files.get(files.size() - 1).name();
    }
}
