package io.pptp4j.ppp.mppe;

/**
 * The two octets that start an MPPE packet (RFC 3078 section 3.1): bits A (FLUSHED), B, C, D
 * (encrypted) and the 12-bit Coherency Count.
 *
 * @param flushed bit A: the sender reset its RC4 tables before this packet; set on every packet in
 *                stateless mode
 * @param bitB bit B: no meaning in MPPE
 * @param compressed bit C: no meaning in MPPE; MPPC (RFC 2118) sets it on a compressed packet
 * @param encrypted bit D: the packet is encrypted
 * @param coherencyCount 0 to 4095, one more for each packet sent, wrapping to 0
 */
public record MppeHeader(boolean flushed, boolean bitB, boolean compressed, boolean encrypted, int coherencyCount) {
    public static final int FLUSHED = 0x8000;
    public static final int BIT_B = 0x4000;
    public static final int COMPRESSED = 0x2000;
    public static final int ENCRYPTED = 0x1000;
    public static final int COHERENCY_COUNT_MASK = 0x0FFF;

    public MppeHeader {
        if (coherencyCount < 0 || coherencyCount > COHERENCY_COUNT_MASK) {
            throw new IllegalArgumentException("Coherency Count " + coherencyCount + " is not 12 bits");
        }
    }

    /** The header of the 16-bit value on the wire. */
    public static MppeHeader of(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("MPPE header " + value + " is not 16 bits");
        }
        return new MppeHeader((value & FLUSHED) != 0, (value & BIT_B) != 0, (value & COMPRESSED) != 0,
                (value & ENCRYPTED) != 0, value & COHERENCY_COUNT_MASK);
    }

    /** An encrypted packet's header; stateless mode sets {@code flushed} on every packet (RFC 3078 3.1). */
    public static MppeHeader encrypted(int coherencyCount, boolean flushed) {
        return new MppeHeader(flushed, false, false, true, coherencyCount);
    }

    /** The 16-bit value on the wire. */
    public int value() {
        return (flushed ? FLUSHED : 0) | (bitB ? BIT_B : 0) | (compressed ? COMPRESSED : 0) | (encrypted ? ENCRYPTED : 0)
                | coherencyCount;
    }

    /** The bits set as letters, then the count: {@code A,D 17}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (flushed) sb.append("A,");
        if (bitB) sb.append("B,");
        if (compressed) sb.append("C,");
        if (encrypted) sb.append("D,");
        if (!sb.isEmpty()) sb.setLength(sb.length() - 1); else sb.append('-');
        return sb.append(' ').append(coherencyCount).toString();
    }
}
