package io.pptp4j.ppp.auth.engine;

import io.pptp4j.ppp.fsm.lcp.AuthProtocol;
import io.pptp4j.ppp.auth.ChapPacket;
import io.pptp4j.ppp.auth.ChapValueSizes;
import io.pptp4j.ppp.auth.MsChapFailure;
import io.pptp4j.ppp.auth.MsChapV1Response;
import io.pptp4j.ppp.auth.MsChapV2Response;
import io.pptp4j.ppp.auth.MsChapV2Success;
import io.pptp4j.ppp.lcp.ChapAlgorithm;
import io.pptp4j.ppp.mschap.MppeSessionKeys;
import io.pptp4j.ppp.mschap.MsChapV1;
import io.pptp4j.ppp.mschap.MsChapV2;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The peer side of CHAP with MD5 (RFC 1994), MS-CHAP (RFC 2433) or MS-CHAP-V2 (RFC 2759): answers each
 * Challenge, and on MS-CHAP-V2 Success checks the authenticator's {@code S=} (RFC 2759 5): an
 * authenticator that does not know the password cannot compute it, and the peer fails it.
 *
 * <pre>
 * WAITING --Challenge--> RESPONDED (Response; a repeated Challenge gets the same Response)
 * RESPONDED --Success--> SUCCEEDED (MS-CHAP-V2: only if S= checks; else FAILED)
 * RESPONDED --Failure R=1, MS-CHAP, the prompt gives a password--> RESPONDED
 *           (Response to C=, or for MS-CHAP without C= the old challenge with 23 added to its first
 *            octet (RFC 2433 8), Identifier one more than the Failure's)
 * RESPONDED --Failure, otherwise--> FAILED (the server's message in the outcome)
 * RESPONDED --timeout--> RESPONDED (the recent Responses again)
 * </pre>
 *
 * The peer remembers its last {@value #RECENT} exchanges, not only the last one: on a link that reorders,
 * a late copy of an old Challenge (from an authenticator that LCP has since restarted) may arrive after
 * the current one, and the Success that answers the current one must still be recognised; a
 * retransmission sends every remembered Response, so the authenticator sees again the one it answers
 * (RFC 1994 4.2: it repeats its Success for a repeated Response).
 */
public final class ChapPeer {
    /** The engine's states. */
    public enum State {
        /** No Challenge yet. */
        WAITING,
        /** A Response is out. */
        RESPONDED,
        /** Authenticated (and, for MS-CHAP-V2, the authenticator proved it knows the password). */
        SUCCEEDED,
        /** Refused, or the authenticator failed to prove itself. */
        FAILED
    }

    /** Asked after an MS-CHAP Failure with R=1: a password to try again with, or empty to give up. */
    @FunctionalInterface
    public interface RetryPrompt {
        Optional<char[]> newPassword(MsChapFailure failure);

        RetryPrompt NEVER = failure -> Optional.empty();
    }

    private final ChapAlgorithm algorithm;
    private final AuthProtocol protocol;
    private final Bytes userName;
    private char[] password;
    private final SecureRandom random;
    private final RetryPrompt prompt;
    /** How many exchanges the peer remembers. */
    static final int RECENT = 4;

    /** One Challenge answered: what the Success or Failure for it is checked against. */
    private record Exchange(int identifier, Bytes challenge, Bytes peerChallenge, Bytes ntResponse,
                            ChapPacket.Response response) {}

    private State state = State.WAITING;
    private final ArrayDeque<Exchange> recent = new ArrayDeque<>();

    public ChapPeer(ChapAlgorithm algorithm, String userName, char[] password, SecureRandom random, RetryPrompt prompt) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.protocol = AuthProtocol.of(algorithm);
        this.userName = Bytes.of(userName.getBytes(StandardCharsets.ISO_8859_1));
        this.password = password.clone();
        this.random = Objects.requireNonNull(random, "random");
        this.prompt = Objects.requireNonNull(prompt, "prompt");
    }

    public State state() { return state; }

    public AuthStep<ChapPacket> receive(ChapPacket packet) {
        return switch (packet) {
            case ChapPacket.Challenge c -> challenge(c);
            case ChapPacket.Success s -> success(s);
            case ChapPacket.Failure f -> failure(f);
            default -> AuthStep.none();
        };
    }

    private AuthStep<ChapPacket> challenge(ChapPacket.Challenge c) {
        if (state == State.SUCCEEDED || state == State.FAILED) {
            return AuthStep.none();
        }
        Optional<Exchange> seen = find(c.identifier()).filter(e -> e.challenge().equals(c.value()));
        if (seen.isPresent()) {
            return AuthStep.send(seen.get().response());
        }
        try {
            ChapValueSizes.checkChallenge(c, algorithm.value());
        } catch (DecodeException e) {
            return AuthStep.none();
        }
        return respond(c.identifier(), c.value());
    }

    /** The restart timer expired with no Success or Failure: every remembered Response again. */
    public AuthStep<ChapPacket> timeout() {
        if (state != State.RESPONDED) {
            return AuthStep.none();
        }
        return new AuthStep<>(recent.stream().map(e -> (ChapPacket) e.response()).toList(), Optional.empty());
    }

    private Optional<Exchange> find(int id) {
        return recent.stream().filter(e -> e.identifier() == id).findFirst();
    }

    private AuthStep<ChapPacket> respond(int id, Bytes value) {
        Bytes peerChallenge = null;
        Bytes ntResponse = null;
        Bytes responseValue = switch (algorithm) {
            case MD5 -> Bytes.of(ChapAuthenticator.md5Response(id, password, value));
            case MS_CHAP -> MsChapV1Response.of(MsChapV1.ntChallengeResponse(value, password)).toValue();
            case MS_CHAP_V2 -> {
                byte[] pc = new byte[MsChapV2Response.PEER_CHALLENGE_SIZE];
                random.nextBytes(pc);
                peerChallenge = Bytes.of(pc);
                ntResponse = MsChapV2.generateNtResponse(value, peerChallenge, userName, password);
                yield MsChapV2Response.of(peerChallenge, ntResponse).toValue();
            }
        };
        state = State.RESPONDED;
        ChapPacket.Response response = new ChapPacket.Response(id, responseValue, userName);
        recent.removeIf(e -> e.identifier() == id);
        recent.addFirst(new Exchange(id, value, peerChallenge, ntResponse, response));
        while (recent.size() > RECENT) {
            recent.removeLast();
        }
        return AuthStep.send(response);
    }

    private AuthStep<ChapPacket> success(ChapPacket.Success s) {
        Optional<Exchange> answered = find(s.identifier());
        if (state != State.RESPONDED || answered.isEmpty()) {
            return AuthStep.none();
        }
        Exchange e = answered.get();
        String name = userName.latin1();
        return switch (algorithm) {
            case MD5 -> finish(new AuthOutcome.Success(protocol, name, Optional.empty()));
            case MS_CHAP -> finish(new AuthOutcome.Success(protocol, name,
                    Optional.of(MppeSessionKeys.fromMsChapV1(password, e.challenge(), 128))));
            case MS_CHAP_V2 -> {
                MsChapV2Success message;
                try {
                    message = MsChapV2Success.parse(s.message(), DecodeMode.LENIENT);
                } catch (DecodeException bad) {
                    yield finish(new AuthOutcome.Failure(protocol, "malformed Success: " + bad.getMessage()));
                }
                Bytes hash = MsChapV2.ntPasswordHash(password);
                if (!MsChapV2.checkAuthenticatorResponse(hash, e.ntResponse(), e.peerChallenge(), e.challenge(), userName,
                        message.authenticatorResponse())) {
                    yield finish(new AuthOutcome.Failure(protocol,
                            "the authenticator's S= is wrong: it does not know the password"));
                }
                yield finish(new AuthOutcome.Success(protocol, name, Optional.of(
                        MppeSessionKeys.fromMsChapV2(MsChapV2.hashNtPasswordHash(hash), e.ntResponse(), false, 128))));
            }
        };
    }

    private AuthStep<ChapPacket> failure(ChapPacket.Failure f) {
        Optional<Exchange> answered = find(f.identifier());
        if (state != State.RESPONDED || answered.isEmpty()) {
            return AuthStep.none();
        }
        if (algorithm == ChapAlgorithm.MD5) {
            return finish(new AuthOutcome.Failure(protocol, "Failure: " + f.message().latin1()));
        }
        MsChapFailure message;
        try {
            message = MsChapFailure.parse(f.message(), DecodeMode.LENIENT);
        } catch (DecodeException e) {
            return finish(new AuthOutcome.Failure(protocol, "malformed Failure: " + e.getMessage()));
        }
        Optional<Bytes> next = message.challenge();
        if (next.isEmpty() && algorithm == ChapAlgorithm.MS_CHAP) {
            byte[] c = answered.get().challenge().toArray();
            c[0] = (byte) (c[0] + 23);
            next = Optional.of(Bytes.of(c));
        }
        int expectedSize = algorithm == ChapAlgorithm.MS_CHAP ? MsChapV1.CHALLENGE_SIZE : MsChapV2.CHALLENGE_SIZE;
        if (message.retry() && next.isPresent() && next.get().length() == expectedSize) {
            Optional<char[]> newPassword = prompt.newPassword(message);
            if (newPassword.isPresent()) {
                Arrays.fill(password, '\0');
                password = newPassword.get().clone();
                return respond((f.identifier() + 1) & 0xFF, next.get());
            }
        }
        return finish(new AuthOutcome.Failure(protocol, "Failure " + message.format(), Optional.of(message)));
    }

    private AuthStep<ChapPacket> finish(AuthOutcome outcome) {
        state = outcome instanceof AuthOutcome.Success ? State.SUCCEEDED : State.FAILED;
        Arrays.fill(password, '\0');
        return AuthStep.done(outcome);
    }

    @Override
    public String toString() {
        return "ChapPeer[" + protocol.displayName() + ", " + userName.latin1() + ", password=<redacted>, " + state + "]";
    }
}
