package io.pptp4j.control.engine;

/** Which setup a call went through, named from the PAC's telephone line as RFC 2637 3.2.3 and 3.2.4 do. */
public enum CallDirection {
    /** Outgoing-Call-Request and -Reply (RFC 2637 3.2.4): how VPN clients ask a server for a session. */
    OUTGOING,
    /** Incoming-Call-Request, -Reply and -Connected (RFC 2637 3.2.3). */
    INCOMING
}
