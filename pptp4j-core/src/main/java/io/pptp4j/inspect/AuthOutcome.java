package io.pptp4j.inspect;

/** How an authentication ended, as the capture shows it. */
public enum AuthOutcome {
    SUCCESS, FAILURE,
    /** A request or response was seen, the authenticator's answer was not. */
    NO_ANSWER,
    /** No authentication packet was captured. */
    NOT_SEEN;

    public String label() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '); }
}
