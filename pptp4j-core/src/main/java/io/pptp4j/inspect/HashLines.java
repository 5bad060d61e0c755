package io.pptp4j.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * Captured MS-CHAP handshakes in the text forms password crackers read.
 *
 * <ul>
 * <li>hashcat mode 5500 (NetNTLMv1): {@code user::domain:LM-response:NT-response:challenge}, the challenge
 *     being the 8 octets DES encrypted: for MS-CHAP-V2 the RFC 2759 8.2 ChallengeHash of both challenges
 *     and the user name, for MS-CHAP the authenticator's challenge. Domain and (unless the peer sent one)
 *     the LM response are empty.</li>
 * <li>John the Ripper: {@code user:$NETNTLM$challenge$NT-response} (the same 8-octet challenge), and for
 *     MS-CHAP-V2 also {@code user:$MSCHAPv2$authenticator-challenge$NT-response$peer-challenge$user}, from
 *     which John computes the ChallengeHash itself.</li>
 * </ul>
 * CHAP-MD5 handshakes have no line here.
 */
public final class HashLines {
    private HashLines() {}

    public enum Format { HASHCAT, JOHN }

    public static List<String> lines(ChapHandshake h, Format format) {
        if (!h.msChap()) {
            return List.of();
        }
        String user = h.user();
        String challenge = h.desChallenge().hex();
        String nt = h.ntResponse().hex();
        List<String> out = new ArrayList<>(2);
        switch (format) {
            case HASHCAT -> out.add(user + "::" + ":" + h.lmResponse().hex() + ":" + nt + ":" + challenge);
            case JOHN -> {
                if (h.kind() == AuthKind.MS_CHAP_V2) {
                    out.add(user + ":$MSCHAPv2$" + h.authenticatorChallenge().hex() + "$" + nt + "$"
                            + h.peerChallenge().hex() + "$" + user);
                }
                out.add(user + ":$NETNTLM$" + challenge + "$" + nt);
            }
        }
        return out;
    }
}
