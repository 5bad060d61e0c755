package io.pptp4j.control.engine;

/**
 * States of a control connection (RFC 2637 3.1), one set for both roles. The transitions, with what is
 * sent on each ({@link ControlConnectionEngine} implements this table):
 *
 * <pre>
 * state            event                                      sends                 next
 * ---------------  -----------------------------------------  --------------------  ---------------
 * IDLE (orig.)     start                                      SCCRQ                 WAIT_CTL_REPLY
 * IDLE (recv.)     start (TCP accepted)                       -                     IDLE, start timer
 * IDLE (recv.)     SCCRQ, Protocol Version &gt;= 1.0             SCCRP Result 1        ESTABLISHED
 * IDLE (recv.)     SCCRQ, Protocol Version &lt; 1.0              SCCRP Result 5, close CLOSED
 * IDLE (recv.)     start timer expires (silent peer)           close                 CLOSED
 * WAIT_CTL_REPLY   SCCRP Result 1 (or 0), version &gt;= 1.0      -                     ESTABLISHED
 * WAIT_CTL_REPLY   SCCRP Result 1 (or 0), version &lt; 1.0       StopCCRQ Reason 2     WAIT_STOP_REPLY
 * WAIT_CTL_REPLY   SCCRP other Result                         close                 CLOSED
 * WAIT_CTL_REPLY   reply timer expires                        close                 CLOSED
 * ESTABLISHED      SCCRQ                                      SCCRP Result 3        ESTABLISHED
 * ESTABLISHED      nothing received for the echo interval     Echo-Request          ESTABLISHED
 * ESTABLISHED      no Echo-Reply within the echo time-out     close                 CLOSED
 * ESTABLISHED      stop (local terminate)                     StopCCRQ              WAIT_STOP_REPLY
 * WAIT_STOP_REPLY  StopCCRP, or reply timer expires           close                 CLOSED
 * any but CLOSED   StopCCRQ                                   StopCCRP, close       CLOSED
 * any but CLOSED   Echo-Request                               Echo-Reply            same
 * any but CLOSED   malformed message                          StopCCRQ Reason 2 (not in IDLE), close  CLOSED
 * any but CLOSED   transport closed                           close                 CLOSED
 * </pre>
 *
 * Calls live in {@code ESTABLISHED} only; leaving it clears them all (RFC 2637 2.3: "all active user
 * calls are implicitly cleared"). The counters and timers of a connection are kept apart from this enum,
 * in the engine's context.
 */
public enum ControlState {
    /**
     * RFC 2637 3.1.1/3.1.2 idle: the originator has not sent its Start-Control-Connection-Request yet; the
     * receiver has the TCP connection and waits for one, for a bounded time (a peer that connects and
     * says nothing is dropped).
     */
    IDLE,
    /**
     * RFC 2637 3.1.1 wait_ctl_reply: the originator sent Start-Control-Connection-Request and waits for the
     * Reply, whose version it then checks.
     */
    WAIT_CTL_REPLY,
    /**
     * RFC 2637 3.1 established: Start-Control-Connection-Request and -Reply have been exchanged; calls can
     * be set up, and Echo-Requests keep the connection alive (3.1.4).
     */
    ESTABLISHED,
    /**
     * RFC 2637 3.1.1/3.1.2 wait_stop_reply: we sent Stop-Control-Connection-Request (a local terminate, or
     * a version we cannot support) and wait for the Reply before closing the TCP connection.
     */
    WAIT_STOP_REPLY,
    /**
     * The engine asked for the TCP connection to be closed, or learnt that it was: RFC 2637's idle after a
     * connection ends. The engine ignores everything from now on; a new connection needs a new engine.
     */
    CLOSED
}
