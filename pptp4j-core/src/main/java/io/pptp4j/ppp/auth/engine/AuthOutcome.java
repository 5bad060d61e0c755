package io.pptp4j.ppp.auth.engine;

import io.pptp4j.ppp.fsm.lcp.AuthProtocol;
import io.pptp4j.ppp.auth.MsChapFailure;
import io.pptp4j.ppp.mschap.MppeSessionKeys;
import java.util.Objects;
import java.util.Optional;

/** How an authentication ended, for the side that ran the engine. */
public sealed interface AuthOutcome {

    AuthProtocol protocol();

    /**
     * Authenticated.
     *
     * @param peerName the name the peer authenticated as (on the peer's side: its own name)
     * @param mppeKeys for MS-CHAP and MS-CHAP-V2: the 128-bit MPPE start keys of this side (RFC 3079);
     *                 {@link MppeSessionKeys#withBits} gives 40 and 56 bits after MS-CHAP-V2
     */
    record Success(AuthProtocol protocol, String peerName, Optional<MppeSessionKeys> mppeKeys) implements AuthOutcome {
        public Success {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(peerName, "peerName");
            Objects.requireNonNull(mppeKeys, "mppeKeys");
        }
    }

    /**
     * Not authenticated.
     *
     * @param reason what went wrong, for people (never a secret)
     * @param serverMessage the MS-CHAP Failure message the authenticator sent or received, if any
     */
    record Failure(AuthProtocol protocol, String reason, Optional<MsChapFailure> serverMessage) implements AuthOutcome {
        public Failure {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(serverMessage, "serverMessage");
        }

        public Failure(AuthProtocol protocol, String reason) { this(protocol, reason, Optional.empty()); }
    }
}
