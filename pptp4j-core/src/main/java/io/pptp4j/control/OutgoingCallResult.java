package io.pptp4j.control;

import java.util.Map;
import java.util.Optional;

/** Result Code of an Outgoing-Call-Reply (RFC 2637 section 2.8). */
public enum OutgoingCallResult implements ControlCode {
    CONNECTED(1, "Connected"),
    GENERAL_ERROR(2, "General Error"),
    NO_CARRIER(3, "No Carrier"),
    BUSY(4, "Busy"),
    NO_DIAL_TONE(5, "No Dial Tone"),
    TIME_OUT(6, "Time-out"),
    DO_NOT_ACCEPT(7, "Do Not Accept");

    private static final Map<Integer, OutgoingCallResult> BY_VALUE = ControlCode.index(values());

    private final int value;
    private final String displayName;

    OutgoingCallResult(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    @Override
    public int value() { return value; }

    @Override
    public String displayName() { return displayName; }

    public static Optional<OutgoingCallResult> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** {@code 1 (...)}, or {@code 9 (unknown)} for a value outside the table. */
    public static String describe(int value) { return ControlCode.describe(value, of(value)); }
}
