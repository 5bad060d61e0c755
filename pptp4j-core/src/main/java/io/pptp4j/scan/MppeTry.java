package io.pptp4j.scan;

import io.pptp4j.ppp.ccp.SupportedBit;
import io.pptp4j.ppp.fsm.ccp.MppeConfig;
import io.pptp4j.ppp.fsm.ccp.MppeConfig.Statefulness;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The tries of the MPPE posture, in order: each a full PPP session on a fresh call, authenticated with
 * MS-CHAP v2, in which our CCP offers one thing (RFC 3078 2.1) and nothing else, so that the server's
 * answer says whether it allows that thing. The baseline comes first: our default, what a secure server
 * accepts; the others only mean something once authentication has passed.
 */
public enum MppeTry {
    BASELINE("mppe-128-stateless", "MPPE-128 stateless (H,S)",
            Optional.of(MppeConfig.DEFAULT)),
    MPPE_40("mppe-40", "MPPE-40 stateless only (H,L)",
            Optional.of(new MppeConfig(EnumSet.of(SupportedBit.L), Statefulness.STATELESS_REQUIRED, true))),
    MPPE_56("mppe-56", "MPPE-56 stateless only (H,M)",
            Optional.of(new MppeConfig(EnumSet.of(SupportedBit.M), Statefulness.STATELESS_REQUIRED, true))),
    STATEFUL("mppe-stateful", "MPPE stateful only, any strength (S,M,L without H)",
            Optional.of(new MppeConfig(EnumSet.of(SupportedBit.S, SupportedBit.M, SupportedBit.L), Statefulness.STATEFUL_REQUIRED, true))),
    NONE("none", "no encryption (CCP Protocol-Rejected)", Optional.empty());

    private final String label;
    private final String offer;
    private final Optional<MppeConfig> config;

    MppeTry(String label, String offer, Optional<MppeConfig> config) {
        this.label = label;
        this.offer = offer;
        this.config = config;
    }

    /** {@code mppe-128-stateless}, {@code mppe-40}, {@code mppe-56}, {@code mppe-stateful}, {@code none}: the names in reports. */
    public String label() { return label; }

    /** What our side offers, in words. */
    public String offer() { return offer; }

    /** Our MPPE policy for the try; empty: no CCP at all. */
    public Optional<MppeConfig> config() { return config; }
}
