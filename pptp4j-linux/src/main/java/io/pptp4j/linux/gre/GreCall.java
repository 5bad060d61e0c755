package io.pptp4j.linux.gre;

import io.pptp4j.gre.GreCodec;
import io.pptp4j.gre.GreHeader;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.gre.engine.GreAction;
import io.pptp4j.gre.engine.GreCallConfig;
import io.pptp4j.gre.engine.GreCallCounters;
import io.pptp4j.gre.engine.GreCallEngine;
import io.pptp4j.gre.engine.SendFailure;
import io.pptp4j.wire.Bytes;
import java.net.Inet4Address;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The data plane of one PPTP call on a {@link GreTransport}: a {@link GreCallEngine} (RFC 2637 sections
 * 4.2 to 4.4: sequence numbers, acknowledgments, the sliding window, time-outs, reordering) driven by
 * the application's sends, the packets the transport routes here, and a timer. Made by
 * {@link GreTransport#openCall}.
 *
 * <p>Three kinds of thread come in, and one lock keeps the engine to one at a time:
 * <ul>
 *   <li>application threads (platform or virtual) call {@link #send}: the frame goes out on the calling
 *       thread, or waits in the engine's send queue for the window to open;
 *   <li>the transport's receive thread hands over each packet for this call;
 *   <li>the transport's timer thread calls {@link GreCallEngine#onTick} at
 *       {@link GreCallEngine#nextDeadlineNanos()}, re-armed after every event (times from
 *       {@link System#nanoTime()}). A deadline that moves later leaves the timer as it is: it fires
 *       early, finds nothing due and re-arms, which is cheaper than rescheduling on every packet.
 * </ul>
 * Packets the engine asks for are sent under the lock, so they leave in sequence order. Delivered PPP
 * frames and MTU problems are handed to the consumers given at creation outside the lock, one at a
 * time and in the engine's order, on whichever of those threads produced them (mostly the receive
 * thread): a consumer must not block for long, and may call {@link #send} or {@link #close}. An
 * exception from a consumer is counted ({@link #consumerFailures()}) and the call goes on.
 */
public final class GreCall implements AutoCloseable {
    /**
     * Receives a PPP frame where it lies, in the transport's receive buffer: valid only during the call
     * (copy what must be kept). The data path's receiver; the others get {@link Bytes}.
     */
    @FunctionalInterface
    public interface FrameView {
        void accept(byte[] buf, int off, int len);
    }

    /** Send failures fed back to the engine per event; each may cause another send, so the chain is cut. */
    private static final int MAX_FAILURE_REPORTS = 64;

    private final GreCallConfig config;
    private final Inet4Address peer;
    private final Consumer<Bytes> frames;
    private final FrameView frameView;
    private final Consumer<GreAction.MtuProblem> mtuProblems;
    private final GrePacketSender sender;
    private final ScheduledExecutorService timer;
    private final Consumer<GreCall> onClose;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the engine can take a frame again. */
    private final java.util.concurrent.locks.Condition capacity = lock.newCondition();
    // guarded by lock
    private final GreCallEngine engine;
    private final ArrayDeque<GreAction> work = new ArrayDeque<>();
    private final ArrayDeque<GreAction> upward = new ArrayDeque<>();
    private final byte[] ackOnly = new byte[12];
    private boolean draining;
    private ScheduledFuture<?> tick;
    private long tickDeadline;
    private long tickGeneration;
    private volatile boolean closed;

    private final AtomicLong consumerFailures = new AtomicLong();

    GreCall(GreCallConfig config, Inet4Address peer, Consumer<Bytes> frames,
            Consumer<GreAction.MtuProblem> mtuProblems, GrePacketSender sender, ScheduledExecutorService timer,
            Consumer<GreCall> onClose) {
        this(config, peer, frames, (buf, off, len) -> frames.accept(Bytes.of(buf, off, off + len)), mtuProblems,
                sender, timer, onClose);
    }

    GreCall(GreCallConfig config, Inet4Address peer, Consumer<Bytes> frames, FrameView frameView,
            Consumer<GreAction.MtuProblem> mtuProblems, GrePacketSender sender, ScheduledExecutorService timer,
            Consumer<GreCall> onClose) {
        this.config = Objects.requireNonNull(config, "config");
        this.peer = Objects.requireNonNull(peer, "peer");
        this.frames = Objects.requireNonNull(frames, "frames");
        this.frameView = Objects.requireNonNull(frameView, "frameView");
        this.mtuProblems = Objects.requireNonNull(mtuProblems, "mtuProblems");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        this.engine = new GreCallEngine(config);
        engine.writeAckOnlyInPlace();
    }

    public GreCallConfig config() { return config; }

    /** Our Call ID: the Call ID of the GRE packets the peer sends us. */
    public int localCallId() { return config.localCallId(); }

    /** The peer's Call ID: what we put in the GRE packets we send. */
    public int peerCallId() { return config.peerCallId(); }

    /** The peer's address: the only source accepted, and where packets go. */
    public Inet4Address peer() { return peer; }

    public boolean isOpen() { return !closed; }

    /**
     * Sends a PPP frame (protocol field first, without HDLC framing): now, or once the send window
     * opens; when the send queue is full too the engine drops it and counts it
     * ({@link GreCallCounters#queuedDrops()}). Returns false, and does nothing, after {@link #close}.
     *
     * @throws IllegalArgumentException if the frame is longer than 65535 octets
     */
    public boolean send(Bytes pppFrame) {
        Objects.requireNonNull(pppFrame, "pppFrame");
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            long now = System.nanoTime();
            perform(engine.onSend(pppFrame, now), now);
            rearm(now);
        } finally {
            lock.unlock();
        }
        handUp();
        return true;
    }

    /**
     * {@link #send} for the data path, allocating nothing in the steady state: the PPP frame at
     * {@code buf[off, off + len)}, with at least {@link GreHeader#MAX_HEADER_LENGTH} free octets before
     * it for the GRE header, which is written there when the frame can go at once. Otherwise (window
     * shut, frames queued) it takes the way of {@link #send}. The buffer is the caller's again on return.
     */
    public boolean sendInPlace(byte[] buf, int off, int len) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            long now = System.nanoTime();
            if (off >= GreHeader.MAX_HEADER_LENGTH && engine.canTransmitNow()) {
                int start = engine.transmitInPlace(buf, off, len, now);
                SendFailure failure = sender.sendEncoded(buf, start, off + len - start, peer);
                if (failure != null) {
                    perform(engine.onSendFailed(failedPacket(buf, start, off + len), failure, now), now);
                }
                perform(engine.takeActions(), now);
            } else {
                perform(engine.onSend(Bytes.of(buf, off, off + len), now), now);
            }
            rearm(now);
        } finally {
            lock.unlock();
        }
        handUp();
        return true;
    }

    /**
     * {@link #sendInPlace} for a batch: the frames {@code bufs[i][offs[i], offs[i] + lens[i])},
     * {@code i < count} (at most {@link io.pptp4j.linux.net.RawIpSocket#BATCH_SIZE}), numbered in order,
     * their headers written in place, and sent in one system call where the transport can; a frame the
     * window does not let go at once takes the way of {@link #send}.
     */
    public boolean sendInPlace(byte[][] bufs, int[] offs, int[] lens, int count) {
        if (count < 0 || count > batchStarts.length) {
            throw new IllegalArgumentException("a batch of " + count + " frames: 0 to " + batchStarts.length);
        }
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            long now = System.nanoTime();
            int ready = 0;
            for (int i = 0; i < count; i++) {
                int off = offs[i];
                if (ready == i && off >= GreHeader.MAX_HEADER_LENGTH && engine.canTransmitNow()) {
                    int start = engine.transmitInPlace(bufs[i], off, lens[i], now);
                    batchStarts[i] = start;
                    batchLengths[i] = off + lens[i] - start;
                    ready++;
                } else {
                    // numbered after the batch's packets, which leave first: below, still under the lock
                    if (ready > 0 && ready == i) {
                        ready = flushBatch(bufs, ready, now);
                    }
                    perform(engine.onSend(Bytes.of(bufs[i], off, off + lens[i]), now), now);
                }
            }
            if (ready > 0) {
                flushBatch(bufs, ready, now);
            }
            perform(engine.takeActions(), now);
            rearm(now);
        } finally {
            lock.unlock();
        }
        handUp();
        return true;
    }

    private final int[] batchStarts = new int[io.pptp4j.linux.net.RawIpSocket.BATCH_SIZE];
    private final int[] batchLengths = new int[io.pptp4j.linux.net.RawIpSocket.BATCH_SIZE];

    /** Sends the batch's numbered packets; those refused go one by one to learn why. Returns 0. */
    private int flushBatch(byte[][] bufs, int ready, long now) {
        int sent = sender.sendEncodedBatch(bufs, batchStarts, batchLengths, ready, peer);
        for (int i = sent; i < ready; i++) {
            SendFailure failure = sender.sendEncoded(bufs[i], batchStarts[i], batchLengths[i], peer);
            if (failure != null) {
                perform(engine.onSendFailed(failedPacket(bufs[i], batchStarts[i], batchStarts[i] + batchLengths[i]),
                        failure, now), now);
            }
        }
        return 0;
    }

    /** How many frames would go out at once now (see {@link GreCallEngine#room()}). */
    public int room() {
        lock.lock();
        try {
            return closed ? 0 : engine.room();
        } finally {
            lock.unlock();
        }
    }

    private static GrePacket failedPacket(byte[] buf, int from, int to) {
        try {
            return GreCodec.decode(java.util.Arrays.copyOfRange(buf, from, to), DecodeMode.STRICT);
        } catch (DecodeException e) {
            throw new IllegalStateException("the engine wrote a packet it cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The transport's data path: the GRE packet at {@code buf[off, off + len)}, for this call, of a shape
     * {@link GreCodec#steadyStateHeaderLength} accepts ({@code headerLength}). When it is the next in
     * sequence (or an acknowledgment only) and nothing waits to be handed up, it is taken here, its frame
     * handed to the {@link FrameView} in place, and true returned; otherwise false and nothing changed:
     * the transport decodes it for {@link #receive}.
     */
    boolean receiveInPlace(byte[] buf, int off, int len, int headerLength) {
        int callId = GreCodec.callIdAt(buf, off);
        long seq = GreCodec.sequenceNumberAt(buf, off);
        long ack = GreCodec.ackNumberAt(buf, off);
        boolean deliver;
        lock.lock();
        try {
            if (closed) {
                return true; // dropped, as receive would
            }
            long now = System.nanoTime();
            if (seq < 0) {
                if (!engine.receiveAckOnly(callId, ack, now)) {
                    return false;
                }
                deliver = false;
            } else {
                // frames queued for handing up come first: this one may not overtake them
                if (draining || !upward.isEmpty() || !engine.receiveInSequence(callId, seq, ack, now)) {
                    return false;
                }
                deliver = true;
                draining = true;
            }
            perform(engine.takeActions(), now);
            rearm(now);
        } finally {
            lock.unlock();
        }
        if (deliver) {
            try {
                frameView.accept(buf, off + headerLength, len - headerLength);
            } catch (RuntimeException e) {
                consumerFailures.incrementAndGet();
            } finally {
                lock.lock();
                try {
                    draining = false;
                } finally {
                    lock.unlock();
                }
            }
        }
        handUp();
        return true;
    }

    /** A packet the transport routed here: its Call ID is ours and it came from {@link #peer()}. */
    void receive(GrePacket packet) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            long now = System.nanoTime();
            perform(engine.onReceive(packet, now), now);
            rearm(now);
        } finally {
            lock.unlock();
        }
        handUp();
    }

    /**
     * Waits up to {@code timeoutNanos} until a frame would go out at once (the send window is open and
     * nothing is queued); true when it would. A source of frames that can wait (a TUN device: the kernel
     * queues and drops before us) calls this before it makes each frame, so that it never fills the send
     * queue, which is for the frames of those that cannot wait (PPP's control protocols), and its frames
     * take the in-place path ({@link #sendInPlace}).
     */
    public boolean awaitCapacity(long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (!closed && !engine.canTransmitNow()) {
                if (left <= 0) {
                    return false;
                }
                left = capacity.awaitNanos(left);
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of the engine's counters. */
    public GreCallCounters counters() {
        lock.lock();
        try {
            return engine.counters();
        } finally {
            lock.unlock();
        }
    }

    /** Exceptions thrown by the frame or MTU consumer, caught and counted. */
    public long consumerFailures() { return consumerFailures.get(); }

    /**
     * Stops the call: no more sends, deliveries or ticks; frames not yet handed up are dropped; the
     * transport no longer routes its Call ID here. Idempotent; may be called from a consumer.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            capacity.signalAll();
            if (tick != null) {
                tick.cancel(false);
                tick = null;
            }
            upward.clear();
        } finally {
            lock.unlock();
        }
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "GreCall[Call ID " + config.localCallId() + " <- " + peer.getHostAddress() + " Call ID "
                + config.peerCallId() + (closed ? ", closed]" : "]");
    }

    // ---------------------------------------------------------------- under the lock

    /**
     * Sends what the engine asks for, and the acknowledgment-only packet when one is due; queues
     * deliveries and MTU problems for {@link #handUp}.
     */
    private void perform(List<GreAction> actions, long now) {
        performActions(actions, now);
        // written into a buffer kept for it, not made as a value (see GreCallEngine#writeAckOnlyInPlace);
        // bounded: a failed one is due again only after the ack delay
        for (int i = 0; i < 2 && engine.ackOnlyDue(); i++) {
            int length = engine.writeAckOnly(ackOnly, 0);
            if (length == 0) {
                break;
            }
            SendFailure failure = sender.sendEncoded(ackOnly, 0, length, peer);
            if (failure != null) {
                performActions(engine.onSendFailed(GrePacket.ackOnly(config.peerCallId(), GreCodec.ackNumberAt(ackOnly, 0)),
                        failure, now), now);
            }
        }
    }

    private void performActions(List<GreAction> actions, long now) {
        if (actions.isEmpty()) {
            return;
        }
        work.addAll(actions);
        int failureReports = 0;
        for (GreAction action = work.pollFirst(); action != null; action = work.pollFirst()) {
            switch (action) {
                case GreAction.Transmit t -> {
                    SendFailure failure = sender.send(t.packet(), peer);
                    if (failure != null && failureReports < MAX_FAILURE_REPORTS) {
                        failureReports++;
                        work.addAll(engine.onSendFailed(t.packet(), failure, now));
                    }
                }
                case GreAction.Deliver d -> upward.addLast(d);
                case GreAction.MtuProblem m -> upward.addLast(m);
            }
        }
    }

    private void rearm(long now) {
        if (engine.canTransmitNow()) {
            capacity.signalAll();
        }
        long deadline = engine.nextDeadlineNanos();
        if (deadline == GreCallEngine.NO_DEADLINE) {
            return; // a pending tick fires, finds nothing due and is not renewed
        }
        if (tick != null && !tick.isDone() && deadline - tickDeadline >= 0) {
            return; // the pending tick comes first and re-arms
        }
        if (tick != null) {
            tick.cancel(false);
        }
        long generation = ++tickGeneration;
        try {
            tick = timer.schedule(() -> onTimer(generation), Math.max(0, deadline - now), TimeUnit.NANOSECONDS);
            tickDeadline = deadline;
        } catch (RejectedExecutionException e) {
            tick = null; // the transport is closing, and this call with it
        }
    }

    private void onTimer(long generation) {
        lock.lock();
        try {
            if (generation == tickGeneration) {
                tick = null;
            }
            if (closed) {
                return;
            }
            long now = System.nanoTime();
            perform(engine.onTick(now), now);
            rearm(now);
        } finally {
            lock.unlock();
        }
        handUp();
    }

    // ---------------------------------------------------------------- outside the lock

    /**
     * Hands queued frames and MTU problems to the consumers, in order. One thread at a time does it; a
     * thread that finds another at it leaves its own to that one.
     */
    private void handUp() {
        lock.lock();
        try {
            if (draining || upward.isEmpty()) {
                return;
            }
            draining = true;
        } finally {
            lock.unlock();
        }
        while (true) {
            GreAction next;
            lock.lock();
            try {
                next = closed ? null : upward.pollFirst();
                if (next == null) {
                    draining = false;
                    return;
                }
            } finally {
                lock.unlock();
            }
            try {
                switch (next) {
                    case GreAction.Deliver d -> frames.accept(d.pppFrame());
                    case GreAction.MtuProblem m -> mtuProblems.accept(m);
                    case GreAction.Transmit t -> throw new IllegalStateException("not handed up: " + t);
                }
            } catch (RuntimeException e) {
                consumerFailures.incrementAndGet();
            } catch (Error e) {
                lock.lock();
                try {
                    draining = false;
                } finally {
                    lock.unlock();
                }
                throw e;
            }
        }
    }
}
