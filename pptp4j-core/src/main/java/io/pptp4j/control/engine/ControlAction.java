package io.pptp4j.control.engine;

import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.control.ControlMessage.StartControlConnectionRequest;
import io.pptp4j.control.ControlMessage.WanErrorNotify;
import io.pptp4j.control.StopControlConnectionReason;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a {@link ControlConnectionEngine} asks of its adapter and tells its application, in the order it
 * returns them. Perform them in that order: a {@link Send} before a {@link CloseTransport} must reach
 * the TCP stream first (RFC 2637 3.1.1: the final messages are "pushed" before the close).
 */
public sealed interface ControlAction {

    /** Write this message to the TCP stream. */
    record Send(ControlMessage message) implements ControlAction {
        public Send {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The control connection is established (RFC 2637 3.1): Start-Control-Connection-Request and -Reply
     * were exchanged.
     *
     * @param peer what the peer said about itself
     * @param peerProtocolVersion the Protocol Version the peer sent
     * @param peerStart the peer's message as received: its Start-Control-Connection-Request (we are the
     *     receiver) or -Reply, with Result and Error Code (we are the originator)
     */
    record Established(HostIdentity peer, int peerProtocolVersion, ControlMessage peerStart) implements ControlAction {
        public Established {
            Objects.requireNonNull(peer, "peer");
            if (!(peerStart instanceof StartControlConnectionRequest || peerStart instanceof StartControlConnectionReply)) {
                throw new IllegalArgumentException("peerStart must be SCCRQ or SCCRP, not " + peerStart);
            }
        }
    }

    /**
     * A call is up: the GRE session can start.
     *
     * @param callId our Call ID: what the peer puts in the GRE packets it sends us
     * @param peerCallId the peer's Call ID: what we put in the GRE packets we send
     * @param side our side of the call
     * @param direction outgoing (OCRQ/OCRP) or incoming (ICRQ/ICRP/ICCN)
     * @param callSerialNumber the serial number of the request that set the call up
     * @param peerPacketRecvWindowSize how many packets the peer buffers: our send window (RFC 2637 4.2.1), as
     *     the peer sent it (0 is possible from a careless peer; the GRE engine needs at least 1)
     * @param peerPacketProcessingDelay the peer's Packet Processing or Transmit Delay, 1/10 s (RFC 2637 4.4)
     * @param connectSpeed the Connect Speed of the call, bits/s
     * @param framingType the Framing Type of the call (bits of {@code Framing}; 3 from an OCRQ means either)
     * @param peerMessage the peer's message that completed the setup: OCRP, OCRQ, ICRP or ICCN
     */
    record CallConnected(int callId, int peerCallId, CallSide side, CallDirection direction, int callSerialNumber,
                         int peerPacketRecvWindowSize, int peerPacketProcessingDelay, long connectSpeed,
                         long framingType, ControlMessage peerMessage) implements ControlAction {
        public CallConnected {
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(peerMessage, "peerMessage");
        }
    }

    /**
     * A call we had set up, or were setting up, is gone and its Call ID released.
     *
     * @param callId our Call ID
     * @param peerCallId the peer's Call ID, empty if it never told us
     * @param cause why
     * @param detail the codes involved, for a log line
     * @param message the message that ended the call, received (CDN, OCRP, ICRP, CCRQ) or sent (CDN), if any
     */
    record CallCleared(int callId, OptionalInt peerCallId, CallClearCause cause, String detail,
                       Optional<ControlMessage> message) implements ControlAction {
        public CallCleared {
            Objects.requireNonNull(peerCallId, "peerCallId");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The peer sent Set-Link-Info for a call (RFC 2637 2.15): the ACCMs PPP negotiated, for the
     * asynchronous framing of the call. Both default to 0xFFFFFFFF until one arrives.
     */
    record LinkInfo(int callId, long sendAccm, long receiveAccm) implements ControlAction {}

    /** The peer sent WAN-Error-Notify for a call (RFC 2637 2.14): cumulative error counters. */
    record WanError(int callId, WanErrorNotify counters) implements ControlAction {
        public WanError {
            Objects.requireNonNull(counters, "counters");
        }
    }

    /**
     * The control connection has ended; a {@link CloseTransport} follows. Reported once per engine.
     *
     * @param cause why
     * @param reason the Reason of the Stop-Control-Connection-Request sent or received, if any (RFC 2637 2.3)
     * @param errorCode the General Error Code involved (RFC 2637 2.16), if any: the one a malformed
     *     message's {@code DecodeException} carries, or the peer's refusing reply's
     * @param detail what happened, for a log line
     */
    record Stopped(StopCause cause, OptionalInt reason, OptionalInt errorCode, String detail) implements ControlAction {
        public Stopped {
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(errorCode, "errorCode");
            Objects.requireNonNull(detail, "detail");
        }

        public Optional<StopControlConnectionReason> stopReason() {
            return reason.isPresent() ? StopControlConnectionReason.of(reason.getAsInt()) : Optional.empty();
        }
    }

    /** Close the TCP connection, after sending what came before. */
    record CloseTransport() implements ControlAction {}

    /** A line for the log: unexpected messages, quirks met, decisions taken. */
    record Log(System.Logger.Level level, String text) implements ControlAction {
        public Log {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(text, "text");
        }
    }

    /** The engine did not carry out a command of the application, and why; nothing else happened. */
    record CommandRefused(String command, String reason) implements ControlAction {
        public CommandRefused {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
