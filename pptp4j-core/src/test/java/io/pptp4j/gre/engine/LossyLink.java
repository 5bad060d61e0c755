package io.pptp4j.gre.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * One direction of a simulated IP path for GRE packets, in simulated time: each packet is delayed, and
 * with seeded chances dropped, duplicated or held back so that later packets overtake it. At most
 * {@code capacity} packets are on the way; more are dropped (a full router queue).
 */
final class LossyLink {

    /**
     * @param drop chance that a packet is lost
     * @param duplicate chance that a packet arrives twice (the copy at a random extra delay)
     * @param reorder chance that a packet is held back by up to {@code reorderDelayNanos} extra
     * @param delayNanos the base one-way delay
     * @param reorderDelayNanos the most extra delay a held-back or duplicated packet gets
     * @param capacity the most packets on the way at once
     */
    record Behaviour(double drop, double duplicate, double reorder, long delayNanos, long reorderDelayNanos,
            int capacity) {
        Behaviour {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity " + capacity);
            }
        }

        static Behaviour clean(long delayNanos) {
            return new Behaviour(0, 0, 0, delayNanos, 0, 100_000);
        }
    }

    private record InFlight(long dueNanos, long order, byte[] packet) {}

    private final Random random;
    private Behaviour behaviour;
    private final PriorityQueue<InFlight> queue = new PriorityQueue<>(
            (a, b) -> a.dueNanos != b.dueNanos ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.order, b.order));
    private long order;
    int offered;
    int dropped;
    int duplicated;
    int heldBack;
    int overflowed;
    int arrived;

    LossyLink(long seed, Behaviour behaviour) {
        this.random = new Random(seed);
        this.behaviour = behaviour;
    }

    void behaviour(Behaviour value) { behaviour = value; }

    void offer(byte[] packet, long now) {
        offered++;
        if (random.nextDouble() < behaviour.drop()) {
            dropped++;
            return;
        }
        long delay = behaviour.delayNanos();
        if (random.nextDouble() < behaviour.reorder()) {
            heldBack++;
            delay += extraDelay();
        }
        enqueue(packet, now + delay);
        if (random.nextDouble() < behaviour.duplicate()) {
            duplicated++;
            enqueue(packet.clone(), now + behaviour.delayNanos() + extraDelay());
        }
    }

    private long extraDelay() {
        return behaviour.reorderDelayNanos() == 0 ? 0 : 1 + (long) (random.nextDouble() * behaviour.reorderDelayNanos());
    }

    private void enqueue(byte[] packet, long due) {
        if (queue.size() >= behaviour.capacity()) {
            overflowed++;
            return;
        }
        queue.add(new InFlight(due, order++, packet));
    }

    /** The packets due by {@code now}, in arrival order. */
    List<byte[]> poll(long now) {
        List<byte[]> out = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().dueNanos <= now) {
            out.add(queue.poll().packet);
            arrived++;
        }
        return out;
    }

    /** When the next packet arrives, or {@link GreCallEngine#NO_DEADLINE}. */
    long nextArrivalNanos() { return queue.isEmpty() ? GreCallEngine.NO_DEADLINE : queue.peek().dueNanos; }

    boolean isEmpty() { return queue.isEmpty(); }
}
