package kz.labour.reporting.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * A TCP proxy on loopback that delays every byte by a fixed time in each direction, as a line to a
 * distant server would (the round trip grows by twice the delay; bandwidth is left alone). For the
 * delivery benchmark: the pipeline and OpenSSH's sftp both reach the SFTP server through it.
 * <p>
 * Bounded: it listens and connects on 127.0.0.1 only, takes at most {@value #MAX_CONNECTIONS}
 * connections at a time, holds at most {@value #MAX_CHUNKS} chunks of at most {@value #CHUNK} bytes
 * in flight per direction (a full queue stops reading, so memory stays bounded), and stops when
 * closed. Run alone: {@code DelayProxy TARGET_PORT DELAY_MS} prints the port it listens on.
 */
public final class DelayProxy implements AutoCloseable {

    static final int MAX_CONNECTIONS = 16;
    static final int MAX_CHUNKS = 256;
    static final int CHUNK = 32 * 1024;

    private final ServerSocket server;
    private final int targetPort;
    private final long delayNanos;
    private final Semaphore connections = new Semaphore(MAX_CONNECTIONS);

    public DelayProxy(int targetPort, long delayMillis) throws IOException {
        if (delayMillis < 0 || delayMillis > 10_000) {
            throw new IllegalArgumentException("delay " + delayMillis + " ms: accepted 0..10000");
        }
        this.targetPort = targetPort;
        this.delayNanos = delayMillis * 1_000_000L;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread accept = new Thread(this::accept, "delay-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!connections.tryAcquire()) {
                    client.close();
                    continue;
                }
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                // both directions ended (each half-closed what it wrote to): the connection is over
                java.util.concurrent.atomic.AtomicInteger ended = new java.util.concurrent.atomic.AtomicInteger();
                Runnable done = () -> {
                    if (ended.incrementAndGet() == 2) {
                        closeQuietly(client);
                        closeQuietly(target);
                        connections.release();
                    }
                };
                pipe(client, target, done);
                pipe(target, client, done);
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("delay proxy: " + e.getMessage());
                }
            }
        }
    }

    private record Chunk(long due, byte[] bytes) {
    }

    /** One direction: a reader stamps each chunk with when it may leave, a writer sends it then. */
    private void pipe(Socket from, Socket to, Runnable done) throws IOException {
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(MAX_CHUNKS);
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[CHUNK];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    queue.put(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
                }
            } catch (IOException | InterruptedException e) {
                // the connection ended
            }
            try {
                queue.put(new Chunk(System.nanoTime() + delayNanos, null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "delay-proxy-read");
        Thread writer = new Thread(() -> {
            try {
                while (true) {
                    Chunk c = queue.take();
                    long wait = c.due() - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                    }
                    if (c.bytes() == null) {
                        if (!to.isClosed()) {
                            to.shutdownOutput();
                        }
                        break;
                    }
                    out.write(c.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the connection ended
            } finally {
                done.run();
            }
        }, "delay-proxy-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    public static void main(String[] args) throws Exception {
        try (DelayProxy proxy = new DelayProxy(Integer.parseInt(args[0]), Long.parseLong(args[1]))) {
            System.out.println(proxy.port());
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
