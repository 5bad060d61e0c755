package io.pptp4j.ppp.secrets;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A password or shared secret. Its {@code toString} never shows it; {@link #chars()}, {@link #utf8()}
 * and {@link #utf16le()} hand out copies, and {@link #matches(byte[])} compares in constant time.
 */
public record Secret(char[] chars) {
    public Secret {
        chars = chars.clone();
    }

    public static Secret of(String value) {
        return new Secret(value.toCharArray());
    }

    /** A copy of the secret's characters; the caller may wipe it. */
    @Override
    public char[] chars() {
        return chars.clone();
    }

    /** The secret in UTF-8, as PAP and CHAP-MD5 use it. A fresh copy. */
    public byte[] utf8() { return utf8(chars); }

    /** {@code chars} in UTF-8, the encoder's buffer wiped. */
    public static byte[] utf8(char[] chars) {
        var buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        Arrays.fill(buffer.array(), (byte) 0);
        return bytes;
    }

    /** The secret in UTF-16LE, as MS-CHAP hashes it (RFC 2759 section 8.3, NtPasswordHash). A fresh copy. */
    public byte[] utf16le() {
        byte[] bytes = new byte[chars.length * 2];
        for (int i = 0; i < chars.length; i++) {
            bytes[2 * i] = (byte) chars[i];
            bytes[2 * i + 1] = (byte) (chars[i] >> 8);
        }
        return bytes;
    }

    public boolean isEmpty() {
        return chars.length == 0;
    }

    /** True if {@code candidateUtf8} is this secret in UTF-8; the time taken does not depend on where they differ. */
    public boolean matches(byte[] candidateUtf8) {
        byte[] mine = utf8();
        try {
            return MessageDigest.isEqual(mine, candidateUtf8);
        } finally {
            Arrays.fill(mine, (byte) 0);
        }
    }

    /** Constant-time equality of the secret values. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && s.matches(utf8());
    }

    /** The length only, so the hash says nothing more about the secret. */
    @Override
    public int hashCode() {
        return chars.length;
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
