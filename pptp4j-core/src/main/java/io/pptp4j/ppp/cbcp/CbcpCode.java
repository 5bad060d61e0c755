package io.pptp4j.ppp.cbcp;

import io.pptp4j.wire.CodeTable;
import java.util.Optional;

/** CBCP packet codes ([MS-CBCP] 2.2.4): the only three codes of the LCP packet format that CBCP uses. */
public enum CbcpCode {
    CALLBACK_REQUEST(1, "Callback Request"),
    CALLBACK_RESPONSE(2, "Callback Response"),
    CALLBACK_ACK(3, "Callback Ack");

    private static final CodeTable<CbcpCode> BY_VALUE = CodeTable.of(values(), c -> c.value);

    private final int value;
    private final String displayName;

    CbcpCode(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    public int value() { return value; }

    public String displayName() { return displayName; }

    public static Optional<CbcpCode> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** The name, or {@code Code 9} for a code CBCP does not define. */
    public static String describe(int value) {
        CbcpCode c = BY_VALUE.get(value);
        return c != null ? c.displayName : "Code " + value;
    }
}
