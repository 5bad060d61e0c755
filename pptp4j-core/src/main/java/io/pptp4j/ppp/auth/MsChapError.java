package io.pptp4j.ppp.auth;

import java.util.HashMap;
import java.util.Map;
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

    private static final Map<Integer, MsChapError> BY_VALUE = new HashMap<>();

    static {
        for (MsChapError e : values()) {
            if (BY_VALUE.put(e.value, e) != null) {
                throw new ExceptionInInitializerError("two MS-CHAP errors share " + e.value);
            }
        }
    }

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
