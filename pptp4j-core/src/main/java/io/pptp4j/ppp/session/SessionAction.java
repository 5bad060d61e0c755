package io.pptp4j.ppp.session;

import io.pptp4j.ppp.auth.engine.AuthOutcome;
import io.pptp4j.wire.Bytes;
import java.util.Objects;

/** What a {@link PppSession} asks its transport and owner to do, in order. */
public sealed interface SessionAction {

    /** Send this whole PPP frame (Address/Control and Protocol fields as negotiated) to the peer. */
    record SendFrame(Bytes pppFrame) implements SessionAction {
        public SendFrame { Objects.requireNonNull(pppFrame, "pppFrame"); }
    }

    /** An IPv4 datagram from the peer, decrypted, for the tunnel above. */
    record DeliverDatagram(Bytes ipPacket) implements SessionAction {
        public DeliverDatagram { Objects.requireNonNull(ipPacket, "ipPacket"); }
    }

    /** The link moved from one phase to another (RFC 1661 3.2). */
    record PhaseChanged(Phase from, Phase to) implements SessionAction {
        public PhaseChanged {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** Authentication succeeded (as authenticator: the peer is who it says; as peer: we were accepted). */
    record Authenticated(AuthOutcome.Success outcome) implements SessionAction {
        public Authenticated { Objects.requireNonNull(outcome, "outcome"); }
    }

    /** IPCP (and CCP where required) are Opened: datagrams may flow. */
    record NetworkUp(SessionResult result) implements SessionAction {
        public NetworkUp { Objects.requireNonNull(result, "result"); }
    }

    /** The link is down for good (phase Dead); {@code reason} says why. */
    record Terminated(String reason) implements SessionAction {
        public Terminated { Objects.requireNonNull(reason, "reason"); }
    }

    /** Something worth logging. */
    record Log(String message) implements SessionAction {
        public Log { Objects.requireNonNull(message, "message"); }
    }
}
