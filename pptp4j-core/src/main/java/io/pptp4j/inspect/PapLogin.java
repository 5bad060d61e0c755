package io.pptp4j.inspect;

import io.pptp4j.wire.Bytes;
import java.util.Objects;

/** A PAP Authenticate-Request (RFC 1334 2.2.1) and its answer. {@link #toString()} leaves the password out. */
public record PapLogin(int sessionId, Bytes peerId, Bytes password, AuthOutcome outcome, long requestFrame, long resultFrame) {
    public PapLogin {
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(outcome, "outcome");
    }

    public String user() { return peerId.latin1(); }

    @Override
    public String toString() {
        return "PapLogin[session " + sessionId + ", user " + user() + ", password redacted, " + outcome.label() + "]";
    }
}
