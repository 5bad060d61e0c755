package io.pptp4j.gre.engine;

import static io.pptp4j.gre.engine.GreCallSimulation.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.gre.GreSequence;
import io.pptp4j.gre.engine.GreCallSimulation.Sent;
import io.pptp4j.gre.engine.GreCallSimulation.Side;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Two engines pumped against each other in simulated time, through clean and lossy links. */
class GreCallSimulationTest {
    private static final long START = 1_000_000_000L;
    private static final int MAX_STEPS = 200_000;

    private static long ms(long n) { return n * 1_000_000L; }

    private static GreCallSimulation pair(GreCallConfig template, int window, LossyLink.Behaviour behaviour, long seed) {
        return GreCallSimulation.pair(template, window, window, new LossyLink(seed, behaviour),
                new LossyLink(seed + 1, behaviour), START);
    }

    private static GreCallConfig defaults() {
        return GreCallConfig.of(0, 0, 1, 1).withSendQueueLimit(1000);
    }

    /** {@code count} frames from each side, one every {@code gapNanos}, B offset by half a gap. */
    private static void schedule(GreCallSimulation sim, int count, long gapNanos) {
        for (int i = 0; i < count; i++) {
            sim.a.sendAt(START + i * gapNanos, frame(i, 40 + i % 1400));
            sim.b.sendAt(START + i * gapNanos + gapNanos / 2, frame(i, 40 + (i * 7) % 1400));
        }
    }

    private static List<Integer> upTo(int count) { return IntStream.range(0, count).boxed().toList(); }

    private static void assertStrictlyIncreasing(List<Integer> ids) {
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).as("delivered #%d", i).isGreaterThan(ids.get(i - 1));
        }
    }

    @Test
    void cleanLinkDeliversEverythingInOrderExactlyOnce() {
        GreCallSimulation sim = pair(defaults(), 64, LossyLink.Behaviour.clean(ms(20)), 1);
        schedule(sim, 1000, ms(2));
        assertThat(sim.run(START + ms(60_000), MAX_STEPS)).isTrue();
        for (Side side : List.of(sim.a, sim.b)) {
            assertThat(side.deliveredIds()).isEqualTo(upTo(1000));
            GreCallCounters c = side.counters();
            assertThat(c.lost() + c.duplicates() + c.late() + c.outOfWindow() + c.queuedDrops() + c.ackTimeouts())
                    .isZero();
            assertThat(side.delivered).isEqualTo(side.peer.dataSent().stream().map(s -> s.packet().payload()).toList());
        }
        GreCallSimulation.assertCountersAddUp(sim.a, sim.b);
        GreCallSimulation.assertCountersAddUp(sim.b, sim.a);
    }

    @Test
    void lossyLinkDeliversInOrderWithoutDuplicatesAndCountersAddUp() {
        LossyLink.Behaviour lossy = new LossyLink.Behaviour(0.10, 0.05, 0.10, ms(20), ms(30), 500);
        GreCallSimulation sim = pair(defaults(), 32, lossy, 42);
        schedule(sim, 2000, ms(1));
        sim.run(START + ms(2_500), MAX_STEPS);
        sim.finishClean(2001, MAX_STEPS);
        for (Side side : List.of(sim.a, sim.b)) {
            List<Integer> ids = side.deliveredIds();
            assertStrictlyIncreasing(ids);
            assertThat(ids).last().isEqualTo(2001);
            GreCallCounters r = side.counters();
            GreCallCounters s = side.peer.counters();
            assertThat(r.lost()).as("the link dropped some").isPositive();
            assertThat(r.duplicates()).as("the link duplicated some").isPositive();
            assertThat(r.held()).isZero();
            assertThat(s.sent()).as("sent = delivered + lost")
                    .isEqualTo(r.delivered() + r.lost() + GreCallSimulation.lostBeforeFirstArrival(side.peer, side));
            GreCallSimulation.assertCountersAddUp(side.peer, side);
        }
    }

    @Test
    void reorderingWithinTheTimeoutLosesNothing() {
        // held back by up to 40 ms against a reorder timeout of 100 ms; 1 frame per 2 ms keeps the
        // overtaking packets well inside the 64-packet reorder buffer
        LossyLink.Behaviour reordering = new LossyLink.Behaviour(0, 0, 0.2, ms(10), ms(40), 10_000);
        GreCallSimulation sim = pair(defaults(), 64, reordering, 7);
        schedule(sim, 1000, ms(2));
        assertThat(sim.run(START + ms(60_000), MAX_STEPS)).isTrue();
        for (Side side : List.of(sim.a, sim.b)) {
            assertThat(side.deliveredIds()).isEqualTo(upTo(1000));
            assertThat(side.counters().lost()).isZero();
            assertThat(side.counters().reordered()).isPositive();
        }
        assertThat(sim.a.outbound.heldBack).isPositive();
    }

    @Test
    void acksFlowWhenOneSideIsSilent() {
        GreCallSimulation sim = pair(defaults(), 64, LossyLink.Behaviour.clean(ms(10)), 3);
        for (int i = 0; i < 100; i++) {
            sim.a.sendAt(START + i * ms(20), frame(i, 100));
        }
        assertThat(sim.run(START + ms(60_000), MAX_STEPS)).isTrue();
        assertThat(sim.b.deliveredIds()).isEqualTo(upTo(100));
        assertThat(sim.b.dataSent()).isEmpty();
        List<Sent> acks = sim.b.ackOnlySent();
        assertThat(acks).isNotEmpty();
        // the first packet arrives after the 10 ms link delay; its acknowledgment follows the 50 ms ack delay
        assertThat(acks.getFirst().atNanos()).isEqualTo(START + ms(10) + ms(50));
        // by then packets 1 and 2 came too (every 20 ms): one acknowledgment covers all three
        assertThat(acks.getFirst().packet().header().ackNumber()).hasValue(2);
        assertThat(acks.getLast().packet().header().ackNumber()).hasValue(99);
        assertThat(acks.size()).as("coalesced: 100 packets over 2 s, one ack per ack delay at most").isLessThan(100);
        GreCallCounters a = sim.a.counters();
        assertThat(a.inFlight()).isZero();
        assertThat(a.ackTimeouts()).isZero();
        assertThat(sim.b.counters().ackOnlySent()).isEqualTo(acks.size());
    }

    @Test
    void peerWindowLimitsPacketsInFlight() {
        // B advertises a window of 8; A offers 300 frames at once. The acknowledgment time-out is long, so
        // A never writes packets off and every data packet must be within 8 of the last ack A has seen
        GreCallConfig template = defaults().withAckTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20));
        GreCallSimulation sim = GreCallSimulation.pair(template, 64, 8,
                new LossyLink(5, LossyLink.Behaviour.clean(ms(15))), new LossyLink(6, LossyLink.Behaviour.clean(ms(15))),
                START);
        for (int i = 0; i < 300; i++) {
            sim.a.sendAt(START, frame(i, 200));
        }
        assertThat(sim.run(START + ms(60_000), MAX_STEPS)).isTrue();
        assertThat(sim.b.deliveredIds()).isEqualTo(upTo(300));
        assertThat(sim.a.maxUnacknowledgedOnWire).isEqualTo(8);
        GreCallCounters a = sim.a.counters();
        assertThat(a.sendWindow()).isEqualTo(8);
        assertThat(a.ackTimeouts()).isZero();
        assertThat(a.queuedDrops()).isZero();
        // B acknowledged at once each time half its window was outstanding (RFC 2637 4.2 flow control)
        assertThat(sim.b.counters().ackOnlySent()).isGreaterThanOrEqualTo(300 / 8);
    }

    @Test
    void boundedSendQueueDropsWhatDoesNotFit() {
        GreCallSimulation sim = GreCallSimulation.pair(defaults().withSendQueueLimit(10), 64, 4,
                new LossyLink(8, LossyLink.Behaviour.clean(ms(15))), new LossyLink(9, LossyLink.Behaviour.clean(ms(15))),
                START);
        for (int i = 0; i < 100; i++) {
            sim.a.sendAt(START, frame(i, 200));
        }
        assertThat(sim.run(START + ms(60_000), MAX_STEPS)).isTrue();
        GreCallCounters a = sim.a.counters();
        // window 2 (half of 4) in flight, 10 queued, the newest 88 dropped
        assertThat(a.queuedDrops()).isEqualTo(88);
        assertThat(sim.b.deliveredIds()).isEqualTo(upTo(12));
        GreCallSimulation.assertCountersAddUp(sim.a, sim.b);
    }

    @Test
    void sequenceNumbersWrapMidCall() {
        LossyLink.Behaviour reordering = new LossyLink.Behaviour(0, 0, 0.2, ms(10), ms(30), 10_000);
        GreCallSimulation sim = pair(defaults().withFirstSequenceNumber(GreSequence.MODULUS - 10), 64, reordering, 11);
        schedule(sim, 100, ms(2));
        assertThat(sim.run(START + ms(60_000), MAX_STEPS)).isTrue();
        for (Side side : List.of(sim.a, sim.b)) {
            assertThat(side.deliveredIds()).isEqualTo(upTo(100));
            assertThat(side.counters().lost()).isZero();
            List<Long> seqs = side.dataSent().stream().map(s -> s.packet().header().sequenceNumber().getAsLong()).toList();
            assertThat(seqs).startsWith(0xFFFFFFF6L).contains(0xFFFFFFFFL, 0L).endsWith(89L);
        }
    }

    @Test
    void peerWhoseFirstSequenceNumberIsOne() {
        // A stands in for pptp-linux and the Linux kernel, which start at 1
        GreCallConfig configA = GreCallSimulation.copy(defaults(), 0x1111, 0x2222, 64, 64).withFirstSequenceNumber(1);
        GreCallConfig configB = GreCallSimulation.copy(defaults(), 0x2222, 0x1111, 64, 64);
        GreCallSimulation sim = new GreCallSimulation(configA, configB,
                new LossyLink(1, LossyLink.Behaviour.clean(ms(5))), new LossyLink(2, LossyLink.Behaviour.clean(ms(5))),
                START);
        schedule(sim, 50, ms(3));
        assertThat(sim.run(START + ms(60_000), MAX_STEPS)).isTrue();
        assertThat(sim.a.dataSent().getFirst().packet().header().sequenceNumber()).hasValue(1);
        assertThat(sim.b.dataSent().getFirst().packet().header().sequenceNumber()).hasValue(0);
        assertThat(sim.b.deliveredIds()).isEqualTo(upTo(50));
        assertThat(sim.a.deliveredIds()).isEqualTo(upTo(50));
        assertThat(sim.b.counters().lost()).isZero();
        assertThat(sim.a.counters().inFlight()).isZero();
    }
}
