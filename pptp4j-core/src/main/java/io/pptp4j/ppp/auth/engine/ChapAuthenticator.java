package io.pptp4j.ppp.auth.engine;

import io.pptp4j.ppp.secrets.Secret;
import io.pptp4j.ppp.fsm.lcp.AuthProtocol;
import io.pptp4j.ppp.auth.ChapPacket;
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
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The authenticator side of CHAP with MD5 (RFC 1994), MS-CHAP (RFC 2433) or MS-CHAP-V2 (RFC 2759).
 *
 * <pre>
 * INITIAL --start--> CHALLENGED (Challenge: 16 random octets for MD5 and MS-CHAP-V2, 8 for MS-CHAP)
 * CHALLENGED --timeout--> CHALLENGED (same Challenge again) | FAILED after maxTransmits
 * CHALLENGED --Response, right--> SUCCEEDED (Success; MS-CHAP-V2: S=&lt;AuthenticatorResponse&gt;)
 * CHALLENGED --Response, wrong, MS-CHAP with attempts left--> CHALLENGED
 *            (Failure E=691 R=1 C=&lt;new challenge&gt;; the peer answers it with Identifier + 1)
 * CHALLENGED --Response, wrong, otherwise--> FAILED (Failure; MS-CHAP: E=691 R=0)
 * SUCCEEDED/FAILED --Response with the last Identifier--> same answer again (RFC 1994 4.2)
 * </pre>
 *
 * An unknown user and a wrong password get the same answer. Responses are compared in constant time.
 */
public final class ChapAuthenticator {
    /** The engine's states. */
    public enum State {
        /** Not started. */
        INITIAL,
        /** A Challenge (or an MS-CHAP retry Failure) is out; waiting for the Response. */
        CHALLENGED,
        /** Success sent. */
        SUCCEEDED,
        /** Failure sent; no retry. */
        FAILED
    }

    private static final int MD5_CHALLENGE_SIZE = 16;

    private final ChapAlgorithm algorithm;
    private final AuthProtocol protocol;
    private final String name;
    private final SecretLookup secrets;
    private final SecureRandom random;
    private final int maxAttempts;
    private final int maxTransmits;
    private State state = State.INITIAL;
    private int identifier;
    private Bytes challenge;
    private ChapPacket lastSent;
    private int attempts;
    private int transmits;

    /**
     * @param name the authenticator's name, sent in the Challenge and used to look secrets up
     * @param maxAttempts how many Responses MS-CHAP may try (Failure R=1 before the last); 1 for no retry
     * @param maxTransmits how many times the Challenge is sent before giving up
     */
    public ChapAuthenticator(ChapAlgorithm algorithm, String name, SecretLookup secrets, SecureRandom random,
                             int maxAttempts, int maxTransmits) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.protocol = AuthProtocol.of(algorithm);
        this.name = Objects.requireNonNull(name, "name");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.random = Objects.requireNonNull(random, "random");
        if (maxAttempts < 1 || maxTransmits < 1) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts + " and maxTransmits " + maxTransmits
                    + " must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.maxTransmits = maxTransmits;
        this.identifier = random.nextInt(256);
    }

    public State state() { return state; }

    public ChapAlgorithm algorithm() { return algorithm; }

    public AuthStep<ChapPacket> start() {
        if (state != State.INITIAL) {
            throw new IllegalStateException("start in state " + state + ": already started");
        }
        state = State.CHALLENGED;
        challenge = newChallenge();
        lastSent = new ChapPacket.Challenge(identifier, challenge, ascii(name));
        transmits = 1;
        return AuthStep.send(lastSent);
    }

    /** The restart timer expired: the Challenge again, or give up. */
    public AuthStep<ChapPacket> timeout() {
        if (state != State.CHALLENGED) {
            return AuthStep.none();
        }
        if (transmits >= maxTransmits) {
            state = State.FAILED;
            return AuthStep.done(new AuthOutcome.Failure(protocol, "no Response after " + transmits + " transmissions"));
        }
        transmits++;
        return AuthStep.send(lastSent);
    }

    public AuthStep<ChapPacket> receive(ChapPacket packet) {
        if (!(packet instanceof ChapPacket.Response response)) {
            return AuthStep.none();
        }
        if (state == State.SUCCEEDED || state == State.FAILED) {
            // RFC 1994 4.2: a repeated Response gets the same Success or Failure
            return response.identifier() == identifier && lastSent != null ? AuthStep.send(lastSent) : AuthStep.none();
        }
        if (state != State.CHALLENGED || response.identifier() != identifier) {
            return AuthStep.none();
        }
        attempts++;
        String peerName = response.name().latin1();
        Optional<Secret> secret = secrets.find(peerName, name);
        char[] password = secret.map(Secret::chars).orElse(null);
        try {
            return switch (algorithm) {
                case MD5 -> md5(response, peerName, password);
                case MS_CHAP -> msChapV1(response, peerName, password);
                case MS_CHAP_V2 -> msChapV2(response, peerName, password);
            };
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private AuthStep<ChapPacket> md5(ChapPacket.Response response, String peerName, char[] password) {
        boolean ok = false;
        if (password != null) {
            byte[] expected = md5Response(response.identifier(), password, challenge);
            ok = MessageDigest.isEqual(expected, response.value().toArray());
        }
        if (ok) {
            return succeed(new ChapPacket.Success(identifier, ascii("Access granted")), peerName, Optional.empty());
        }
        state = State.FAILED;
        lastSent = new ChapPacket.Failure(identifier, ascii("Access denied"));
        return AuthStep.done(lastSent, new AuthOutcome.Failure(protocol, "wrong response from " + peerName));
    }

    private AuthStep<ChapPacket> msChapV1(ChapPacket.Response response, String peerName, char[] password) {
        MsChapV1Response value;
        try {
            value = MsChapV1Response.parse(response, DecodeMode.STRICT);
        } catch (DecodeException e) {
            return refuse(peerName, "malformed Response: " + e.getMessage());
        }
        boolean ok = false;
        if (password != null) {
            if (value.useNtResponse()) {
                ok = MsChapV1.checkNtChallengeResponse(challenge, MsChapV2.ntPasswordHash(password), value.ntResponse());
            } else if (password.length <= MsChapV1.MAX_LM_PASSWORD) {
                ok = MessageDigest.isEqual(MsChapV1.lmChallengeResponse(challenge, password).toArray(),
                        value.lmResponse().toArray());
            }
        }
        if (ok) {
            MppeSessionKeys keys = MppeSessionKeys.fromMsChapV1(password, challenge, 128);
            return succeed(new ChapPacket.Success(identifier, Bytes.EMPTY), peerName, Optional.of(keys));
        }
        return refuse(peerName, "wrong response from " + peerName);
    }

    private AuthStep<ChapPacket> msChapV2(ChapPacket.Response response, String peerName, char[] password) {
        MsChapV2Response value;
        try {
            value = MsChapV2Response.parse(response, DecodeMode.STRICT);
        } catch (DecodeException e) {
            return refuse(peerName, "malformed Response: " + e.getMessage());
        }
        if (password != null) {
            Bytes hash = MsChapV2.ntPasswordHash(password);
            if (MsChapV2.checkNtResponse(challenge, value.peerChallenge(), response.name(), hash, value.ntResponse())) {
                Bytes s = MsChapV2.generateAuthenticatorResponse(hash, value.ntResponse(), value.peerChallenge(),
                        challenge, response.name());
                MppeSessionKeys keys = MppeSessionKeys.fromMsChapV2(MsChapV2.hashNtPasswordHash(hash),
                        value.ntResponse(), true, 128);
                return succeed(MsChapV2Success.of(s, "Access granted").toPacket(identifier), peerName, Optional.of(keys));
            }
        }
        return refuse(peerName, "wrong response from " + peerName);
    }

    private AuthStep<ChapPacket> succeed(ChapPacket success, String peerName, Optional<MppeSessionKeys> keys) {
        state = State.SUCCEEDED;
        lastSent = success;
        return AuthStep.done(success, new AuthOutcome.Success(protocol, peerName, keys));
    }

    /** An MS-CHAP Failure: E=691, R=1 with a new challenge while attempts are left. */
    private AuthStep<ChapPacket> refuse(String peerName, String reason) {
        boolean retry = attempts < maxAttempts;
        int failureId = identifier;
        Bytes next = newChallenge();
        MsChapFailure failure = algorithm == ChapAlgorithm.MS_CHAP_V2
                ? MsChapFailure.of(691, retry, next, MsChapFailure.MS_CHAP_V2_VERSION, "Authentication failed")
                : MsChapFailure.of(691, retry, Optional.of(next), OptionalInt.of(2), Optional.empty());
        ChapPacket.Failure packet = failure.toPacket(failureId);
        lastSent = packet;
        if (retry) {
            // the peer answers the retry Failure with a Response whose Identifier is one more
            identifier = (failureId + 1) & 0xFF;
            challenge = next;
            transmits = 1;
            return AuthStep.send(packet);
        }
        state = State.FAILED;
        return AuthStep.done(packet, new AuthOutcome.Failure(protocol, reason, Optional.of(failure)));
    }

    private Bytes newChallenge() {
        byte[] b = new byte[algorithm == ChapAlgorithm.MD5 ? MD5_CHALLENGE_SIZE
                : algorithm == ChapAlgorithm.MS_CHAP ? MsChapV1.CHALLENGE_SIZE : MsChapV2.CHALLENGE_SIZE];
        random.nextBytes(b);
        return Bytes.of(b);
    }

    /** RFC 1994 4.1: MD5(Identifier || secret || Challenge), the secret as UTF-8. */
    static byte[] md5Response(int identifier, char[] password, Bytes challenge) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
        byte[] secret = Secret.utf8(password);
        md5.update((byte) identifier);
        md5.update(secret);
        md5.update(challenge.toArray());
        Arrays.fill(secret, (byte) 0);
        return md5.digest();
    }

    static Bytes ascii(String s) { return Bytes.of(s.getBytes(StandardCharsets.ISO_8859_1)); }

    @Override
    public String toString() { return "ChapAuthenticator[" + protocol.displayName() + ", " + name + ", " + state + "]"; }
}
