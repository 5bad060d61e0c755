package io.pptp4j.ppp.fsm.lcp;

import java.util.List;
import java.util.Objects;

/**
 * What {@link LcpPolicy} asks for and accepts.
 *
 * @param mru the Maximum-Receive-Unit we request (RFC 1661 6.1); PPTP peers use 1400
 * @param minimumMru the smallest MRU we accept from the peer; a smaller one is Nak'd up to this
 * @param requestAccm whether we request an Async-Control-Character-Map of 0 (RFC 1662 7.1), as pppd does on PPTP
 * @param authProtocols the authentication protocols we allow, most preferred first: as authenticator we
 *     request the first and move down the list when the peer Naks; as the authenticated side we Ack one
 *     of these and Nak toward the first otherwise
 * @param authenticatePeer whether we request an Authentication-Protocol (we are the authenticator)
 * @param requestPfc whether we request Protocol-Field-Compression
 * @param requestAcfc whether we request Address-and-Control-Field-Compression
 * @param maxMagicCollisions how many times the peer's Magic-Number may equal ours (RFC 1661 6.4) before we
 *     declare the link looped back
 */
public record LcpConfig(int mru, int minimumMru, boolean requestAccm, List<AuthProtocol> authProtocols,
                        boolean authenticatePeer, boolean requestPfc, boolean requestAcfc, int maxMagicCollisions) {

    public LcpConfig {
        authProtocols = List.copyOf(Objects.requireNonNull(authProtocols, "authProtocols"));
        if (mru < 64 || mru > 0xFFFF || minimumMru < 64 || minimumMru > mru) {
            throw new IllegalArgumentException("MRU " + mru + " and minimum MRU " + minimumMru + ": need 64 <= minimum <= MRU <= 65535");
        }
        if (authenticatePeer && authProtocols.isEmpty()) {
            throw new IllegalArgumentException("authenticating the peer needs at least one authentication protocol");
        }
        if (authProtocols.stream().distinct().count() != authProtocols.size()) {
            throw new IllegalArgumentException("authentication protocols repeat: " + authProtocols);
        }
        if (maxMagicCollisions < 1) {
            throw new IllegalArgumentException("maxMagicCollisions " + maxMagicCollisions + " must be at least 1");
        }
    }

    /** A PPTP server: MRU 1400, ACCM 0, authenticates the peer with MS-CHAPv2, PFC and ACFC. */
    public static LcpConfig pptpServer() {
        return new LcpConfig(1400, 576, true, List.of(AuthProtocol.MS_CHAP_V2), true, true, true, 5);
    }

    /** A PPTP client: MRU 1400, ACCM 0, agrees to be authenticated with MS-CHAPv2, PFC and ACFC. */
    public static LcpConfig pptpClient() {
        return new LcpConfig(1400, 576, true, List.of(AuthProtocol.MS_CHAP_V2), false, true, true, 5);
    }

    public LcpConfig withAuthProtocols(List<AuthProtocol> protocols) {
        return new LcpConfig(mru, minimumMru, requestAccm, protocols, authenticatePeer, requestPfc, requestAcfc, maxMagicCollisions);
    }
}
