package io.pptp4j.linux.pptp;

import io.pptp4j.control.engine.ControlAction;
import io.pptp4j.wire.Bytes;

/**
 * What a server does with the PPP frames of a connected call: run PPP on them ({@link PppCallHandler}),
 * echo them (a loopback for testing the data path) or drop them.
 */
@FunctionalInterface
public interface CallHandler {

    /**
     * @param call the call as connected
     * @param send sends a PPP frame to the peer over GRE, with the GRE window's flow control
     * @param hangUp clears the call (PPP ended on our side); may be called from any thread
     * @return receives the PPP frames the peer sends, and hears when the call ends
     */
    CallSession open(ControlAction.CallConnected call, io.pptp4j.linux.ppp.PacketSink send, Runnable hangUp);

    /** One call's frames, and its end. */
    interface CallSession {
        void frame(Bytes pppFrame);

        /** A frame where it lies in the receive buffer, valid during the call only: the data path's way. */
        default void frameInPlace(byte[] buf, int off, int len) { frame(Bytes.of(buf, off, off + len)); }

        /** The call was cleared or its control connection closed. */
        default void close() {}
    }

    /** Sends every frame straight back. */
    static CallHandler echo() { return (call, send, hangUp) -> send::send; }

    /** Keeps the call up and drops what arrives. */
    static CallHandler discard() { return (call, send, hangUp) -> frame -> { }; }
}
