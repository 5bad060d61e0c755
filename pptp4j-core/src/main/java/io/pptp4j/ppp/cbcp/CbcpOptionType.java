package io.pptp4j.ppp.cbcp;

import io.pptp4j.wire.CodeTable;
import java.util.Optional;

/**
 * CBCP Callback Configuration Option types: 1-3 from [MS-CBCP] 2.2.3; 4 from the CBCP option table of the
 * Windows 2000 Server Resource Kit ("Callback to any of a list of numbers"), which Windows peers do not
 * offer but older ones may.
 */
public enum CbcpOptionType {
    NO_CALLBACK(1, "No callback"),
    USER_SPECIFIED_NUMBER(2, "Callback to a user-specified number"),
    PRE_SPECIFIED_NUMBER(3, "Callback to a pre-specified number"),
    ANY_OF_LIST(4, "Callback to any of a list of numbers");

    private static final CodeTable<CbcpOptionType> BY_VALUE = CodeTable.of(values(), c -> c.value);

    private final int value;
    private final String displayName;

    CbcpOptionType(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    public int value() { return value; }

    public String displayName() { return displayName; }

    public static Optional<CbcpOptionType> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** The name, or {@code Type 9} for a type not listed here. */
    public static String describe(int value) {
        CbcpOptionType t = BY_VALUE.get(value);
        return t != null ? t.displayName : "Type " + value;
    }
}
