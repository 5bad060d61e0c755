package io.pptp4j.control;

import java.util.Map;
import java.util.Optional;

/** Result Code of a Call-Disconnect-Notify (RFC 2637 section 2.13). */
public enum CallDisconnectResult implements ControlCode {
    LOST_CARRIER(1, "Lost Carrier"),
    GENERAL_ERROR(2, "General Error"),
    ADMIN_SHUTDOWN(3, "Admin Shutdown"),
    REQUEST(4, "Request");

    private static final Map<Integer, CallDisconnectResult> BY_VALUE = ControlCode.index(values());

    private final int value;
    private final String displayName;

    CallDisconnectResult(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    @Override
    public int value() { return value; }

    @Override
    public String displayName() { return displayName; }

    public static Optional<CallDisconnectResult> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** {@code 1 (...)}, or {@code 9 (unknown)} for a value outside the table. */
    public static String describe(int value) { return ControlCode.describe(value, of(value)); }
}
