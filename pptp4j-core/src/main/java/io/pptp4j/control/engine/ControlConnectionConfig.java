package io.pptp4j.control.engine;

import java.util.Objects;

/**
 * Everything a {@link ControlConnectionEngine} is told up front.
 *
 * @param role originator (client) or receiver (server) of the TCP connection
 * @param identity what we say about ourselves in Start-Control-Connection-Request or -Reply
 * @param timers the connection's and calls' timers
 * @param callPolicy how we answer the calls the peer asks for
 * @param callIds where the Call IDs of the calls the peer asks for come from; share one between all
 *     connections of a server
 */
public record ControlConnectionConfig(ControlRole role, HostIdentity identity, ControlTimers timers,
                                      CallPolicy callPolicy, CallIdAllocator callIds) {

    public ControlConnectionConfig {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(callPolicy, "callPolicy");
        Objects.requireNonNull(callIds, "callIds");
    }

    /**
     * A client: originator, Maximum Channels 0 (RFC 2637 2.1: a PNS SHOULD send 0), accepts no calls
     * from the peer, Call IDs for answered calls from its own pool.
     */
    public static ControlConnectionConfig client(String hostName) {
        return new ControlConnectionConfig(ControlRole.ORIGINATOR, HostIdentity.pptp4j(hostName, 0),
                ControlTimers.DEFAULT, CallPolicy.client(), CallIdAllocator.range(1, 0xFFFF));
    }

    /** A server: receiver, one outgoing call per connection, Call IDs from the server-wide {@code callIds}. */
    public static ControlConnectionConfig server(String hostName, CallIdAllocator callIds) {
        CallPolicy policy = CallPolicy.server();
        return new ControlConnectionConfig(ControlRole.RECEIVER, HostIdentity.pptp4j(hostName, policy.maxCalls()),
                ControlTimers.DEFAULT, policy, callIds);
    }

    public ControlConnectionConfig withIdentity(HostIdentity value) {
        return new ControlConnectionConfig(role, value, timers, callPolicy, callIds);
    }

    public ControlConnectionConfig withTimers(ControlTimers value) {
        return new ControlConnectionConfig(role, identity, value, callPolicy, callIds);
    }

    public ControlConnectionConfig withCallPolicy(CallPolicy value) {
        return new ControlConnectionConfig(role, identity, timers, value, callIds);
    }

    public ControlConnectionConfig withCallIds(CallIdAllocator value) {
        return new ControlConnectionConfig(role, identity, timers, callPolicy, value);
    }
}
