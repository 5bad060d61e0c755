package io.pptp4j.control.engine;

/**
 * Our side of one call in RFC 2637's terms, fixed by the messages of its setup: the PNS sends
 * Outgoing-Call-Request, answers Incoming-Call-Request and sends Call-Clear-Request; the PAC answers
 * Outgoing-Call-Request, sends Incoming-Call-Request and Call-Disconnect-Notify (RFC 2637 3.2).
 */
public enum CallSide {
    /** PPTP Network Server: asks for outgoing calls, accepts incoming ones, clears calls. */
    PNS,
    /** PPTP Access Concentrator: places the calls the PNS asks for, reports incoming ones and disconnects. */
    PAC
}
