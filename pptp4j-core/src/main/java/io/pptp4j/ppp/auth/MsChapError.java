package io.pptp4j.ppp.auth;

import io.pptp4j.wire.CodeTable;
import java.util.Optional;

/**
 * The error codes of an MS-CHAP Failure message's {@code E=} field (RFC 2433 section 8, RFC 2759
 * section 6). Peers "should deal with codes not on this list gracefully", so {@link MsChapFailure} keeps
 * the raw number.
 */
public enum MsChapError {
    ERROR_RESTRICTED_LOGON_HOURS(646),
    ERROR_ACCT_DISABLED(647),
    ERROR_PASSWD_EXPIRED(648),
    ERROR_NO_DIALIN_PERMISSION(649),
    ERROR_AUTHENTICATION_FAILURE(691),
    ERROR_CHANGING_PASSWORD(709);

    private static final CodeTable<MsChapError> BY_VALUE = CodeTable.of(values(), c -> c.value);

    private final int value;

    MsChapError(int value) { this.value = value; }

    public int value() { return value; }

    public static Optional<MsChapError> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** {@code 691 ERROR_AUTHENTICATION_FAILURE}, or just the number for a code not on the list. */
    public static String describe(int value) {
        MsChapError e = BY_VALUE.get(value);
        return e != null ? value + " " + e.name() : Integer.toString(value);
    }
}
