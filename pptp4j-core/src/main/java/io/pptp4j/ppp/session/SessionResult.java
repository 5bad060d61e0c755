package io.pptp4j.ppp.session;

import io.pptp4j.ppp.fsm.lcp.AuthProtocol;
import io.pptp4j.ppp.fsm.ccp.MppeNegotiated;
import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a session agreed once the network is up.
 *
 * @param authProtocol the authentication protocol run, empty when none was
 * @param peerName the name the peer authenticated as (on the client: the name we authenticated as); empty without authentication
 * @param mppe the MPPE option agreed (bits, strength, stateless), empty when datagrams go in clear
 * @param localAddress our IP address
 * @param remoteAddress the peer's IP address
 * @param dnsServers the DNS servers IPCP carried (given to us on a client, to the peer on a server)
 * @param ourMru what we receive
 * @param peerMru the largest packet we may send
 */
public record SessionResult(Optional<AuthProtocol> authProtocol, String peerName, Optional<MppeNegotiated> mppe,
                            Inet4Address localAddress, Inet4Address remoteAddress, List<Inet4Address> dnsServers,
                            int ourMru, int peerMru) {
    public SessionResult {
        Objects.requireNonNull(authProtocol, "authProtocol");
        Objects.requireNonNull(peerName, "peerName");
        Objects.requireNonNull(mppe, "mppe");
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        dnsServers = List.copyOf(dnsServers);
    }

    /** The MPPE key length in bits, 0 without MPPE. */
    public int mppeBits() { return mppe.map(MppeNegotiated::keyBits).orElse(0); }

    /** MPPE's cost in a frame's Information field: the 2-octet header and the encrypted protocol field (RFC 3078 3). */
    public static final int MPPE_OVERHEAD = 4;

    /**
     * The largest IP datagram we may send: the peer's MRU bounds the Information field (RFC 1661 6.1), which
     * with MPPE also holds the MPPE header and the protocol field. So 1396 for an MRU of 1400: the
     * figure poptop and accel-ppp found Windows needs, 4 below the naive one.
     */
    public int interfaceMtu() { return peerMru - (mppe.isPresent() ? MPPE_OVERHEAD : 0); }

    /** Whether MPPE runs in stateless mode (false without MPPE). */
    public boolean mppeStateless() { return mppe.map(MppeNegotiated::stateless).orElse(false); }
}
