package io.pptp4j.gre.engine;

import static io.pptp4j.gre.engine.GreCallSimulation.frame;
import static io.pptp4j.gre.engine.GreCallSimulation.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.gre.GreSequence;
import io.pptp4j.gre.engine.GreCallSimulation.Side;
import io.pptp4j.wire.Bytes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Two engines through links with arbitrary seeded loss, duplication, reordering, delay and capacity,
 * and arbitrary windows, buffers and timers: delivery is always an in-order subsequence of what was
 * sent, and the counters always add up. jqwik prints the seed and the shrunk arguments on failure.
 */
class GreCallEngineProperties {
    private static final long START = 1_000_000_000L;
    private static final int MAX_STEPS = 500_000;

    private static long ms(long n) { return n * 1_000_000L; }

    @Property(tries = 150)
    void deliveredFramesAreAnInOrderSubsequenceOfSentFramesAndCountersAddUp(
            @ForAll long seed,
            @ForAll @IntRange(max = 30) int dropPercent,
            @ForAll @IntRange(max = 20) int duplicatePercent,
            @ForAll @IntRange(max = 50) int reorderPercent,
            @ForAll @IntRange(min = 1, max = 40) int delayMs,
            @ForAll @IntRange(max = 400) int reorderDelayMs,
            @ForAll @IntRange(min = 1, max = 300) int linkCapacity,
            @ForAll @IntRange(min = 1, max = 80) int windowA,
            @ForAll @IntRange(min = 1, max = 80) int windowB,
            @ForAll @IntRange(min = 1, max = 80) int reorderBufferSize,
            @ForAll @IntRange(max = 300) int reorderTimeoutMs,
            @ForAll @IntRange(max = 200) int ackDelayMs,
            @ForAll @IntRange(max = 60) int sendQueueLimit,
            @ForAll @IntRange(min = 1, max = 250) int frames,
            @ForAll @IntRange(max = 6) int gapMs,
            @ForAll boolean nearWrap) {
        GreCallConfig template = GreCallConfig.of(0, 0, 1, 1)
                .withReorderBufferSize(reorderBufferSize)
                .withReorderTimeout(Duration.ofMillis(reorderTimeoutMs))
                .withAckDelay(Duration.ofMillis(ackDelayMs))
                .withSendQueueLimit(sendQueueLimit)
                .withFirstSequenceNumber(nearWrap ? GreSequence.MODULUS - 1 - frames / 2 : 0);
        LossyLink.Behaviour behaviour = new LossyLink.Behaviour(dropPercent / 100.0, duplicatePercent / 100.0,
                reorderPercent / 100.0, ms(delayMs), ms(reorderDelayMs), linkCapacity);
        GreCallSimulation sim = GreCallSimulation.pair(template, windowA, windowB,
                new LossyLink(seed, behaviour), new LossyLink(seed ^ 0x5DEECE66DL, behaviour), START);
        for (int i = 0; i < frames; i++) {
            sim.a.sendAt(START + i * ms(gapMs), frame(i, 20 + i % 300));
            sim.b.sendAt(START + i * ms(gapMs) + ms(gapMs) / 2, frame(i, 20 + (i * 13) % 300));
        }
        sim.run(START + frames * ms(gapMs) + ms(1_000), MAX_STEPS);
        for (Side side : List.of(sim.a, sim.b)) {
            checkDelivery(side.peer, side);
            GreCallSimulation.assertCountersAddUp(side.peer, side);
        }

        sim.finishClean(frames + 1, MAX_STEPS);
        for (Side side : List.of(sim.a, sim.b)) {
            checkDelivery(side.peer, side);
            GreCallSimulation.assertCountersAddUp(side.peer, side);
            GreCallCounters r = side.counters();
            assertThat(side.deliveredIds()).last().isEqualTo(frames + 1);
            assertThat(r.held()).isZero();
            assertThat(side.peer.counters().sent()).as("sent = delivered + lost")
                    .isEqualTo(r.delivered() + r.lost() + GreCallSimulation.lostBeforeFirstArrival(side.peer, side));
            if (dropPercent == 0 && duplicatePercent == 0 && reorderPercent == 0 && linkCapacity >= 2 * frames + 4) {
                assertThat(r.lost() + r.duplicates() + r.late() + r.outOfWindow()).as("clean link").isZero();
            }
        }
    }

    /** The sender's data packets carry an increasing subsequence of the frames offered; the receiver delivers an increasing subsequence of those, intact. */
    private static void checkDelivery(Side sender, Side receiver) {
        Map<Integer, Bytes> sentById = new HashMap<>();
        int previousSent = -1;
        for (GreCallSimulation.Sent s : sender.dataSent()) {
            int id = id(s.packet().payload());
            assertThat(id).as("sent in offer order").isGreaterThan(previousSent);
            previousSent = id;
            sentById.put(id, s.packet().payload());
        }
        int previous = -1;
        for (Bytes frame : receiver.delivered) {
            int id = id(frame);
            assertThat(id).as("delivered in order, once").isGreaterThan(previous);
            assertThat(sentById.get(id)).as("delivered what was sent").isEqualTo(frame);
            previous = id;
        }
    }
}
