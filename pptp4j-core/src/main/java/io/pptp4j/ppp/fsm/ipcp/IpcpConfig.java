package io.pptp4j.ppp.fsm.ipcp;

import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link IpcpPolicy} offers and asks for.
 *
 * @param localAddress our IP-Address; empty to ask the peer for one with 0.0.0.0 (a client)
 * @param pool where to take the peer's address from; empty when we do not assign addresses (a client)
 * @param dnsServers primary and secondary DNS we give the peer (RFC 1877 1.1, 1.3); none: we Reject its requests
 * @param nbnsServers primary and secondary NBNS we give the peer (RFC 1877 1.2, 1.4)
 * @param requestDns whether we ask the peer for DNS servers with 0.0.0.0 (a client)
 * @param requestNbns whether we ask the peer for NBNS servers with 0.0.0.0
 */
public record IpcpConfig(Optional<Inet4Address> localAddress, Optional<AddressPool> pool, List<Inet4Address> dnsServers,
                         List<Inet4Address> nbnsServers, boolean requestDns, boolean requestNbns) {
    public IpcpConfig {
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(pool, "pool");
        dnsServers = List.copyOf(dnsServers);
        nbnsServers = List.copyOf(nbnsServers);
        if (dnsServers.size() > 2 || nbnsServers.size() > 2) {
            throw new IllegalArgumentException("at most a primary and a secondary server: DNS " + dnsServers + ", NBNS " + nbnsServers);
        }
    }

    /** A server: our address, the peer's from the pool, DNS and NBNS as given. */
    public static IpcpConfig server(Inet4Address localAddress, AddressPool pool, List<Inet4Address> dnsServers,
                                    List<Inet4Address> nbnsServers) {
        return new IpcpConfig(Optional.of(localAddress), Optional.of(pool), dnsServers, nbnsServers, false, false);
    }

    /** A client: asks for its address and DNS servers (and NBNS if asked). */
    public static IpcpConfig client(boolean requestDns, boolean requestNbns) {
        return new IpcpConfig(Optional.empty(), Optional.empty(), List.of(), List.of(), requestDns, requestNbns);
    }
}
