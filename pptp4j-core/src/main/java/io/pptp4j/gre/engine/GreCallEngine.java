package io.pptp4j.gre.engine;

import io.pptp4j.gre.GreCodec;
import io.pptp4j.gre.GreHeader;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.gre.GreSequence;
import io.pptp4j.wire.Bytes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The data plane of one PPTP call without sockets, threads or clocks: sequence numbers, acknowledgments,
 * the sliding window and its time-outs (RFC 2637 sections 4.2 to 4.4), and a reorder buffer (4.3). It
 * takes events ({@link #onReceive}, {@link #onSend}, {@link #onTick}, {@link #onSendFailed}), each with
 * the current time in nanoseconds (any origin, compared as {@code a - b} like {@link System#nanoTime()}),
 * and returns the {@link GreAction}s they cause; {@link #nextDeadlineNanos()} says when it next wants a
 * tick. One engine serves one call and is not thread-safe.
 *
 * <p>Both directions as sequence spaces:
 *
 * <pre>
 * send (our numbers, the first is 0)
 *        acknowledged             in flight: at most sendWindow        queued frames wait here
 *   ... ------------------|--------------------------------------|  - - - - - - - - ->
 *                   lastAckReceived                        nextSendSeq - 1
 *
 * receive (the peer's numbers, synced to its first packet)
 *    delivered or lost    gap  held  gap  held ...     may still come          out of window
 *   ... ------------|----.----#####----.----####----|----------------------|- - - - - - - ->
 *                expected                    highestReceived    highestReceived + localReceiveWindow
 *                   |-- reorderBufferSize --------------|
 * </pre>
 *
 * <ul>
 *   <li>Sending (4.2): a frame goes out at once with the next sequence number while fewer than the send
 *       window are in flight, and waits in the send queue otherwise. The send window starts at half the
 *       peer's Packet Recv Window Size, rounded up (4.2.1), grows by one for each window's worth of
 *       acknowledged packets up to the peer's size (4.2.3), and halves, rounded up, at each
 *       acknowledgment time-out (4.2.2). A time-out also writes the packets in flight off: GRE never
 *       retransmits, PPP above does.
 *   <li>Acknowledging (4.2, 4.2.5): the Acknowledgment Number is the highest sequence number received
 *       (4.3: "This acknowledgment grants window credit beyond packet 4"). It rides on the next data
 *       packet; if none is sent within the ack delay, one acknowledgment-only packet acknowledges all
 *       received so far. Once half our receive window is unacknowledged it goes at once, so that a
 *       peer that honours the window never waits for the delay.
 *   <li>Time-outs (4.4): the adaptive time-out ATO = RTT + 4 DEV with gains 1/8 and 1/4 (4.4.1), RTT
 *       seeded from the peer's Packet Processing Delay, clamped to MinTimeOut..MaxTimeOut; it runs from
 *       the last send into an empty window or the last acknowledgment that left packets in flight. One
 *       packet at a time is timed, and none across a time-out (Karn's rule). At a time-out RTT doubles
 *       (4.4.2, delta = 2; an RTT still 0 from a PPD of 0 becomes MinTimeOut, so that the backoff starts).
 *   <li>Receiving (4.3): packets are delivered in sequence; one ahead of a gap is held until the gap
 *       fills, the reorder timeout passes, or a packet arrives more than the buffer size ahead; then
 *       the gap is written off as lost. Duplicates, packets behind the delivered edge and packets beyond
 *       our receive window are dropped and counted.
 * </ul>
 *
 * <p>The receive side as a state machine ({@link ReceiveState}; "s" is a data packet's Sequence Number):
 *
 * <pre>
 * state           event                                          action                              next
 * AWAITING_FIRST  data packet s                                  expect s; deliver                   IN_SEQUENCE
 * IN_SEQUENCE     s == expected                                  deliver                             IN_SEQUENCE
 *                 expected &lt; s, in window                        hold; start reorder timer           HOLDING_GAP
 * HOLDING_GAP     s == expected                                  deliver it and the held run after   either
 *                 expected &lt; s, in window                        hold, writing off the oldest gaps
 *                                                                while s is a buffer size ahead      either
 *                 reorder timer expires                          write off the gaps before every
 *                                                                packet that waited the timeout      either
 * IN_SEQUENCE,    s &lt; expected                                   drop: duplicate, or late if it was
 *   HOLDING_GAP                                                  written off or is too old to tell   same
 *                 s already held                                 drop: duplicate                     same
 *                 s &gt; highestReceived + localReceiveWindow       drop: out of window                 same
 *                 the same, and s is at most a window after
 *                 the last packet dropped out of window          write off everything before s;
 *                                                                deliver s                           IN_SEQUENCE
 * </pre>
 *
 * <p>The last row keeps a peer that jumped ahead from being dropped for ever: a peer that does not
 * honour our window (the Linux kernel's pptp module sends regardless) after a long loss, or one that
 * wrote its packets in flight off at its own time-out (4.4) and went on, up to a window further for
 * each time-out. Two packets within a window of each other far ahead are its stream and cost one
 * packet; a single one may be noise (a stray or forged number), which must not make us skip ahead
 * and then drop the real stream as late.
 *
 * <p>The send side has two states ({@link SendState}): OPEN while fewer than the send window are in
 * flight, WINDOW_FULL otherwise; acknowledgments and time-outs open the window, each send may fill it.
 */
public final class GreCallEngine {

    /** What {@link #nextDeadlineNanos()} returns when no timer runs. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;
    /** The largest PPP frame a GRE packet carries: Payload Length is 16 bits (RFC 2637 4.1). */
    public static final int MAX_PAYLOAD_LENGTH = 0xFFFF;
    /** How many sequence numbers behind the delivered edge are remembered, to tell duplicates from late packets. */
    private static final int HISTORY_BITS = Long.SIZE;

    /** The receive side's state; see the transition table in the class documentation. */
    public enum ReceiveState {
        /** No data packet yet: the first one fixes the sequence number expected (0 or 1, see {@link GreCallEngine}). */
        AWAITING_FIRST,
        /** Everything up to the highest number received was delivered or written off; nothing is held. */
        IN_SEQUENCE,
        /** Packets wait in the reorder buffer behind a missing one; the reorder timer runs. */
        HOLDING_GAP
    }

    /** The send side's state. */
    public enum SendState {
        /** Fewer packets in flight than the send window: a frame goes out at once. */
        OPEN,
        /** The send window is full: frames wait in the send queue (or are dropped when it is full too). */
        WINDOW_FULL
    }

    /** How a received data packet relates to what was received before: the events of the receive table. */
    private enum Arrival { FIRST, NEXT, AHEAD, DUPLICATE, LATE, OUT_OF_WINDOW, RESYNC }

    private final GreCallConfig config;
    private final long ackDelayNanos;
    private final long reorderTimeoutNanos;
    private final long minAckTimeoutNanos;
    private final long maxAckTimeoutNanos;
    private final int ackAtOnceThreshold;

    // send side
    private long nextSendSeq;
    private long lastAckReceived;
    private int sendWindow;
    private int ackedSinceGrowth;
    private final ArrayDeque<Bytes> sendQueue = new ArrayDeque<>();
    private long roundTripNanos;
    private long deviationNanos;
    private long ackTimeoutNanos;
    private boolean probing;
    private long probeSeq;
    private long probeSentAt;
    private boolean ackTimerRunning;
    private long ackTimerDeadline;

    // receive side
    private boolean synced;
    private long expected;
    private long highestReceived;
    private long lastAckSent;
    private boolean ackRetry;
    private boolean ackDelayRunning;
    private long ackDelayDeadline;
    /** Bit i set: sequence number expected - 1 - i was delivered. */
    private long history;
    private final Bytes[] held;
    private final long[] heldSince;
    private int headSlot;
    private int heldCount;
    private boolean reorderTimerRunning;
    private long reorderDeadline;
    private boolean outOfWindowSeen;
    private long lastOutOfWindow;

    private long sent;
    private long received;
    private long delivered;
    private long lost;
    private long reordered;
    private long duplicates;
    private long late;
    private long outOfWindow;
    private long acksSent;
    private long ackOnlySent;
    private long ackOnlyReceived;
    private long queuedDrops;
    private long ackTimeouts;
    private long wrongCallId;
    private long malformed;
    private long sendFailures;

    private ArrayList<GreAction> actions;
    private boolean ackOnlyInPlace;
    private boolean ackOnlyDue;

    public GreCallEngine(GreCallConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        ackDelayNanos = config.ackDelay().toNanos();
        reorderTimeoutNanos = config.reorderTimeout().toNanos();
        minAckTimeoutNanos = config.minAckTimeout().toNanos();
        maxAckTimeoutNanos = config.maxAckTimeout().toNanos();
        ackAtOnceThreshold = Math.max(1, config.localReceiveWindow() / 2);
        nextSendSeq = config.firstSequenceNumber();
        lastAckReceived = GreSequence.add(nextSendSeq, -1);
        sendWindow = (config.peerReceiveWindow() + 1) / 2; // RFC 2637 4.2.1: half, at least one
        roundTripNanos = config.initialRoundTrip().toNanos();
        ackTimeoutNanos = clampAckTimeout(roundTripNanos);
        held = new Bytes[config.reorderBufferSize()];
        heldSince = new long[config.reorderBufferSize()];
    }

    public GreCallConfig config() { return config; }

    // ---------------------------------------------------------------- events

    /**
     * A GRE packet from the peer. Data is delivered (now or after the gap before it fills), held, or
     * dropped and counted; an Acknowledgment Number opens the send window and may release queued frames.
     */
    public List<GreAction> onReceive(GrePacket packet, long nowNanos) {
        GreHeader h = packet.header();
        if (h.callId() != config.localCallId()) {
            wrongCallId++; // the demultiplexer should have sent it elsewhere
        } else if (!h.conforming() || packet.truncated()) {
            malformed++;
        } else {
            if (h.sequencePresent()) {
                receiveData(h.sequenceNumber().getAsLong(), packet.payload(), nowNanos);
            } else {
                ackOnlyReceived++;
            }
            if (h.ackPresent()) {
                receiveAck(h.ackNumber().getAsLong(), nowNanos);
            }
        }
        runTimers(nowNanos);
        return finish();
    }

    /**
     * A PPP frame (protocol field first, as GRE carries it) to send: it goes out now, or waits for the
     * send window, or is dropped when the send queue is full too ({@link GreCallCounters#queuedDrops()}).
     *
     * @throws IllegalArgumentException if the frame is longer than {@value #MAX_PAYLOAD_LENGTH} octets
     */
    public List<GreAction> onSend(Bytes pppFrame, long nowNanos) {
        if (pppFrame.length() > MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("PPP frame of " + pppFrame.length()
                    + " octets does not fit the 16-bit Payload Length");
        }
        if (sendQueue.isEmpty() && windowOpen()) {
            transmit(pppFrame, nowNanos);
        } else if (sendQueue.size() < config.sendQueueLimit()) {
            sendQueue.addLast(pppFrame);
        } else {
            // RFC 2637 4.2.4: a full transmit buffer accepts no more; the newest frame is the one dropped,
            // so the frames already queued keep their order and PPP above sees one loss
            queuedDrops++;
        }
        runTimers(nowNanos);
        return finish();
    }

    /** Runs the timers that are due at {@code nowNanos}: reorder, acknowledgment time-out, ack delay. */
    public List<GreAction> onTick(long nowNanos) {
        runTimers(nowNanos);
        return finish();
    }

    /**
     * The adapter could not send a packet this engine gave it. The call goes on: the sequence number is
     * spent (the peer sees a gap, as for a loss on the way), an acknowledgment it carried goes again after
     * the ack delay, and EMSGSIZE comes back as {@link GreAction.MtuProblem}.
     */
    public List<GreAction> onSendFailed(GrePacket packet, SendFailure failure, long nowNanos) {
        sendFailures++;
        if (packet.header().ackPresent() && synced) {
            ackRetry = true;
            startAckDelay(nowNanos);
        }
        if (failure == SendFailure.MESSAGE_TOO_LONG) {
            emit(new GreAction.MtuProblem(packet.encodedLength(), packet.payload().length()));
        }
        runTimers(nowNanos);
        return finish();
    }

    // ---------------------------------------------------------------- the steady state, in place

    /*
     * The data path's steady state without values or lists: a frame that can go at once, a data packet
     * that is the next in sequence with nothing held, an acknowledgment-only packet. The caller's buffer
     * holds the packet; the engine numbers it and writes its header there, or says that the payload there
     * is the next to deliver. Anything else goes through the events above, which these share their
     * bookkeeping with. Timers run as in the events; what they (or an acknowledgment releasing queued
     * frames) ask for waits in {@link #takeActions()}, empty in the steady state.
     */

    /** Whether a frame given now would go out at once: nothing queued, and the send window open. */
    public boolean canTransmitNow() { return sendQueue.isEmpty() && windowOpen(); }

    /**
     * Sends the PPP frame at {@code buf[payloadOffset, payloadOffset + payloadLength)} now: numbers it
     * and writes its GRE header (with an acknowledgment when one is owed) right before it, and returns
     * where the header starts. Only when {@link #canTransmitNow()}.
     *
     * @throws IllegalStateException when a frame could not go at once
     * @throws IllegalArgumentException if the frame is longer than {@value #MAX_PAYLOAD_LENGTH} octets
     */
    public int transmitInPlace(byte[] buf, int payloadOffset, int payloadLength, long nowNanos) {
        if (payloadLength > MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("PPP frame of " + payloadLength
                    + " octets does not fit the 16-bit Payload Length");
        }
        if (!canTransmitNow()) {
            throw new IllegalStateException("the send window is shut or frames are queued: use onSend");
        }
        long ack = ackOwed() ? takeAck() : -1;
        int start = GreCodec.writeDataHeader(buf, payloadOffset, payloadLength, config.peerCallId(),
                claimSequence(nowNanos), ack);
        runTimers(nowNanos);
        return start;
    }

    /**
     * A data packet from the peer whose payload the caller holds: when it is the next in sequence and
     * nothing is held, it is taken (counted, acknowledged in due course) and the method returns true, and
     * the caller delivers the payload itself; otherwise false, and nothing changed: give the packet to
     * {@link #onReceive}. A packet with another Call ID is never taken.
     *
     * @param ackNumber the packet's Acknowledgment Number, or -1 for none
     */
    public boolean receiveInSequence(int callId, long sequenceNumber, long ackNumber, long nowNanos) {
        if (callId != config.localCallId() || !synced || heldCount != 0 || sequenceNumber != expected) {
            return false;
        }
        receiveData(sequenceNumber, null, nowNanos);
        if (ackNumber >= 0) {
            receiveAck(ackNumber, nowNanos);
        }
        runTimers(nowNanos);
        return true;
    }

    /** An acknowledgment-only packet from the peer; false (nothing changed) when its Call ID is not ours. */
    public boolean receiveAckOnly(int callId, long ackNumber, long nowNanos) {
        if (callId != config.localCallId()) {
            return false;
        }
        ackOnlyReceived++;
        receiveAck(ackNumber, nowNanos);
        runTimers(nowNanos);
        return true;
    }

    /** What the last in-place call caused besides itself (packets to send); a new list, or an empty one. */
    public List<GreAction> takeActions() { return finish(); }

    /**
     * From now on an acknowledgment-only packet is not an action ({@link GreAction.Transmit} of a new
     * packet) but {@link #ackOnlyDue()}, for the caller to write with {@link #writeAckOnly} into a buffer
     * it keeps: the data path's way, without values. Set once, before the first event.
     */
    public void writeAckOnlyInPlace() { ackOnlyInPlace = true; }

    /** Whether an acknowledgment-only packet is due (after {@link #writeAckOnlyInPlace()}). */
    public boolean ackOnlyDue() { return ackOnlyDue; }

    /**
     * Writes the acknowledgment-only packet that is due (RFC 2637 4.2.5: it acknowledges all received so
     * far) into {@code buf} at {@code off} and counts it sent; returns its length, 12, or 0 when none is
     * due any more (a data packet carried the acknowledgment meanwhile).
     */
    public int writeAckOnly(byte[] buf, int off) {
        ackOnlyDue = false;
        if (!ackOwed()) {
            return 0;
        }
        ackOnlySent++;
        return GreCodec.writeAckOnly(buf, off, config.peerCallId(), takeAck());
    }

    /** When the engine next wants {@link #onTick}, or {@link #NO_DEADLINE} when no timer runs. */
    public long nextDeadlineNanos() {
        long next = NO_DEADLINE;
        if (reorderTimerRunning) {
            next = reorderDeadline;
        }
        if (ackTimerRunning) {
            next = earlier(next, ackTimerDeadline);
        }
        if (ackDelayRunning) {
            next = earlier(next, ackDelayDeadline);
        }
        return next;
    }

    public GreCallCounters counters() {
        return new GreCallCounters(sent, received, delivered, lost, reordered, duplicates, late, outOfWindow,
                acksSent, ackOnlySent, ackOnlyReceived, queuedDrops, ackTimeouts, wrongCallId, malformed,
                sendFailures, inFlight(), sendWindow, sendQueue.size(), heldCount);
    }

    public ReceiveState receiveState() {
        if (!synced) {
            return ReceiveState.AWAITING_FIRST;
        }
        return heldCount == 0 ? ReceiveState.IN_SEQUENCE : ReceiveState.HOLDING_GAP;
    }

    public SendState sendState() { return windowOpen() ? SendState.OPEN : SendState.WINDOW_FULL; }

    /**
     * Whether {@link #onSend} would take a frame now without dropping it: the window is open or the send
     * queue has room. A sender that waits for this before it makes a frame (encrypts it, numbers it) loses
     * nothing to the queue: the loss moves to where nothing was spent on the packet yet.
     */
    public boolean canTakeFrame() { return windowOpen() || sendQueue.size() < config.sendQueueLimit(); }

    /**
     * How many frames would go out at once ({@link #canTransmitNow()} for each in turn): the room in the
     * send window when nothing is queued. A data path that waits for this before it makes frames never
     * fills the send queue, which is for those that cannot wait.
     */
    public int room() { return sendQueue.isEmpty() ? Math.max(0, sendWindow - inFlight()) : 0; }

    /** The adaptive acknowledgment time-out in force (RFC 2637 4.4.1 ATO). */
    public long ackTimeoutNanos() { return ackTimeoutNanos; }

    // ---------------------------------------------------------------- receive side

    private void receiveData(long seq, Bytes payload, long now) {
        received++;
        Arrival arrival = classify(seq);
        switch (arrival) {
            case FIRST -> {
                // Windows and poptop start at 0 as RFC 2637 4.1 says, pptp-linux and the Linux kernel at 1:
                // whatever comes first is where the peer's numbers start
                synced = true;
                expected = seq;
                highestReceived = seq;
                lastAckSent = GreSequence.add(seq, -1);
                deliverNext(payload);
            }
            case NEXT -> {
                noteOrder(seq);
                deliverNext(payload);
                drainHeld();
            }
            case AHEAD -> {
                noteOrder(seq);
                hold(seq, payload, now);
            }
            case DUPLICATE -> duplicates++;
            case LATE -> late++;
            case OUT_OF_WINDOW -> {
                outOfWindow++;
                outOfWindowSeen = true;
                lastOutOfWindow = seq;
            }
            case RESYNC -> {
                outOfWindowSeen = false;
                skipTo(seq);
                highestReceived = seq;
                deliverNext(payload);
            }
        }
        if (arrival == Arrival.FIRST || arrival == Arrival.NEXT || arrival == Arrival.AHEAD
                || arrival == Arrival.RESYNC) {
            if (GreSequence.distance(lastAckSent, highestReceived) >= ackAtOnceThreshold) {
                ackDelayRunning = true;
                ackDelayDeadline = now;
            } else if (ackOwed()) {
                startAckDelay(now);
            }
        }
    }

    private Arrival classify(long seq) {
        if (!synced) {
            return Arrival.FIRST;
        }
        long ahead = GreSequence.distance(expected, seq);
        if (ahead == 0) {
            return Arrival.NEXT;
        }
        if (ahead < 0) {
            long behind = -ahead - 1; // 0 for expected - 1
            return behind < HISTORY_BITS && (history >>> behind & 1) != 0 ? Arrival.DUPLICATE : Arrival.LATE;
        }
        if (GreSequence.distance(highestReceived, seq) > config.localReceiveWindow()) {
            return outOfWindowSeen && GreSequence.isAfter(seq, lastOutOfWindow)
                    && GreSequence.distance(lastOutOfWindow, seq) <= config.localReceiveWindow()
                    ? Arrival.RESYNC : Arrival.OUT_OF_WINDOW;
        }
        if (ahead < held.length && held[slot(ahead)] != null) {
            return Arrival.DUPLICATE;
        }
        return Arrival.AHEAD;
    }

    private void noteOrder(long seq) {
        if (GreSequence.isBefore(seq, highestReceived)) {
            reordered++;
        } else {
            highestReceived = seq;
        }
    }

    private void hold(long seq, Bytes payload, long now) {
        long ahead = GreSequence.distance(expected, seq);
        if (ahead >= held.length) {
            // the reorder buffer spans no further: write off the oldest gaps to make room
            skipTo(GreSequence.add(seq, -(held.length - 1)));
            ahead = GreSequence.distance(expected, seq);
            if (ahead == 0) {
                deliverNext(payload);
                drainHeld();
                return;
            }
        }
        int slot = slot(ahead);
        held[slot] = payload;
        heldSince[slot] = now;
        heldCount++;
        if (!reorderTimerRunning) {
            reorderTimerRunning = true;
            reorderDeadline = now + reorderTimeoutNanos;
        }
    }

    private int slot(long ahead) { return (int) ((headSlot + ahead) % held.length); }

    /**
     * Delivers the payload with sequence number {@code expected} and moves past it; {@code null} when the
     * caller delivers it in place ({@link #receiveInSequence}).
     */
    private void deliverNext(Bytes payload) {
        delivered++;
        if (payload != null) {
            emit(new GreAction.Deliver(payload));
        }
        advance(true);
    }

    private void advance(boolean wasDelivered) {
        history = history << 1 | (wasDelivered ? 1 : 0);
        expected = GreSequence.next(expected);
        headSlot = (headSlot + 1) % held.length;
    }

    /** Delivers the held run that starts at {@code expected}. */
    private void drainHeld() {
        if (heldCount == 0) {
            return;
        }
        while (held[headSlot] != null) {
            Bytes payload = held[headSlot];
            held[headSlot] = null;
            heldCount--;
            deliverNext(payload);
        }
        restartReorderTimer();
    }

    /** Moves {@code expected} to {@code target}: held packets on the way are delivered, gaps written off. */
    private void skipTo(long target) {
        long remaining = GreSequence.distance(expected, target);
        while (remaining > 0) {
            if (heldCount == 0) {
                lost += remaining;
                history = remaining >= HISTORY_BITS ? 0 : history << remaining;
                headSlot = (int) ((headSlot + remaining) % held.length);
                expected = target;
                break;
            }
            Bytes payload = held[headSlot];
            if (payload != null) {
                held[headSlot] = null;
                heldCount--;
                deliverNext(payload);
            } else {
                lost++;
                advance(false);
            }
            remaining--;
        }
        drainHeld();
        restartReorderTimer();
    }

    /** The reorder timer runs until the packet held longest has waited the reorder timeout. */
    private void restartReorderTimer() {
        if (heldCount == 0) {
            reorderTimerRunning = false;
            return;
        }
        long oldest = 0;
        boolean found = false;
        for (int i = 0; i < held.length; i++) {
            if (held[i] != null && (!found || heldSince[i] - oldest < 0)) {
                oldest = heldSince[i];
                found = true;
            }
        }
        reorderTimerRunning = true;
        reorderDeadline = oldest + reorderTimeoutNanos;
    }

    /** Writes off the gaps before the furthest held packet that has waited the reorder timeout. */
    private void reorderTimeout(long now) {
        long furthest = 0;
        for (int ahead = 1; ahead < held.length; ahead++) {
            int slot = slot(ahead);
            if (held[slot] != null && now - heldSince[slot] >= reorderTimeoutNanos) {
                furthest = ahead;
            }
        }
        skipTo(GreSequence.add(expected, furthest));
    }

    private boolean ackOwed() {
        return synced && (ackRetry || highestReceived != lastAckSent);
    }

    private void startAckDelay(long now) {
        if (!ackDelayRunning) {
            ackDelayRunning = true;
            ackDelayDeadline = now + ackDelayNanos;
        }
    }

    /** The Acknowledgment Number to send now, marking it sent. */
    private long takeAck() {
        lastAckSent = highestReceived;
        ackRetry = false;
        ackDelayRunning = false;
        acksSent++;
        return highestReceived;
    }

    // ---------------------------------------------------------------- send side

    private int inFlight() {
        return (int) GreSequence.distance(lastAckReceived, GreSequence.add(nextSendSeq, -1));
    }

    private boolean windowOpen() { return inFlight() < sendWindow; }

    private void transmit(Bytes frame, long now) {
        GrePacket packet = ackOwed()
                ? GrePacket.data(config.peerCallId(), claimSequence(now), takeAck(), frame)
                : GrePacket.data(config.peerCallId(), claimSequence(now), frame);
        emit(new GreAction.Transmit(packet));
    }

    /** The next Sequence Number, counted as sent and timed (RFC 2637 4.4). */
    private long claimSequence(long now) {
        long seq = nextSendSeq;
        nextSendSeq = GreSequence.next(seq);
        sent++;
        if (!ackTimerRunning) {
            ackTimerRunning = true;
            ackTimerDeadline = now + ackTimeoutNanos;
        }
        if (!probing) {
            probing = true;
            probeSeq = seq;
            probeSentAt = now;
        }
        return seq;
    }

    private void receiveAck(long ack, long now) {
        long lastSent = GreSequence.add(nextSendSeq, -1);
        if (!GreSequence.isAfter(ack, lastAckReceived) || GreSequence.isAfter(ack, lastSent)) {
            return; // RFC 2637 4.2.5 acknowledgments are cumulative: an older one says nothing new
        }
        int acknowledged = (int) GreSequence.distance(lastAckReceived, ack);
        lastAckReceived = ack;
        if (probing && GreSequence.isAfterOrEqual(ack, probeSeq)) {
            probing = false;
            sampleRoundTrip(now - probeSentAt);
        }
        ackedSinceGrowth += acknowledged;
        if (ackedSinceGrowth >= sendWindow) {
            // RFC 2637 4.2.3: one more packet for each window's worth acknowledged without a time-out
            ackedSinceGrowth = 0;
            sendWindow = Math.min(sendWindow + 1, config.peerReceiveWindow());
        }
        if (inFlight() > 0) {
            ackTimerRunning = true;
            ackTimerDeadline = now + ackTimeoutNanos;
        } else {
            ackTimerRunning = false;
        }
        drainQueue(now);
    }

    /** RFC 2637 4.4.1 with alpha 1/8, beta 1/4, chi 4. */
    private void sampleRoundTrip(long sample) {
        long diff = sample - roundTripNanos;
        deviationNanos += (Math.abs(diff) - deviationNanos) >> 2;
        roundTripNanos += diff >> 3;
        ackTimeoutNanos = clampAckTimeout(roundTripNanos + 4 * deviationNanos);
    }

    private long clampAckTimeout(long nanos) {
        return Math.max(minAckTimeoutNanos, Math.min(nanos, maxAckTimeoutNanos));
    }

    private void ackTimeout(long now) {
        ackTimeouts++;
        sendWindow = Math.max(1, (sendWindow + 1) / 2); // RFC 2637 4.2.2: half, rounded up, at least one
        // RFC 2637 4.4.2 with delta 2, DEV kept; from a PPD of 0 the RTT would stay 0 and never back off
        roundTripNanos = Math.min(Math.max(2 * roundTripNanos, minAckTimeoutNanos), maxAckTimeoutNanos);
        ackTimeoutNanos = clampAckTimeout(roundTripNanos + 4 * deviationNanos);
        // no retransmission (RFC 2637 4.1): what is in flight is written off and sending resumes
        lastAckReceived = GreSequence.add(nextSendSeq, -1);
        probing = false;
        ackedSinceGrowth = 0;
        ackTimerRunning = false;
        drainQueue(now);
    }

    private void drainQueue(long now) {
        while (!sendQueue.isEmpty() && windowOpen()) {
            transmit(sendQueue.pollFirst(), now);
        }
    }

    // ---------------------------------------------------------------- timers and output

    private void runTimers(long now) {
        if (reorderTimerRunning && now - reorderDeadline >= 0) {
            reorderTimeout(now);
        }
        if (ackTimerRunning && now - ackTimerDeadline >= 0) {
            ackTimeout(now);
        }
        if (ackDelayRunning && now - ackDelayDeadline >= 0) {
            ackDelayRunning = false;
            if (ackOwed()) {
                if (ackOnlyInPlace) {
                    ackOnlyDue = true; // written by writeAckOnly, with the acknowledgment current then
                } else {
                    ackOnlySent++;
                    emit(new GreAction.Transmit(GrePacket.ackOnly(config.peerCallId(), takeAck())));
                }
            }
        }
    }

    private static long earlier(long a, long b) {
        if (a == NO_DEADLINE) {
            return b;
        }
        if (b == NO_DEADLINE) {
            return a;
        }
        return a - b < 0 ? a : b;
    }

    private void emit(GreAction action) {
        if (actions == null) {
            actions = new ArrayList<>(4);
        }
        actions.add(action);
    }

    /** The actions of this event: a new list the caller owns, empty when there are none. */
    private List<GreAction> finish() {
        List<GreAction> result = actions == null ? List.of() : actions;
        actions = null;
        return result;
    }
}
