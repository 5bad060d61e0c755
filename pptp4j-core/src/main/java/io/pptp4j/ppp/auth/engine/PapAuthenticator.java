package io.pptp4j.ppp.auth.engine;

import io.pptp4j.ppp.secrets.Secret;
import io.pptp4j.ppp.fsm.lcp.AuthProtocol;
import io.pptp4j.ppp.auth.PapPacket;
import io.pptp4j.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The authenticator side of PAP (RFC 1334 2.1, 2.2): waits for Authenticate-Request, looks the Peer-ID up
 * and answers Authenticate-Ack or Authenticate-Nak. The peer drives retransmission; a Request repeated
 * after the answer gets the same answer again (the first may have been lost). The password comparison is
 * constant-time.
 *
 * <pre>
 * WAITING --Request, good--> ACKED (Success)      WAITING --Request, bad--> NAKED (Failure)
 * ACKED/NAKED --Request--> same state, same answer again
 * </pre>
 */
public final class PapAuthenticator {
    /** The engine's states. */
    public enum State {
        /** No Authenticate-Request yet. */
        WAITING,
        /** Acked: the peer is authenticated. */
        ACKED,
        /** Naked: the peer failed. */
        NAKED
    }

    private final SecretLookup secrets;
    private final String serverName;
    private State state = State.WAITING;

    public PapAuthenticator(SecretLookup secrets, String serverName) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.serverName = Objects.requireNonNull(serverName, "serverName");
    }

    public State state() { return state; }

    public AuthStep<PapPacket> receive(PapPacket packet) {
        if (!(packet instanceof PapPacket.AuthenticateRequest request)) {
            return AuthStep.none();
        }
        int id = request.identifier();
        return switch (state) {
            case ACKED -> AuthStep.send(new PapPacket.AuthenticateAck(id, message("Access granted")));
            case NAKED -> AuthStep.send(new PapPacket.AuthenticateNak(id, message("Access denied")));
            case WAITING -> {
                String peerId = request.peerId().latin1();
                if (check(peerId, request.password())) {
                    state = State.ACKED;
                    yield AuthStep.done(new PapPacket.AuthenticateAck(id, message("Access granted")),
                            new AuthOutcome.Success(AuthProtocol.PAP, peerId, Optional.empty()));
                }
                state = State.NAKED;
                yield AuthStep.done(new PapPacket.AuthenticateNak(id, message("Access denied")),
                        new AuthOutcome.Failure(AuthProtocol.PAP, "wrong password or unknown peer " + peerId));
            }
        };
    }

    private boolean check(String peerId, Bytes password) {
        Optional<Secret> secret = secrets.find(peerId, serverName);
        byte[] expected = secret.map(s -> s.utf8()).orElseGet(() -> new byte[32]);
        byte[] got = password.toArray();
        try {
            return MessageDigest.isEqual(expected, got) && secret.isPresent();
        } finally {
            Arrays.fill(expected, (byte) 0);
            Arrays.fill(got, (byte) 0);
        }
    }

    private static Bytes message(String s) { return Bytes.of(s.getBytes(StandardCharsets.US_ASCII)); }

    @Override
    public String toString() { return "PapAuthenticator[" + serverName + ", " + state + "]"; }
}
