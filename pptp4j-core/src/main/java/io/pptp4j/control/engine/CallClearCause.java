package io.pptp4j.control.engine;

/** Why a call ended, as reported in {@link ControlAction.CallCleared}. */
public enum CallClearCause {
    /** We (PNS) sent Call-Clear-Request and the peer answered with Call-Disconnect-Notify (RFC 2637 2.12). */
    CLEARED_ON_REQUEST,
    /**
     * We (PNS) sent Call-Clear-Request and no Call-Disconnect-Notify came in time: the call is taken as
     * cleared. poptop never answers a Call-Clear-Request with a Call-Disconnect-Notify.
     */
    DISCONNECT_TIMEOUT,
    /** The peer sent Call-Disconnect-Notify without being asked: hang-up, lost carrier, shutdown (RFC 2637 2.13). */
    PEER_DISCONNECTED,
    /** The peer (PNS) sent Call-Clear-Request and we (PAC) answered with Call-Disconnect-Notify. */
    PEER_CLEARED,
    /** We (PAC) sent Call-Disconnect-Notify on the application's command. */
    LOCAL_DISCONNECT,
    /** The peer answered our Outgoing- or Incoming-Call-Request with an error Result Code (RFC 2637 2.8, 2.10). */
    REFUSED_BY_PEER,
    /** The call setup did not complete in time (RFC 2637 3.2.1: one minute per state transition). */
    SETUP_TIMEOUT,
    /** The control connection ended, which clears every call on it (RFC 2637 2.3). */
    CONNECTION_ENDED
}
