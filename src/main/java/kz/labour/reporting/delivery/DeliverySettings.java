package kz.labour.reporting.delivery;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code delivery.*} settings (SFTP_*, SMTP_*, MAIL_*, OPS_MAIL_TO and the retry policy). The
 * routes read the same properties as {@code {{delivery...}}} placeholders; Java reads them here, for
 * the remote check, the mail session and the messages that say what to fix.
 */
@ConfigurationProperties("delivery")
record DeliverySettings(Sftp sftp, Smtp smtp, Mail mail, Retry retry) {

    /** The bureau's SFTP server; key authentication, host key checked against {@code knownHostsFile}. */
    public record Sftp(String host, int port, String user, String privateKeyFile, String privateKeyPassphrase,
                       String knownHostsFile, String directory, int connectTimeout, int readTimeout) {

        /** "sftp.example:22", as messages name the server. */
        public String address() {
            return host + ":" + port;
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

        public String address() {
            return host + ":" + port;
        }

        public boolean authenticates() {
            return user != null && !user.isBlank();
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
