package kz.labour.reporting.receipts;

import java.time.Duration;
import java.time.format.DateTimeParseException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import kz.labour.reporting.BadInputException;

/**
 * The {@code receipts.*} settings of acknowledgement files and the ledger's receipts
 * (RECEIPTS_SFTP_DIRECTORY, RECEIPTS_ACK_WITHIN, RECEIPTS_TRUSTSTORE_FILE, RECEIPTS_TRUSTSTORE_PASSWORD,
 * RECEIPTS_MAX_BYTES). The mail receipts' settings are {@code receipts.imap.*}, bound apart. Each value
 * is read from its text while binding, so a bad one stops the start as bad input naming the variable.
 *
 * @param ackWithin how long after delivery the bureau has to acknowledge a version before the operators are told
 * @param maxBytes  the largest receipt read as such; a larger one is kept (its first maxBytes) and set aside
 */
@ConfigurationProperties("receipts")
public record ReceiptsSettings(Sftp sftp, Duration ackWithin, String truststoreFile, String truststorePassword,
                               long maxBytes) {

    @ConstructorBinding
    public ReceiptsSettings(Sftp sftp, @DefaultValue("P2D") String ackWithin, String truststoreFile, String truststorePassword,
                            @DefaultValue("1048576") String maxBytes) {
        this(sftp == null ? new Sftp(null, 60000) : sftp, duration("RECEIPTS_ACK_WITHIN", ackWithin), blankToNull(truststoreFile),
                truststorePassword, bytes("RECEIPTS_MAX_BYTES", maxBytes));
    }

    /** Acknowledgement files: the directory on the delivery SFTP server (empty: not read) and the poll interval. */
    public record Sftp(String directory, long pollDelay) {

        @ConstructorBinding
        public Sftp(String directory, @DefaultValue("60000") String pollDelay) {
            this(blankToNull(directory), millis("receipts.sftp.poll-delay", pollDelay));
        }

        public boolean enabled() {
            return directory != null;
        }
    }

    /** Whether acknowledgement files are read (in the service): RECEIPTS_SFTP_DIRECTORY is set. */
    public boolean readsAcknowledgementFiles() {
        return sftp.enabled();
    }

    /** Whether acknowledgements must be signed by the bureau's CA: RECEIPTS_TRUSTSTORE_FILE is set. */
    public boolean verifies() {
        return truststoreFile != null;
    }

    /** Without the trust store's password: a record prints every component, and settings may be logged. */
    @Override
    public String toString() {
        return "ReceiptsSettings[sftp " + sftp + ", ack within " + ackWithin + ", trust store " + truststoreFile
                + ", max bytes " + maxBytes + "]";
    }

    static Duration duration(String variable, String text) {
        String t = text == null ? "" : text.strip();
        try {
            Duration d = Duration.parse(t);
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw new BadInputException(variable, "'" + text + "' is not a positive ISO-8601 duration; accepted: such as P2D "
                + "(two days), PT36H (36 hours), P1DT12H");
    }

    static long bytes(String variable, String text) {
        String t = text == null ? "" : text.strip();
        if (t.matches("\\d{1,10}") && Long.parseLong(t) >= 1024) {
            return Long.parseLong(t);
        }
        throw new BadInputException(variable, "'" + text + "' is not a size; accepted: a whole number of bytes, 1024 or more "
                + "(such as 1048576 for 1 MiB)");
    }

    static long millis(String variable, String text) {
        String t = text == null ? "" : text.strip();
        if (t.matches("\\d{1,9}") && Long.parseLong(t) >= 100) {
            return Long.parseLong(t);
        }
        throw new BadInputException(variable, "'" + text + "' is not a poll interval; accepted: a whole number of "
                + "milliseconds, 100 or more");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
