package kz.labour.reporting.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

/** The test and demo SFTP server, seen through JSch 2.x, the client camel-sftp uses. */
class EmbeddedSftpServerIntegrationTest {

    @TempDir
    Path dir;

    /** Connects the strict way the application does: known_hosts only, key only. */
    static Session connect(EmbeddedSftpServer server, Path knownHosts, Path key, String passphrase, String user) throws JSchException {
        JSch jsch = new JSch();
        if (passphrase == null) {
            jsch.addIdentity(key.toString());
        } else {
            jsch.addIdentity(key.toString(), passphrase);
        }
        jsch.setKnownHosts(knownHosts.toString());
        Session session = jsch.getSession(user, server.host(), server.port());
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "publickey");
        session.connect(5000);
        return session;
    }

    @Test
    void servesItsFolderToItsClientKeyProtectedByAPassphrase() throws Exception {
        try (EmbeddedSftpServer server = new EmbeddedSftpServer(dir, 0, "se+cret &1").start()) {
            Files.createDirectories(server.root().resolve("upload"));
            Session session = connect(server, server.knownHostsFile(), server.clientPrivateKeyFile(), "se+cret &1", "bureau");
            try {
                ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
                sftp.connect(5000);
                sftp.put(new ByteArrayInputStream("сәлем".getBytes(StandardCharsets.UTF_8)), "upload/hello.txt");
                sftp.rename("upload/hello.txt", "upload/hello.json");
                sftp.disconnect();
            } finally {
                session.disconnect();
            }
            assertThat(Files.readString(server.root().resolve("upload/hello.json"))).isEqualTo("сәлем");
            assertThat(server.completedUploads()).containsExactly("hello.json");
            assertThat(Files.readString(server.clientPrivateKeyFile())).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
            assertThat(server.knownHostsLine()).startsWith("[127.0.0.1]:" + server.port() + " ecdsa-sha2-nistp256 AAAA");
        }
    }

    @Test
    void refusesAnyOtherKeyOrUser() throws Exception {
        try (EmbeddedSftpServer server = new EmbeddedSftpServer(dir.resolve("a")).start();
             EmbeddedSftpServer other = new EmbeddedSftpServer(dir.resolve("b"))) {
            assertThatThrownBy(() -> connect(server, server.knownHostsFile(), other.clientPrivateKeyFile(), null, "bureau"))
                    .hasMessageStartingWith("Auth fail");
            assertThatThrownBy(() -> connect(server, server.knownHostsFile(), server.clientPrivateKeyFile(), null, "root"))
                    .hasMessageStartingWith("Auth fail");
        }
    }

    @Test
    void comesBackOnTheSamePortWithTheSameHostKeyAfterAStop() throws Exception {
        try (EmbeddedSftpServer server = new EmbeddedSftpServer(dir).start()) {
            Path knownHosts = Files.copy(server.knownHostsFile(), dir.resolve("client_known_hosts"));
            server.stop();
            assertThat(server.running()).isFalse();
            assertThatThrownBy(() -> connect(server, knownHosts, server.clientPrivateKeyFile(), null, "bureau"))
                    .hasMessageContaining("Connection refused");

            server.start();

            connect(server, knownHosts, server.clientPrivateKeyFile(), null, "bureau").disconnect();
        }
    }

    @Test
    void keepsItsKeysForTheNextRunInTheSameFolder() throws Exception {
        String hostKey;
        String clientKey;
        try (EmbeddedSftpServer first = new EmbeddedSftpServer(dir).start()) {
            hostKey = first.knownHostsLine().substring(first.knownHostsLine().indexOf(' '));
            clientKey = Files.readString(first.clientPrivateKeyFile());
        }
        try (EmbeddedSftpServer second = new EmbeddedSftpServer(dir).start()) {
            assertThat(second.knownHostsLine()).endsWith(hostKey);
            assertThat(Files.readString(second.clientPrivateKeyFile())).isEqualTo(clientKey);
            connect(second, second.knownHostsFile(), second.clientPrivateKeyFile(), null, "bureau").disconnect();
        }
    }
}
