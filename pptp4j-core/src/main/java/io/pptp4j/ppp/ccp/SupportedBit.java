package io.pptp4j.ppp.ccp;

import java.util.Optional;

/**
 * The bits of the MPPE/MPPC Supported Bits field, RFC 3078 section 2, in the order they stand on the
 * wire (most significant first). All other bits are reserved and sent as 0.
 */
public enum SupportedBit {
    /** Stateless mode: the session key changes after every packet (RFC 3078 7.1). */
    H(0x01000000L, "stateless"),
    /** 56-bit session keys. */
    M(0x00000080L, "56-bit"),
    /** 128-bit session keys. */
    S(0x00000040L, "128-bit"),
    /** 40-bit session keys. */
    L(0x00000020L, "40-bit"),
    /** Obsolete; RFC 3078 2: SHOULD NOT be accepted. */
    D(0x00000010L, "obsolete D"),
    /** MPPC compression (RFC 2118). */
    C(0x00000001L, "MPPC");

    /** The bits that have a meaning; the rest are reserved. */
    public static final long DEFINED;

    static {
        long all = 0;
        for (SupportedBit b : values()) {
            if ((all & b.mask) != 0) {
                throw new ExceptionInInitializerError("two supported bits share 0x" + Long.toHexString(b.mask));
            }
            all |= b.mask;
        }
        DEFINED = all;
    }

    private final long mask;
    private final String meaning;

    SupportedBit(long mask, String meaning) {
        this.mask = mask;
        this.meaning = meaning;
    }

    public long mask() { return mask; }

    /** What the bit asks for, e.g. {@code 128-bit}. */
    public String meaning() { return meaning; }

    /** The bit named by its letter, {@code 'S'}, in either case. */
    public static Optional<SupportedBit> ofLetter(char letter) {
        for (SupportedBit b : values()) {
            if (b.name().charAt(0) == Character.toUpperCase(letter)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
