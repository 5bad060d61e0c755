package io.pptp4j.control.engine;

import java.util.OptionalInt;

/** The timers, counters and pending facts of one control connection (kept out of {@link ControlState}). */
final class ControlContext {
    /** The start timer (IDLE, receiver), the reply timer (WAIT_CTL_REPLY) or the stop timer (WAIT_STOP_REPLY). */
    final ControlTimer stateTimer = new ControlTimer();
    /** Armed while one of our Echo-Requests waits for its Reply. */
    final ControlTimer echoTimer = new ControlTimer();
    boolean started;
    /** When the last message came from the peer: the echo interval counts from here (RFC 2637 3.1.4). */
    long lastReceived;
    long lastEchoIdentifier;
    long nextEchoIdentifier = 1;

    /** What to report in Stopped once the stop we began (WAIT_STOP_REPLY) completes. */
    StopCause pendingStopCause;
    OptionalInt pendingStopReason = OptionalInt.empty();
    OptionalInt pendingStopError = OptionalInt.empty();
    String pendingStopDetail = "";

    long messagesReceived;
    long messagesSent;
    long echoRequestsSent;
    long echoRepliesReceived;
    long unexpectedMessages;

    ControlCounters counters() {
        return new ControlCounters(messagesReceived, messagesSent, echoRequestsSent, echoRepliesReceived,
                unexpectedMessages);
    }
}
