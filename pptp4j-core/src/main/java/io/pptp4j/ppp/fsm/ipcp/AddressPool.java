package io.pptp4j.ppp.fsm.ipcp;

import java.net.Inet4Address;
import java.util.Optional;

/** Where a server takes the addresses it assigns to peers in IPCP (RFC 1332 3.3). */
public interface AddressPool {
    /** A free address, now taken; empty when the pool is exhausted. */
    Optional<Inet4Address> allocate();

    /** Gives an allocated address back. */
    void release(Inet4Address address);
}
