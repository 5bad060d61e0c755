package io.pptp4j.ppp.auth;

import io.pptp4j.wire.CodeTable;
import java.util.Optional;

/** PAP packet codes, RFC 1334 section 2.2. */
public enum PapCode {
    AUTHENTICATE_REQUEST(1, "Authenticate-Request"),
    AUTHENTICATE_ACK(2, "Authenticate-Ack"),
    AUTHENTICATE_NAK(3, "Authenticate-Nak");

    private static final CodeTable<PapCode> BY_VALUE = CodeTable.of(values(), c -> c.value);

    private final int value;
    private final String displayName;

    PapCode(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    public int value() { return value; }

    public String displayName() { return displayName; }

    public static Optional<PapCode> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** The RFC name, or {@code Code 9} for a code PAP does not define. */
    public static String describe(int value) {
        PapCode c = BY_VALUE.get(value);
        return c != null ? c.displayName : "Code " + value;
    }
}
