package io.pptp4j.ppp.mschap;

import static io.pptp4j.ppp.mschap.Primitives.exact;

import io.pptp4j.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The MS-CHAP (v1) computations of RFC 2433 appendix A, and the MPPE start keys that RFC 3079 section 2
 * derives from MS-CHAP credentials.
 *
 * <pre>
 * NtChallengeResponse = ChallengeResponse(Challenge, MD4(unicode Password))            24 octets
 * LmChallengeResponse = ChallengeResponse(Challenge, LmPasswordHash(Password))         24 octets
 * LmPasswordHash      = DES("KGS!@#$%", upper(Password)[0..7]) || DES("KGS!@#$%", upper(Password)[7..14])
 * </pre>
 */
public final class MsChapV1 {
    public static final int CHALLENGE_SIZE = 8;
    /** RFC 2433 A.2: LM passwords are 0 to 14 OEM characters. */
    public static final int MAX_LM_PASSWORD = 14;

    /** RFC 2433 A.3 StdText. */
    private static final byte[] STD_TEXT = "KGS!@#$%".getBytes(StandardCharsets.US_ASCII);

    private MsChapV1() {}

    /** RFC 2433 A.5 NtChallengeResponse. */
    public static Bytes ntChallengeResponse(Bytes challenge, char[] password) {
        return MsChapV2.challengeResponse(exactChallenge(challenge), MsChapV2.ntPasswordHash(password));
    }

    /** RFC 2433 A.5 with the hash already known. */
    public static Bytes ntChallengeResponse(Bytes challenge, Bytes ntPasswordHash) {
        return MsChapV2.challengeResponse(exactChallenge(challenge), ntPasswordHash);
    }

    /** RFC 2433 A.1 LmChallengeResponse. */
    public static Bytes lmChallengeResponse(Bytes challenge, char[] password) {
        return MsChapV2.challengeResponse(exactChallenge(challenge), lmPasswordHash(password));
    }

    /**
     * RFC 2433 A.2 LmPasswordHash: the password upper-cased, as single octets (ISO-8859-1 stands in for the
     * OEM code page), zero-padded to 14, each half the DES key that encrypts "KGS!@#$%".
     *
     * @throws IllegalArgumentException for a password longer than 14 characters or with a character
     *         beyond one octet: it has no LM hash (peers then send only the NT response)
     */
    public static Bytes lmPasswordHash(char[] password) {
        if (password.length > MAX_LM_PASSWORD) {
            throw new IllegalArgumentException("an LM password is at most 14 characters; this one has "
                    + password.length);
        }
        byte[] oem = new byte[MAX_LM_PASSWORD];
        try {
            for (int i = 0; i < password.length; i++) {
                char c = Character.toUpperCase(password[i]);
                if (c > 0xFF) {
                    throw new IllegalArgumentException("an LM password has one-octet characters only; character "
                            + i + " is not");
                }
                oem[i] = (byte) c;
            }
            return Bytes.of(Primitives.concat(Primitives.desEncrypt(STD_TEXT, 0, oem, 0),
                    Primitives.desEncrypt(STD_TEXT, 0, oem, 7)));
        } finally {
            Arrays.fill(oem, (byte) 0);
        }
    }

    /** Whether the NT response a peer sent is the one the hash gives, in constant time. */
    public static boolean checkNtChallengeResponse(Bytes challenge, Bytes ntPasswordHash, Bytes received) {
        return MessageDigest.isEqual(ntChallengeResponse(challenge, ntPasswordHash).toArray(), received.toArray());
    }

    /**
     * RFC 3079 2.1 and 2.2: the 8-octet MPPE start key for 40- and 56-bit session keys, the first 8 octets
     * of the LM password hash (the session key is then {@link MppeKeys#initialSessionKey}).
     */
    public static Bytes mppeStartKeyFromLm(Bytes lmPasswordHash) {
        return exact16(lmPasswordHash, "LmPasswordHash").slice(0, 8);
    }

    /**
     * RFC 3079 2.4 Get_Start_Key: the 16-octet MPPE start key for 128-bit session keys,
     * SHA1(NtPasswordHashHash || NtPasswordHashHash || Challenge)[0..16], from the first authentication's
     * challenge.
     */
    public static Bytes mppeStartKeyFromNt(Bytes challenge, Bytes ntPasswordHashHash) {
        MessageDigest sha = Primitives.sha1();
        byte[] hh = exact(ntPasswordHashHash, 16, "NtPasswordHashHash");
        sha.update(hh);
        sha.update(hh);
        sha.update(exact(challenge, CHALLENGE_SIZE, "Challenge"));
        return Bytes.of(sha.digest()).slice(0, 16);
    }

    private static Bytes exactChallenge(Bytes challenge) {
        exact(challenge, CHALLENGE_SIZE, "Challenge");
        return challenge;
    }

    private static Bytes exact16(Bytes b, String field) {
        exact(b, 16, field);
        return b;
    }
}
