package io.pptp4j.linux.pptp;

import io.pptp4j.control.engine.ControlAction;
import java.net.InetSocketAddress;
import java.time.Duration;

/** What a {@link PptpServer} reports, for its log and its tests. */
public sealed interface ServerEvent {

    InetSocketAddress peer();

    record Listening(InetSocketAddress peer) implements ServerEvent {}

    record ConnectionOpened(InetSocketAddress peer, int connections) implements ServerEvent {}

    /** A connection over the limit, refused by closing it at once. */
    record ConnectionRefused(InetSocketAddress peer, String why) implements ServerEvent {}

    /** What the control connection engine said: Established, CallConnected, CallCleared, Stopped, Log... */
    record Control(InetSocketAddress peer, ControlAction action) implements ServerEvent {}

    /** The data plane of a call could not be opened: the call is cleared. */
    record CallFailed(InetSocketAddress peer, int callId, String why) implements ServerEvent {}

    /** A call's GRE session closed: what it carried (RFC 2637 4: sequence, acknowledgment and window counts). */
    record CallData(InetSocketAddress peer, int callId, io.pptp4j.gre.engine.GreCallCounters counters) implements ServerEvent {}

    record ConnectionClosed(InetSocketAddress peer, Duration duration) implements ServerEvent {}
}
