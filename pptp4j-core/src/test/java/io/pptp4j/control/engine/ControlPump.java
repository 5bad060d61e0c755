package io.pptp4j.control.engine;

import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.control.ControlStreamFramer;
import io.pptp4j.control.FramerResult;
import io.pptp4j.control.engine.ControlAction.CloseTransport;
import io.pptp4j.control.engine.ControlAction.Send;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A client engine and a server engine joined by an in-memory TCP connection on a simulated clock. Each
 * message sent is encoded with {@link ControlMessageCodec}, cut at random points and fed to the other
 * side's strict {@link ControlStreamFramer}, whose messages (or errors) go to that side's engine. A
 * CloseTransport reaches the other side, after the bytes sent before it, as onTransportClosed.
 */
final class ControlPump {
    /** Any start: the engines must not assume a clock at zero. */
    static final long START = 5_000_000_000L;
    private static final Object CLOSE = new Object();
    private static final int MAX_ROUNDS = 10_000;
    /** {@code maxPiece} that delivers what is queued in one piece: one TCP segment. */
    static final int WHOLE = Integer.MAX_VALUE;

    final Side client;
    final Side server;
    /** Every message delivered, as {@code client SCCRQ} (the sender, then the abbreviation). */
    final List<String> wire = new ArrayList<>();
    private final Random random;
    private final int maxPiece;
    long now = START;

    final class Side {
        final String name;
        final ControlConnectionEngine engine;
        final ControlStreamFramer framer = new ControlStreamFramer(DecodeMode.STRICT);
        /** Everything the engine returned, in order. */
        final List<ControlAction> actions = new ArrayList<>();
        private final Deque<Object> inbound = new ArrayDeque<>();
        /** Messages this side sends that the link loses, to play a peer that never sends them. */
        Predicate<ControlMessage> drop = m -> false;
        boolean transportClosed;
        private boolean readBroken;
        private Side peer;

        Side(String name, ControlConnectionEngine engine) {
            this.name = name;
            this.engine = engine;
        }

        /** Runs a command on this side's engine, performs its actions and delivers everything in flight. */
        List<ControlAction> command(Function<ControlConnectionEngine, List<ControlAction>> command) {
            List<ControlAction> result = command.apply(engine);
            perform(this, result);
            run();
            return result;
        }

        /** Puts raw bytes on the wire towards this side, as if its peer had sent them. */
        void inject(byte[] bytes) {
            inbound.add(bytes.clone());
            run();
        }

        <T extends ControlAction> List<T> actions(Class<T> type) { return EngineTesting.ofType(actions, type); }

        List<ControlMessage> sent() { return EngineTesting.sent(actions); }
    }

    ControlPump(ControlConnectionConfig clientConfig, ControlConnectionConfig serverConfig, long seed, int maxPiece) {
        this.client = new Side("client", new ControlConnectionEngine(clientConfig));
        this.server = new Side("server", new ControlConnectionEngine(serverConfig));
        client.peer = server;
        server.peer = client;
        this.random = new Random(seed);
        this.maxPiece = maxPiece;
    }

    /** The TCP connection opens: the server waits, the client sends its request; runs until quiet. */
    ControlPump start() {
        perform(server, server.engine.start(now));
        perform(client, client.engine.start(now));
        run();
        return this;
    }

    /** Delivers what is in flight in both directions until nothing moves. */
    void run() {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean moved = deliverOne(client);
            moved |= deliverOne(server);
            if (!moved) {
                return;
            }
        }
        throw new AssertionError("the pump did not settle in " + MAX_ROUNDS + " rounds");
    }

    /** Moves the clock on by {@code d}, ticking each engine at each of its deadlines on the way. */
    void advance(Duration d) {
        long target = now + d.toNanos();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            long next = ControlTimer.earlier(client.engine.nextDeadlineNanos(), server.engine.nextDeadlineNanos());
            if (next == ControlConnectionEngine.NO_DEADLINE || next - target > 0) {
                now = target;
                return;
            }
            now = Math.max(now, next);
            // Both engines tick before anything is delivered, as two hosts whose timers fire together.
            for (Side side : List.of(client, server)) {
                if (side.engine.nextDeadlineNanos() - now <= 0) {
                    perform(side, side.engine.onTick(now));
                }
            }
            run();
        }
        throw new AssertionError("the clock did not reach its target in " + MAX_ROUNDS + " rounds");
    }

    private void perform(Side side, List<ControlAction> actions) {
        side.actions.addAll(actions);
        for (ControlAction a : actions) {
            switch (a) {
                case Send s -> {
                    if (!side.transportClosed && !side.drop.test(s.message())) {
                        side.peer.inbound.add(ControlMessageCodec.encode(s.message()));
                    }
                }
                case CloseTransport c -> {
                    if (!side.transportClosed) {
                        side.transportClosed = true;
                        side.peer.inbound.add(CLOSE);
                    }
                }
                default -> { }
            }
        }
    }

    private boolean deliverOne(Side side) {
        Object item = side.inbound.poll();
        if (item == null) {
            return false;
        }
        if (side.transportClosed) {
            return true; // a closed socket reads nothing more
        }
        if (item == CLOSE) {
            side.transportClosed = true;
            perform(side, side.engine.onTransportClosed(now));
            return true;
        }
        // TCP keeps no message boundaries: what is queued goes as one stream, cut anywhere.
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        stream.writeBytes((byte[]) item);
        while (side.inbound.peek() instanceof byte[] more) {
            stream.writeBytes(more);
            side.inbound.poll();
        }
        byte[] bytes = stream.toByteArray();
        int offset = 0;
        while (offset < bytes.length && !side.readBroken) {
            int n = maxPiece == WHOLE ? bytes.length - offset : 1 + random.nextInt(Math.min(maxPiece, bytes.length - offset));
            side.framer.offer(bytes, offset, n);
            offset += n;
            drain(side);
        }
        return true;
    }

    private void drain(Side side) {
        for (int i = 0; i < MAX_ROUNDS && !side.readBroken && !side.transportClosed; i++) {
            FramerResult r;
            try {
                r = side.framer.next();
            } catch (DecodeException e) {
                // RFC 2637 1.4: no resynchronising; the stream is not read any further.
                side.readBroken = true;
                perform(side, side.engine.onMalformed(e, now));
                return;
            }
            switch (r) {
                case FramerResult.Complete c -> {
                    wire.add(side.peer.name + " " + c.message().abbreviation());
                    perform(side, side.engine.onMessage(c.message(), now));
                }
                case FramerResult.NeedMore n -> {
                    return;
                }
                case FramerResult.Malformed m -> throw new AssertionError("a strict framer reported " + m);
            }
        }
    }
}
