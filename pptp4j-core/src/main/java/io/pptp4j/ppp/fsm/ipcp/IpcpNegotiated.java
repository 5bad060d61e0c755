package io.pptp4j.ppp.fsm.ipcp;

import java.net.Inet4Address;
import java.util.List;

/** The IPCP values both sides acknowledged: the two ends of the link and the name servers we were given. */
public record IpcpNegotiated(Inet4Address localAddress, Inet4Address peerAddress, List<Inet4Address> dnsServers,
                            List<Inet4Address> nbnsServers) {
    public IpcpNegotiated {
        dnsServers = List.copyOf(dnsServers);
        nbnsServers = List.copyOf(nbnsServers);
    }
}
