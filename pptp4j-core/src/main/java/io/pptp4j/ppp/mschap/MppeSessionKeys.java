package io.pptp4j.ppp.mschap;

import io.pptp4j.wire.Bytes;
import java.util.Objects;

/**
 * The MPPE start keys of one side of a link (RFC 3079): the key it encrypts with and the key it decrypts
 * with, and their strength. The first session key in each direction is
 * {@link MppeKeys#initialSessionKey}{@code (startKey, bits)}; {@link io.pptp4j.ppp.mppe.MppeCipher} takes it
 * from there. {@link #toString()} shows no key.
 *
 * @param sendKey the start key for packets this side sends, 8 octets (40, 56 bits) or 16 (128 bits)
 * @param receiveKey the start key for packets this side receives
 * @param bits 40, 56 or 128
 */
public record MppeSessionKeys(Bytes sendKey, Bytes receiveKey, int bits) {
    public MppeSessionKeys {
        int length = MppeKeys.keyLength(bits);
        Objects.requireNonNull(sendKey, "sendKey");
        Objects.requireNonNull(receiveKey, "receiveKey");
        if (sendKey.length() != length || receiveKey.length() != length) {
            throw new IllegalArgumentException(bits + "-bit MPPE start keys are " + length + " octets, not "
                    + sendKey.length() + " and " + receiveKey.length());
        }
    }

    /**
     * RFC 3079 3: the keys of the server ({@code isServer}) or the client after MS-CHAP-V2. Both sides hold
     * PasswordHashHash and the NT-Response the peer sent.
     */
    public static MppeSessionKeys fromMsChapV2(Bytes passwordHashHash, Bytes ntResponse, boolean isServer, int bits) {
        int length = MppeKeys.keyLength(bits);
        Bytes masterKey = MppeKeys.getMasterKey(passwordHashHash, ntResponse);
        return new MppeSessionKeys(MppeKeys.getAsymmetricStartKey(masterKey, length, true, isServer),
                MppeKeys.getAsymmetricStartKey(masterKey, length, false, isServer), bits);
    }

    /**
     * RFC 3079 2: the keys after MS-CHAP (v1), the same in both directions: for 40 and 56 bits the first
     * 8 octets of the LM password hash (2.1, 2.2), for 128 bits Get_Start_Key over the NT password hash
     * hash and the first authentication's challenge (2.3).
     */
    public static MppeSessionKeys fromMsChapV1(char[] password, Bytes challenge, int bits) {
        Bytes start = switch (bits) {
            case 40, 56 -> MsChapV1.mppeStartKeyFromLm(MsChapV1.lmPasswordHash(password));
            case 128 -> MsChapV1.mppeStartKeyFromNt(challenge,
                    MsChapV2.hashNtPasswordHash(MsChapV2.ntPasswordHash(password)));
            default -> throw new IllegalArgumentException("MPPE keys are 40, 56 or 128 bits, not " + bits);
        };
        return new MppeSessionKeys(start, start, bits);
    }

    /** RFC 3079 2.3, 128 bits, from the NT password hash hash. */
    public static MppeSessionKeys fromMsChapV1Nt(Bytes ntPasswordHashHash, Bytes challenge) {
        Bytes start = MsChapV1.mppeStartKeyFromNt(challenge, ntPasswordHashHash);
        return new MppeSessionKeys(start, start, 128);
    }

    /**
     * The same keys at another strength by keeping the first 8 octets: right for MS-CHAP-V2, whose 8-octet
     * start keys are the first octets of the 16-octet ones (RFC 3079 3.4, SessionKeyLength). Only from 128.
     */
    public MppeSessionKeys withBits(int newBits) {
        if (newBits == bits) {
            return this;
        }
        if (bits != 128) {
            throw new IllegalArgumentException("only 128-bit start keys can be cut to " + newBits + " bits");
        }
        int length = MppeKeys.keyLength(newBits);
        return new MppeSessionKeys(sendKey.slice(0, length), receiveKey.slice(0, length), newBits);
    }

    @Override
    public String toString() { return "MppeSessionKeys[" + bits + " bits, keys redacted]"; }
}
