package io.pptp4j.ppp.fsm;

import io.pptp4j.ppp.cp.CpCodec;
import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Two automata joined by a simulated link on a simulated clock: every packet goes through the codec
 * (encode, decode strict), and may be dropped, duplicated or delayed (so reordered), from a seeded Random.
 */
public final class InMemoryLink<O> {
    private record InFlight<O>(long at, long order, boolean toB, byte[] bytes) {}

    public final ControlProtocolAutomaton<O> a;
    public final ControlProtocolAutomaton<O> b;
    private final CpCodec<O> codec;
    private final Random random;
    private final double loss;
    private final double duplication;
    private final long maxDelayNanos;
    private final PriorityQueue<InFlight<O>> queue = new PriorityQueue<>((x, y) ->
            x.at != y.at ? Long.compare(x.at, y.at) : Long.compare(x.order, y.order));
    private long order;
    public long now;
    public final List<AutomatonAction<O>> actionsOfA = new ArrayList<>();
    public final List<AutomatonAction<O>> actionsOfB = new ArrayList<>();
    public final List<CpPacket<O>> sentByA = new ArrayList<>();
    public final List<CpPacket<O>> sentByB = new ArrayList<>();

    public InMemoryLink(ControlProtocolAutomaton<O> a, ControlProtocolAutomaton<O> b, CpCodec<O> codec, long seed, double loss,
                 double duplication, long maxDelayNanos) {
        this.a = a;
        this.b = b;
        this.codec = codec;
        this.random = new Random(seed);
        this.loss = loss;
        this.duplication = duplication;
        this.maxDelayNanos = maxDelayNanos;
    }

    public static <O> InMemoryLink<O> clean(ControlProtocolAutomaton<O> a, ControlProtocolAutomaton<O> b, CpCodec<O> codec) {
        return new InMemoryLink<>(a, b, codec, 0, 0, 0, 1_000_000);
    }

    public void openBoth() {
        handle(a.open(now), true);
        handle(a.up(now), true);
        handle(b.open(now), false);
        handle(b.up(now), false);
    }

    void handle(List<AutomatonAction<O>> actions, boolean fromA) {
        (fromA ? actionsOfA : actionsOfB).addAll(actions);
        for (AutomatonAction<O> action : actions) {
            if (action instanceof AutomatonAction.Send<O> send) {
                (fromA ? sentByA : sentByB).add(send.packet());
                byte[] bytes = codec.encode(send.packet());
                int copies = random.nextDouble() < loss ? 0 : random.nextDouble() < duplication ? 2 : 1;
                for (int i = 0; i < copies; i++) {
                    long delay = maxDelayNanos <= 1 ? 1 : 1 + (long) (random.nextDouble() * maxDelayNanos);
                    queue.add(new InFlight<>(now + delay, order++, fromA, bytes));
                }
            }
        }
    }

    /** Runs until nothing is in flight and no timer runs, or the clock passes {@code untilNanos}; false if cut off. */
    public boolean runUntilQuiet(long untilNanos) {
        for (int steps = 0; steps < 1_000_000; steps++) {
            long next = Long.MAX_VALUE;
            if (!queue.isEmpty()) next = queue.peek().at;
            if (a.nextDeadlineNanos().isPresent()) next = Math.min(next, a.nextDeadlineNanos().getAsLong());
            if (b.nextDeadlineNanos().isPresent()) next = Math.min(next, b.nextDeadlineNanos().getAsLong());
            if (next == Long.MAX_VALUE) return true;
            if (next > untilNanos) return false;
            now = Math.max(now, next);
            if (!queue.isEmpty() && queue.peek().at <= now) {
                InFlight<O> f = queue.poll();
                ControlProtocolAutomaton<O> to = f.toB ? b : a;
                try {
                    handle(to.onPacket(codec.decode(f.bytes, DecodeMode.STRICT), now), !f.toB);
                } catch (DecodeException e) {
                    throw new AssertionError(e);
                }
            } else {
                handle(a.onTick(now), true);
                handle(b.onTick(now), false);
            }
        }
        throw new AssertionError("no quiet after a million steps");
    }
}
