package io.pptp4j.ppp.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.ppp.fsm.lcp.LcpConfig;
import io.pptp4j.ppp.fsm.lcp.LcpPolicy;
import io.pptp4j.ppp.lcp.Lcp;
import io.pptp4j.ppp.lcp.LcpOption;
import io.pptp4j.wire.Bytes;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ControlProtocolAutomatonTest {

    private static ControlProtocolAutomaton<LcpOption> started(List<AutomatonAction<LcpOption>> sink) {
        var a = new ControlProtocolAutomaton<>(Lcp.CODEC, new LcpPolicy(LcpConfig.pptpServer(), new Random(1)), AutomatonConfig.DEFAULT, 7);
        sink.addAll(a.open(0));
        sink.addAll(a.up(0));
        return a;
    }

    @SuppressWarnings("unchecked")
    private static CpPacket.ConfigureRequest<LcpOption> firstRequest(List<AutomatonAction<LcpOption>> actions) {
        return (CpPacket.ConfigureRequest<LcpOption>) actions.stream().filter(x -> x instanceof AutomatonAction.Send<LcpOption>)
                .map(x -> ((AutomatonAction.Send<LcpOption>) x).packet()).findFirst().orElseThrow();
    }

    @Test
    void discardsConfigureAckWithWrongIdentifier() {
        var sink = new java.util.ArrayList<AutomatonAction<LcpOption>>();
        var a = started(sink);
        var request = firstRequest(sink);
        assertThat(request.identifier()).isEqualTo(7);
        assertThat(a.onPacket(new CpPacket.ConfigureAck<>(8, request.options()), 1)).containsExactly(
                new AutomatonAction.Log<>("LCP: Configure-Ack discarded: Identifier 8 does not match our last Configure-Request 7"));
        assertThat(a.state()).isEqualTo(CpState.REQ_SENT);
    }

    @Test
    void discardsConfigureAckWhoseOptionsDiffer() {
        var sink = new java.util.ArrayList<AutomatonAction<LcpOption>>();
        var a = started(sink);
        var request = firstRequest(sink);
        assertThat(a.onPacket(new CpPacket.ConfigureAck<>(7, request.options().subList(1, request.options().size())), 1))
                .containsExactly(new AutomatonAction.Log<>("LCP: Configure-Ack discarded: options differ from Configure-Request 7"));
        assertThat(a.onPacket(new CpPacket.ConfigureAck<>(7, request.options()), 1)).isEmpty();
        assertThat(a.state()).isEqualTo(CpState.ACK_RCVD);
        // the same Ack again is a duplicate, not a crossed connection
        assertThat(a.onPacket(new CpPacket.ConfigureAck<>(7, request.options()), 1)).containsExactly(
                new AutomatonAction.Log<>("LCP: Configure-Ack discarded: Configure-Request 7 was already answered"));
        assertThat(a.state()).isEqualTo(CpState.ACK_RCVD);
    }

    @Test
    void discardsConfigureRejectOfOptionWeDidNotSend() {
        var sink = new java.util.ArrayList<AutomatonAction<LcpOption>>();
        var a = started(sink);
        assertThat(a.onPacket(new CpPacket.ConfigureReject<>(7, List.of(new LcpOption.Callback(6, Bytes.EMPTY))), 1))
                .containsExactly(new AutomatonAction.Log<>("LCP: Configure-Reject discarded: options are not a subset of Configure-Request 7"));
    }

    @Test
    void rejectedOptionIsLeftOutOfNextRequestWithNewIdentifier() {
        var sink = new java.util.ArrayList<AutomatonAction<LcpOption>>();
        var a = started(sink);
        var actions = a.onPacket(new CpPacket.ConfigureReject<>(7, List.of(new LcpOption.AsyncControlCharacterMap(0))), 1);
        var next = firstRequest(actions);
        assertThat(next.identifier()).isEqualTo(8);
        assertThat(next.options()).doesNotContain(new LcpOption.AsyncControlCharacterMap(0)).contains(new LcpOption.MaximumReceiveUnit(1400));
    }

    @Test
    void answersUnknownCodeWithCodeReject() {
        var sink = new java.util.ArrayList<AutomatonAction<LcpOption>>();
        var a = started(sink);
        assertThat(a.onPacket(new CpPacket.UnknownCode<>(0x42, 3, Bytes.fromHex("abcd")), 1)).containsExactly(
                new AutomatonAction.Send<>(new CpPacket.CodeReject<>(8, Bytes.fromHex("42030006abcd"))));
    }

    @Test
    void illegalEventIsLoggedWithoutTransition() {
        var a = new ControlProtocolAutomaton<>(Lcp.CODEC, new LcpPolicy(LcpConfig.pptpServer(), new Random(1)), AutomatonConfig.DEFAULT);
        assertThat(a.onPacket(new CpPacket.TerminateAck<>(1, Bytes.EMPTY), 0)).containsExactly(
                new AutomatonAction.Log<>("LCP: illegal event RTA in state Initial (RFC 1661 4.1)"));
        assertThat(a.state()).isEqualTo(CpState.INITIAL);
    }

    @Test
    void naksTurnIntoRejectAfterMaxFailure() {
        var sink = new java.util.ArrayList<AutomatonAction<LcpOption>>();
        var a = started(sink);
        List<LcpOption> small = List.of(new LcpOption.MaximumReceiveUnit(100));
        for (int i = 0; i < 5; i++) {
            assertThat(a.onPacket(new CpPacket.ConfigureRequest<>(i, small), 1)).containsExactly(
                    new AutomatonAction.Send<>(new CpPacket.ConfigureNak<>(i, List.of(new LcpOption.MaximumReceiveUnit(576)))));
        }
        assertThat(a.onPacket(new CpPacket.ConfigureRequest<>(5, small), 1)).containsExactly(
                new AutomatonAction.Log<>("LCP: 5 Configure-Naks without Ack (Max-Failure): rejecting instead"),
                new AutomatonAction.Send<>(new CpPacket.ConfigureReject<>(5, small)));
    }

    @Test
    void retransmittedRequestsDoNotCountTowardMaxFailure() {
        // the peer repeats the same request with the same Identifier: our Naks were lost, nothing loops
        var sink = new java.util.ArrayList<AutomatonAction<LcpOption>>();
        var a = started(sink);
        List<LcpOption> small = List.of(new LcpOption.MaximumReceiveUnit(100));
        AutomatonAction<LcpOption> nak = new AutomatonAction.Send<>(new CpPacket.ConfigureNak<>(7, List.<LcpOption>of(new LcpOption.MaximumReceiveUnit(576))));
        for (int i = 0; i < 8; i++) {
            assertThat(a.onPacket(new CpPacket.ConfigureRequest<>(7, small), 1)).as("copy %d", i).containsExactly(nak);
        }
        // a new Identifier with the same options is a new round: counted from the first Nak
        for (int i = 8; i < 12; i++) {
            assertThat(a.onPacket(new CpPacket.ConfigureRequest<>(i, small), 1)).hasSize(1)
                    .first().isInstanceOfSatisfying(AutomatonAction.Send.class,
                            s -> assertThat(s.packet()).isInstanceOf(CpPacket.ConfigureNak.class));
        }
        assertThat(a.onPacket(new CpPacket.ConfigureRequest<>(12, small), 1)).contains(
                new AutomatonAction.Send<>(new CpPacket.ConfigureReject<>(12, small)));
    }

    @Test
    void peerTerminateRequestInOpenedIsAckedThenStopsAfterRestartInterval() {
        var link = InMemoryLink.clean(
                new ControlProtocolAutomaton<>(Lcp.CODEC, new LcpPolicy(LcpConfig.pptpServer(), new Random(1)), AutomatonConfig.DEFAULT),
                new ControlProtocolAutomaton<>(Lcp.CODEC, new LcpPolicy(LcpConfig.pptpClient(), new Random(2)), AutomatonConfig.DEFAULT),
                Lcp.CODEC);
        link.openBoth();
        link.runUntilQuiet(10_000_000_000L);
        var a = link.a;
        assertThat(a.onPacket(new CpPacket.TerminateRequest<>(40, Bytes.EMPTY), link.now)).containsExactly(
                new AutomatonAction.ThisLayerDown<>(), new AutomatonAction.Send<>(new CpPacket.TerminateAck<>(40, Bytes.EMPTY)));
        assertThat(a.state()).isEqualTo(CpState.STOPPING);
        assertThat(a.nextDeadlineNanos()).hasValue(link.now + 3_000_000_000L);
        assertThat(a.onTick(link.now + 3_000_000_000L)).containsExactly(new AutomatonAction.ThisLayerFinished<>("peer sent Terminate-Request"));
        assertThat(a.state()).isEqualTo(CpState.STOPPED);
    }
}
