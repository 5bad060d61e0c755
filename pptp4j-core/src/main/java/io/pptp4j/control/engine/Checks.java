package io.pptp4j.control.engine;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the records of this package. */
final class Checks {
    /** Longer timers make no sense and would bring the nanosecond arithmetic near overflow. */
    static final Duration LONGEST_TIMER = Duration.ofDays(1);

    private Checks() {}

    static void u16(int v, String field) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(field + " " + v + " is not 16 bits");
        }
    }

    static void u32(long v, String field) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(field + " " + v + " is not 32 bits");
        }
    }

    /** Text for a NUL-padded field of {@code size} octets: ISO-8859-1 without NUL. */
    static void text(String s, int size, String field) {
        Objects.requireNonNull(s, field);
        if (s.length() > size) {
            throw new IllegalArgumentException(field + " is " + s.length() + " octets, the field holds " + size);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c > 0xFF) {
                throw new IllegalArgumentException(field + " has " + (c == 0 ? "a NUL" : "a non-ISO-8859-1 character")
                        + " at index " + i);
            }
        }
    }

    /** A timer length: more than zero and at most a day. */
    static void timer(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " " + d + " must be more than 0");
        }
        if (d.compareTo(LONGEST_TIMER) > 0) {
            throw new IllegalArgumentException(name + " " + d + " is longer than a day");
        }
    }
}
