package io.pptp4j.ppp.mschap;

import static io.pptp4j.ppp.mschap.Primitives.exact;

import io.pptp4j.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The MS-CHAP-V2 computations of RFC 2759 section 8, named as in its pseudocode. Octet strings are
 * {@link Bytes}; passwords are {@code char[]} (the caller may clear them afterwards) and are hashed as
 * UTF-16LE without a terminating zero.
 *
 * <pre>
 * GenerateNTResponse:  ChallengeHash(PeerChallenge, AuthenticatorChallenge, UserName)   -> 8 octets
 *                      NtPasswordHash(Password)                                         -> 16 octets
 *                      ChallengeResponse(Challenge, PasswordHash)                       -> 24 octets
 * GenerateAuthenticatorResponse:
 *     SHA1(SHA1(HashNtPasswordHash || NT-Response || Magic1) || Challenge || Magic2)    -> 20 octets, "S="
 * </pre>
 */
public final class MsChapV2 {
    public static final int CHALLENGE_SIZE = 16;
    public static final int PASSWORD_HASH_SIZE = 16;
    public static final int NT_RESPONSE_SIZE = 24;
    public static final int AUTHENTICATOR_RESPONSE_SIZE = 20;

    /** RFC 2759 8.7 Magic1, 39 octets. */
    private static final byte[] MAGIC1 = "Magic server to client signing constant".getBytes(StandardCharsets.US_ASCII);
    /** RFC 2759 8.7 Magic2, 41 octets. */
    private static final byte[] MAGIC2 = "Pad to make it do more than one iteration".getBytes(StandardCharsets.US_ASCII);

    private MsChapV2() {}

    /** RFC 2759 8.3: MD4 of the UTF-16LE password. */
    public static Bytes ntPasswordHash(char[] password) {
        byte[] unicode = Primitives.unicode(password);
        try {
            return Bytes.of(Primitives.md4(unicode));
        } finally {
            Arrays.fill(unicode, (byte) 0);
        }
    }

    /** RFC 2759 8.4: MD4 of the password hash. */
    public static Bytes hashNtPasswordHash(Bytes passwordHash) {
        return Bytes.of(Primitives.md4(exact(passwordHash, PASSWORD_HASH_SIZE, "PasswordHash")));
    }

    /**
     * RFC 2759 8.2: the first 8 octets of SHA1(PeerChallenge || AuthenticatorChallenge || UserName), where
     * UserName is the name the peer presented without a prepended domain ({@code DOMAIN\\user} hashes as
     * {@code user}, see {@link #userNameWithoutDomain}).
     */
    public static Bytes challengeHash(Bytes peerChallenge, Bytes authenticatorChallenge, Bytes userName) {
        MessageDigest sha = Primitives.sha1();
        sha.update(exact(peerChallenge, CHALLENGE_SIZE, "PeerChallenge"));
        sha.update(exact(authenticatorChallenge, CHALLENGE_SIZE, "AuthenticatorChallenge"));
        sha.update(userNameWithoutDomain(userName).toArray());
        return Bytes.of(sha.digest()).slice(0, 8);
    }

    /** The user name after the last backslash, or all of it: RFC 2759 8.2 hashes no domain. */
    public static Bytes userNameWithoutDomain(Bytes userName) {
        for (int i = userName.length() - 1; i >= 0; i--) {
            if (userName.get(i) == '\\') {
                return userName.slice(i + 1, userName.length());
            }
        }
        return userName;
    }

    /**
     * RFC 2759 8.5 (and RFC 2433 A.5): the 16-octet hash, zero-padded to 21, cut into three 7-octet DES
     * keys, each encrypting the 8-octet challenge; 24 octets.
     */
    public static Bytes challengeResponse(Bytes challenge, Bytes passwordHash) {
        byte[] c = exact(challenge, 8, "Challenge");
        byte[] z = Arrays.copyOf(exact(passwordHash, PASSWORD_HASH_SIZE, "PasswordHash"), 21);
        byte[] out = Primitives.concat(Primitives.desEncrypt(c, 0, z, 0), Primitives.desEncrypt(c, 0, z, 7),
                Primitives.desEncrypt(c, 0, z, 14));
        Arrays.fill(z, (byte) 0);
        return Bytes.of(out);
    }

    /** RFC 2759 8.1 GenerateNTResponse, from the password hash. */
    public static Bytes generateNtResponse(Bytes authenticatorChallenge, Bytes peerChallenge, Bytes userName,
                                           Bytes passwordHash) {
        return challengeResponse(challengeHash(peerChallenge, authenticatorChallenge, userName), passwordHash);
    }

    /** RFC 2759 8.1 GenerateNTResponse, from the password. */
    public static Bytes generateNtResponse(Bytes authenticatorChallenge, Bytes peerChallenge, Bytes userName,
                                           char[] password) {
        return generateNtResponse(authenticatorChallenge, peerChallenge, userName, ntPasswordHash(password));
    }

    /** RFC 2759 8.7 GenerateAuthenticatorResponse: the 20 octets that {@code S=} carries as hex. */
    public static Bytes generateAuthenticatorResponse(Bytes passwordHash, Bytes ntResponse, Bytes peerChallenge,
                                                      Bytes authenticatorChallenge, Bytes userName) {
        Bytes passwordHashHash = hashNtPasswordHash(passwordHash);
        MessageDigest sha = Primitives.sha1();
        sha.update(passwordHashHash.toArray());
        sha.update(exact(ntResponse, NT_RESPONSE_SIZE, "NT-Response"));
        sha.update(MAGIC1);
        byte[] digest = sha.digest();
        sha.update(digest);
        sha.update(challengeHash(peerChallenge, authenticatorChallenge, userName).toArray());
        sha.update(MAGIC2);
        return Bytes.of(sha.digest());
    }

    /** RFC 2759 8.7 GenerateAuthenticatorResponse, from the password. */
    public static Bytes generateAuthenticatorResponse(char[] password, Bytes ntResponse, Bytes peerChallenge,
                                                      Bytes authenticatorChallenge, Bytes userName) {
        return generateAuthenticatorResponse(ntPasswordHash(password), ntResponse, peerChallenge,
                authenticatorChallenge, userName);
    }

    /**
     * RFC 2759 8.8 CheckAuthenticatorResponse: whether the {@code S=} octets the authenticator sent are the
     * ones the password gives, compared in constant time.
     */
    public static boolean checkAuthenticatorResponse(Bytes passwordHash, Bytes ntResponse, Bytes peerChallenge,
                                                     Bytes authenticatorChallenge, Bytes userName,
                                                     Bytes receivedResponse) {
        Bytes mine = generateAuthenticatorResponse(passwordHash, ntResponse, peerChallenge, authenticatorChallenge,
                userName);
        return MessageDigest.isEqual(mine.toArray(), receivedResponse.toArray());
    }

    /** Whether the NT-Response a peer sent is the one the password hash gives, in constant time. */
    public static boolean checkNtResponse(Bytes authenticatorChallenge, Bytes peerChallenge, Bytes userName,
                                          Bytes passwordHash, Bytes receivedNtResponse) {
        Bytes mine = generateNtResponse(authenticatorChallenge, peerChallenge, userName, passwordHash);
        return MessageDigest.isEqual(mine.toArray(), receivedNtResponse.toArray());
    }

    /** RFC 2759 8.6: a 7-octet key spread over 8 octets with odd parity in each low bit (for tests and tools). */
    public static Bytes expandDesKey(Bytes key7) {
        return Bytes.of(Primitives.expandDesKey(exact(key7, 7, "DES key"), 0));
    }
}
