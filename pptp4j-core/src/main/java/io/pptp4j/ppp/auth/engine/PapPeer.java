package io.pptp4j.ppp.auth.engine;

import io.pptp4j.ppp.secrets.Secret;
import io.pptp4j.ppp.fsm.lcp.AuthProtocol;
import io.pptp4j.ppp.auth.PapPacket;
import io.pptp4j.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The peer side of PAP (RFC 1334 2.1, 2.2): sends Authenticate-Request at {@link #start()} and again on
 * every restart-timer {@link #timeout()}, with a new Identifier each time (2.2.1: it "MUST be changed
 * each time an Authenticate-Request packet is issued"), until an Ack or Nak with the current Identifier
 * arrives or {@code maxRequests} went unanswered.
 *
 * <pre>
 * INITIAL --start--> REQUESTING --timeout (under max)--> REQUESTING (new Request)
 * REQUESTING --Ack--> SUCCEEDED   --Nak--> FAILED   --timeout (max reached)--> FAILED
 * </pre>
 */
public final class PapPeer {
    /** The engine's states. */
    public enum State {
        /** Not started. */
        INITIAL,
        /** A Request is out. */
        REQUESTING,
        /** Acked. */
        SUCCEEDED,
        /** Naked or given up. */
        FAILED
    }

    private final Bytes peerId;
    private final Bytes password;
    private final int maxRequests;
    private State state = State.INITIAL;
    private int identifier;
    private int sent;

    /**
     * @param maxRequests how many Requests to send before giving up (RFC 1661 Max-Configure is 10)
     * @param firstIdentifier the Identifier of the first Request
     */
    public PapPeer(String peerId, char[] password, int maxRequests, int firstIdentifier) {
        this.peerId = Bytes.of(peerId.getBytes(StandardCharsets.UTF_8));
        byte[] p = Secret.utf8(password);
        this.password = Bytes.of(p);
        java.util.Arrays.fill(p, (byte) 0);
        if (maxRequests < 1) {
            throw new IllegalArgumentException("maxRequests " + maxRequests + " is below 1");
        }
        this.maxRequests = maxRequests;
        this.identifier = firstIdentifier & 0xFF;
    }

    public State state() { return state; }

    public AuthStep<PapPacket> start() {
        if (state != State.INITIAL) {
            throw new IllegalStateException("start in state " + state + ": already started");
        }
        state = State.REQUESTING;
        return AuthStep.send(request());
    }

    /** The restart timer expired. */
    public AuthStep<PapPacket> timeout() {
        if (state != State.REQUESTING) {
            return AuthStep.none();
        }
        if (sent >= maxRequests) {
            state = State.FAILED;
            return AuthStep.done(new AuthOutcome.Failure(AuthProtocol.PAP,
                    "no reply to " + sent + " Authenticate-Requests"));
        }
        identifier = (identifier + 1) & 0xFF;
        return AuthStep.send(request());
    }

    public AuthStep<PapPacket> receive(PapPacket packet) {
        if (state != State.REQUESTING || packet.identifier() != identifier) {
            return AuthStep.none();
        }
        return switch (packet) {
            case PapPacket.AuthenticateAck ack -> {
                state = State.SUCCEEDED;
                yield AuthStep.done(new AuthOutcome.Success(AuthProtocol.PAP, peerId.latin1(), Optional.empty()));
            }
            case PapPacket.AuthenticateNak nak -> {
                state = State.FAILED;
                yield AuthStep.done(new AuthOutcome.Failure(AuthProtocol.PAP,
                        "Authenticate-Nak: " + nak.message().latin1()));
            }
            default -> AuthStep.none();
        };
    }

    private PapPacket.AuthenticateRequest request() {
        sent++;
        return new PapPacket.AuthenticateRequest(identifier, peerId, password);
    }

    @Override
    public String toString() { return "PapPeer[" + peerId.latin1() + ", password=<redacted>, " + state + "]"; }
}
