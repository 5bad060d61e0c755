package io.pptp4j.ppp.auth.engine;

import io.pptp4j.ppp.secrets.Secret;
import io.pptp4j.ppp.fsm.lcp.AuthProtocol;
import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.ppp.auth.PapCodec;
import io.pptp4j.ppp.auth.PapPacket;
import io.pptp4j.wire.DecodeMode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PAP authenticator and peer pumped against each other, with a lost request. */
class PapEnginesTest {
    static final SecretLookup SECRETS = (client, server) ->
            client.equals("alice") && server.equals("pptp4j") ? Optional.of(Secret.of("wonderland")) : Optional.empty();

    static PapPacket wire(PapPacket p) throws Exception {
        return PapCodec.decode(PapCodec.encode(p), DecodeMode.STRICT);
    }

    @Test
    void succeedsWithTheRightPassword() throws Exception {
        PapAuthenticator a = new PapAuthenticator(SECRETS, "pptp4j");
        PapPeer p = new PapPeer("alice", "wonderland".toCharArray(), 3, 1);
        PapPacket request = wire(p.start().send().get(0));
        AuthStep<PapPacket> answer = a.receive(request);
        assertThat(answer.outcome()).contains(new AuthOutcome.Success(AuthProtocol.PAP, "alice", Optional.empty()));
        PapPacket ack = wire(answer.send().get(0));
        assertThat(ack).isInstanceOf(PapPacket.AuthenticateAck.class);
        assertThat(p.receive(ack).outcome()).contains(new AuthOutcome.Success(AuthProtocol.PAP, "alice", Optional.empty()));
        assertThat(p.state()).isEqualTo(PapPeer.State.SUCCEEDED);
    }

    @Test
    void wrongPasswordIsNaked() throws Exception {
        PapAuthenticator a = new PapAuthenticator(SECRETS, "pptp4j");
        PapPeer p = new PapPeer("alice", "wonderlant".toCharArray(), 3, 1);
        AuthStep<PapPacket> answer = a.receive(wire(p.start().send().get(0)));
        assertThat(answer.outcome()).contains(new AuthOutcome.Failure(AuthProtocol.PAP, "wrong password or unknown peer alice"));
        assertThat(p.receive(wire(answer.send().get(0))).outcome())
                .contains(new AuthOutcome.Failure(AuthProtocol.PAP, "Authenticate-Nak: Access denied"));
    }

    @Test
    void unknownPeerAndPrefixPasswordAreNaked() throws Exception {
        PapAuthenticator a = new PapAuthenticator(SECRETS, "pptp4j");
        assertThat(a.receive(wire(new PapPeer("bob", "wonderland".toCharArray(), 1, 1).start().send().get(0)))
                .send().get(0)).isInstanceOf(PapPacket.AuthenticateNak.class);
        PapAuthenticator b = new PapAuthenticator(SECRETS, "pptp4j");
        assertThat(b.receive(wire(new PapPeer("alice", "wonder".toCharArray(), 1, 1).start().send().get(0)))
                .send().get(0)).isInstanceOf(PapPacket.AuthenticateNak.class);
    }

    @Test
    void retransmitsWithNewIdentifierAndAcceptsOnlyTheCurrentOne() throws Exception {
        PapAuthenticator a = new PapAuthenticator(SECRETS, "pptp4j");
        PapPeer p = new PapPeer("alice", "wonderland".toCharArray(), 3, 255);
        PapPacket first = p.start().send().get(0); // lost
        PapPacket second = p.timeout().send().get(0);
        assertThat(first.identifier()).isEqualTo(255);
        assertThat(second.identifier()).isZero();
        PapPacket ackToFirst = a.receive(wire(first)).send().get(0);
        assertThat(p.receive(wire(ackToFirst)).outcome()).isEmpty();
        PapPacket ackToSecond = a.receive(wire(second)).send().get(0);
        assertThat(ackToSecond).isInstanceOf(PapPacket.AuthenticateAck.class);
        assertThat(p.receive(wire(ackToSecond)).outcome()).get().isInstanceOf(AuthOutcome.Success.class);
    }

    @Test
    void givesUpAfterMaxRequests() {
        PapPeer p = new PapPeer("alice", "wonderland".toCharArray(), 2, 1);
        p.start();
        assertThat(p.timeout().send()).hasSize(1);
        AuthStep<PapPacket> last = p.timeout();
        assertThat(last.send()).isEmpty();
        assertThat(last.outcome()).contains(new AuthOutcome.Failure(AuthProtocol.PAP, "no reply to 2 Authenticate-Requests"));
    }

    @Test
    void passwordNeverInToString() {
        PapPeer p = new PapPeer("alice", "wonderland".toCharArray(), 3, 1);
        PapPacket request = p.start().send().get(0);
        for (String s : List.of(p.toString(), request.toString(), AuthStep.send(request).toString(),
                new PapAuthenticator(SECRETS, "pptp4j").toString())) {
            assertThat(s).doesNotContain("wonderland").doesNotContain("776f6e6465726c616e64");
        }
    }
}
