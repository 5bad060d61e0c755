package io.pptp4j.ppp.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.ppp.fsm.lcp.AuthProtocol;
import io.pptp4j.ppp.fsm.lcp.LcpConfig;
import io.pptp4j.ppp.fsm.lcp.LcpNegotiated;
import io.pptp4j.ppp.fsm.lcp.LcpPolicy;
import io.pptp4j.ppp.lcp.Lcp;
import io.pptp4j.ppp.lcp.LcpOption;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class AutomatonPumpTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static ControlProtocolAutomaton<LcpOption> lcp(LcpConfig config, long seed) {
        return new ControlProtocolAutomaton<>(Lcp.CODEC, new LcpPolicy(config, new Random(seed)), AutomatonConfig.DEFAULT);
    }

    @Test
    void serverAndClientOpenOverCleanLink() {
        var link = InMemoryLink.clean(lcp(LcpConfig.pptpServer(), 1), lcp(LcpConfig.pptpClient(), 2), Lcp.CODEC);
        link.openBoth();
        assertThat(link.runUntilQuiet(10 * SECOND)).isTrue();
        assertThat(link.a.state()).isEqualTo(CpState.OPENED);
        assertThat(link.b.state()).isEqualTo(CpState.OPENED);
        assertThat(link.actionsOfA).filteredOn(x -> x instanceof AutomatonAction.ThisLayerUp).hasSize(1);
        assertThat(link.actionsOfB).filteredOn(x -> x instanceof AutomatonAction.ThisLayerUp).hasSize(1);
        // one request and one ack each way
        assertThat(link.sentByA).hasSize(2);
        assertThat(link.sentByB).hasSize(2);
        LcpNegotiated server = ((LcpPolicy) link.a.policy()).negotiated().orElseThrow();
        LcpNegotiated client = ((LcpPolicy) link.b.policy()).negotiated().orElseThrow();
        assertThat(server.peerAuthenticates()).contains(AuthProtocol.MS_CHAP_V2);
        assertThat(client.weAuthenticate()).contains(AuthProtocol.MS_CHAP_V2);
        assertThat(server.peerMru()).isEqualTo(1400);
        assertThat(server.peerMagic()).isEqualTo(client.ourMagic()).isNotZero();
        assertThat(client.sendPfc()).isTrue();
    }

    @Test
    void serverNaksClientTowardAuthItAllowsAfterClientPrefersAnother() {
        // the client allows only MS-CHAPv2; the server prefers EAP, then MS-CHAPv2 (as RRAS does)
        var server = lcp(LcpConfig.pptpServer().withAuthProtocols(java.util.List.of(AuthProtocol.EAP, AuthProtocol.MS_CHAP_V2)), 3);
        var link = InMemoryLink.clean(server, lcp(LcpConfig.pptpClient(), 4), Lcp.CODEC);
        link.openBoth();
        link.runUntilQuiet(10 * SECOND);
        assertThat(link.a.state()).isEqualTo(CpState.OPENED);
        assertThat(link.b.state()).isEqualTo(CpState.OPENED);
        assertThat(link.sentByB).filteredOn(p -> p instanceof CpPacket.ConfigureNak<LcpOption>).singleElement()
                .satisfies(p -> assertThat(((CpPacket.ConfigureNak<LcpOption>) p).options())
                        .containsExactly(AuthProtocol.MS_CHAP_V2.option()));
        assertThat(((LcpPolicy) link.a.policy()).negotiated().orElseThrow().peerAuthenticates()).contains(AuthProtocol.MS_CHAP_V2);
    }

    @Property(tries = 60)
    void bothOpenThroughLossyReorderingDuplicatingLink(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                                        @ForAll @DoubleRange(min = 0, max = 0.2) double loss,
                                                        @ForAll @DoubleRange(min = 0, max = 0.3) double duplication) {
        var link = new InMemoryLink<>(lcp(LcpConfig.pptpServer(), seed), lcp(LcpConfig.pptpClient(), seed + 1), Lcp.CODEC,
                seed, loss, duplication, 4 * SECOND);
        link.openBoth();
        assertThat(link.runUntilQuiet(600 * SECOND)).as("quiet within 600 simulated seconds").isTrue();
        assertThat(link.a.state()).as("server, seed %d", seed).isEqualTo(CpState.OPENED);
        assertThat(link.b.state()).as("client, seed %d", seed).isEqualTo(CpState.OPENED);
        assertThat(((LcpPolicy) link.a.policy()).negotiated()).isPresent();
    }

    @Test
    void stopsAfterMaxConfigureWhenEverythingIsLost() {
        var link = new InMemoryLink<>(lcp(LcpConfig.pptpServer(), 5), lcp(LcpConfig.pptpClient(), 6), Lcp.CODEC, 7, 1.0, 0, SECOND);
        link.openBoth();
        assertThat(link.runUntilQuiet(600 * SECOND)).isTrue();
        assertThat(link.a.state()).isEqualTo(CpState.STOPPED);
        assertThat(link.b.state()).isEqualTo(CpState.STOPPED);
        assertThat(link.sentByA).hasSize(10).allMatch(p -> p instanceof CpPacket.ConfigureRequest<LcpOption>);
        // retransmissions keep the Identifier and options
        assertThat(new java.util.HashSet<>(link.sentByA)).hasSize(1);
        assertThat(link.now).isEqualTo(30 * SECOND);
        assertThat(link.actionsOfA).last().isEqualTo(new AutomatonAction.ThisLayerFinished<>("no reply to 10 Configure-Requests"));
    }

    @Test
    void closeSendsMaxTerminateRequestsThenFinishes() {
        var a = lcp(LcpConfig.pptpServer(), 8);
        var link = InMemoryLink.clean(a, lcp(LcpConfig.pptpClient(), 9), Lcp.CODEC);
        link.openBoth();
        link.runUntilQuiet(10 * SECOND);
        var actions = a.close(link.now, "bye");
        assertThat(actions).first().isEqualTo(new AutomatonAction.ThisLayerDown<>());
        assertThat(actions.get(1)).isInstanceOfSatisfying(AutomatonAction.Send.class, s ->
                assertThat(s.packet()).isInstanceOfSatisfying(CpPacket.TerminateRequest.class, t ->
                        assertThat(t.data().latin1()).isEqualTo("bye")));
        assertThat(a.state()).isEqualTo(CpState.CLOSING);
        long t0 = link.now;
        assertThat(a.onTick(t0 + 3 * SECOND)).singleElement().isInstanceOf(AutomatonAction.Send.class);
        assertThat(a.onTick(t0 + 6 * SECOND)).containsExactly(
                new AutomatonAction.ThisLayerFinished<>("no Terminate-Ack after 2 Terminate-Requests"));
        assertThat(a.state()).isEqualTo(CpState.CLOSED);
        assertThat(a.nextDeadlineNanos()).isEmpty();
    }
}
