package io.pptp4j.control.engine;

/**
 * Which end of the TCP connection an engine is (RFC 2637 3.1): the control connection protocol is the
 * same for PAC and PNS but differs between the originator, which opened the TCP connection and sends the
 * Start-Control-Connection-Request, and the receiver, which accepted it and answers.
 *
 * <p>Which side of a call an engine is (PNS or PAC, {@link CallSide}) is a separate matter, decided per
 * call by who sends what: a VPN client (Windows, pptp-linux) is the originator and the PNS of its calls,
 * a VPN server (pptpd, accel-ppp, Windows RRAS) the receiver and the PAC.
 */
public enum ControlRole {
    /** Opened the TCP connection (a client): sends Start-Control-Connection-Request (RFC 2637 3.1.1). */
    ORIGINATOR,
    /** Accepted the TCP connection (a server): waits for Start-Control-Connection-Request (RFC 2637 3.1.2). */
    RECEIVER
}
