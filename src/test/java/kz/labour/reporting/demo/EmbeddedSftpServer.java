package kz.labour.reporting.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.CopyOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.KeySetPublickeyAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A small SFTP server standing in for the bureau's, for tests and the demo: Apache MINA SSHD on
 * 127.0.0.1, a host key and a {@code known_hosts} file for it, one client key pair and nothing else
 * accepted (no passwords), a folder served as the whole file system. It keeps its port across
 * {@link #stop()} and {@link #start()}, so a client configured once can see it go down and come back.
 * <p>
 * Keys are ECDSA P-256: JSch 2.x (the client under camel-sftp) reads ECDSA, RSA and Ed25519 keys in
 * the OpenSSH format, but MINA SSHD verifies Ed25519 only with net.i2p EdDSA or Bouncy Castle on the
 * class path, which this project does not carry.
 * <p>
 * Files under {@code baseDir}: {@code host_key} (the server's identity, kept across runs),
 * {@code known_hosts} (rewritten at every start for the current port), {@code client_key} and
 * {@code client_key.pub} (the client's identity, kept across runs), {@code root/} (what clients see).
 */
public final class EmbeddedSftpServer implements AutoCloseable {

    /** The only user name the server accepts. */
    public static final String USER = "bureau";

    private static final String HOST = "127.0.0.1";
    private static final String KEY_TYPE = KeyPairProvider.ECDSA_SHA2_NISTP256;
    private static final int KEY_SIZE = 256;

    private final Path baseDir;
    private final Path root;
    private final int port;
    private final String clientKeyPassphrase;
    private final PublicKey clientKey;
    private final AtomicReference<String> cutDuring = new AtomicReference<>();
    private final AtomicReference<Hold> hold = new AtomicReference<>();
    private final List<String> completedUploads = new CopyOnWriteArrayList<>();
    private SshServer server;

    /**
     * Prepares the keys and the served folder; does not start listening.
     *
     * @param baseDir             where the keys, {@code known_hosts} and the served {@code root/} live
     * @param port                the port to listen on, or 0 for a free one chosen now and kept
     * @param clientKeyPassphrase protects the generated client key, or null for an unprotected key
     */
    public EmbeddedSftpServer(Path baseDir, int port, String clientKeyPassphrase) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.root = this.baseDir.resolve("root");
        this.clientKeyPassphrase = clientKeyPassphrase;
        try {
            Files.createDirectories(root);
            this.port = port == 0 ? freePort() : port;
            this.clientKey = clientKey();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the SFTP server in " + this.baseDir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the SFTP client key", e);
        }
    }

    /** An unprotected client key and a free port. */
    public EmbeddedSftpServer(Path baseDir) {
        this(baseDir, 0, null);
    }

    /** Starts listening (again, on the same port); writes {@code known_hosts} for the host key. */
    public synchronized EmbeddedSftpServer start() {
        if (server != null) {
            return this;
        }
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(baseDir.resolve("host_key"));
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKeys.setKeySize(KEY_SIZE);
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost(HOST);
        s.setPort(port);
        s.setKeyPairProvider(hostKeys);
        s.setPasswordAuthenticator(null);
        s.setKeyboardInteractiveAuthenticator(null);
        KeySetPublickeyAuthenticator keys = new KeySetPublickeyAuthenticator("bureau-client", List.of(clientKey));
        s.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && keys.authenticate(user, key, session));
        s.setFileSystemFactory(new VirtualFileSystemFactory(root));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(new Uploads());
        s.setSubsystemFactories(List.of(sftp));
        try {
            s.start();
            writeKnownHosts(hostKeys.loadKeys(null).get(0).getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the SFTP server on " + HOST + ":" + port, e);
        }
        server = s;
        return this;
    }

    /** Stops listening and drops every connection; {@link #start()} brings it back on the same port. */
    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop(true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stop the SFTP server", e);
            } finally {
                server = null;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean running() {
        return server != null && server.isStarted();
    }

    /**
     * Arms a one-shot fault: the next time a client writes to a file whose name contains
     * {@code fileNamePart}, its connection is closed right after the first chunk, so the upload is
     * left half done.
     */
    public void cutConnectionDuringUploadOf(String fileNamePart) {
        cutDuring.set(Objects.requireNonNull(fileNamePart));
    }

    /**
     * Arms a one-shot slow line: the next time a client writes to a file whose name contains
     * {@code fileNamePart}, the server takes that first chunk only once {@code release} is counted down
     * (or {@code atMost} has passed). The client sees nothing but a slow server; the file waits under
     * the name it is written as (a temporary name, for a careful client).
     */
    public void holdUploadOf(String fileNamePart, CountDownLatch release, Duration atMost) {
        hold.set(new Hold(Objects.requireNonNull(fileNamePart), Objects.requireNonNull(release), atMost));
    }

    /**
     * Names of the files that reached their final name by a rename (the way a careful client finishes
     * an upload), in order, since this object was made: how a test tells an upload from a file left alone.
     */
    public List<String> completedUploads() {
        return List.copyOf(completedUploads);
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    /** The folder clients see as {@code /}. */
    public Path root() {
        return root;
    }

    public Path knownHostsFile() {
        return baseDir.resolve("known_hosts");
    }

    /** The client's private key, OpenSSH format, protected by the passphrase if one was given. */
    public Path clientPrivateKeyFile() {
        return baseDir.resolve("client_key");
    }

    public String clientKeyPassphrase() {
        return clientKeyPassphrase;
    }

    /** The host key line as {@code known_hosts} holds it, e.g. {@code [127.0.0.1]:2222 ecdsa-sha2-nistp256 AAAA…}. */
    public String knownHostsLine() {
        try {
            return Files.readString(knownHostsFile(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeKnownHosts(PublicKey hostKey) throws IOException {
        // JSch looks a non-standard port up as "[host]:port"
        String line = "[" + HOST + "]:" + port + " " + PublicKeyEntry.toString(hostKey) + "\n";
        Files.writeString(knownHostsFile(), line, StandardCharsets.US_ASCII);
    }

    /** Loads the client's public key, generating the pair the first time. */
    private PublicKey clientKey() throws IOException, GeneralSecurityException {
        Path publicFile = baseDir.resolve("client_key.pub");
        if (Files.exists(publicFile) && Files.exists(clientPrivateKeyFile())) {
            return PublicKeyEntry.parsePublicKeyEntry(Files.readString(publicFile).trim()).resolvePublicKey(null, null, null);
        }
        KeyPair pair = KeyUtils.generateKeyPair(KEY_TYPE, KEY_SIZE);
        OpenSSHKeyEncryptionContext encryption = null;
        if (clientKeyPassphrase != null && !clientKeyPassphrase.isEmpty()) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setCipherName("AES");
            encryption.setCipherType("256");
            encryption.setCipherMode("CTR");
            encryption.setPassword(clientKeyPassphrase);
        }
        try (OutputStream out = Files.newOutputStream(clientPrivateKeyFile())) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "labour-reporting", encryption, out);
        }
        Files.writeString(publicFile, PublicKeyEntry.toString(pair.getPublic()) + " labour-reporting\n");
        return pair.getPublic();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, 0));
            return socket.getLocalPort();
        }
    }

    private record Hold(String fileNamePart, CountDownLatch release, Duration atMost) {
    }

    /**
     * Counts finished uploads; holds one back as a slow line would, or closes a client's connection in
     * the middle of one, when armed.
     */
    private final class Uploads implements SftpEventListener {
        @Override
        public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts, Throwable thrown) {
            if (thrown == null) {
                completedUploads.add(dstPath.getFileName().toString());
            }
        }

        @Override
        public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
                            int dataOffset, int dataLen) throws IOException {
            Hold h = hold.get();
            if (h != null && localHandle.getFile().getFileName().toString().contains(h.fileNamePart())
                    && hold.compareAndSet(h, null)) {
                try {
                    h.release().await(h.atMost().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while holding the upload of " + localHandle.getFile().getFileName(), e);
                }
            }
        }

        @Override
        public void written(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
                            int dataOffset, int dataLen, Throwable thrown) throws IOException {
            String part = cutDuring.get();
            if (part != null && localHandle.getFile().getFileName().toString().contains(part)
                    && cutDuring.compareAndSet(part, null)) {
                session.close(true);
            }
        }
    }
}
