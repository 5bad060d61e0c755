package io.pptp4j.gre.engine;

import io.pptp4j.gre.GrePacket;
import io.pptp4j.wire.Bytes;
import java.util.Objects;

/** What a {@link GreCallEngine} asks its adapter to do, in the order it returns them. */
public sealed interface GreAction {

    /** Send this packet to the peer: a data packet (maybe with a piggybacked acknowledgment) or an acknowledgment-only one. */
    record Transmit(GrePacket packet) implements GreAction {
        public Transmit {
            Objects.requireNonNull(packet, "packet");
        }
    }

    /** Hand this PPP frame (as carried in the GRE payload, without HDLC framing) up to PPP; frames come in sequence order. */
    record Deliver(Bytes pppFrame) implements GreAction {
        public Deliver {
            Objects.requireNonNull(pppFrame, "pppFrame");
        }
    }

    /**
     * The adapter reported EMSGSIZE for a packet: the path cannot carry {@code packetLength} octets of GRE
     * (header and payload; IP adds its own header), so the caller should lower the PPP MTU/MRU below
     * {@code payloadLength}.
     */
    record MtuProblem(int packetLength, int payloadLength) implements GreAction {}
}
