package io.pptp4j.ppp.fsm.ccp;

import io.pptp4j.ppp.ccp.SupportedBit;

/**
 * The MPPE option both sides agreed: the Supported Bits, stateless mode, and the key strength
 * ({@link SupportedBit#S}, {@link SupportedBit#M} or {@link SupportedBit#L}).
 */
public record MppeNegotiated(long supportedBits, boolean stateless, SupportedBit strength) {
    /** The session key length in bits: 128, 56 or 40. */
    public int keyBits() {
        return switch (strength) {
            case S -> 128;
            case M -> 56;
            case L -> 40;
            default -> throw new IllegalStateException(strength + " is not an encryption strength");
        };
    }
}
