package io.pptp4j.linux.pptp;

import io.pptp4j.control.engine.ControlAction;
import io.pptp4j.wire.Bytes;
import java.util.function.Consumer;

/**
 * What a server does with the PPP frames of a connected call. Until the PPP engine runs on top, the
 * server can echo frames (a loopback useful to test the data path) or drop them.
 */
@FunctionalInterface
public interface CallHandler {

    /**
     * @param call the call as connected
     * @param send sends a PPP frame to the peer over GRE
     * @return receives the PPP frames the peer sends
     */
    Consumer<Bytes> open(ControlAction.CallConnected call, Consumer<Bytes> send);

    /** Sends every frame straight back. */
    static CallHandler echo() { return (call, send) -> send; }

    /** Keeps the call up and drops what arrives. */
    static CallHandler discard() { return (call, send) -> frame -> { }; }
}
