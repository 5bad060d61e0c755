package io.pptp4j.ppp.lcp;

import io.pptp4j.wire.CodeTable;
import java.util.Optional;

/**
 * The Operation field of the Callback option, RFC 1570 2.3 (0-4). Value 6, "location is determined
 * during CBCP negotiation", is what Windows clients send: an empty Message, with the details then
 * negotiated by the Microsoft Callback Control Protocol (0xC029).
 */
public enum CallbackOperation {
    USER_AUTHENTICATION(0, "location determined by user authentication"),
    DIALING_STRING(1, "dialing string"),
    LOCATION_IDENTIFIER(2, "location identifier"),
    E164_NUMBER(3, "E.164 number"),
    DISTINGUISHED_NAME(4, "distinguished name"),
    CBCP(6, "location determined during CBCP negotiation");

    private static final CodeTable<CallbackOperation> BY_VALUE = CodeTable.of(values(), c -> c.value);

    private final int value;
    private final String displayName;

    CallbackOperation(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    public int value() { return value; }

    public String displayName() { return displayName; }

    public static Optional<CallbackOperation> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** The operation's description, or {@code operation 9} when it has none here. */
    public static String describe(int value) {
        CallbackOperation o = BY_VALUE.get(value);
        return o != null ? o.displayName : "operation " + value;
    }
}
