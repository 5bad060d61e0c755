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
 * <li>hashcat mode 4800 (MD5 CHAP, RFC 1994 4.1: MD5 of Identifier, secret and Challenge) for a CHAP-MD5
 *     handshake: {@code response:challenge:identifier}; the mode takes 16-octet challenges only, so a
 *     handshake with another challenge length has no line. John has none here.</li>
 * </ul>
 */
public final class HashLines {
    private HashLines() {}

    public enum Format { HASHCAT, JOHN }

    public static List<String> lines(ChapHandshake h, Format format) {
        if (h.kind() == AuthKind.CHAP_MD5) {
            return format == Format.HASHCAT && h.authenticatorChallenge().length() == 16 && h.ntResponse().length() == 16
                    ? List.of(h.ntResponse().hex() + ":" + h.authenticatorChallenge().hex() + ":"
                            + String.format("%02x", h.identifier()))
                    : List.of();
        }
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
