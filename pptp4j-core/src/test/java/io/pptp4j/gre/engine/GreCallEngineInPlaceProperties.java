package io.pptp4j.gre.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.gre.GreCodec;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.gre.GreSequence;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The in-place steady-state path of {@link GreCallEngine} ({@code transmitInPlace},
 * {@code receiveInSequence}, {@code receiveAckOnly}) against the event path: two twin engines get the
 * same arbitrary mix of sends, data packets (in sequence, ahead, behind, repeated), acknowledgments and
 * ticks, one always through events, the other in place wherever the engine allows it (and, in half the
 * tries, writing its acknowledgment-only packets itself). Every packet sent, every frame delivered and
 * every counter must be the same.
 */
class GreCallEngineInPlaceProperties {
    private static final int HEADROOM = 16;

    @Property(tries = 300)
    void theInPlacePathDoesWhatTheEventsDo(@ForAll long seed,
                                            @ForAll @IntRange(min = 1, max = 40) int peerWindow,
                                            @ForAll @IntRange(min = 1, max = 40) int localWindow,
                                            @ForAll @IntRange(max = 20) int sendQueueLimit,
                                            @ForAll @IntRange(min = 1, max = 20) int reorderBufferSize,
                                            @ForAll boolean nearWrap,
                                            @ForAll boolean ackOnlyInPlace) {
        GreCallConfig config = GreCallConfig.of(7, 9, localWindow, peerWindow)
                .withReorderBufferSize(reorderBufferSize)
                .withReorderTimeout(Duration.ofMillis(50))
                .withAckDelay(Duration.ofMillis(20))
                .withSendQueueLimit(sendQueueLimit)
                .withFirstSequenceNumber(nearWrap ? GreSequence.MODULUS - 30 : 0);
        GreCallEngine events = new GreCallEngine(config);
        GreCallEngine inPlace = new GreCallEngine(config);
        if (ackOnlyInPlace) {
            inPlace.writeAckOnlyInPlace();
        }
        Random random = new Random(seed);
        long now = 1_000_000_000L;
        long peerSeq = nearWrap ? GreSequence.MODULUS - 20 : random.nextInt(2);
        long peerAck = GreSequence.add(config.firstSequenceNumber(), -1);
        int inPlaceUses = 0;
        int ackOnlyWritten = 0;
        receivedInPlace = 0;
        for (int step = 0; step < 400; step++) {
            now += random.nextInt(8) * 1_000_000L;
            int op = random.nextInt(10);
            List<String> expected;
            List<String> actual = new ArrayList<>();
            if (op < 4) {
                byte[] frame = new byte[1 + random.nextInt(40)];
                random.nextBytes(frame);
                expected = describe(events.onSend(Bytes.of(frame), now));
                if (inPlace.canTransmitNow()) {
                    byte[] buf = new byte[HEADROOM + frame.length];
                    System.arraycopy(frame, 0, buf, HEADROOM, frame.length);
                    int start = inPlace.transmitInPlace(buf, HEADROOM, frame.length, now);
                    actual.add("T " + Bytes.of(buf, start, buf.length).hex());
                    actual.addAll(describe(inPlace.takeActions()));
                    inPlaceUses++;
                } else {
                    actual.addAll(describe(inPlace.onSend(Bytes.of(frame), now)));
                }
            } else if (op < 8) {
                // mostly the next packet, sometimes one ahead, behind or repeated
                int jump = switch (random.nextInt(8)) { case 0 -> 2; case 1 -> -1; case 2 -> 0; default -> 1; };
                long seq = GreSequence.add(peerSeq, jump);
                peerSeq = GreSequence.isAfter(seq, peerSeq) ? seq : peerSeq;
                if (random.nextBoolean()) {
                    peerAck = GreSequence.add(peerAck, random.nextInt(3));
                }
                byte[] payload = new byte[random.nextInt(30)];
                random.nextBytes(payload);
                GrePacket packet = random.nextBoolean()
                        ? GrePacket.data(7, seq, peerAck, Bytes.of(payload)) : GrePacket.data(7, seq, Bytes.of(payload));
                expected = describe(events.onReceive(packet, now));
                actual.addAll(receive(inPlace, GreCodec.encode(packet), now));
            } else if (op < 9) {
                peerAck = GreSequence.add(peerAck, random.nextInt(4));
                GrePacket packet = GrePacket.ackOnly(7, peerAck);
                expected = describe(events.onReceive(packet, now));
                actual.addAll(receive(inPlace, GreCodec.encode(packet), now));
            } else {
                expected = describe(events.onTick(now));
                actual.addAll(describe(inPlace.onTick(now)));
            }
            if (inPlace.ackOnlyDue()) {
                byte[] ack = new byte[12];
                int length = inPlace.writeAckOnly(ack, 0);
                if (length > 0) {
                    actual.add("T " + Bytes.of(ack, 0, length).hex());
                    ackOnlyWritten++;
                }
            }
            assertThat(inPlace.ackOnlyDue()).isFalse();
            assertThat(actual).as("step %d", step).isEqualTo(expected);
            assertThat(inPlace.counters()).as("step %d", step).isEqualTo(events.counters());
            assertThat(inPlace.nextDeadlineNanos()).isEqualTo(events.nextDeadlineNanos());
        }
        assertThat(inPlaceUses).isPositive();
        assertThat(receivedInPlace).isPositive();
        assertThat(ackOnlyWritten > 0).isEqualTo(ackOnlyInPlace && events.counters().ackOnlySent() > 0);
    }

    /** The in-place twin's receive: in place when the engine takes it, otherwise the event. */
    private int receivedInPlace;

    private List<String> receive(GreCallEngine engine, byte[] wire, long now) {
        List<String> out = new ArrayList<>();
        int headerLength = GreCodec.steadyStateHeaderLength(wire, 0, wire.length);
        assertThat(headerLength).isPositive();
        int callId = GreCodec.callIdAt(wire, 0);
        long seq = GreCodec.sequenceNumberAt(wire, 0);
        long ack = GreCodec.ackNumberAt(wire, 0);
        boolean taken = seq < 0 ? engine.receiveAckOnly(callId, ack, now) : engine.receiveInSequence(callId, seq, ack, now);
        if (taken) {
            receivedInPlace++;
            if (seq >= 0) {
                out.add("D " + Bytes.of(wire, headerLength, wire.length).hex());
            }
            out.addAll(describe(engine.takeActions()));
        } else {
            try {
                out.addAll(describe(engine.onReceive(GreCodec.decode(wire, DecodeMode.STRICT), now)));
            } catch (io.pptp4j.wire.DecodeException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    private static List<String> describe(List<GreAction> actions) {
        List<String> out = new ArrayList<>();
        for (GreAction a : actions) {
            out.add(switch (a) {
                case GreAction.Transmit t -> "T " + Bytes.of(GreCodec.encode(t.packet())).hex();
                case GreAction.Deliver d -> "D " + d.pppFrame().hex();
                case GreAction.MtuProblem m -> "M " + m;
            });
        }
        return out;
    }

    @Test
    void aPacketForAnotherCallIsNeverTakenInPlace() {
        GreCallEngine engine = new GreCallEngine(GreCallConfig.of(7, 9, 8, 8));
        engine.onReceive(GrePacket.data(7, 0, Bytes.fromHex("0021")), 0);
        assertThat(engine.receiveInSequence(8, 1, -1, 0)).isFalse();
        assertThat(engine.receiveAckOnly(8, 0, 0)).isFalse();
        assertThat(engine.counters().received()).isEqualTo(1);
        assertThat(engine.receiveInSequence(7, 1, -1, 0)).isTrue();
        assertThat(engine.counters().delivered()).isEqualTo(2);
    }

    @Test
    void transmitInPlaceRefusesWhenTheWindowIsShut() {
        GreCallEngine engine = new GreCallEngine(GreCallConfig.of(7, 9, 8, 1)); // send window 1
        byte[] buf = new byte[HEADROOM + 4];
        assertThat(engine.transmitInPlace(buf, HEADROOM, 4, 0)).isEqualTo(HEADROOM - 12);
        assertThat(GreCodec.sequenceNumberAt(buf, HEADROOM - 12)).isZero();
        assertThat(engine.canTransmitNow()).isFalse();
        assertThatThrownBy(() -> engine.transmitInPlace(buf, HEADROOM, 4, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the send window is shut or frames are queued: use onSend");
    }
}
