package io.pptp4j.control.engine;

/** Why a control connection ended, as reported in {@link ControlAction.Stopped}. */
public enum StopCause {
    /** We sent Stop-Control-Connection-Request on the application's command (RFC 2637 2.3). */
    LOCAL_REQUEST,
    /** The peer sent Stop-Control-Connection-Request and we answered (RFC 2637 2.3, 2.4). */
    PEER_REQUEST,
    /** The peer's Start-Control-Connection-Reply refused the connection (RFC 2637 2.2). */
    START_REFUSED,
    /** One side could not support the other's Protocol Version (RFC 2637 2.2, 3.1.1). */
    VERSION_NOT_SUPPORTED,
    /** The peer sent a message the strict decoder refused (RFC 2637 1.4, 3). */
    MALFORMED_MESSAGE,
    /** No Start-Control-Connection-Request or -Reply came in time (RFC 2637 3.1.4, item 1). */
    START_TIMEOUT,
    /** No Echo-Reply came in time (RFC 2637 3.1.4, item 2). */
    ECHO_TIMEOUT,
    /** The TCP connection closed or failed under us. */
    TRANSPORT_CLOSED
}
