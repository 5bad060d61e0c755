package io.pptp4j.control.engine;

import java.time.Duration;
import java.util.Objects;

/** Timer checks shared by the records of this package (field checks: {@link io.pptp4j.wire.FieldChecks}). */
final class Checks {
    /** Longer timers make no sense and would bring the nanosecond arithmetic near overflow. */
    static final Duration LONGEST_TIMER = Duration.ofDays(1);

    private Checks() {}

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
