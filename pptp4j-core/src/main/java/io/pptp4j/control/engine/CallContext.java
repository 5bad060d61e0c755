package io.pptp4j.control.engine;

import java.util.OptionalInt;

/** The mutable facts and the timer of one call (kept out of {@link CallState}). */
final class CallContext {
    /** RFC 2637 2.15: the ACCMs a PAC uses until Set-Link-Info says otherwise. */
    static final long DEFAULT_ACCM = 0xFFFFFFFFL;

    final int callId;
    final CallSide side;
    final CallDirection direction;
    /** Whether {@link #callId} came from the allocator (and goes back to it). */
    final boolean allocated;
    CallState state = CallState.IDLE;
    /** -1 until the peer tells us. */
    int peerCallId = -1;
    int callSerialNumber;
    int peerWindow;
    int peerDelay;
    long connectSpeed;
    long framingType;
    long sendAccm = DEFAULT_ACCM;
    long receiveAccm = DEFAULT_ACCM;
    /** The setup timer (WAIT_REPLY, WAIT_CONNECT) or the disconnect timer (WAIT_DISCONNECT). */
    final ControlTimer timer = new ControlTimer();
    /** What to report when a WAIT_DISCONNECT ends: a clear on request, or the abort of a setup that timed out. */
    CallClearCause clearCause = CallClearCause.CLEARED_ON_REQUEST;
    /** When we last sent WAN-Error-Notify for the call (RFC 2637 2.14: at most once a minute), null before. */
    Long lastWanErrorNotify;
    /** PAC incoming: what to send in Incoming-Call-Connected. */
    IncomingCallParameters incoming;

    CallContext(int callId, CallSide side, CallDirection direction, boolean allocated) {
        this.callId = callId;
        this.side = side;
        this.direction = direction;
        this.allocated = allocated;
    }

    OptionalInt peerCallIdIfKnown() { return peerCallId < 0 ? OptionalInt.empty() : OptionalInt.of(peerCallId); }

    /** {@code call 7 (PNS outgoing)}. */
    String name() {
        return "call " + callId + " (" + side + " " + direction.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    CallStatus status() {
        return new CallStatus(callId, peerCallIdIfKnown(), side, direction, state, callSerialNumber, peerWindow,
                peerDelay, connectSpeed, framingType, sendAccm, receiveAccm);
    }
}
