package io.pptp4j.linux.gre;

import io.pptp4j.gre.GreCodec;
import io.pptp4j.gre.GreHeader;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.gre.engine.GreAction;
import io.pptp4j.gre.engine.GreCallConfig;
import io.pptp4j.gre.engine.GreCallEngine;
import io.pptp4j.gre.engine.SendFailure;
import io.pptp4j.linux.net.Libc;
import io.pptp4j.linux.net.PathMtuDiscovery;
import io.pptp4j.linux.net.RawIpSocket;
import io.pptp4j.linux.net.SendResult;
import io.pptp4j.linux.net.SocketClosedException;
import io.pptp4j.wire.Bytes;
import java.io.IOException;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The PPTP GRE data plane of one local IPv4 address (RFC 2637 section 4): one raw IP socket for
 * protocol 47 bound to the address, whose packets are routed by Call ID and source address
 * ({@link GreDemultiplexer}) to the {@link GreCall}s opened on it, each driving its own
 * {@link GreCallEngine}.
 *
 * <pre>{@code
 * try (GreTransport gre = GreTransport.open(local)) {        // in the namespace the socket belongs to
 *     GreCall call = gre.openCall(GreCallConfig.of(ourCallId, peerCallId, ourWindow, peerWindow)
 *             .withPeerPacketProcessingDelay(ppd), peer, ppp::receive);
 *     call.send(frame);
 * }
 * }</pre>
 *
 * <p>Threads, per transport:
 * <ul>
 *   <li>one receive thread: a platform thread that waits in {@code poll} and {@code recvfrom}, decodes
 *       each datagram (strictly: a malformed one is counted and dropped), routes it and runs the call's
 *       engine on it. It is not a virtual thread because a virtual thread that enters a foreign
 *       function stays pinned to its carrier for the whole call, so a receive loop parked in
 *       {@code poll} would take a carrier of the shared scheduler for good;
 *   <li>one timer thread (a single-thread {@link ScheduledThreadPoolExecutor}) for the engines'
 *       deadlines: acknowledgment delay, acknowledgment time-out, reorder timeout;
 *   <li>application threads, platform or virtual, that call {@link GreCall#send}: the packet is
 *       encoded and sent on the calling thread (a short {@code sendto}), no hand-off.
 * </ul>
 *
 * <p>Namespaces: the socket lives in the network namespace of the thread that calls {@link #open},
 * for its whole life, whichever thread uses it afterwards. Both threads are started by {@link #open}
 * on that calling thread, and a Linux thread starts in the network namespace of the thread that
 * creates it (setns(2) moves only the calling thread; clone(2) without CLONE_NEWNET shares the
 * creator's namespaces), so they run there too; nothing here depends on it but what they would open.
 *
 * <p>Allocation per packet: the receive and send buffers are reused and one lock serializes the
 * sends (the socket serializes them anyway). The decoded {@link GrePacket} still copies its payload
 * into a new {@link Bytes}, and the engine's actions are small objects.
 *
 * <p>The socket sets IP_RECVERR so that a full device queue comes back as ENOBUFS instead of a silent
 * loss (raw(7)); ENOBUFS and EMSGSIZE are reported to the sending call's engine, which counts them
 * and turns EMSGSIZE into an {@link GreAction.MtuProblem} for the listener. ICMP errors then reach
 * the receive loop too and are counted ({@link GreTransportCounters#receiveErrors()}).
 *
 * <p>A full receive buffer is worse than a loss: Linux (seen on 6.18) then passes the datagram over as
 * if no raw socket wanted it, counts it in IpInUnknownProtos and answers the sender with ICMP Protocol
 * Unreachable (rate-limited), which a peer may take for the end of the tunnel. A busy server should
 * raise {@link #setReceiveBufferSize} (net.core.rmem_max caps it).
 */
public final class GreTransport implements AutoCloseable {
    /** The IP protocol number of GRE. */
    public static final int PROTOCOL_GRE = 47;
    /** How long the receive loop waits in {@code poll} before it looks at its closed flag again. */
    private static final long RECEIVE_WAKEUP_NANOS = 1_000_000_000L;
    /** How long {@link #close} waits for each thread to end. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** Receive errors in a row after which the loop pauses between attempts, so that it cannot spin. */
    private static final int ERRORS_BEFORE_BACKOFF = 16;
    private static final long BACKOFF_MILLIS = 10;

    private final Inet4Address localAddress;
    private final RawIpSocket socket;
    private final GreDemultiplexer<GreCall> demultiplexer = new GreDemultiplexer<>();
    private final ScheduledThreadPoolExecutor timer;
    private final List<Thread> timerThreads = new CopyOnWriteArrayList<>();
    private final Thread receiveThread;
    private final byte[] receiveBuffer = new byte[RawIpSocket.MAX_DATAGRAM_LENGTH];
    /** The source of the datagram in the receive buffer, from {@link RawIpSocket#batchPayload}. */
    private final int[] source = new int[1];

    private final ReentrantLock sendLock = new ReentrantLock();
    private final byte[] sendBuffer = new byte[GreHeader.MAX_HEADER_LENGTH + GreCallEngine.MAX_PAYLOAD_LENGTH];

    private final Object lifecycle = new Object();
    private volatile boolean closed;

    private final AtomicLong receiveErrors = new AtomicLong();
    private volatile IOException lastReceiveError;
    private final AtomicLong callFailures = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sendNoBufferSpace = new AtomicLong();
    private final AtomicLong sendMessageTooLong = new AtomicLong();
    private final AtomicLong sendOtherErrors = new AtomicLong();

    private GreTransport(Inet4Address localAddress, RawIpSocket socket) {
        this.localAddress = localAddress;
        this.socket = socket;
        String address = localAddress.getHostAddress();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Thread.ofPlatform().name("gre-timer-" + address).daemon(true).unstarted(r);
            timerThreads.add(t);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.receiveThread = Thread.ofPlatform().name("gre-receive-" + address).daemon(true)
                .unstarted(this::receiveLoop);
    }

    /**
     * Opens a raw GRE socket in the calling thread's network namespace, binds it to
     * {@code localAddress} (only GRE to that address is received, and it is the source of what is
     * sent), and starts the receive and timer threads from the calling thread.
     *
     * @throws io.pptp4j.linux.net.NativeException e.g. EPERM without CAP_NET_RAW, EADDRNOTAVAIL when
     *     no interface here has the address
     */
    public static GreTransport open(Inet4Address localAddress) throws IOException {
        Objects.requireNonNull(localAddress, "localAddress");
        RawIpSocket socket = RawIpSocket.open(PROTOCOL_GRE);
        try {
            socket.bind(localAddress);
            socket.setIntOption(Libc.IPPROTO_IP, Libc.IP_RECVERR, 1);
            GreTransport transport = new GreTransport(localAddress, socket);
            transport.timer.prestartCoreThread();
            transport.receiveThread.start();
            return transport;
        } catch (IOException | RuntimeException | Error e) {
            socket.close();
            throw e;
        }
    }

    public Inet4Address localAddress() { return localAddress; }

    public boolean isOpen() { return !closed; }

    /** Packets kept per announced call until it opens. */
    static final int EARLY_PACKETS = 16;
    /** How long an announced call's early packets are kept. */
    static final long EARLY_NANOS = 10_000_000_000L;

    /** GRE for a call announced by {@link #expectCall} that came before {@link #openCall}. */
    private static final class Early {
        final long deadline;
        final java.util.ArrayDeque<byte[]> packets = new java.util.ArrayDeque<>();
        boolean opened;

        Early(long deadline) { this.deadline = deadline; }
    }

    private final java.util.concurrent.ConcurrentHashMap<Long, Early> early = new java.util.concurrent.ConcurrentHashMap<>();

    private static long earlyKey(int callId, Inet4Address peer) {
        byte[] a = peer.getAddress();
        return ((long) ((a[0] & 0xFF) << 24 | (a[1] & 0xFF) << 16 | (a[2] & 0xFF) << 8 | (a[3] & 0xFF)) << 16) | callId;
    }

    /**
     * Announces a call about to open: the client knows its own Call ID before the server's
     * Outgoing-Call-Reply, and the server may send its first GRE packet (LCP's Configure-Request) right
     * behind that reply, before the client has opened the call. Up to {@value #EARLY_PACKETS} packets from
     * {@code peer} for {@code localCallId} are kept (for 10 s) and handed to the call when it opens.
     */
    public void expectCall(int localCallId, Inet4Address peer) {
        long now = System.nanoTime();
        early.values().removeIf(e -> now - e.deadline > 0);
        early.put(earlyKey(localCallId, peer), new Early(now + EARLY_NANOS));
    }

    /** As {@link #openCall(GreCallConfig, Inet4Address, Consumer, Consumer)}, ignoring MTU problems. */
    public GreCall openCall(GreCallConfig config, Inet4Address peer, Consumer<Bytes> frames) {
        return openCall(config, peer, frames, problem -> { });
    }

    /**
     * Opens the data plane of a call set up on the control connection: GRE packets from {@code peer}
     * with Call ID {@link GreCallConfig#localCallId()} go to it from now on, and its frames are sent to
     * {@code peer} with {@link GreCallConfig#peerCallId()}.
     *
     * @param config the Call IDs and Packet Recv Window Sizes from the call setup (RFC 2637 2.7 to
     *     2.10), with the peer's Packet Processing Delay ({@link GreCallConfig#withPeerPacketProcessingDelay})
     * @param peer the peer's address: the only source accepted for this call
     * @param frames receives the PPP frames in sequence (see {@link GreCall} on which thread)
     * @param mtuProblems told when the path refused a packet as too long (EMSGSIZE)
     * @throws IllegalStateException when the Call ID is already open for this peer, or the transport
     *     is closed
     */
    public GreCall openCall(GreCallConfig config, Inet4Address peer, Consumer<Bytes> frames,
            Consumer<GreAction.MtuProblem> mtuProblems) {
        return openCall(config, peer, frames, (buf, off, len) -> frames.accept(Bytes.of(buf, off, off + len)),
                mtuProblems);
    }

    /**
     * As above, with the data path's receiver: a frame taken in sequence goes to {@code frameView} where
     * it lies in the receive buffer (no copy, no allocation); a frame that waited (reordered, early)
     * goes to {@code frames}.
     */
    public GreCall openCall(GreCallConfig config, Inet4Address peer, Consumer<Bytes> frames,
            GreCall.FrameView frameView, Consumer<GreAction.MtuProblem> mtuProblems) {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("GRE transport on " + localAddress.getHostAddress() + " is closed");
            }
            GreCall call = new GreCall(config, peer, frames, frameView, mtuProblems, sender, timer, this::unregister);
            demultiplexer.register(config.localCallId(), peer, call);
            Early kept = early.remove(earlyKey(config.localCallId(), peer));
            if (kept != null) {
                List<byte[]> packets;
                synchronized (kept) {
                    kept.opened = true;
                    packets = List.copyOf(kept.packets);
                    kept.packets.clear();
                }
                for (byte[] p : packets) {
                    if (demultiplexer.route(p, p.length, peer) instanceof GreDemultiplexer.Route.ToCall<GreCall>(GreCall c, GrePacket packet)) {
                        c.receive(packet);
                    }
                }
            }
            return call;
        }
    }

    /** The open call for {@code localCallId} from {@code peer}. */
    public Optional<GreCall> call(int localCallId, Inet4Address peer) {
        return demultiplexer.lookup(localCallId, peer);
    }

    /** The open calls, in Call ID order. */
    public List<GreCall> calls() { return demultiplexer.calls(); }

    /**
     * Sends one GRE packet as it is, outside any call (a prober, a test); empty when the kernel took it.
     * The calls send through the same path.
     */
    public Optional<SendFailure> send(GrePacket packet, Inet4Address peer) {
        Objects.requireNonNull(packet, "packet");
        Objects.requireNonNull(peer, "peer");
        return Optional.ofNullable(transmit(packet, peer));
    }

    /** IP_MTU_DISCOVER for what is sent from now on (the kernel's default is {@link PathMtuDiscovery#WANT}). */
    public void setPathMtuDiscovery(PathMtuDiscovery mode) throws IOException {
        socket.setPathMtuDiscovery(mode);
    }

    /** SO_RCVBUF: how much the kernel queues for the receive thread; see the class documentation. */
    public void setReceiveBufferSize(int bytes) throws IOException {
        socket.setReceiveBufferSize(bytes);
    }

    public GreTransportCounters counters() {
        GreDemultiplexer<GreCall> d = demultiplexer;
        return new GreTransportCounters(d.received(), d.routed(), d.malformed(), d.unknownCall(), d.wrongPeer(),
                receiveErrors.get(), callFailures.get(), sent.get(), sendNoBufferSpace.get(),
                sendMessageTooLong.get(), sendOtherErrors.get());
    }

    /**
     * The last error counted in {@link GreTransportCounters#receiveErrors()}, e.g.
     * {@code recvmmsg: Protocol not available (ENOPROTOOPT, errno 92)} for an ICMP Protocol Unreachable.
     */
    public Optional<IOException> lastReceiveError() { return Optional.ofNullable(lastReceiveError); }

    /**
     * Closes every open call, then the socket, and stops the threads, waiting (at most 10 seconds each)
     * for them to end. Idempotent; may be called from a call's consumer.
     */
    @Override
    public void close() {
        List<GreCall> open;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            open = demultiplexer.calls();
        }
        for (GreCall call : open) {
            call.close();
        }
        socket.close(); // wakes the receive loop from poll
        timer.shutdownNow();
        Thread current = Thread.currentThread();
        boolean interrupted = false;
        try {
            if (current != receiveThread) {
                receiveThread.join(STOP_TIMEOUT);
            }
            if (!timerThreads.contains(current)) {
                timer.awaitTermination(STOP_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            current.interrupt();
        }
    }

    @Override
    public String toString() {
        return "GreTransport[" + localAddress.getHostAddress() + ", " + demultiplexer.size() + " calls"
                + (closed ? ", closed]" : "]");
    }

    /** The receive thread and the timer threads, for tests that check they end. */
    List<Thread> threads() {
        List<Thread> all = new ArrayList<>(timerThreads);
        all.addFirst(receiveThread);
        return all;
    }

    RawIpSocket socket() { return socket; }

    private void unregister(GreCall call) {
        demultiplexer.unregister(call.localCallId(), call.peer(), call);
    }

    // ---------------------------------------------------------------- send path

    /** How the calls send: values through the shared send buffer, the data path's packets as they lie. */
    private final GrePacketSender sender = new GrePacketSender() {
        @Override
        public SendFailure send(GrePacket packet, Inet4Address peer) { return transmit(packet, peer); }

        @Override
        public int sendEncodedBatch(byte[][] bufs, int[] offs, int[] lens, int count, Inet4Address peer) {
            // up to the first that does not fit an IPv4 datagram: sendEncoded says MESSAGE_TOO_LONG for it
            int fit = 0;
            while (fit < count && lens[fit] <= RawIpSocket.MAX_DATAGRAM_LENGTH) {
                fit++;
            }
            if (fit == 0) {
                return 0;
            }
            int sent;
            try {
                sent = socket.sendBatch(bufs, offs, lens, fit, peer); // one sendmmsg
            } catch (IOException e) {
                sent = 0; // the caller sends the first again and counts what it says
            }
            GreTransport.this.sent.addAndGet(sent);
            return sent;
        }

        @Override
        public SendFailure sendEncoded(byte[] buf, int off, int len, Inet4Address peer) {
            if (len > RawIpSocket.MAX_DATAGRAM_LENGTH) {
                sendMessageTooLong.incrementAndGet();
                return SendFailure.MESSAGE_TOO_LONG;
            }
            try {
                return counted(socket.sendTo(buf, off, len, peer));
            } catch (IOException e) {
                sendOtherErrors.incrementAndGet(); // another errno, or closed under the call
                return SendFailure.OTHER;
            }
        }
    };

    /** Encodes into the shared send buffer and sends; null when the kernel took it. */
    private SendFailure transmit(GrePacket packet, Inet4Address peer) {
        int length = packet.encodedLength();
        if (length > RawIpSocket.MAX_DATAGRAM_LENGTH) {
            sendMessageTooLong.incrementAndGet();
            return SendFailure.MESSAGE_TOO_LONG;
        }
        SendResult result;
        sendLock.lock();
        try {
            int headerLength = GreCodec.encodeHeader(packet.header(), sendBuffer, 0);
            packet.payload().copyTo(sendBuffer, headerLength);
            result = socket.sendTo(sendBuffer, 0, length, peer);
        } catch (IOException e) {
            sendOtherErrors.incrementAndGet(); // another errno, or closed under the call
            return SendFailure.OTHER;
        } finally {
            sendLock.unlock();
        }
        return counted(result);
    }

    private SendFailure counted(SendResult result) {
        return switch (result) {
            case SENT -> {
                sent.incrementAndGet();
                yield null;
            }
            case NO_BUFFER_SPACE -> {
                sendNoBufferSpace.incrementAndGet();
                yield SendFailure.NO_BUFFER_SPACE;
            }
            case MESSAGE_TOO_LONG -> {
                sendMessageTooLong.incrementAndGet();
                yield SendFailure.MESSAGE_TOO_LONG;
            }
        };
    }

    // ---------------------------------------------------------------- receive loop

    private void receiveLoop() {
        int errorsInARow = 0;
        while (!closed) {
            int received;
            try {
                // up to RawIpSocket.BATCH_SIZE datagrams per system call (recvmmsg)
                received = socket.receiveBatch(RECEIVE_WAKEUP_NANOS);
                errorsInARow = 0;
            } catch (SocketClosedException e) {
                return;
            } catch (IOException e) {
                // with IP_RECVERR: an ICMP error about something sent earlier; the socket stays usable
                receiveErrors.incrementAndGet();
                lastReceiveError = e;
                if (++errorsInARow > ERRORS_BEFORE_BACKOFF) {
                    pause();
                }
                continue;
            }
            for (int i = 0; i < received; i++) {
                int length;
                try {
                    length = socket.batchPayload(i, receiveBuffer, 0, receiveBuffer.length, source);
                } catch (SocketClosedException e) {
                    return; // closed while the batch was being handed out (a consumer may close us)
                }
                if (length < 0) {
                    receiveErrors.incrementAndGet(); // no IPv4 header: the kernel never gives one, counted anyway
                    continue;
                }
                dispatch(length, source[0]);
            }
        }
    }

    /** A datagram from {@code sourceBits} whose GRE packet is in the receive buffer. */
    private void dispatch(int length, int sourceBits) {
        try {
            // the steady state: a packet for a known call that it takes in place, without values
            int headerLength = GreCodec.steadyStateHeaderLength(receiveBuffer, 0, length);
            if (headerLength > 0) {
                GreCall call = demultiplexer.callFor(GreCodec.callIdAt(receiveBuffer, 0), sourceBits);
                if (call != null && call.receiveInPlace(receiveBuffer, 0, length, headerLength)) {
                    demultiplexer.countRouted();
                    return;
                }
            }
            Inet4Address source = socket.sourceAddress(sourceBits);
            // the buffer holds any IPv4 payload, so the datagram is never cut short
            GreDemultiplexer.Route<GreCall> route = demultiplexer.route(receiveBuffer, length, source);
            if (route instanceof GreDemultiplexer.Route.ToCall<GreCall>(GreCall call, GrePacket packet)) {
                call.receive(packet);
            } else if (route instanceof GreDemultiplexer.Route.UnknownCall<GreCall>(int callId, Inet4Address from)
                    && !early.isEmpty()) {
                keepEarly(callId, length, source);
            }
        } catch (RuntimeException e) {
            callFailures.incrementAndGet(); // a bug below; the other calls go on
        }
    }

    private void keepEarly(int callId, int length, Inet4Address source) {
        Early kept = early.get(earlyKey(callId, source));
        if (kept == null || System.nanoTime() - kept.deadline > 0) {
            return;
        }
        boolean opened;
        synchronized (kept) {
            opened = kept.opened;
            if (!opened && kept.packets.size() < EARLY_PACKETS) {
                kept.packets.add(java.util.Arrays.copyOf(receiveBuffer, length));
            }
        }
        if (opened) {
            // the call opened between the lookup and here: it takes the packet itself
            if (demultiplexer.route(receiveBuffer, length, source)
                    instanceof GreDemultiplexer.Route.ToCall<GreCall>(GreCall call, GrePacket packet)) {
                call.receive(packet);
            }
        }
    }

    /** Sleeps briefly after many receive errors in a row; an interrupt only cuts it short. */
    private static void pause() {
        try {
            Thread.sleep(BACKOFF_MILLIS);
        } catch (InterruptedException e) {
            // the loop looks at its closed flag next
        }
    }
}
