package io.pptp4j.ppp.fsm;

import io.pptp4j.ppp.cp.CpPacket;
import java.util.Objects;

/**
 * What the automaton asks its owner to do, in order: packets to send, the layer signals of RFC 1661 4.4,
 * packets for the layer above, and log lines.
 */
public sealed interface AutomatonAction<O> {

    /** Send this packet to the peer. */
    record Send<O>(CpPacket<O> packet) implements AutomatonAction<O> {
        public Send { Objects.requireNonNull(packet, "packet"); }
    }

    /** tlu: the automaton entered Opened; the negotiated values are in the policy. */
    record ThisLayerUp<O>() implements AutomatonAction<O> {}

    /** tld: the automaton left Opened. */
    record ThisLayerDown<O>() implements AutomatonAction<O> {}

    /** tls: the automaton entered Starting and needs the lower layer (answer with {@code up}). */
    record ThisLayerStarted<O>() implements AutomatonAction<O> {}

    /** tlf: the lower layer is no longer needed; {@code reason} says why. */
    record ThisLayerFinished<O>(String reason) implements AutomatonAction<O> {
        public ThisLayerFinished { Objects.requireNonNull(reason, "reason"); }
    }

    /**
     * A packet the automaton does not consume itself, for the layer above: Echo-Reply (keepalive),
     * Protocol-Reject of another protocol, Reset-Request and Reset-Ack (CCP).
     */
    record Deliver<O>(CpPacket<O> packet) implements AutomatonAction<O> {
        public Deliver { Objects.requireNonNull(packet, "packet"); }
    }

    /** Something worth logging: a discarded packet, an illegal event, a failed negotiation. */
    record Log<O>(String message) implements AutomatonAction<O> {
        public Log { Objects.requireNonNull(message, "message"); }
    }
}
