package io.pptp4j.ppp.options;

/** MPPE session key lengths (RFC 3078 section 2.1, RFC 3079). */
public enum MppeStrength {
    BITS_40(40),
    BITS_56(56),
    BITS_128(128);

    private final int bits;

    MppeStrength(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }
}
