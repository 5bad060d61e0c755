package io.pptp4j.control;

import java.util.Map;
import java.util.Optional;

/** Result Code of an Echo-Reply (RFC 2637 section 2.6). */
public enum EchoReplyResult implements ControlCode {
    OK(1, "OK"),
    GENERAL_ERROR(2, "General Error");

    private static final Map<Integer, EchoReplyResult> BY_VALUE = ControlCode.index(values());

    private final int value;
    private final String displayName;

    EchoReplyResult(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    @Override
    public int value() { return value; }

    @Override
    public String displayName() { return displayName; }

    public static Optional<EchoReplyResult> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** {@code 1 (...)}, or {@code 9 (unknown)} for a value outside the table. */
    public static String describe(int value) { return ControlCode.describe(value, of(value)); }
}
