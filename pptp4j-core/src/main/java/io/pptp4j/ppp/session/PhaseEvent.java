package io.pptp4j.ppp.session;

/** What moves a link from one {@link Phase} to another (RFC 1661 3.2). */
public enum PhaseEvent {
    /** The lower layer is up and the link administratively open: Dead to Establish. */
    UP,
    /** LCP reached Opened: Establish to Authenticate. */
    LCP_OPENED,
    /** Authentication succeeded (or none was agreed): Authenticate to Network. */
    AUTHENTICATED,
    /** LCP left Opened on a peer's new Configure-Request: back to Establish. */
    RENEGOTIATE,
    /** LCP is closing (Terminate-Request sent or received), from a failure or an administrative Close: Terminate. */
    CLOSING,
    /** LCP finished or the lower layer went down: Dead. */
    DOWN
}
