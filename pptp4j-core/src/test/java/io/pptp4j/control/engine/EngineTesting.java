package io.pptp4j.control.engine;

import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.control.ControlMessage.StartControlConnectionRequest;
import io.pptp4j.control.engine.ControlAction.Send;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/** Configurations, engines brought to a state, and action filters for the engine tests. */
final class EngineTesting {
    static final long T0 = ControlPump.START;
    static final long SECOND = 1_000_000_000L;

    private EngineTesting() {}

    static ControlConnectionConfig clientConfig() { return ControlConnectionConfig.client("client.example"); }

    static ControlConnectionConfig serverConfig(CallIdAllocator callIds) {
        return ControlConnectionConfig.server("server.example", callIds);
    }

    /** What a server says in its reply to {@link #clientConfig()}'s request. */
    static StartControlConnectionReply sccrp(int version, int result) {
        return new StartControlConnectionReply(version, result, 0, 1, 1, 1, 0x0100, "pac.example", "Vendor");
    }

    static StartControlConnectionRequest sccrq(int version) {
        return new StartControlConnectionRequest(version, 1, 1, 0, 0x0200, "pns.example", "Client Vendor");
    }

    /** A client that sent its request and got a successful reply at {@link #T0}. */
    static ControlConnectionEngine establishedClient(ControlConnectionConfig config) {
        ControlConnectionEngine e = new ControlConnectionEngine(config);
        e.start(T0);
        e.onMessage(sccrp(0x0100, 1), T0);
        if (e.state() != ControlState.ESTABLISHED) {
            throw new AssertionError("client not established: " + e.state());
        }
        return e;
    }

    static ControlConnectionEngine establishedServer(ControlConnectionConfig config) {
        ControlConnectionEngine e = new ControlConnectionEngine(config);
        e.start(T0);
        e.onMessage(sccrq(0x0100), T0);
        if (e.state() != ControlState.ESTABLISHED) {
            throw new AssertionError("server not established: " + e.state());
        }
        return e;
    }

    static long at(Duration d) { return T0 + d.toNanos(); }

    static <T extends ControlAction> List<T> ofType(List<ControlAction> actions, Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static List<ControlMessage> sent(List<ControlAction> actions) {
        return ofType(actions, Send.class).stream().map(Send::message).toList();
    }

    /** The actions without Log lines, to compare whole outcomes. */
    static List<ControlAction> withoutLogs(List<ControlAction> actions) {
        return actions.stream().filter(a -> !(a instanceof ControlAction.Log)).toList();
    }

    /**
     * A {@link CallIdPool} that also checks that every ID it hands out comes back exactly once, and that
     * nothing else does.
     */
    static final class TrackingAllocator implements CallIdAllocator {
        private final CallIdPool pool;
        private final Set<Integer> out = new HashSet<>();
        final List<String> misuse = new ArrayList<>();
        int allocations;

        TrackingAllocator(int first, int last) { this.pool = new CallIdPool(first, last); }

        @Override
        public OptionalInt allocate() {
            OptionalInt id = pool.allocate();
            id.ifPresent(v -> {
                allocations++;
                if (!out.add(v)) {
                    misuse.add("handed out " + v + " twice");
                }
            });
            return id;
        }

        @Override
        public void release(int callId) {
            if (!out.remove(callId)) {
                misuse.add("released " + callId + ", which is not out");
            }
            pool.release(callId);
        }

        Set<Integer> inUse() { return Set.copyOf(out); }
    }
}
