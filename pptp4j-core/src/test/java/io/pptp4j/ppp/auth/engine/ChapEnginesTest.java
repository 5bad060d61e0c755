package io.pptp4j.ppp.auth.engine;

import io.pptp4j.ppp.secrets.Secret;
import io.pptp4j.ppp.fsm.lcp.AuthProtocol;
import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.ppp.auth.ChapCodec;
import io.pptp4j.ppp.auth.ChapPacket;
import io.pptp4j.ppp.auth.MsChapFailure;
import io.pptp4j.ppp.auth.MsChapV2Response;
import io.pptp4j.ppp.auth.MsChapV2Success;
import io.pptp4j.ppp.mschap.MsChapV2;
import io.pptp4j.ppp.lcp.ChapAlgorithm;
import io.pptp4j.ppp.mppe.MppeCipher;
import io.pptp4j.ppp.mppe.MppeDecryptResult;
import io.pptp4j.ppp.mschap.MppeSessionKeys;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeMode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** CHAP authenticator and peer pumped against each other in memory, each packet through the codec. */
class ChapEnginesTest {
    static final SecretLookup SECRETS = (client, server) ->
            Map.of("alice", "wonderland", "CORP\\bob", "builder").entrySet().stream()
                    .filter(e -> e.getKey().equals(client) && server.equals("pptp4j"))
                    .map(e -> Secret.of(e.getValue())).findFirst();

    /** Runs both engines until neither has anything to send; returns the outcomes. */
    record Run(Optional<AuthOutcome> authenticator, Optional<AuthOutcome> peer, List<ChapPacket> wire) {}

    static Run pump(ChapAuthenticator a, ChapPeer p) throws Exception {
        List<ChapPacket> wire = new ArrayList<>();
        Optional<AuthOutcome> ao = Optional.empty();
        Optional<AuthOutcome> po = Optional.empty();
        List<ChapPacket> toPeer = new ArrayList<>(a.start().send());
        List<ChapPacket> toAuth = new ArrayList<>();
        while (!toPeer.isEmpty() || !toAuth.isEmpty()) {
            for (ChapPacket packet : List.copyOf(toPeer)) {
                toPeer.remove(packet);
                ChapPacket decoded = ChapCodec.decode(ChapCodec.encode(packet), DecodeMode.STRICT);
                wire.add(decoded);
                AuthStep<ChapPacket> s = p.receive(decoded);
                toAuth.addAll(s.send());
                if (s.outcome().isPresent()) po = s.outcome();
            }
            for (ChapPacket packet : List.copyOf(toAuth)) {
                toAuth.remove(packet);
                ChapPacket decoded = ChapCodec.decode(ChapCodec.encode(packet), DecodeMode.STRICT);
                wire.add(decoded);
                AuthStep<ChapPacket> s = a.receive(decoded);
                toPeer.addAll(s.send());
                if (s.outcome().isPresent()) ao = s.outcome();
            }
        }
        return new Run(ao, po, wire);
    }

    static ChapAuthenticator authenticator(ChapAlgorithm algorithm, SecretLookup secrets, int maxAttempts) {
        return new ChapAuthenticator(algorithm, "pptp4j", secrets, new SecureRandom(), maxAttempts, 3);
    }

    static ChapPeer peer(ChapAlgorithm algorithm, String user, String password, ChapPeer.RetryPrompt prompt) {
        return new ChapPeer(algorithm, user, password.toCharArray(), new SecureRandom(), prompt);
    }

    @ParameterizedTest
    @EnumSource(ChapAlgorithm.class)
    void succeedsWithTheRightPassword(ChapAlgorithm algorithm) throws Exception {
        ChapAuthenticator a = authenticator(algorithm, SECRETS, 3);
        ChapPeer p = peer(algorithm, "alice", "wonderland", ChapPeer.RetryPrompt.NEVER);
        Run run = pump(a, p);
        AuthProtocol protocol = AuthProtocol.of(algorithm);
        assertThat(run.authenticator()).get().isInstanceOfSatisfying(AuthOutcome.Success.class, s -> {
            assertThat(s.protocol()).isEqualTo(protocol);
            assertThat(s.peerName()).isEqualTo("alice");
        });
        assertThat(run.peer()).get().isInstanceOf(AuthOutcome.Success.class);
        assertThat(run.wire()).hasSize(3);
        assertThat(a.state()).isEqualTo(ChapAuthenticator.State.SUCCEEDED);
        assertThat(p.state()).isEqualTo(ChapPeer.State.SUCCEEDED);
        Optional<MppeSessionKeys> serverKeys = ((AuthOutcome.Success) run.authenticator().get()).mppeKeys();
        Optional<MppeSessionKeys> clientKeys = ((AuthOutcome.Success) run.peer().get()).mppeKeys();
        assertThat(serverKeys.isPresent()).isEqualTo(algorithm != ChapAlgorithm.MD5);
        assertThat(clientKeys.isPresent()).isEqualTo(algorithm != ChapAlgorithm.MD5);
        serverKeys.ifPresent(server -> {
            MppeSessionKeys client = clientKeys.orElseThrow();
            assertThat(server.sendKey()).isEqualTo(client.receiveKey());
            assertThat(server.receiveKey()).isEqualTo(client.sendKey());
            // the keys work: what the client encrypts the server decrypts
            MppeCipher tx = MppeCipher.of(client.sendKey(), 128, true);
            MppeCipher rx = MppeCipher.of(server.receiveKey(), 128, true);
            Bytes ip = Bytes.fromHex("00214500001c");
            assertThat(rx.decrypt(tx.encrypt(ip))).isEqualTo(new MppeDecryptResult.Plain(ip));
        });
    }

    @Test
    void msChapV2UsesNameWithDomainOnTheWireAndWithoutInTheHash() throws Exception {
        Run run = pump(authenticator(ChapAlgorithm.MS_CHAP_V2, SECRETS, 1),
                peer(ChapAlgorithm.MS_CHAP_V2, "CORP\\bob", "builder", ChapPeer.RetryPrompt.NEVER));
        assertThat(run.peer()).get().isInstanceOf(AuthOutcome.Success.class);
        assertThat(((ChapPacket.Response) run.wire().get(1)).name().latin1()).isEqualTo("CORP\\bob");
    }

    @Test
    void msChapV2WrongPasswordFailsWithServerMessage() throws Exception {
        Run run = pump(authenticator(ChapAlgorithm.MS_CHAP_V2, SECRETS, 1),
                peer(ChapAlgorithm.MS_CHAP_V2, "alice", "looking-glass", ChapPeer.RetryPrompt.NEVER));
        AuthOutcome.Failure server = (AuthOutcome.Failure) run.authenticator().orElseThrow();
        AuthOutcome.Failure client = (AuthOutcome.Failure) run.peer().orElseThrow();
        MsChapFailure message = client.serverMessage().orElseThrow();
        assertThat(message.errorCode()).isEqualTo(691);
        assertThat(message.retry()).isFalse();
        assertThat(message.version()).hasValue(3);
        assertThat(message.challenge()).get().extracting(Bytes::length).isEqualTo(16);
        assertThat(message.message()).hasValue("Authentication failed");
        assertThat(client.reason()).isEqualTo("Failure " + message.format());
        assertThat(server.serverMessage()).contains(message);
        assertThat(server.reason()).isEqualTo("wrong response from alice");
    }

    @Test
    void unknownUserGetsTheSameFailureAsWrongPassword() throws Exception {
        Run run = pump(authenticator(ChapAlgorithm.MS_CHAP_V2, SECRETS, 1),
                peer(ChapAlgorithm.MS_CHAP_V2, "mallory", "x", ChapPeer.RetryPrompt.NEVER));
        MsChapFailure message = ((AuthOutcome.Failure) run.peer().orElseThrow()).serverMessage().orElseThrow();
        assertThat(message.errorCode()).isEqualTo(691);
    }

    @ParameterizedTest
    @EnumSource(value = ChapAlgorithm.class, names = {"MS_CHAP", "MS_CHAP_V2"})
    void retriesWithNewPasswordAfterRetryFailure(ChapAlgorithm algorithm) throws Exception {
        List<MsChapFailure> prompts = new ArrayList<>();
        ChapPeer p = peer(algorithm, "alice", "typo", failure -> {
            prompts.add(failure);
            return Optional.of("wonderland".toCharArray());
        });
        Run run = pump(authenticator(algorithm, SECRETS, 3), p);
        assertThat(prompts).hasSize(1);
        assertThat(prompts.get(0).retry()).isTrue();
        assertThat(prompts.get(0).errorCode()).isEqualTo(691);
        assertThat(run.authenticator()).get().isInstanceOf(AuthOutcome.Success.class);
        assertThat(run.peer()).get().isInstanceOf(AuthOutcome.Success.class);
        // Challenge, Response, Failure R=1, Response (Identifier + 1, to the C= challenge), Success
        assertThat(run.wire()).hasSize(5);
        ChapPacket.Failure failure = (ChapPacket.Failure) run.wire().get(2);
        ChapPacket.Response second = (ChapPacket.Response) run.wire().get(3);
        assertThat(second.identifier()).isEqualTo((failure.identifier() + 1) & 0xFF);
        assertThat(run.wire().get(4).identifier()).isEqualTo(second.identifier());
    }

    @Test
    void msChapV2StopsRetryingAtTheLimit() throws Exception {
        ChapPeer p = peer(ChapAlgorithm.MS_CHAP_V2, "alice", "typo", failure -> Optional.of("still wrong".toCharArray()));
        Run run = pump(authenticator(ChapAlgorithm.MS_CHAP_V2, SECRETS, 3), p);
        long failures = run.wire().stream().filter(ChapPacket.Failure.class::isInstance).count();
        assertThat(failures).isEqualTo(3);
        MsChapFailure last = ((AuthOutcome.Failure) run.peer().orElseThrow()).serverMessage().orElseThrow();
        assertThat(last.retry()).isFalse();
        assertThat(run.authenticator()).get().isInstanceOf(AuthOutcome.Failure.class);
    }

    /** A server that accepts anyone without knowing the password cannot produce S=: the peer fails it. */
    @Test
    void peerRejectsAuthenticatorThatCannotProveItself() throws Exception {
        ChapPeer p = peer(ChapAlgorithm.MS_CHAP_V2, "alice", "wonderland", ChapPeer.RetryPrompt.NEVER);
        ChapPacket.Challenge challenge = new ChapPacket.Challenge(7, Bytes.fromHex("00112233445566778899aabbccddeeff"),
                Bytes.fromHex("65766966"));
        assertThat(p.receive(challenge).send()).hasSize(1);
        // a rogue server: knows no password, makes up an S=
        ChapPacket.Success rogue = new ChapPacket.Success(7,
                Bytes.of("S=0123456789ABCDEF0123456789ABCDEF01234567 M=Access granted".getBytes()));
        AuthStep<ChapPacket> step = p.receive(rogue);
        assertThat(step.outcome()).contains(new AuthOutcome.Failure(AuthProtocol.MS_CHAP_V2,
                "the authenticator's S= is wrong: it does not know the password"));
        assertThat(p.state()).isEqualTo(ChapPeer.State.FAILED);
    }

    /** A server with another password for alice computes an S= from that password: the peer refuses it. */
    @Test
    void peerRejectsSuccessComputedFromAnotherPassword() throws Exception {
        ChapPeer p = peer(ChapAlgorithm.MS_CHAP_V2, "alice", "wonderland", ChapPeer.RetryPrompt.NEVER);
        Bytes challenge = Bytes.fromHex("00112233445566778899aabbccddeeff");
        ChapPacket.Response response = (ChapPacket.Response) p.receive(
                new ChapPacket.Challenge(9, challenge, Bytes.fromHex("65766966"))).send().get(0);
        MsChapV2Response value = MsChapV2Response.parse(response, DecodeMode.STRICT);
        Bytes wrongS = MsChapV2.generateAuthenticatorResponse("not-wonderland".toCharArray(), value.ntResponse(),
                value.peerChallenge(), challenge, response.name());
        Bytes rightS = MsChapV2.generateAuthenticatorResponse("wonderland".toCharArray(), value.ntResponse(),
                value.peerChallenge(), challenge, response.name());
        assertThat(wrongS).isNotEqualTo(rightS);
        AuthStep<ChapPacket> step = p.receive(MsChapV2Success.of(wrongS, "Access granted").toPacket(9));
        assertThat(step.outcome()).get().isInstanceOf(AuthOutcome.Failure.class);
        // the same exchange with the right S= succeeds
        ChapPeer q = peer(ChapAlgorithm.MS_CHAP_V2, "alice", "wonderland", ChapPeer.RetryPrompt.NEVER);
        ChapPacket.Response r = (ChapPacket.Response) q.receive(
                new ChapPacket.Challenge(9, challenge, Bytes.fromHex("65766966"))).send().get(0);
        MsChapV2Response v = MsChapV2Response.parse(r, DecodeMode.STRICT);
        Bytes s = MsChapV2.generateAuthenticatorResponse("wonderland".toCharArray(), v.ntResponse(), v.peerChallenge(),
                challenge, r.name());
        assertThat(q.receive(MsChapV2Success.of(s).toPacket(9)).outcome()).get().isInstanceOf(AuthOutcome.Success.class);
    }

    @Test
    void md5WrongPasswordFails() throws Exception {
        Run run = pump(authenticator(ChapAlgorithm.MD5, SECRETS, 3),
                peer(ChapAlgorithm.MD5, "alice", "nope", ChapPeer.RetryPrompt.NEVER));
        assertThat(run.peer()).contains(new AuthOutcome.Failure(AuthProtocol.CHAP_MD5, "Failure: Access denied"));
        assertThat(run.authenticator()).contains(new AuthOutcome.Failure(AuthProtocol.CHAP_MD5, "wrong response from alice"));
    }

    /** RFC 1994 4.1: Response Value = MD5(Identifier || secret || Challenge); a value computed independently. */
    @Test
    void md5ResponseValue() throws Exception {
        ChapPeer p = peer(ChapAlgorithm.MD5, "alice", "wonderland", ChapPeer.RetryPrompt.NEVER);
        Bytes challenge = Bytes.fromHex("000102030405060708090a0b0c0d0e0f");
        ChapPacket.Response r = (ChapPacket.Response) p.receive(new ChapPacket.Challenge(0x2A, challenge,
                Bytes.EMPTY)).send().get(0);
        java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
        md5.update((byte) 0x2A);
        md5.update("wonderland".getBytes());
        md5.update(challenge.toArray());
        assertThat(r.value()).isEqualTo(Bytes.of(md5.digest()));
        assertThat(r.identifier()).isEqualTo(0x2A);
    }

    @Test
    void challengeRetransmittedThenGivesUp() {
        ChapAuthenticator a = authenticator(ChapAlgorithm.MS_CHAP_V2, SECRETS, 1);
        ChapPacket first = a.start().send().get(0);
        assertThat(a.timeout().send()).containsExactly(first);
        assertThat(a.timeout().send()).containsExactly(first);
        assertThat(a.timeout().outcome()).contains(new AuthOutcome.Failure(AuthProtocol.MS_CHAP_V2,
                "no Response after 3 transmissions"));
    }

    @Test
    void lostChallengeAndLostSuccessAreRecovered() throws Exception {
        ChapAuthenticator a = authenticator(ChapAlgorithm.MS_CHAP_V2, SECRETS, 1);
        ChapPeer p = peer(ChapAlgorithm.MS_CHAP_V2, "alice", "wonderland", ChapPeer.RetryPrompt.NEVER);
        a.start(); // lost
        ChapPacket challenge = a.timeout().send().get(0);
        ChapPacket response = p.receive(challenge).send().get(0);
        assertThat(a.receive(response).outcome()).get().isInstanceOf(AuthOutcome.Success.class); // Success lost
        ChapPacket again = p.receive(challenge).send().get(0); // the peer times out waiting; challenge repeated
        assertThat(again).isEqualTo(response);
        ChapPacket success = a.receive(again).send().get(0);
        assertThat(p.receive(success).outcome()).get().isInstanceOf(AuthOutcome.Success.class);
    }

    @Test
    void lateOldChallengeDoesNotHideTheSuccessForTheCurrentOne() throws Exception {
        // LCP restarted: an old authenticator's Challenge arrives after the current one (reordering link)
        ChapAuthenticator old = authenticator(ChapAlgorithm.MS_CHAP_V2, SECRETS, 1);
        ChapPacket oldChallenge = old.start().send().get(0);
        ChapAuthenticator current = null;
        ChapPacket currentChallenge = oldChallenge;
        for (int i = 0; i < 50 && currentChallenge.identifier() == oldChallenge.identifier(); i++) {
            current = authenticator(ChapAlgorithm.MS_CHAP_V2, SECRETS, 1);
            currentChallenge = current.start().send().get(0);
        }
        assertThat(currentChallenge.identifier()).isNotEqualTo(oldChallenge.identifier());
        ChapPeer p = peer(ChapAlgorithm.MS_CHAP_V2, "alice", "wonderland", ChapPeer.RetryPrompt.NEVER);
        ChapPacket response = p.receive(currentChallenge).send().get(0);
        ChapPacket stale = p.receive(oldChallenge).send().get(0);
        assertThat(current.receive(response).outcome()).get().isInstanceOf(AuthOutcome.Success.class); // Success lost
        assertThat(current.receive(stale).send()).isEmpty(); // not its Identifier: discarded
        // the peer's retransmission carries both Responses; the authenticator repeats its Success for its own
        List<ChapPacket> again = p.timeout().send();
        assertThat(again).containsExactlyInAnyOrder(response, stale);
        List<ChapPacket> answers = new ArrayList<>();
        for (ChapPacket r : again) answers.addAll(current.receive(r).send());
        assertThat(answers).hasSize(1);
        assertThat(p.receive(answers.get(0)).outcome()).get().isInstanceOf(AuthOutcome.Success.class);
        assertThat(p.state()).isEqualTo(ChapPeer.State.SUCCEEDED);
        assertThat(p.timeout().send()).isEmpty();
    }

    @Test
    void repeatedResponseGetsTheSameSuccess() throws Exception {
        ChapAuthenticator a = authenticator(ChapAlgorithm.MS_CHAP_V2, SECRETS, 1);
        ChapPeer p = peer(ChapAlgorithm.MS_CHAP_V2, "alice", "wonderland", ChapPeer.RetryPrompt.NEVER);
        ChapPacket challenge = a.start().send().get(0);
        ChapPacket response = p.receive(challenge).send().get(0);
        ChapPacket success = a.receive(response).send().get(0);
        assertThat(a.receive(response).send()).containsExactly(success);
        // and the peer answers a repeated Challenge with the same Response
        ChapPeer q = peer(ChapAlgorithm.MS_CHAP_V2, "alice", "wonderland", ChapPeer.RetryPrompt.NEVER);
        ChapPacket r1 = q.receive(challenge).send().get(0);
        assertThat(q.receive(challenge).send()).containsExactly(r1);
    }

    @Test
    void toStringsShowNoPassword() {
        ChapPeer p = peer(ChapAlgorithm.MS_CHAP_V2, "alice", "wonderland", ChapPeer.RetryPrompt.NEVER);
        assertThat(p.toString()).doesNotContain("wonderland").isEqualTo("ChapPeer[MS-CHAP-V2, alice, password=<redacted>, WAITING]");
        assertThat(Secret.of("wonderland").toString()).isEqualTo("Secret[redacted]");
    }
}
