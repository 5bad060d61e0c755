package io.pptp4j.gre.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.gre.GreCodec;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.gre.GreSequence;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Two engines for the two ends of one call, pumped against each other in simulated time through two
 * {@link LossyLink}s. Packets cross as bytes: encoded by {@link GreCodec} and decoded STRICT at the other
 * end, so every packet an engine sends must be one a strict peer accepts. Loops are bounded by a step
 * count and by simulated time.
 */
final class GreCallSimulation {

    /** A data packet or ack-only packet as it left an engine. */
    record Sent(long atNanos, GrePacket packet) {}

    private record Scheduled(long atNanos, Bytes frame) {}

    /** One end: its engine, the link it sends on, what it delivered and sent. */
    final class Side {
        final GreCallEngine engine;
        final LossyLink outbound;
        final List<Bytes> delivered = new ArrayList<>();
        final List<Sent> sent = new ArrayList<>();
        final List<GreAction.MtuProblem> mtuProblems = new ArrayList<>();
        private final ArrayDeque<Scheduled> toSend = new ArrayDeque<>();
        int offered;
        /** The highest Acknowledgment Number that reached this side on the wire, if any. */
        boolean ackSeen;
        long lastAckSeen;
        /** The most data packets this side had on the wire beyond the last acknowledgment that reached it. */
        long maxUnacknowledgedOnWire;
        /** The Sequence Number of the first data packet that reached this side, the one its engine synced to. */
        boolean dataSeen;
        long firstSeqArrived;
        Side peer;

        private Side(GreCallEngine engine, LossyLink outbound) {
            this.engine = engine;
            this.outbound = outbound;
        }

        /** Offers {@code frame} to this side's engine at {@code atNanos} (not before earlier offers). */
        void sendAt(long atNanos, Bytes frame) {
            if (!toSend.isEmpty() && toSend.peekLast().atNanos > atNanos) {
                throw new IllegalArgumentException("sends must be scheduled in time order");
            }
            toSend.addLast(new Scheduled(atNanos, frame));
        }

        List<Integer> deliveredIds() { return delivered.stream().map(GreCallSimulation::id).toList(); }

        List<Sent> ackOnlySent() { return sent.stream().filter(s -> s.packet.header().isAckOnly()).toList(); }

        List<Sent> dataSent() { return sent.stream().filter(s -> !s.packet.header().isAckOnly()).toList(); }

        GreCallCounters counters() { return engine.counters(); }

        private void handle(List<GreAction> actions, long now) {
            for (GreAction action : actions) {
                switch (action) {
                    case GreAction.Transmit t -> transmit(t.packet(), now);
                    case GreAction.Deliver d -> {
                        trace(this, "delivers " + id(d.pppFrame()));
                        delivered.add(d.pppFrame());
                    }
                    case GreAction.MtuProblem m -> mtuProblems.add(m);
                }
            }
        }

        private void transmit(GrePacket packet, long now) {
            trace(this, "sends " + packet.header().sequenceNumber() + " ack " + packet.header().ackNumber());
            sent.add(new Sent(now, packet));
            if (packet.header().sequencePresent()) {
                long seq = packet.header().sequenceNumber().getAsLong();
                long first = engine.config().firstSequenceNumber();
                long base = ackSeen ? lastAckSeen : GreSequence.add(first, -1);
                maxUnacknowledgedOnWire = Math.max(maxUnacknowledgedOnWire, GreSequence.distance(base, seq));
            }
            outbound.offer(GreCodec.encode(packet), now);
        }

        private void arrive(byte[] bytes, long now) {
            GrePacket packet;
            try {
                packet = GreCodec.decode(bytes, DecodeMode.STRICT);
            } catch (DecodeException e) {
                throw new AssertionError("the peer engine sent a packet a strict decoder refuses", e);
            }
            if (packet.header().sequencePresent() && !dataSeen) {
                dataSeen = true;
                firstSeqArrived = packet.header().sequenceNumber().getAsLong();
            }
            if (packet.header().ackPresent()) {
                long ack = packet.header().ackNumber().getAsLong();
                if (!ackSeen || GreSequence.isAfter(ack, lastAckSeen)) {
                    lastAckSeen = ack;
                    ackSeen = true;
                }
            }
            trace(this, "receives " + packet.header().sequenceNumber() + " ack " + packet.header().ackNumber());
            handle(engine.onReceive(packet, now), now);
        }
    }

    final Side a;
    final Side b;
    private long now;
    /** When not null, every event is written here (for a failing seed). */
    StringBuilder trace;

    private void trace(Side side, String what) {
        if (trace != null) {
            trace.append(now).append(' ').append(side == a ? 'A' : 'B').append(' ').append(what).append('\n');
        }
    }

    GreCallSimulation(GreCallConfig configA, GreCallConfig configB, LossyLink aToB, LossyLink bToA, long startNanos) {
        a = new Side(new GreCallEngine(configA), aToB);
        b = new Side(new GreCallEngine(configB), bToA);
        a.peer = b;
        b.peer = a;
        now = startNanos;
    }

    /** Two ends with matching Call IDs and the given receive windows (A advertises {@code windowA}). */
    static GreCallSimulation pair(GreCallConfig template, int windowA, int windowB, LossyLink aToB, LossyLink bToA,
            long startNanos) {
        GreCallConfig configA = copy(template, 0x1111, 0x2222, windowA, windowB);
        GreCallConfig configB = copy(template, 0x2222, 0x1111, windowB, windowA);
        return new GreCallSimulation(configA, configB, aToB, bToA, startNanos);
    }

    static GreCallConfig copy(GreCallConfig t, int local, int peer, int localWindow, int peerWindow) {
        return new GreCallConfig(local, peer, localWindow, peerWindow, t.ackDelay(), t.reorderTimeout(),
                t.reorderBufferSize(), t.sendQueueLimit(), t.initialRoundTrip(), t.minAckTimeout(),
                t.maxAckTimeout(), t.firstSequenceNumber());
    }

    long now() { return now; }

    /**
     * Runs until nothing is scheduled, on the way or timed, or until {@code untilNanos}; returns whether it
     * went quiet. Fails after {@code maxSteps} steps.
     */
    boolean run(long untilNanos, int maxSteps) {
        for (int step = 0; step < maxSteps; step++) {
            long next = GreCallEngine.NO_DEADLINE;
            for (Side side : List.of(a, b)) {
                if (!side.toSend.isEmpty()) {
                    next = Math.min(next, side.toSend.peekFirst().atNanos);
                }
                next = Math.min(next, side.outbound.nextArrivalNanos());
                next = Math.min(next, side.engine.nextDeadlineNanos());
            }
            if (next == GreCallEngine.NO_DEADLINE) {
                return true;
            }
            if (next > untilNanos) {
                now = untilNanos;
                return false;
            }
            now = Math.max(now, next);
            for (Side side : List.of(a, b)) {
                while (!side.toSend.isEmpty() && side.toSend.peekFirst().atNanos <= now) {
                    side.offered++;
                    side.handle(side.engine.onSend(side.toSend.pollFirst().frame, now), now);
                }
            }
            for (Side side : List.of(a, b)) {
                for (byte[] packet : side.outbound.poll(now)) {
                    side.peer.arrive(packet, now);
                }
            }
            for (Side side : List.of(a, b)) {
                long deadline = side.engine.nextDeadlineNanos();
                if (deadline != GreCallEngine.NO_DEADLINE && now - deadline >= 0) {
                    side.handle(side.engine.onTick(now), now);
                }
            }
        }
        throw new AssertionError("simulation did not settle in " + maxSteps + " steps");
    }

    /**
     * Switches both links clean, lets the queues drain, then sends two more frames each way,
     * {@code lastId - 1} and {@code lastId}, each once the other has settled, so that each receiver learns of every loss before them, and
     * lets everything settle. Two, because after acknowledgment time-outs the sender may be more than a
     * window ahead of what the receiver saw, and a receiver follows such a jump on the second packet.
     */
    void finishClean(int lastId, int maxSteps) {
        a.outbound.behaviour(LossyLink.Behaviour.clean(5_000_000));
        b.outbound.behaviour(LossyLink.Behaviour.clean(5_000_000));
        assertThat(run(now + 600_000_000_000L, maxSteps)).as("drains").isTrue();
        for (int id = lastId - 1; id <= lastId; id++) {
            long at = now + 10_000_000;
            a.sendAt(at, frame(id, 40));
            b.sendAt(at, frame(id, 40));
            assertThat(run(at + 600_000_000_000L, maxSteps)).as("settles").isTrue();
        }
    }

    /**
     * Data packets {@code sender} sent before the first one that reached {@code receiver}: lost on the
     * way, but the receiver cannot know, since it syncs to the first it sees.
     */
    static long lostBeforeFirstArrival(Side sender, Side receiver) {
        return receiver.dataSeen
                ? GreSequence.distance(sender.engine.config().firstSequenceNumber(), receiver.firstSeqArrived)
                : 0;
    }

    /** The identities of {@link GreCallCounters} that hold at any time, checked against what crossed the link. */
    static void assertCountersAddUp(Side sender, Side receiver) {
        GreCallCounters s = sender.counters();
        GreCallCounters r = receiver.counters();
        assertThat(s.sent() + s.queuedDrops() + s.queued()).as("offered").isEqualTo(sender.offered);
        assertThat(r.received()).as("received")
                .isEqualTo(r.delivered() + r.held() + r.duplicates() + r.late() + r.outOfWindow());
        assertThat(r.received() + r.ackOnlyReceived()).as("every packet that crossed the link")
                .isEqualTo(sender.outbound.arrived);
        assertThat(r.delivered()).isEqualTo(receiver.delivered.size());
        assertThat(s.acksSent()).isGreaterThanOrEqualTo(s.ackOnlySent());
        assertThat(s.ackOnlySent()).isEqualTo(sender.ackOnlySent().size());
        assertThat(s.sent()).isEqualTo(sender.dataSent().size());
        assertThat(s.inFlight()).isBetween(0, s.sendWindow());
        assertThat(s.sendWindow()).isBetween(1, sender.engine.config().peerReceiveWindow());
    }

    /** A PPP-like frame whose first four octets are {@code id}, {@code length} octets long (at least 4). */
    static Bytes frame(int id, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(4, length));
        buffer.putInt(id);
        for (int i = 4; i < buffer.capacity(); i++) {
            buffer.put((byte) (id * 31 + i));
        }
        return Bytes.of(buffer.array());
    }

    static int id(Bytes frame) {
        return frame.get(0) << 24 | frame.get(1) << 16 | frame.get(2) << 8 | frame.get(3);
    }
}
