package io.pptp4j.ppp.session;

import io.pptp4j.ppp.PppFrame;
import io.pptp4j.ppp.PppFrameCodec;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A server session and a client session joined by a simulated link on a simulated clock: every frame
 * crosses as bytes and may be dropped, duplicated or delayed (so reordered), from a seeded Random.
 */
final class SessionLink {
    /** A frame on the wire, in the order it was sent. */
    record WireFrame(long at, boolean fromServer, Bytes bytes) {
        int protocol() {
            try {
                return PppFrameCodec.decode(bytes.toArray()).protocol();
            } catch (DecodeException e) {
                throw new AssertionError(e);
            }
        }

        PppFrame frame() {
            try {
                return PppFrameCodec.decode(bytes.toArray());
            } catch (DecodeException e) {
                throw new AssertionError(e);
            }
        }
    }

    private record InFlight(long at, long order, boolean toClient, Bytes bytes) {}

    final PppSession server;
    final PppSession client;
    private final Random random;
    private final double loss;
    private final double duplication;
    private final long maxDelayNanos;
    private final PriorityQueue<InFlight> queue = new PriorityQueue<>((x, y) ->
            x.at != y.at ? Long.compare(x.at, y.at) : Long.compare(x.order, y.order));
    private long order;
    long now;
    final List<SessionAction> serverActions = new ArrayList<>();
    final List<SessionAction> clientActions = new ArrayList<>();
    final List<WireFrame> wire = new ArrayList<>();

    SessionLink(PppSession server, PppSession client, long seed, double loss, double duplication, long maxDelayNanos) {
        this.server = server;
        this.client = client;
        this.random = new Random(seed);
        this.loss = loss;
        this.duplication = duplication;
        this.maxDelayNanos = maxDelayNanos;
    }

    static SessionLink clean(PppSession server, PppSession client) {
        return new SessionLink(server, client, 0, 0, 0, 1);
    }

    void openBoth() {
        handle(server.open(now), true);
        handle(client.open(now), false);
    }

    void handle(List<SessionAction> actions, boolean fromServer) {
        (fromServer ? serverActions : clientActions).addAll(actions);
        for (SessionAction action : actions) {
            if (action instanceof SessionAction.SendFrame send) {
                wire.add(new WireFrame(now, fromServer, send.pppFrame()));
                int copies = random.nextDouble() < loss ? 0 : random.nextDouble() < duplication ? 2 : 1;
                for (int i = 0; i < copies; i++) {
                    long delay = maxDelayNanos <= 1 ? 1 : 1 + (long) (random.nextDouble() * maxDelayNanos);
                    queue.add(new InFlight(now + delay, order++, fromServer, send.pppFrame()));
                }
            }
        }
    }

    void sendFromServer(Bytes datagram) { handle(server.sendDatagram(datagram, now), true); }

    void sendFromClient(Bytes datagram) { handle(client.sendDatagram(datagram, now), false); }

    /** Runs until nothing is in flight and no timer runs, or the clock passes {@code untilNanos}; false if cut off. */
    boolean runUntilQuiet(long untilNanos) {
        for (int steps = 0; steps < 1_000_000; steps++) {
            long next = Long.MAX_VALUE;
            if (!queue.isEmpty()) next = queue.peek().at;
            next = min(next, server.nextDeadlineNanos());
            next = min(next, client.nextDeadlineNanos());
            if (next == Long.MAX_VALUE) return true;
            if (next > untilNanos) return false;
            step(next);
        }
        throw new AssertionError("no quiet after a million steps");
    }

    /** Runs until both sessions are up (true), or quiet or cut off first (false). */
    boolean runUntilBothUp(long untilNanos) {
        for (int steps = 0; steps < 1_000_000; steps++) {
            if (server.result().isPresent() && client.result().isPresent()) return true;
            long next = Long.MAX_VALUE;
            if (!queue.isEmpty()) next = queue.peek().at;
            next = min(next, server.nextDeadlineNanos());
            next = min(next, client.nextDeadlineNanos());
            if (next == Long.MAX_VALUE || next > untilNanos) return false;
            step(next);
        }
        throw new AssertionError("not up after a million steps");
    }

    /** Moves the clock to {@code next}: delivers the frame due then, or runs both sessions' timers. */
    private void step(long next) {
        now = Math.max(now, next);
        if (!queue.isEmpty() && queue.peek().at <= now) {
            InFlight f = queue.poll();
            if (f.toClient) handle(client.onFrame(f.bytes, now), false);
            else handle(server.onFrame(f.bytes, now), true);
        } else {
            handle(server.onTick(now), true);
            handle(client.onTick(now), false);
        }
    }

    private static long min(long a, OptionalLong b) { return b.isPresent() ? Math.min(a, b.getAsLong()) : a; }

    <T extends SessionAction> List<T> of(List<SessionAction> actions, Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
