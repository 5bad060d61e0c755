package io.pptp4j.hdlc;

import java.util.Objects;

/**
 * The 16-bit Frame Check Sequence of PPP in HDLC-like framing (RFC 1662 section 3.1 and appendix
 * C.1, C.2): generator polynomial x^16 + x^12 + x^5 + 1, bits processed least significant first
 * (hence the reflected constant 0x8408), register starting at 0xFFFF.
 *
 * <p>A sender runs {@link #update} over Address through Padding and sends the complement,
 * least significant octet first ({@link #compute}). A receiver runs {@link #update} over the same
 * octets and the two FCS octets; the frame is good when the register ends at {@link #GOOD}.
 */
public final class Fcs16 {
    /** Initial register value (PPPINITFCS16). */
    public static final int INITIAL = 0xFFFF;
    /** Register value after a good frame and its FCS (PPPGOODFCS16). */
    public static final int GOOD = 0xF0B8;
    /** Octets the FCS takes on the wire. */
    public static final int LENGTH = 2;

    private static final int POLYNOMIAL = 0x8408;
    private static final char[] TABLE = new char[256];

    static {
        // RFC 1662 C.1: the table generator
        for (int b = 0; b < 256; b++) {
            int v = b;
            for (int i = 0; i < 8; i++) {
                v = (v & 1) != 0 ? (v >>> 1) ^ POLYNOMIAL : v >>> 1;
            }
            TABLE[b] = (char) v;
        }
    }

    private Fcs16() {}

    /** The register after one more octet. */
    public static int update(int fcs, int octet) {
        return (fcs >>> 8) ^ TABLE[(fcs ^ octet) & 0xFF];
    }

    /** The register after {@code b[off, off+len)}. */
    public static int update(int fcs, byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        int f = fcs;
        for (int i = off, end = off + len; i < end; i++) {
            f = (f >>> 8) ^ TABLE[(f ^ b[i]) & 0xFF];
        }
        return f;
    }

    /** The FCS to send after {@code b[off, off+len)}: the complemented register; send its low octet first. */
    public static int compute(byte[] b, int off, int len) {
        return update(INITIAL, b, off, len) ^ 0xFFFF;
    }

    /** Whether {@code b[off, off+len)} is a frame followed by its FCS, low octet first. */
    public static boolean isGood(byte[] b, int off, int len) {
        return len >= LENGTH && update(INITIAL, b, off, len) == GOOD;
    }

    /** One entry of the lookup table (RFC 1662 C.2 lists them), for tests. */
    static int tableEntry(int index) { return TABLE[index]; }
}
