package kz.labour.reporting.delivery;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code delivery.*} settings (SFTP_*, SMTP_*, MAIL_*, OPS_MAIL_TO and the retry policy). The
 * routes read the same properties as {@code {{delivery...}}} placeholders; Java reads them here, for
 * the remote check, the mail session and the messages that say what to fix.
 *
 * <p>Ports and switches are read from their text by {@link SettingRules} while binding, so a value
 * such as {@code SFTP_PORT=abc} or {@code SMTP_STARTTLS=maybe} stops the start as bad input (exit 2),
 * naming the variable. The addresses are checked by {@link #validate()}, which a delivering run calls
 * before it reads anything: a service or a dry run may leave them empty.
 */
@ConfigurationProperties("delivery")
public record DeliverySettings(Sftp sftp, Smtp smtp, Mail mail, Retry retry) {

    /**
     * Fails (bad input, naming the variable) when these settings cannot deliver: the sender and the
     * bureau's and operators' addresses are read strictly, and the bureau needs at least one.
     * Ports and switches were already checked when the settings were bound.
     */
    public void validate() {
        Mail m = mail == null ? new Mail(null, null, null) : mail;
        SettingRules.address("MAIL_FROM", m.from());
        SettingRules.addresses("MAIL_TO", m.to(), true);
        SettingRules.addresses("OPS_MAIL_TO", m.opsTo(), false);
    }

    /** The bureau's SFTP server; key authentication, host key checked against {@code knownHostsFile}. */
    public record Sftp(String host, int port, String user, String privateKeyFile, String privateKeyPassphrase,
                       String knownHostsFile, String directory, int connectTimeout, int readTimeout) {

        /** As bound from the configuration: the port's text checked as SFTP_PORT. */
        @ConstructorBinding
        public Sftp(String host, @DefaultValue("22") String port, String user, String privateKeyFile,
                    String privateKeyPassphrase, String knownHostsFile, String directory, int connectTimeout,
                    int readTimeout) {
            this(host, SettingRules.port("SFTP_PORT", port), user, privateKeyFile, privateKeyPassphrase, knownHostsFile,
                    directory, connectTimeout, readTimeout);
        }

        /** "sftp.example:22", as messages name the server. */
        public String address() {
            return host + ":" + port;
        }

        /** Without the passphrase: a record prints every component, and these settings may be logged. */
        @Override
        public String toString() {
            return "Sftp[" + user + "@" + address() + "/" + directory + ", key " + privateKeyFile + ", known_hosts "
                    + knownHostsFile + "]";
        }

        /** Where a file goes, as the server sees it: relative to the login directory unless the directory is absolute. */
        public String path(String fileName) {
            String dir = directory == null ? "" : directory.strip();
            if (dir.isEmpty()) {
                return fileName;
            }
            return dir.endsWith("/") ? dir + fileName : dir + "/" + fileName;
        }
    }

    /** The mail relay: STARTTLS unless switched off; no login when {@code user} is empty. */
    public record Smtp(String host, int port, String user, String password, boolean starttls, int connectTimeout,
                       int readTimeout) {

        /** As bound from the configuration: the port's and the switch's text checked as SMTP_PORT and SMTP_STARTTLS. */
        @ConstructorBinding
        public Smtp(String host, @DefaultValue("587") String port, String user, String password,
                    @DefaultValue("true") String starttls, int connectTimeout, int readTimeout) {
            this(host, SettingRules.port("SMTP_PORT", port), user, password, SettingRules.flag("SMTP_STARTTLS", starttls),
                    connectTimeout, readTimeout);
        }

        public String address() {
            return host + ":" + port;
        }

        public boolean authenticates() {
            return user != null && !user.isBlank();
        }

        /** Without the password: a record prints every component, and these settings may be logged. */
        @Override
        public String toString() {
            return "Smtp[" + (authenticates() ? user + "@" : "") + address() + ", starttls " + starttls + "]";
        }
    }

    /** Sender, the bureau's addresses and the operators' addresses, each a comma-separated list. */
    public record Mail(String from, String to, String opsTo) {

        public List<String> bureau() {
            return split(to);
        }

        public List<String> operators() {
            return split(opsTo);
        }

        private static List<String> split(String list) {
            return list == null ? List.of()
                    : Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }

    /** Back-off for transient faults; the route configuration reads these as placeholders. */
    public record Retry(int redeliveries, long initialDelay, double multiplier, long maxDelay) {
    }
}
