package io.pptp4j.linux.peers;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A syslog receiver for one peer: a Unix stream socket that {@code sandbox.sh} links to the peer's
 * private /dev/log. glibc's syslog(3) first tries a datagram socket, gets EPROTOTYPE from a stream
 * socket and retries with a stream, ending each message with a NUL; so plain Java
 * ({@link ServerSocketChannel} of {@link StandardProtocolFamily#UNIX}, which has no datagram flavour)
 * can take the messages.
 *
 * <p>One daemon thread accepts; one virtual thread per connection reads (pptpd keeps its connection,
 * pptp opens one per message). {@link #close} closes every socket, which ends them all.
 */
public final class SyslogCollector implements AutoCloseable {
    private static final int MAX_MESSAGE = 64 * 1024;

    private final Path socketPath;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final List<SyslogMessage> messages = new ArrayList<>();
    private final Set<SocketChannel> connections = new HashSet<>();
    private boolean closed;

    private SyslogCollector(Path socketPath, ServerSocketChannel server) {
        this.socketPath = socketPath;
        this.server = server;
        this.acceptor = Thread.ofPlatform().daemon(true).name("syslog-" + socketPath.getFileName()).unstarted(this::accept);
    }

    /** Listens on {@code socketPath} (a new file; at most 107 bytes, the sun_path limit). */
    public static SyslogCollector open(Path socketPath) throws IOException {
        if (socketPath.toString().getBytes(StandardCharsets.UTF_8).length > 107) {
            throw new IllegalArgumentException("socket path " + socketPath + " is longer than sun_path allows");
        }
        Files.deleteIfExists(socketPath);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socketPath), 64);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        SyslogCollector collector = new SyslogCollector(socketPath, server);
        collector.acceptor.start();
        return collector;
    }

    public Path socketPath() { return socketPath; }

    /** Every message so far, in arrival order. */
    public synchronized List<SyslogMessage> messages() { return List.copyOf(messages); }

    /** The texts of the messages so far, one per line, for failure messages. */
    public String transcript() {
        StringBuilder b = new StringBuilder();
        for (SyslogMessage m : messages()) {
            b.append("  ").append(m).append('\n');
        }
        return b.isEmpty() ? "  (nothing logged)\n" : b.toString();
    }

    /**
     * The first message (from the start) that {@code condition} accepts, waiting up to {@code timeout}.
     *
     * @param what what the message shows, for the exception
     * @throws PeerTimeoutException when none came, with all that was logged
     */
    public SyslogMessage await(Predicate<SyslogMessage> condition, Duration timeout, String what)
            throws PeerTimeoutException, InterruptedIOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            int checked = 0;
            while (true) {
                for (; checked < messages.size(); checked++) {
                    if (condition.test(messages.get(checked))) {
                        return messages.get(checked);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    break;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for " + what);
                }
            }
        }
        throw new PeerTimeoutException("no syslog message showing " + what + " within " + timeout.toMillis()
                + " ms; logged:\n" + transcript());
    }

    private void accept() {
        while (true) {
            SocketChannel c;
            try {
                c = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            synchronized (this) {
                if (closed) {
                    closeQuietly(c);
                    return;
                }
                connections.add(c);
            }
            Thread.ofVirtual().name("syslog-connection").start(() -> read(c));
        }
    }

    private void read(SocketChannel c) {
        ByteBuffer in = ByteBuffer.allocate(8192);
        byte[] message = new byte[MAX_MESSAGE];
        int length = 0;
        try {
            while (c.read(in.clear()) > 0) {
                for (int i = 0; i < in.position(); i++) {
                    byte b = in.get(i);
                    if (b == 0) {
                        add(message, length);
                        length = 0;
                    } else if (length < MAX_MESSAGE) {
                        message[length++] = b;
                    }
                }
            }
        } catch (IOException e) {
            // closed by close(), or by the peer
        } finally {
            if (length > 0) {
                add(message, length);
            }
            synchronized (this) {
                connections.remove(c);
            }
            closeQuietly(c);
        }
    }

    private synchronized void add(byte[] message, int length) {
        messages.add(SyslogMessage.parse(new String(message, 0, length, StandardCharsets.UTF_8)));
        notifyAll();
    }

    /** Closes the listening socket and every connection, and deletes the socket file. */
    @Override
    public void close() throws IOException {
        List<SocketChannel> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(connections);
            notifyAll();
        }
        server.close();
        open.forEach(SyslogCollector::closeQuietly);
        try {
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(socketPath);
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing a socket that is going away anyway
        }
    }
}
