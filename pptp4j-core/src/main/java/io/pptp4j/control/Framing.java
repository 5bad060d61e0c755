package io.pptp4j.control;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Framing Capabilities of Start-Control-Connection-Request and -Reply (RFC 2637 sections 2.1, 2.2) and
 * Framing Type of Outgoing-Call-Request and Incoming-Call-Connected (2.7, 2.11): bits, 1 asynchronous,
 * 2 synchronous. An Outgoing-Call-Request with 3 lets the call use either.
 */
public enum Framing implements ControlCode {
    ASYNCHRONOUS(1, "asynchronous"),
    SYNCHRONOUS(2, "synchronous");

    private static final Map<Integer, Framing> BY_VALUE = ControlCode.index(values());

    private final int value;
    private final String displayName;

    Framing(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    /** The bit. */
    @Override
    public int value() { return value; }

    @Override
    public String displayName() { return displayName; }

    /** The constant for a single bit. */
    public static Optional<Framing> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** The known bits set in a 32-bit field; other bits are left out. */
    public static Set<Framing> setOf(long bits) { return ControlCode.bitsOf(Framing.class, bits); }

    /** {@code 0x00000003 (a, b)}; unknown bits are shown as {@code 0x00000004}, no bit as {@code none}. */
    public static String describe(long bits) { return ControlCode.describeBits(Framing.class, bits); }
}
