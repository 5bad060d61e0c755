package io.pptp4j.scan;

import io.pptp4j.ppp.fsm.ccp.MppeNegotiated;
import io.pptp4j.ppp.session.SessionResult;
import java.util.Locale;
import java.util.Objects;

/**
 * How one {@link MppeTry} ended.
 *
 * @param attempt the try
 * @param outcome accepted (the network phase came up), refused (authentication passed, then the link
 *     ended before the network phase), or a failure that says nothing about MPPE
 * @param agreed the MPPE both sides agreed when accepted; null without MPPE or when not accepted
 * @param detail why the session ended, when it did not come up; null when accepted
 */
public record MppeTryResult(MppeTry attempt, Outcome outcome, MppeNegotiated agreed, String detail) {

    public enum Outcome {
        ACCEPTED, REFUSED,
        /** Our credentials were refused: nothing is known about MPPE. */
        AUTH_FAILED,
        /** No call, no common authentication, no answer in time...: nothing is known about MPPE. */
        ERROR;

        /** {@code accepted}, {@code refused}, {@code auth-failed}, {@code error}. */
        public String label() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
    }

    public MppeTryResult {
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(outcome, "outcome");
        if (agreed != null && outcome != Outcome.ACCEPTED) throw new IllegalArgumentException("MPPE agreed in a try not accepted");
        if (outcome != Outcome.ACCEPTED && detail == null) throw new IllegalArgumentException("a try not accepted needs its reason");
    }

    /**
     * The result of a session: {@code up} when it reached the network phase; else whether authentication
     * had passed (RFC 1661 3.5: CCP runs only in the network phase, so a link that ends after it ended
     * over something negotiated there) and the reason it ended.
     */
    public static MppeTryResult of(MppeTry attempt, SessionResult up, boolean authenticated, String reason) {
        if (up != null) return new MppeTryResult(attempt, Outcome.ACCEPTED, up.mppe().orElse(null), null);
        String why = reason == null ? "no reason given" : reason;
        if (authenticated) return new MppeTryResult(attempt, Outcome.REFUSED, null, why);
        return new MppeTryResult(attempt, why.startsWith("authentication failed") ? Outcome.AUTH_FAILED : Outcome.ERROR, null, why);
    }

    /** The try failed before anything was negotiated (no call, no answer). */
    public static MppeTryResult error(MppeTry attempt, String detail) {
        return new MppeTryResult(attempt, Outcome.ERROR, null, detail);
    }

    /** Whether the outcome says something about the server's MPPE policy. */
    public boolean conclusive() { return outcome == Outcome.ACCEPTED || outcome == Outcome.REFUSED; }

    /** {@code 128-bit stateless}, {@code 40-bit stateful}, {@code none}; null when not accepted. */
    public String agreedText() {
        if (outcome != Outcome.ACCEPTED) return null;
        return agreed == null ? "none" : agreed.keyBits() + "-bit " + (agreed.stateless() ? "stateless" : "stateful");
    }
}
