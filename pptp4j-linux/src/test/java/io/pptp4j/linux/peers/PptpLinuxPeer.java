package io.pptp4j.linux.peers;

import io.pptp4j.hdlc.AsyncHdlc;
import io.pptp4j.hdlc.AsyncHdlcDecoder;
import io.pptp4j.hdlc.AsyncHdlcEncoder;
import io.pptp4j.hdlc.HdlcEvent;
import io.pptp4j.linux.netns.NetworkNamespace;
import io.pptp4j.wire.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pptp-linux's {@code pptp SERVER --nolaunchpppd ...} running in a network namespace, its PPP side
 * driven from the test.
 *
 * <p>With {@code --nolaunchpppd} pptp is meant to run as pppd's {@code pty} program: it reads and
 * writes asynchronous HDLC frames (RFC 1662, FCS-16, default ACCM) on file descriptor 0 alone (it
 * closes fd 1 and reuses it for the socket to its call manager). A pipe cannot be both, so
 * {@code sandbox.sh} connects fd 0 to a TCP socket this class listens on at 127.0.0.1 inside the
 * namespace; {@link #sendPppFrame} frames a PPP frame onto it and {@link #receivePppFrame} takes the
 * frames pptp decapsulated from GRE. pptp logs only through syslog ({@link #syslog()}); warnings also
 * go to standard error.
 *
 * <p>pptp forks a call manager (the control connection) that it reaches through a Unix socket at
 * /var/run/pptp/LOCALBIND:SERVER; the sandbox gives each peer its own /run, so two peers never share
 * one. {@link #close} closes the PPP socket (pptp then clears the call and stops), waits a little,
 * then kills whatever is left.
 */
public final class PptpLinuxPeer implements AutoCloseable {
    public static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern CALL_ESTABLISHED =
            Pattern.compile("Outgoing call established \\(call ID (\\d+), peer's call ID (\\d+)\\)");

    private final NetworkNamespace namespace;
    private final PptpLinuxOptions options;
    private final SyslogCollector syslog;
    private final PeerProcess process;
    private final ServerSocket listener;
    private final Socket ppp;
    private final OutputStream toPptp;
    private final LinkedBlockingQueue<HdlcEvent> fromPptp = new LinkedBlockingQueue<>();
    private final List<HdlcEvent> discarded = new ArrayList<>();
    private final Thread reader;
    private boolean closed;

    /**
     * The call IDs of an established call as pptp logged them.
     *
     * @param callId pptp's own Call ID (in its Outgoing-Call-Request; the PAC puts it in GRE to pptp)
     * @param peerCallId the PAC's Call ID (from the Outgoing-Call-Reply; pptp puts it in its GRE)
     */
    public record CallIds(int callId, int peerCallId) {}

    private PptpLinuxPeer(NetworkNamespace namespace, PptpLinuxOptions options, SyslogCollector syslog,
            PeerProcess process, ServerSocket listener, Socket ppp) throws IOException {
        this.namespace = namespace;
        this.options = options;
        this.syslog = syslog;
        this.process = process;
        this.listener = listener;
        this.ppp = ppp;
        this.toPptp = ppp.getOutputStream();
        InputStream in = ppp.getInputStream();
        this.reader = Thread.ofPlatform().daemon(true).name("pptp-ppp-" + process.name()).start(() -> read(in));
    }

    /**
     * Starts pptp in {@code namespace} with its files in {@code directory} (made if missing), and
     * returns once pptp has connected its PPP side. The control connection and call come up
     * afterwards: {@link #awaitCallEstablished}.
     */
    public static PptpLinuxPeer start(NetworkNamespace namespace, Path directory, PptpLinuxOptions options)
            throws IOException {
        Files.createDirectories(directory);
        SyslogCollector syslog = SyslogCollector.open(directory.resolve("syslog.sock"));
        ServerSocket listener = null;
        PeerProcess process = null;
        Socket ppp = null;
        try {
            listener = namespace.call(() -> new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            process = PeerProcess.start(namespace, directory, "pptp",
                    PeerProcess.sandboxed(directory, syslog.socketPath(), options.command()),
                    Map.of("P4J_PPP_PORT", Integer.toString(listener.getLocalPort())));
            ppp = accept(listener, process, syslog);
            return new PptpLinuxPeer(namespace, options, syslog, process, listener, ppp);
        } catch (IOException | RuntimeException | Error e) {
            PptpdPeer.closeAfterFailure(e, ppp, process, listener, syslog);
            throw e;
        }
    }

    private static Socket accept(ServerSocket listener, PeerProcess process, SyslogCollector syslog) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        listener.setSoTimeout(100);
        while (true) {
            try {
                Socket s = listener.accept();
                s.setTcpNoDelay(true);
                return s;
            } catch (SocketTimeoutException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new PeerTimeoutException("pptp did not connect its PPP side within "
                            + START_TIMEOUT.toMillis() + " ms: " + process.describe() + "\n  syslog:\n" + syslog.transcript());
                }
            }
        }
    }

    private void read(InputStream in) {
        AsyncHdlcDecoder decoder = new AsyncHdlcDecoder();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                decoder.feed(buffer, 0, n, fromPptp::add);
            }
        } catch (IOException e) {
            // closed
        }
    }

    public NetworkNamespace namespace() { return namespace; }

    public PptpLinuxOptions options() { return options; }

    public SyslogCollector syslog() { return syslog; }

    public PeerProcess process() { return process; }

    /** pptp and its call manager, alive now. */
    public List<ProcessHandle> processes() { return process.processes(); }

    /** Waits for pptp's "Outgoing call established (call ID A, peer's call ID B)". */
    public CallIds awaitCallEstablished(Duration timeout) throws IOException {
        SyslogMessage m = syslog.await(msg -> CALL_ESTABLISHED.matcher(msg.text()).find(), timeout,
                "an established outgoing call (" + process.describe() + ")");
        Matcher matcher = CALL_ESTABLISHED.matcher(m.text());
        if (!matcher.find()) {
            throw new IllegalStateException(m.text());
        }
        return new CallIds(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /** HDLC-frames {@code pppFrame} (address and control field included, FCS added here) and writes it to pptp. */
    public void sendPppFrame(Bytes pppFrame) throws IOException {
        sendRaw(Bytes.of(AsyncHdlcEncoder.encode(pppFrame.toArray(), AsyncHdlc.DEFAULT_ACCM)));
    }

    /** Writes {@code bytes} as they are to pptp's PPP side. */
    public synchronized void sendRaw(Bytes bytes) throws IOException {
        toPptp.write(bytes.toArray());
        toPptp.flush();
    }

    /**
     * The next frame pptp wrote whose FCS checked out, without the FCS; empty when none came within
     * {@code timeout}. Other HDLC events (bad FCS, aborts) are kept in {@link #discarded()}.
     */
    public Optional<Bytes> receivePppFrame(Duration timeout) throws InterruptedIOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                HdlcEvent e = fromPptp.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e == null) {
                    return Optional.empty();
                }
                if (e instanceof HdlcEvent.Frame f) {
                    return Optional.of(f.frame());
                }
                synchronized (discarded) {
                    discarded.add(e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a PPP frame from pptp");
        }
    }

    /** HDLC events other than good frames that {@link #receivePppFrame} skipped. */
    public List<HdlcEvent> discarded() {
        synchronized (discarded) {
            return List.copyOf(discarded);
        }
    }

    /**
     * Closes the PPP side (pptp reads end of file, sends Call-Clear-Request and stops), gives it up to
     * two seconds, then kills every process left and closes the sockets. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        process.processes(); // remembered: the call manager ends by itself, close waits until it is reaped
        IOException failure = null;
        for (AutoCloseable c : new AutoCloseable[] {ppp, () -> process.awaitNoProcesses(Duration.ofSeconds(2)), process,
                listener, syslog}) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof IOException io ? io : new IOException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        try {
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "PptpLinuxPeer[" + namespace.name() + " -> " + options.server().getHostAddress() + "]";
    }
}
