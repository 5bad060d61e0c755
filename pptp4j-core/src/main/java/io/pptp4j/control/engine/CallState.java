package io.pptp4j.control.engine;

/**
 * States of one call (RFC 2637 3.2.3.1, 3.2.3.2, 3.2.4.1, 3.2.4.2), for both {@link CallSide sides} and
 * both {@link CallDirection directions}. The transitions, with what is sent on each:
 *
 * <pre>
 * side/direction  state            event                                  sends                  next
 * --------------  ---------------  -------------------------------------  ---------------------  ---------------
 * PNS outgoing    IDLE             place call (command)                   OCRQ                   WAIT_REPLY
 *                 WAIT_REPLY       OCRP Result 1 (Connected)              -                      ESTABLISHED
 *                 WAIT_REPLY       OCRP other Result                      -                      IDLE
 *                 WAIT_REPLY       setup timer expires (abort)            CCRQ                   WAIT_DISCONNECT
 * PAC outgoing    IDLE             OCRQ accepted                          OCRP Result 1          ESTABLISHED
 *                 IDLE             OCRQ refused                           OCRP error             IDLE
 * PAC incoming    IDLE             ring (command)                         ICRQ                   WAIT_REPLY
 *                 WAIT_REPLY       ICRP Result 1 (Connect)                ICCN                   ESTABLISHED
 *                 WAIT_REPLY       ICRP other Result                      -                      IDLE
 *                 WAIT_REPLY       setup timer expires, abort (command)   CDN                    IDLE
 * PNS incoming    IDLE             ICRQ accepted                          ICRP Result 1          WAIT_CONNECT
 *                 IDLE             ICRQ refused                           ICRP error             IDLE
 *                 WAIT_CONNECT     ICCN                                   -                      ESTABLISHED
 *                 WAIT_CONNECT     setup timer expires (abort)            CCRQ                   WAIT_DISCONNECT
 * PNS, any        any but WAIT_DISCONNECT  clear (command)               CCRQ                   WAIT_DISCONNECT
 *                 any              CDN                                    -                      IDLE
 *                 WAIT_DISCONNECT  disconnect timer expires               -                      IDLE
 * PAC, any        any              CCRQ                                   CDN Result 4 (Request) IDLE
 *                 any              clear (command)                        CDN                    IDLE
 * </pre>
 *
 * Our PAC places an outgoing call at once (there is no telephone line to dial), so it passes through
 * the RFC's wait_cs_ans state within one step and this enum has no constant for it. A call in
 * {@code IDLE} no longer exists: its Call ID goes back to the allocator. Timers live in the call's
 * context, not in this enum.
 */
public enum CallState {
    /** RFC 2637 3.2 idle: no call; a call that reaches it is removed. */
    IDLE,
    /**
     * RFC 2637 3.2.4.2 wait_reply (PNS outgoing: Outgoing-Call-Request sent, waiting for the Reply) and
     * 3.2.3.1 wait_reply (PAC incoming: Incoming-Call-Request sent, waiting for the Reply).
     */
    WAIT_REPLY,
    /**
     * RFC 2637 3.2.3.2 wait_connect (PNS incoming): Incoming-Call-Reply accepting the call sent, waiting
     * for Incoming-Call-Connected.
     */
    WAIT_CONNECT,
    /** RFC 2637 3.2 established: the call is up and data flows through the GRE tunnel. */
    ESTABLISHED,
    /**
     * RFC 2637 3.2.3.2/3.2.4.2 wait_disconnect (PNS): Call-Clear-Request sent, waiting for
     * Call-Disconnect-Notify; a PAC that never sends it (poptop) is timed out.
     */
    WAIT_DISCONNECT
}
