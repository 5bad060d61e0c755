package io.pptp4j.ppp.mschap;

import static io.pptp4j.ppp.mschap.Primitives.exact;

import io.pptp4j.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * MPPE key derivation, RFC 3079 section 3 (from MS-CHAP-V2 credentials) and the key change of RFC 3078
 * section 7.3, named as in their pseudocode.
 *
 * <pre>
 * MasterKey  = SHA1(PasswordHashHash || NT-Response || Magic1)[0..16]
 * StartKey   = SHA1(MasterKey || SHSpad1 || Magic2 or Magic3 || SHSpad2)[0..length]   (8 or 16 octets)
 * SessionKey = Reduce(GetNewKeyFromSHA(StartKey, StartKey))                            the initial key
 * key change: Interim = GetNewKeyFromSHA(StartKey, SessionKey); SessionKey = Reduce(RC4(Interim, Interim))
 * </pre>
 *
 * Key lengths: 8 octets for 40- and 56-bit keys, 16 for 128-bit keys; {@link #reduceSessionKey} then
 * overwrites the first three octets (40 bits) or the first one (56 bits).
 */
public final class MppeKeys {
    /** RFC 3079 3.4 Magic1, 27 octets. */
    private static final byte[] MAGIC1 = ascii("This is the MPPE Master Key");
    /** RFC 3079 3.4 Magic2, 84 octets. */
    private static final byte[] MAGIC2 = ascii("On the client side, this is the send key; on the server side, it is the receive key.");
    /** RFC 3079 3.4 Magic3, 84 octets. */
    private static final byte[] MAGIC3 = ascii("On the client side, this is the receive key; on the server side, it is the send key.");
    private static final byte[] SHS_PAD1 = new byte[40];
    private static final byte[] SHS_PAD2 = new byte[40];

    static {
        Arrays.fill(SHS_PAD2, (byte) 0xF2);
    }

    private MppeKeys() {}

    /** The key length in octets for a session key strength: 8 for 40 and 56, 16 for 128. */
    public static int keyLength(int bits) {
        return switch (bits) {
            case 40, 56 -> 8;
            case 128 -> 16;
            default -> throw new IllegalArgumentException("MPPE keys are 40, 56 or 128 bits, not " + bits);
        };
    }

    /** RFC 3079 3.4 GetMasterKey. */
    public static Bytes getMasterKey(Bytes passwordHashHash, Bytes ntResponse) {
        MessageDigest sha = Primitives.sha1();
        sha.update(exact(passwordHashHash, 16, "PasswordHashHash"));
        sha.update(exact(ntResponse, MsChapV2.NT_RESPONSE_SIZE, "NT-Response"));
        sha.update(MAGIC1);
        return Bytes.of(sha.digest()).slice(0, 16);
    }

    /**
     * RFC 3079 3.4 GetAsymmetricStartKey: the start key for one direction of one side. The server's send key
     * is the client's receive key (Magic3) and the other way round (Magic2).
     *
     * @param sessionKeyLength 8 or 16 octets
     */
    public static Bytes getAsymmetricStartKey(Bytes masterKey, int sessionKeyLength, boolean isSend, boolean isServer) {
        if (sessionKeyLength != 8 && sessionKeyLength != 16) {
            throw new IllegalArgumentException("SessionKeyLength is 8 or 16, not " + sessionKeyLength);
        }
        byte[] magic = isSend == isServer ? MAGIC3 : MAGIC2;
        MessageDigest sha = Primitives.sha1();
        sha.update(exact(masterKey, 16, "MasterKey"));
        sha.update(SHS_PAD1);
        sha.update(magic);
        sha.update(SHS_PAD2);
        return Bytes.of(sha.digest()).slice(0, sessionKeyLength);
    }

    /** RFC 3078 7.3 / RFC 3079 3.4 GetNewKeyFromSHA: SHA1(StartKey || SHSpad1 || SessionKey || SHSpad2). */
    public static Bytes getNewKeyFromSha(Bytes startKey, Bytes sessionKey) {
        if (startKey.length() != sessionKey.length()) {
            throw new IllegalArgumentException("StartKey has " + startKey.length() + " octets, SessionKey "
                    + sessionKey.length());
        }
        return Bytes.of(getNewKeyFromSha(startKey.toArray(), sessionKey.toArray(), startKey.length()));
    }

    /** The array form, for the per-packet key change. */
    public static byte[] getNewKeyFromSha(byte[] startKey, byte[] sessionKey, int length) {
        return getNewKeyFromSha(Primitives.sha1(), startKey, sessionKey, length);
    }

    /** A SHA-1 digest for {@link #getNewKeyFromSha(MessageDigest, byte[], byte[], int)}. */
    public static MessageDigest newSha1() { return Primitives.sha1(); }

    /** As above with a digest the caller keeps (reset here before use). */
    public static byte[] getNewKeyFromSha(MessageDigest sha, byte[] startKey, byte[] sessionKey, int length) {
        byte[] digest = new byte[SHA1_LENGTH];
        getNewKeyFromSha(sha, startKey, sessionKey, length, digest);
        return Arrays.copyOf(digest, length);
    }

    /** The octets of a SHA-1 digest, the size of the {@code digest} array below. */
    public static final int SHA1_LENGTH = 20;

    /**
     * As above without allocating, for the per-packet key change: the whole SHA-1 digest goes into
     * {@code digest} (20 octets), whose first {@code length} octets are the key.
     */
    public static void getNewKeyFromSha(MessageDigest sha, byte[] startKey, byte[] sessionKey, int length, byte[] digest) {
        sha.reset();
        sha.update(startKey, 0, length);
        sha.update(SHS_PAD1);
        sha.update(sessionKey, 0, length);
        sha.update(SHS_PAD2);
        try {
            sha.digest(digest, 0, SHA1_LENGTH);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-1 digest into " + digest.length + " octets", e);
        }
    }

    /**
     * RFC 3078 7.3 / RFC 3079 3.1-3.3: 40-bit keys start D1 26 9E, 56-bit keys start D1, 128-bit keys stay.
     */
    public static Bytes reduceSessionKey(Bytes key, int bits) {
        byte[] k = exact(key, keyLength(bits), "SessionKey");
        reduceSessionKey(k, bits);
        return Bytes.of(k);
    }

    /** In place. */
    public static void reduceSessionKey(byte[] key, int bits) {
        switch (bits) {
            case 40 -> {
                key[0] = (byte) 0xD1;
                key[1] = (byte) 0x26;
                key[2] = (byte) 0x9E;
            }
            case 56 -> key[0] = (byte) 0xD1;
            case 128 -> { }
            default -> throw new IllegalArgumentException("MPPE keys are 40, 56 or 128 bits, not " + bits);
        }
    }

    /** RFC 3079 3.1-3.3: the initial session key, GetNewKeyFromSHA(StartKey, StartKey) reduced. */
    public static Bytes initialSessionKey(Bytes startKey, int bits) {
        int length = keyLength(bits);
        byte[] s = exact(startKey, length, "StartKey");
        byte[] k = getNewKeyFromSha(s, s, length);
        reduceSessionKey(k, bits);
        return Bytes.of(k);
    }

    /** RFC 3078 7.3: the session key after one key change from {@code sessionKey}. */
    public static Bytes changeKey(Bytes startKey, Bytes sessionKey, int bits) {
        int length = keyLength(bits);
        byte[] interim = getNewKeyFromSha(exact(startKey, length, "StartKey"), exact(sessionKey, length, "SessionKey"),
                length);
        byte[] k = Primitives.rc4(interim, interim);
        reduceSessionKey(k, bits);
        return Bytes.of(k);
    }

    private static byte[] ascii(String s) { return s.getBytes(StandardCharsets.US_ASCII); }
}
