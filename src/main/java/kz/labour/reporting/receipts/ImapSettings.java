package kz.labour.reporting.receipts;

import java.util.Locale;
import java.util.Properties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import kz.labour.reporting.BadInputException;

/**
 * The pipeline's own mailbox, where DSNs, MDNs and replies arrive ({@code receipts.imap.*},
 * RECEIPTS_IMAP_*): the mailbox of MAIL_FROM. Without a host, mail receipts are not read. Checked
 * while binding, so a bad value stops the start (exit 2) naming the variable and what is accepted.
 *
 * @param port        RECEIPTS_IMAP_PORT, or when that is unset the security's usual port: 993 for {@code ssl},
 *                    143 for {@code starttls} and {@code none}
 * @param security    {@code ssl} (IMAP over TLS), {@code starttls} (required) or {@code none}
 * @param doneFolder  where a recorded message is moved
 * @param failedFolder where a message set aside (unmatched, invalid, superseded...) is moved for a person
 * @param maxBytes    a larger message is recorded invalid unread
 * @param pollDelay   milliseconds between two looks at the mailbox
 */
@ConfigurationProperties("receipts.imap")
public record ImapSettings(String host, int port, String user, String password, Security security, String doneFolder,
        String failedFolder, long maxBytes, long pollDelay, int timeout) {

    /** How the connection is protected. */
    public enum Security {
        SSL, STARTTLS, NONE
    }

    /** As bound from the configuration: each value's text checked, naming its variable. */
    @ConstructorBinding
    public ImapSettings(String host, String port, String user, String password,
            @DefaultValue("ssl") String security, @DefaultValue("Processed") String doneFolder,
            @DefaultValue("Failed") String failedFolder, @DefaultValue("10485760") String maxBytes,
            @DefaultValue("60000") String pollDelay, @DefaultValue("30000") String timeout) {
        this(blankToNull(host), port(port, security(security)), blankToNull(user), password, security(security),
                folder("RECEIPTS_IMAP_DONE_FOLDER", doneFolder), folder("receipts.imap.failed-folder", failedFolder),
                positive("receipts.imap.max-bytes", maxBytes), positive("receipts.imap.poll-delay", pollDelay),
                (int) positive("receipts.imap.timeout", timeout));
    }

    public ImapSettings {
        if (host != null) {
            if (user == null) {
                throw new BadInputException("RECEIPTS_IMAP_USER", "empty while RECEIPTS_IMAP_HOST is set; accepted: the mailbox's login name");
            }
            if (password == null || password.isEmpty()) {
                throw new BadInputException("RECEIPTS_IMAP_PASSWORD", "empty while RECEIPTS_IMAP_HOST is set; accepted: the mailbox's password");
            }
        }
        if (doneFolder.equalsIgnoreCase(failedFolder) || doneFolder.equalsIgnoreCase("INBOX")) {
            throw new BadInputException("RECEIPTS_IMAP_DONE_FOLDER", "'" + doneFolder
                    + "' is the inbox or the folder of messages set aside; accepted: a folder of its own (default Processed)");
        }
    }

    /** Whether mail receipts are read at all. */
    public boolean reads() {
        return host != null;
    }

    /** The mailbox's server, as the route's URI names it (port already chosen): {@code {{bean:receiptsImapServer.host}}}. */
    public record Server(String host, int port) {
    }

    /** Where the route connects: the host and the port, RECEIPTS_IMAP_PORT or the security's usual one. */
    public Server server() {
        return new Server(host, port);
    }

    /** "reports@imap.example:993 (ssl)", as the log names the mailbox: never the password. */
    public String mailbox() {
        return user + "@" + host + ":" + port + " (" + security.name().toLowerCase(Locale.ROOT) + ")";
    }

    /**
     * The JavaMail settings the IMAP endpoint adds ({@code additionalJavaMailProperties}): TLS from
     * the first byte or STARTTLS required (never merely tried), the server's certificate checked
     * against its host name, and timeouts so a silent server cannot hold the consumer.
     */
    public Properties javaMailProperties() {
        Properties p = new Properties();
        p.setProperty("mail.imap.ssl.enable", Boolean.toString(security == Security.SSL));
        p.setProperty("mail.imap.starttls.enable", Boolean.toString(security == Security.STARTTLS));
        p.setProperty("mail.imap.starttls.required", Boolean.toString(security == Security.STARTTLS));
        p.setProperty("mail.imap.ssl.checkserveridentity", "true");
        p.setProperty("mail.imap.connectiontimeout", Integer.toString(timeout));
        p.setProperty("mail.imap.timeout", Integer.toString(timeout));
        p.setProperty("mail.imap.writetimeout", Integer.toString(timeout));
        return p;
    }

    /** Without the password: a record prints every component, and settings may be logged. */
    @Override
    public String toString() {
        return reads() ? "ImapSettings[" + mailbox() + ", done " + doneFolder + ", failed " + failedFolder + "]" : "ImapSettings[not read]";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The port as given, or the usual one of the security (IMAPS 993; IMAP, with or without STARTTLS, 143). */
    private static int port(String text, Security security) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return security == Security.SSL ? 993 : 143;
        }
        if (t.matches("\\d{1,5}") && Integer.parseInt(t) >= 1 && Integer.parseInt(t) <= 65535) {
            return Integer.parseInt(t);
        }
        throw new BadInputException("RECEIPTS_IMAP_PORT", "'" + text + "' is not a port; accepted: a whole number from 1 to 65535, or unset for 993 with ssl and 143 otherwise");
    }

    private static Security security(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        try {
            return Security.valueOf(t);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("RECEIPTS_IMAP_SECURITY", "'" + text + "' is not known; accepted: ssl, starttls or none");
        }
    }

    private static String folder(String variable, String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.contains("*") || t.contains("%")) {
            throw new BadInputException(variable, "'" + text + "' is not a folder name; accepted: a name such as Processed");
        }
        return t;
    }

    private static long positive(String variable, String text) {
        String t = text == null ? "" : text.strip();
        if (t.matches("\\d{1,12}") && Long.parseLong(t) > 0) {
            return Long.parseLong(t);
        }
        throw new BadInputException(variable, "'" + text + "' is not a positive whole number");
    }
}
