package io.pptp4j.ppp.mschap;

import io.pptp4j.wire.Bytes;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.MD4Digest;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;

/** The hash and cipher primitives the MS-CHAP and MPPE pseudocode calls for. */
final class Primitives {
    private Primitives() {}

    static byte[] md4(byte[] data) {
        MD4Digest d = new MD4Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /** RC4 of {@code data} under {@code key}, from a fresh key schedule. */
    static byte[] rc4(byte[] key, byte[] data) {
        RC4Engine e = new RC4Engine();
        e.init(true, new KeyParameter(key));
        byte[] out = new byte[data.length];
        e.processBytes(data, 0, data.length, out, 0);
        return out;
    }

    /**
     * RFC 2759 8.6 DesEncrypt: one DES block under a 7-octet key, expanded to 8 octets with a parity bit
     * in the low bit of each (RFC 2759 9.3 shows the expanded keys).
     */
    static byte[] desEncrypt(byte[] clear, int clearOffset, byte[] key7, int keyOffset) {
        try {
            Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
            des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(expandDesKey(key7, keyOffset), "DES"));
            return des.doFinal(clear, clearOffset, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DES/ECB/NoPadding failed", e);
        }
    }

    /** Spreads 56 key bits over 8 octets, 7 bits each, and sets odd parity in the low bit. */
    static byte[] expandDesKey(byte[] key7, int offset) {
        long bits = 0;
        for (int i = 0; i < 7; i++) {
            bits = (bits << 8) | (key7[offset + i] & 0xFF);
        }
        byte[] key = new byte[8];
        for (int i = 0; i < 8; i++) {
            int seven = (int) (bits >>> (49 - 7 * i)) & 0x7F;
            int b = seven << 1;
            key[i] = (byte) (Integer.bitCount(seven) % 2 == 0 ? b | 1 : b);
        }
        return key;
    }

    /** The password as UTF-16LE octets, no terminating zero (RFC 2759 8.3: "unicode"). */
    static byte[] unicode(char[] password) {
        ByteBuffer bb = StandardCharsets.UTF_16LE.encode(CharBuffer.wrap(password));
        byte[] out = new byte[bb.remaining()];
        bb.get(out);
        if (bb.hasArray()) {
            Arrays.fill(bb.array(), (byte) 0);
        }
        return out;
    }

    static byte[] exact(Bytes b, int size, String field) {
        if (b.length() != size) {
            throw new IllegalArgumentException(field + " is " + b.length() + " octets; it must be " + size);
        }
        return b.toArray();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
