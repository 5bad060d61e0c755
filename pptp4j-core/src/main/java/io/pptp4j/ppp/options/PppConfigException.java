package io.pptp4j.ppp.options;

/**
 * A pppd-format configuration file (options file, argument list, chap-secrets / pap-secrets) could not be
 * parsed or gives an impossible policy. Formats as {@code source:line:column: reason}, e.g.
 * {@code chap-secrets:12:5: unterminated quote}. Never carries a secret.
 */
public final class PppConfigException extends RuntimeException {
    private final Position position;
    private final String reason;

    public PppConfigException(Position position, String reason) {
        super(position + ": " + reason);
        this.position = position;
        this.reason = reason;
    }

    public Position position() {
        return position;
    }

    /** The message without the position. */
    public String reason() {
        return reason;
    }
}
