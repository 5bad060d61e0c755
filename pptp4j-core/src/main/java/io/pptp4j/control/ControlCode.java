package io.pptp4j.control;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A value from one of the code tables of RFC 2637 section 2: a message type, a Result Code, a general
 * Error Code or a Stop reason. Each table is an enum carrying its wire value; records keep the raw
 * value because peers send values outside the tables (Windows RRAS sends a Call-Disconnect-Notify with
 * Result Code 0).
 */
public interface ControlCode {

    /** The value on the wire. */
    int value();

    /** The RFC's name for the value. */
    String displayName();

    /** The lookup table of an enum's constants by wire value; fails class loading if two share a value. */
    static <E extends Enum<E> & ControlCode> Map<Integer, E> index(E[] constants) {
        Map<Integer, E> byValue = new HashMap<>();
        for (E c : constants) {
            E previous = byValue.put(c.value(), c);
            if (previous != null) {
                throw new ExceptionInInitializerError(previous + " and " + c + " share the value " + c.value());
            }
        }
        return Map.copyOf(byValue);
    }

    /** {@code 1 (Connected)} for a value in the table, {@code 9 (unknown)} for one outside it. */
    static String describe(int value, Optional<? extends ControlCode> code) {
        return value + " (" + code.map(ControlCode::displayName).orElse("unknown") + ")";
    }

    /** The known bits of a bit-valued code set in a 32-bit field (Framing, Bearer); other bits are left out. */
    static <E extends Enum<E> & ControlCode> java.util.Set<E> bitsOf(Class<E> type, long bits) {
        java.util.Set<E> set = java.util.EnumSet.noneOf(type);
        for (E c : type.getEnumConstants()) {
            if ((bits & c.value()) != 0) {
                set.add(c);
            }
        }
        return set;
    }

    /** {@code 0x00000003 (a, b)}; unknown bits are shown as {@code 0x00000004}, no bit as {@code none}. */
    static <E extends Enum<E> & ControlCode> String describeBits(Class<E> type, long bits) {
        StringBuilder sb = new StringBuilder();
        long unknown = bits & 0xFFFFFFFFL;
        for (E c : type.getEnumConstants()) {
            if ((bits & c.value()) != 0) {
                sb.append(sb.isEmpty() ? "" : ", ").append(c.displayName());
                unknown &= ~c.value();
            }
        }
        if (unknown != 0) {
            sb.append(sb.isEmpty() ? "" : ", ").append(io.pptp4j.wire.Hex.u32(unknown));
        }
        return io.pptp4j.wire.Hex.u32(bits) + " (" + (sb.isEmpty() ? "none" : sb) + ")";
    }
}
