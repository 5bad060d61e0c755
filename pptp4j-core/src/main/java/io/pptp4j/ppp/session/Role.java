package io.pptp4j.ppp.session;

/** Which end of the link a session is. */
public enum Role {
    /** The authenticator: a PPTP Network Server (PNS) side, handing out addresses. */
    SERVER,
    /** The authenticated peer: a PPTP client (PAC side), asking for an address. */
    CLIENT
}
