package io.pptp4j.ppp.auth;

import io.pptp4j.wire.CodeTable;
import java.util.Optional;

/** EAP packet codes, RFC 2284 section 2.2. */
public enum EapCode {
    REQUEST(1, "Request"),
    RESPONSE(2, "Response"),
    SUCCESS(3, "Success"),
    FAILURE(4, "Failure");

    private static final CodeTable<EapCode> BY_VALUE = CodeTable.of(values(), c -> c.value);

    private final int value;
    private final String displayName;

    EapCode(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    public int value() { return value; }

    public String displayName() { return displayName; }

    public static Optional<EapCode> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** The RFC name, or {@code Code 9} for a code RFC 2284 does not define. */
    public static String describe(int value) {
        EapCode c = BY_VALUE.get(value);
        return c != null ? c.displayName : "Code " + value;
    }
}
