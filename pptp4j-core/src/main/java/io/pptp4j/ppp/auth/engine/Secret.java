package io.pptp4j.ppp.auth.engine;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A shared secret as a secrets file gives it (pppd's chap-secrets: client, server, secret, addresses):
 * the password and the addresses the client may be given. {@link #toString()} never shows the password.
 */
public final class Secret {
    private final char[] password;
    private final List<String> allowedAddresses;

    private Secret(char[] password, List<String> allowedAddresses) {
        this.password = password.clone();
        this.allowedAddresses = List.copyOf(allowedAddresses);
    }

    public static Secret of(char[] password, List<String> allowedAddresses) {
        return new Secret(Objects.requireNonNull(password, "password"), Objects.requireNonNull(allowedAddresses, "allowedAddresses"));
    }

    public static Secret of(String password) { return of(password.toCharArray(), List.of()); }

    /** A copy of the password; the caller may clear it. */
    public char[] password() { return password.clone(); }

    /** The password as UTF-8 octets, as PAP carries it and MD5-CHAP hashes it. */
    public byte[] passwordBytes() { return utf8(password); }

    /** The addresses (or patterns) the client may use, as written; empty means no restriction given. */
    public List<String> allowedAddresses() { return allowedAddresses; }

    @Override
    public String toString() { return "Secret[password=<redacted>, allowedAddresses=" + allowedAddresses + "]"; }

    static byte[] utf8(char[] chars) {
        ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = new byte[bb.remaining()];
        bb.get(out);
        return out;
    }
}
