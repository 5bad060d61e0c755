package io.pptp4j.control.engine;

import java.time.Duration;

/**
 * The timers of a control connection and its calls (RFC 2637 3.1.4, 3.2.1).
 *
 * @param startTimeout how long the receiver waits for the peer's Start-Control-Connection-Request after
 *     the TCP connection is accepted. RFC 2637 3.1.4 says 60 s; we default to 15 s because a peer that
 *     connects and says nothing holds a connection slot all that time (poptop's fixed 10 s wait in its
 *     accept path is a known denial of service; the adapter keeps the wait off the accept loop)
 * @param startReplyTimeout how long the originator waits for Start-Control-Connection-Reply (60 s, RFC
 *     2637 3.1.4 item 1)
 * @param echoInterval how long the established connection may stay silent before we send an Echo-Request
 *     (60 s, RFC 2637 3.1.4 item 2)
 * @param echoReplyTimeout how long we wait for the Echo-Reply before closing the connection (60 s, RFC
 *     2637 3.1.4 item 2)
 * @param callSetupTimeout how long a call may stay in a setup state (waiting for Outgoing- or
 *     Incoming-Call-Reply or for Incoming-Call-Connected) before it is aborted (one minute, RFC 2637 3.2.1)
 * @param callDisconnectTimeout how long a Call-Clear-Request waits for Call-Disconnect-Notify before the
 *     call is taken as cleared: poptop never sends it, so this is short (10 s) and is not an error
 * @param stopReplyTimeout how long a Stop-Control-Connection-Request waits for its Reply before we close
 *     anyway; RFC 2637 3 allows 60 s for any reply, but nothing is lost by closing sooner (10 s): the
 *     peer has been told
 */
public record ControlTimers(Duration startTimeout, Duration startReplyTimeout, Duration echoInterval,
                            Duration echoReplyTimeout, Duration callSetupTimeout, Duration callDisconnectTimeout,
                            Duration stopReplyTimeout) {

    public static final ControlTimers DEFAULT = new ControlTimers(Duration.ofSeconds(15), Duration.ofSeconds(60),
            Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(10),
            Duration.ofSeconds(10));

    public ControlTimers {
        Checks.timer(startTimeout, "start timeout");
        Checks.timer(startReplyTimeout, "start reply timeout");
        Checks.timer(echoInterval, "echo interval");
        Checks.timer(echoReplyTimeout, "echo reply timeout");
        Checks.timer(callSetupTimeout, "call setup timeout");
        Checks.timer(callDisconnectTimeout, "call disconnect timeout");
        Checks.timer(stopReplyTimeout, "stop reply timeout");
    }

    public ControlTimers withStartTimeout(Duration d) {
        return new ControlTimers(d, startReplyTimeout, echoInterval, echoReplyTimeout, callSetupTimeout,
                callDisconnectTimeout, stopReplyTimeout);
    }

    public ControlTimers withStartReplyTimeout(Duration d) {
        return new ControlTimers(startTimeout, d, echoInterval, echoReplyTimeout, callSetupTimeout,
                callDisconnectTimeout, stopReplyTimeout);
    }

    public ControlTimers withEchoInterval(Duration d) {
        return new ControlTimers(startTimeout, startReplyTimeout, d, echoReplyTimeout, callSetupTimeout,
                callDisconnectTimeout, stopReplyTimeout);
    }

    public ControlTimers withEchoReplyTimeout(Duration d) {
        return new ControlTimers(startTimeout, startReplyTimeout, echoInterval, d, callSetupTimeout,
                callDisconnectTimeout, stopReplyTimeout);
    }

    public ControlTimers withCallSetupTimeout(Duration d) {
        return new ControlTimers(startTimeout, startReplyTimeout, echoInterval, echoReplyTimeout, d,
                callDisconnectTimeout, stopReplyTimeout);
    }

    public ControlTimers withCallDisconnectTimeout(Duration d) {
        return new ControlTimers(startTimeout, startReplyTimeout, echoInterval, echoReplyTimeout, callSetupTimeout,
                d, stopReplyTimeout);
    }

    public ControlTimers withStopReplyTimeout(Duration d) {
        return new ControlTimers(startTimeout, startReplyTimeout, echoInterval, echoReplyTimeout, callSetupTimeout,
                callDisconnectTimeout, d);
    }
}
