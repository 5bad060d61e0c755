package io.pptp4j.control;

import java.util.Map;
import java.util.Optional;

/** Reason of a Stop-Control-Connection-Request (RFC 2637 section 2.3). */
public enum StopControlConnectionReason implements ControlCode {
    NONE(1, "None"),
    STOP_PROTOCOL(2, "Stop-Protocol"),
    STOP_LOCAL_SHUTDOWN(3, "Stop-Local-Shutdown");

    private static final Map<Integer, StopControlConnectionReason> BY_VALUE = ControlCode.index(values());

    private final int value;
    private final String displayName;

    StopControlConnectionReason(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    @Override
    public int value() { return value; }

    @Override
    public String displayName() { return displayName; }

    public static Optional<StopControlConnectionReason> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** {@code 1 (...)}, or {@code 9 (unknown)} for a value outside the table. */
    public static String describe(int value) { return ControlCode.describe(value, of(value)); }
}
