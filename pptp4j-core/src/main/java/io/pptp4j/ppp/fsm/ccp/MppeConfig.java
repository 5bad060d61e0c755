package io.pptp4j.ppp.fsm.ccp;

import io.pptp4j.ppp.ccp.SupportedBit;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link MppePolicy} allows (RFC 3078 2).
 *
 * @param allowedStrengths the encryption options we accept: any of S (128-bit), M (56-bit), L (40-bit)
 * @param statefulness whether stateless mode (the H bit) is required or stateful mode is allowed too
 * @param encryptionRequired whether the link must not come up without MPPE (RFC 3078 2: a failed MPPE
 *     negotiation SHOULD terminate the link)
 */
public record MppeConfig(Set<SupportedBit> allowedStrengths, Statefulness statefulness, boolean encryptionRequired) {

    /** Stateless mode handling. */
    public enum Statefulness {
        /** The H bit is always requested and a peer without it is Nak'd (pppd's default). */
        STATELESS_REQUIRED,
        /** Stateless preferred: requested, and agreed when the peer offers it; stateful accepted (pppd's {@code mppe-stateful}). */
        STATEFUL_ALLOWED,
        /**
         * Stateful only: requested without H, a peer's H Nak'd away, a Nak toward H refused. No pppd option
         * sets it: {@code probe} uses it to learn whether a server allows stateful mode at all.
         */
        STATEFUL_REQUIRED
    }

    private static final Set<SupportedBit> STRENGTHS = EnumSet.of(SupportedBit.S, SupportedBit.M, SupportedBit.L);

    /** 128-bit stateless MPPE, required. */
    public static final MppeConfig DEFAULT = new MppeConfig(EnumSet.of(SupportedBit.S), Statefulness.STATELESS_REQUIRED, true);

    public MppeConfig {
        Objects.requireNonNull(statefulness, "statefulness");
        allowedStrengths = Set.copyOf(allowedStrengths);
        if (allowedStrengths.isEmpty() || !STRENGTHS.containsAll(allowedStrengths)) {
            throw new IllegalArgumentException("allowed strengths " + allowedStrengths + " must be a non-empty subset of S, M, L");
        }
    }
}
