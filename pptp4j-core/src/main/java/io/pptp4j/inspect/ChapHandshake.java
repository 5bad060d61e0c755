package io.pptp4j.inspect;

import io.pptp4j.ppp.mschap.MsChapV2;
import io.pptp4j.wire.Bytes;
import java.util.Objects;

/**
 * One captured CHAP exchange (RFC 1994 4, RFC 2433 5-6, RFC 2759 3-5): the authenticator's Challenge,
 * the peer's Response and, when captured, the Success or Failure.
 *
 * @param kind {@link AuthKind#CHAP_MD5}, {@link AuthKind#MS_CHAP_V1} or {@link AuthKind#MS_CHAP_V2}
 * @param authenticatorName the Name of the Challenge
 * @param userName the Name of the Response, as sent (with a domain if the peer gave one)
 * @param authenticatorChallenge the Challenge Value (16 octets for MS-CHAP-V2, 8 for MS-CHAP)
 * @param peerChallenge MS-CHAP-V2's Peer-Challenge, else empty
 * @param ntResponse the 24-octet NT response (MS-CHAP family) or the 16-octet MD5 Value (CHAP-MD5)
 * @param lmResponse MS-CHAP's LM response when the peer sent one (not all zero), else empty
 * @param identifier the CHAP Identifier, which CHAP-MD5 hashes
 * @param authenticatorResponse MS-CHAP-V2's 20-octet {@code S=} value from the Success, else empty
 */
public record ChapHandshake(int sessionId, AuthKind kind, String authenticatorName, Bytes userName,
                            Bytes authenticatorChallenge, Bytes peerChallenge, Bytes ntResponse, Bytes lmResponse,
                            int identifier, AuthOutcome outcome, Bytes authenticatorResponse,
                            long challengeFrame, long responseFrame, long resultFrame) {
    public ChapHandshake {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(authenticatorChallenge, "authenticatorChallenge");
        Objects.requireNonNull(peerChallenge, "peerChallenge");
        Objects.requireNonNull(ntResponse, "ntResponse");
        Objects.requireNonNull(lmResponse, "lmResponse");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(authenticatorResponse, "authenticatorResponse");
    }

    public String user() { return userName.latin1(); }

    public boolean msChap() { return kind == AuthKind.MS_CHAP_V1 || kind == AuthKind.MS_CHAP_V2; }

    /**
     * The 8 octets DES encrypts under the NT hash: RFC 2759 8.2 ChallengeHash for MS-CHAP-V2, the
     * Challenge itself for MS-CHAP.
     */
    public Bytes desChallenge() {
        return switch (kind) {
            case MS_CHAP_V2 -> MsChapV2.challengeHash(peerChallenge, authenticatorChallenge, userName);
            case MS_CHAP_V1 -> authenticatorChallenge;
            default -> throw new IllegalStateException(kind.displayName() + " has no DES challenge");
        };
    }

    /** Frames of the Challenge, Response and result that were captured, ascending. */
    public java.util.List<Long> frames() {
        java.util.List<Long> f = new java.util.ArrayList<>(3);
        for (long x : new long[] {challengeFrame, responseFrame, resultFrame}) {
            if (x > 0) {
                f.add(x);
            }
        }
        return f;
    }
}
