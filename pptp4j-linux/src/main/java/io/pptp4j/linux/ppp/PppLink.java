package io.pptp4j.linux.ppp;

import io.pptp4j.ppp.session.PppSession;
import io.pptp4j.ppp.session.SessionAction;
import io.pptp4j.ppp.session.SessionResult;
import io.pptp4j.wire.Bytes;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Runs one transport-free {@link PppSession} on a real link: frames in from GRE or HDLC, frames out
 * through {@code sendFrame}, IP datagrams out through {@code deliver}, timers on a shared scheduler
 * re-armed after every event. The session is only touched under this link's lock.
 */
public final class PppLink implements AutoCloseable {
    private final PppSession session;
    private final Consumer<Bytes> sendFrame;
    private final PacketSink deliver;
    private final Consumer<SessionAction> events;
    private final ScheduledExecutorService timers;
    private final ReentrantLock lock = new ReentrantLock();
    private final CompletableFuture<SessionResult> networkUp = new CompletableFuture<>();
    private final CompletableFuture<String> terminated = new CompletableFuture<>();
    private ScheduledFuture<?> tick;
    private long tickAt;
    private boolean closed;

    /**
     * @param sendFrame sends a PPP frame to the peer (control protocols, and data off the steady state)
     * @param deliver takes the IP datagrams from the peer; in place on the data path
     */
    public PppLink(PppSession session, Consumer<Bytes> sendFrame, PacketSink deliver,
                   Consumer<SessionAction> events, ScheduledExecutorService timers) {
        this.session = session;
        this.sendFrame = sendFrame;
        this.deliver = deliver;
        this.events = events;
        this.timers = timers;
    }

    /** Opens the session (LCP starts). */
    public PppLink start() {
        apply(session::open);
        return this;
    }

    /** A PPP frame from the peer. */
    public void onFrame(Bytes frame) { apply(now -> session.onFrame(frame, now)); }

    /**
     * A PPP frame from the peer at {@code buf[off, off + len)}, the data path's way: a datagram in the
     * steady state is decrypted there and delivered in place ({@link PacketSink#sendInPlace}), after the
     * lock is released (deliveries come from one thread at a time, the link below's, so they keep their
     * order); anything else goes to {@link #onFrame}.
     */
    public void onFrameInPlace(byte[] buf, int off, int len) {
        int at;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            at = session.receiveInPlace(buf, off, len);
            if (at == PppSession.CONSUMED) {
                perform(session.takeActions());
                rearm();
                return;
            }
        } finally {
            lock.unlock();
        }
        if (at == PppSession.NOT_IN_PLACE) {
            onFrame(Bytes.of(buf, off, off + len));
        } else {
            deliver.sendInPlace(buf, at, off + len - at);
        }
    }

    /** An IP datagram to send to the peer (dropped until the network phase is up). */
    public void sendDatagram(Bytes ip) { apply(now -> session.sendDatagram(ip, now)); }

    /**
     * This session as a sink for IP datagrams, with the flow control of {@code frames}, the link below.
     * Its {@link PacketSink#sendInPlace} wants {@link #SEND_HEADROOM} free octets before the datagram:
     * the datagram becomes a PPP frame there (encrypted when MPPE runs) and goes to
     * {@code frames.sendInPlace}, with {@link io.pptp4j.gre.GreHeader#MAX_HEADER_LENGTH} octets still free
     * before it for the link below.
     */
    public PacketSink datagrams(PacketSink frames) {
        return new PacketSink() {
            @Override
            public void send(Bytes ipPacket) { sendDatagram(ipPacket); }

            @Override
            public void sendInPlace(byte[] buf, int off, int len) {
                lock.lock();
                try {
                    if (closed) {
                        return;
                    }
                    int start = session.sendDatagramInPlace(buf, off, len);
                    if (start != PppSession.NOT_IN_PLACE) {
                        // under the lock: frames leave in the order of their MPPE coherency counts
                        frames.sendInPlace(buf, start, off + len - start);
                        return;
                    }
                } finally {
                    lock.unlock();
                }
                sendDatagram(Bytes.of(buf, off, off + len));
            }

            private final int[] starts = new int[BATCH_LIMIT];
            private final int[] lengths = new int[BATCH_LIMIT];

            @Override
            public void sendInPlace(byte[][] bufs, int[] offs, int[] lens, int count) {
                if (count > BATCH_LIMIT) {
                    throw new IllegalArgumentException("a batch of " + count + " is more than " + BATCH_LIMIT);
                }
                lock.lock();
                try {
                    if (closed) {
                        return;
                    }
                    int ready = 0;
                    for (int i = 0; i < count; i++) {
                        int start = ready == i ? session.sendDatagramInPlace(bufs[i], offs[i], lens[i]) : PppSession.NOT_IN_PLACE;
                        if (start != PppSession.NOT_IN_PLACE) {
                            starts[i] = start;
                            lengths[i] = offs[i] + lens[i] - start;
                            ready++;
                        } else {
                            if (ready > 0 && ready == i) {
                                frames.sendInPlace(bufs, starts, lengths, ready); // these first, in count order
                            }
                            sendDatagram(Bytes.of(bufs[i], offs[i], offs[i] + lens[i]));
                        }
                    }
                    if (ready == count) {
                        // under the lock: frames leave in the order of their MPPE coherency counts
                        frames.sendInPlace(bufs, starts, lengths, ready);
                    }
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public int room() { return frames.room(); }

            @Override
            public boolean awaitCapacity(long timeoutNanos) throws InterruptedException {
                return frames.awaitCapacity(timeoutNanos);
            }
        };
    }

    /** The most datagrams one batch through {@link #datagrams(PacketSink)} may hold. */
    public static final int BATCH_LIMIT = io.pptp4j.linux.net.RawIpSocket.BATCH_SIZE;

    /** Free octets {@link #datagrams(PacketSink)} wants before a datagram given in place: PPP's and GRE's headers. */
    public static final int SEND_HEADROOM = PppSession.SEND_HEADROOM + io.pptp4j.gre.GreHeader.MAX_HEADER_LENGTH;

    /** This session as a sink for IP datagrams, for a link below without flow control (a blocking stream). */
    public PacketSink datagrams() { return PacketSink.of(this::sendDatagram); }

    /** Completes when IPCP (and CCP where required) are Opened. */
    public CompletableFuture<SessionResult> networkUp() { return networkUp; }

    /** Completes with the reason when the session ends. */
    public CompletableFuture<String> terminated() { return terminated; }

    public PppSession session() { return session; }

    /** The lower layer went away (the call was cleared). */
    public void lowerDown() { apply(session::lowerDown); }

    private void apply(LongFunction<List<SessionAction>> event) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            perform(event.apply(System.nanoTime()));
            rearm();
        } finally {
            lock.unlock();
        }
    }

    /** Carries out a session's actions; under the lock. */
    private void perform(List<SessionAction> actions) {
        for (SessionAction a : actions) {
            switch (a) {
                case SessionAction.SendFrame f -> sendFrame.accept(f.pppFrame());
                case SessionAction.DeliverDatagram d -> deliver.send(d.ipPacket());
                case SessionAction.NetworkUp up -> networkUp.complete(up.result());
                case SessionAction.Terminated t -> {
                    terminated.complete(t.reason());
                    networkUp.completeExceptionally(new IllegalStateException(t.reason()));
                }
                default -> { }
            }
            events.accept(a);
        }
    }

    private void rearm() {
        OptionalLong deadline = session.nextDeadlineNanos();
        if (closed || deadline.isEmpty()) {
            cancel();
            return;
        }
        if (tick != null && tickAt == deadline.getAsLong()) {
            return;
        }
        cancel();
        tickAt = deadline.getAsLong();
        tick = timers.schedule(() -> apply(session::onTick), Math.max(0, tickAt - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
    }

    /** Closes the session politely (LCP Terminate-Request) and stops its timers. */
    @Override
    public void close() {
        apply(now -> session.close("closed by the local side", now));
        lock.lock();
        try {
            closed = true;
            cancel();
        } finally {
            lock.unlock();
        }
    }
}
