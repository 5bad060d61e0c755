package io.pptp4j.control;

import java.util.Map;
import java.util.Optional;

/** General Error Codes (RFC 2637 section 2.16), carried in the Error Code field of a reply whose Result Code is General Error, and in {@link io.pptp4j.wire.DecodeException#replyCode()} for a malformed message. */
public enum GeneralErrorCode implements ControlCode {
    NONE(0, "None"),
    NOT_CONNECTED(1, "Not-Connected"),
    BAD_FORMAT(2, "Bad-Format"),
    BAD_VALUE(3, "Bad-Value"),
    NO_RESOURCE(4, "No-Resource"),
    BAD_CALL_ID(5, "Bad-Call ID"),
    PAC_ERROR(6, "PAC-Error");

    private static final Map<Integer, GeneralErrorCode> BY_VALUE = ControlCode.index(values());

    private final int value;
    private final String displayName;

    GeneralErrorCode(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    @Override
    public int value() { return value; }

    @Override
    public String displayName() { return displayName; }

    public static Optional<GeneralErrorCode> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** {@code 1 (...)}, or {@code 9 (unknown)} for a value outside the table. */
    public static String describe(int value) { return ControlCode.describe(value, of(value)); }
}
