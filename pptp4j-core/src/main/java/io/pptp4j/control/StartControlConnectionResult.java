package io.pptp4j.control;

import java.util.Map;
import java.util.Optional;

/** Result Code of a Start-Control-Connection-Reply (RFC 2637 section 2.2). */
public enum StartControlConnectionResult implements ControlCode {
    SUCCESSFUL(1, "Successful channel establishment"),
    GENERAL_ERROR(2, "General error"),
    COMMAND_CHANNEL_EXISTS(3, "Command channel already exists"),
    NOT_AUTHORIZED(4, "Requester is not authorized to establish a command channel"),
    VERSION_NOT_SUPPORTED(5, "The protocol version of the requester is not supported");

    private static final Map<Integer, StartControlConnectionResult> BY_VALUE = ControlCode.index(values());

    private final int value;
    private final String displayName;

    StartControlConnectionResult(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    @Override
    public int value() { return value; }

    @Override
    public String displayName() { return displayName; }

    public static Optional<StartControlConnectionResult> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** {@code 1 (...)}, or {@code 9 (unknown)} for a value outside the table. */
    public static String describe(int value) { return ControlCode.describe(value, of(value)); }
}
