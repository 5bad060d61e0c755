package io.pptp4j.control;

import java.util.Map;
import java.util.Optional;

/** Result Code of an Incoming-Call-Reply (RFC 2637 section 2.10). */
public enum IncomingCallResult implements ControlCode {
    CONNECT(1, "Connect"),
    GENERAL_ERROR(2, "General Error"),
    DO_NOT_ACCEPT(3, "Do Not Accept");

    private static final Map<Integer, IncomingCallResult> BY_VALUE = ControlCode.index(values());

    private final int value;
    private final String displayName;

    IncomingCallResult(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    @Override
    public int value() { return value; }

    @Override
    public String displayName() { return displayName; }

    public static Optional<IncomingCallResult> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** {@code 1 (...)}, or {@code 9 (unknown)} for a value outside the table. */
    public static String describe(int value) { return ControlCode.describe(value, of(value)); }
}
