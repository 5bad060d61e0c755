package io.pptp4j.control;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer Capabilities of Start-Control-Connection-Request and -Reply (RFC 2637 sections 2.1, 2.2) and
 * Bearer Type of Outgoing-Call-Request and Incoming-Call-Request (2.7, 2.9): bits, 1 analog, 2
 * digital. An Outgoing-Call-Request with 3 lets the call be placed on any type of channel.
 */
public enum Bearer implements ControlCode {
    ANALOG(1, "analog"),
    DIGITAL(2, "digital");

    private static final Map<Integer, Bearer> BY_VALUE = ControlCode.index(values());

    private final int value;
    private final String displayName;

    Bearer(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    /** The bit. */
    @Override
    public int value() { return value; }

    @Override
    public String displayName() { return displayName; }

    /** The constant for a single bit. */
    public static Optional<Bearer> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** The known bits set in a 32-bit field; other bits are left out. */
    public static Set<Bearer> setOf(long bits) { return ControlCode.bitsOf(Bearer.class, bits); }

    /** {@code 0x00000003 (a, b)}; unknown bits are shown as {@code 0x00000004}, no bit as {@code none}. */
    public static String describe(long bits) { return ControlCode.describeBits(Bearer.class, bits); }
}
