package io.pptp4j.ppp.auth;

import io.pptp4j.wire.CodeTable;
import java.util.Optional;

/**
 * CHAP packet codes: RFC 1994 section 4 (1-4), the MS-CHAP change-password packets of RFC 2433
 * sections 9 and 10 (5, 6; deprecated, decoded raw) and the MS-CHAP-V2 Change-Password packet of
 * RFC 2759 section 7 (7).
 */
public enum ChapCode {
    CHALLENGE(1, "Challenge"),
    RESPONSE(2, "Response"),
    SUCCESS(3, "Success"),
    FAILURE(4, "Failure"),
    MS_CHAP_CHANGE_PASSWORD_V1(5, "MS-CHAP Change-Password (version 1)"),
    MS_CHAP_CHANGE_PASSWORD_V2(6, "MS-CHAP Change-Password (version 2)"),
    MS_CHAP_V2_CHANGE_PASSWORD(7, "MS-CHAP-V2 Change-Password");

    private static final CodeTable<ChapCode> BY_VALUE = CodeTable.of(values(), c -> c.value);

    private final int value;
    private final String displayName;

    ChapCode(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    public int value() { return value; }

    public String displayName() { return displayName; }

    public static Optional<ChapCode> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** The RFC name, or {@code Code 9} for a code no CHAP variant defines. */
    public static String describe(int value) {
        ChapCode c = BY_VALUE.get(value);
        return c != null ? c.displayName : "Code " + value;
    }
}
