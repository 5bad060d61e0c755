package io.pptp4j.ppp.auth;

import io.pptp4j.wire.CodeTable;
import java.util.Optional;

/**
 * EAP Request/Response types: RFC 2284 section 3 (1-6) and later IANA "EAP Method Types" assignments
 * seen from PPTP peers and VPN servers. A Request or Response keeps the raw Type octet; this enum names it.
 */
public enum EapType {
    IDENTITY(1, "Identity"),
    NOTIFICATION(2, "Notification"),
    NAK(3, "Nak"),
    MD5_CHALLENGE(4, "MD5-Challenge"),
    ONE_TIME_PASSWORD(5, "One-Time Password"),
    GENERIC_TOKEN_CARD(6, "Generic Token Card"),
    TLS(13, "EAP-TLS"),
    TTLS(21, "EAP-TTLS"),
    PEAP(25, "PEAP"),
    MSCHAP_V2(26, "EAP-MSCHAP-V2"),
    CISCO_MSCHAP_V2(29, "EAP-MSCHAPv2 (Cisco)"),
    FAST(43, "EAP-FAST"),
    EXPANDED(254, "Expanded");

    private static final CodeTable<EapType> BY_VALUE = CodeTable.of(values(), c -> c.value);

    private final int value;
    private final String displayName;

    EapType(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    public int value() { return value; }

    public String displayName() { return displayName; }

    public static Optional<EapType> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** The type's name, or {@code Type 99} for one not listed here. */
    public static String describe(int value) {
        EapType t = BY_VALUE.get(value);
        return t != null ? t.displayName : "Type " + value;
    }
}
