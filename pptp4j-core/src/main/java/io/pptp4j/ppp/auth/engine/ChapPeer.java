package io.pptp4j.ppp.auth.engine;

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
 * </pre>
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
    private State state = State.WAITING;
    private int identifier = -1;
    private Bytes challenge;
    private Bytes peerChallenge;
    private Bytes ntResponse;
    private ChapPacket.Response lastResponse;

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
        if (state == State.RESPONDED && c.identifier() == identifier && c.value().equals(challenge)) {
            return AuthStep.send(lastResponse);
        }
        try {
            ChapValueSizes.checkChallenge(c, algorithm.value());
        } catch (DecodeException e) {
            return AuthStep.none();
        }
        return respond(c.identifier(), c.value());
    }

    private AuthStep<ChapPacket> respond(int id, Bytes value) {
        identifier = id;
        challenge = value;
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
        lastResponse = new ChapPacket.Response(id, responseValue, userName);
        return AuthStep.send(lastResponse);
    }

    private AuthStep<ChapPacket> success(ChapPacket.Success s) {
        if (state != State.RESPONDED || s.identifier() != identifier) {
            return AuthStep.none();
        }
        String name = userName.latin1();
        return switch (algorithm) {
            case MD5 -> finish(new AuthOutcome.Success(protocol, name, Optional.empty()));
            case MS_CHAP -> finish(new AuthOutcome.Success(protocol, name,
                    Optional.of(MppeSessionKeys.fromMsChapV1(password, challenge, 128))));
            case MS_CHAP_V2 -> {
                MsChapV2Success message;
                try {
                    message = MsChapV2Success.parse(s.message(), DecodeMode.LENIENT);
                } catch (DecodeException e) {
                    yield finish(new AuthOutcome.Failure(protocol, "malformed Success: " + e.getMessage()));
                }
                Bytes hash = MsChapV2.ntPasswordHash(password);
                if (!MsChapV2.checkAuthenticatorResponse(hash, ntResponse, peerChallenge, challenge, userName,
                        message.authenticatorResponse())) {
                    yield finish(new AuthOutcome.Failure(protocol,
                            "the authenticator's S= is wrong: it does not know the password"));
                }
                yield finish(new AuthOutcome.Success(protocol, name, Optional.of(
                        MppeSessionKeys.fromMsChapV2(MsChapV2.hashNtPasswordHash(hash), ntResponse, false, 128))));
            }
        };
    }

    private AuthStep<ChapPacket> failure(ChapPacket.Failure f) {
        if (state != State.RESPONDED || f.identifier() != identifier) {
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
            byte[] c = challenge.toArray();
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
