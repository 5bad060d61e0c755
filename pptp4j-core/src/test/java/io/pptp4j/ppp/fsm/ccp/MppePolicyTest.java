package io.pptp4j.ppp.fsm.ccp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.ppp.ccp.Ccp;
import io.pptp4j.ppp.ccp.CcpOption;
import io.pptp4j.ppp.ccp.SupportedBit;
import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.ppp.fsm.AutomatonAction;
import io.pptp4j.ppp.fsm.AutomatonConfig;
import io.pptp4j.ppp.fsm.ControlProtocolAutomaton;
import io.pptp4j.ppp.fsm.CpState;
import io.pptp4j.ppp.fsm.InMemoryLink;
import io.pptp4j.ppp.fsm.Judgement;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeMode;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class MppePolicyTest {

    @SuppressWarnings("unchecked")
    private static List<CcpOption> requestOptions(String hex) throws Exception {
        return ((CpPacket.ConfigureRequest<CcpOption>) Ccp.CODEC.decode(Bytes.fromHex(hex).toArray(), DecodeMode.STRICT)).options();
    }

    private static String hex(CpPacket<CcpOption> p) { return Bytes.of(Ccp.CODEC.encode(p)).hex(); }

    @Test
    void naksWindowsFullOfferToStatelessS() {
        MppePolicy server = new MppePolicy(MppeConfig.DEFAULT);
        CcpOption offer = CcpOption.MicrosoftPpc.fromLetters("H,M,S,L,C");
        Judgement<CcpOption> j = server.judge(List.of(offer));
        assertThat(j).isEqualTo(new Judgement.Nak<>(List.of(CcpOption.MicrosoftPpc.stateless128()), List.of(offer)));
        // converges in one Nak: the peer's next request carries what we Nak'd
        assertThat(server.judge(List.of(CcpOption.MicrosoftPpc.stateless128()))).isInstanceOf(Judgement.Ack.class);
    }

    @Test
    void naksPptpLinuxOfferToStatelessSLikePptpd() throws Exception {
        // chapcrack-pptplinux-pptpd-session.pcap frame 27: pptp-linux offers H,S,L; frame 31: pptpd's Nak with H,S
        List<CcpOption> offer = requestOptions("0101000a120601000060");
        Judgement<CcpOption> j = new MppePolicy(MppeConfig.DEFAULT).judge(offer);
        assertThat(hex(new CpPacket.ConfigureNak<>(1, ((Judgement.Nak<CcpOption>) j).options()))).isEqualTo("0301000a120601000040");
    }

    @Test
    void naksWindowsRrasMppcOfferAwayLikeWindowsClient() throws Exception {
        // pptpcrack-windows-rras-session.pcap frame 299: RRAS offers H,S,C; frame 304: the Windows client Naks to H,S
        List<CcpOption> offer = requestOptions("0104000a120601000041");
        Judgement<CcpOption> j = new MppePolicy(MppeConfig.DEFAULT).judge(offer);
        assertThat(hex(new CpPacket.ConfigureNak<>(4, ((Judgement.Nak<CcpOption>) j).options()))).isEqualTo("0304000a120601000040");
    }

    @Test
    void acksWindowsClientStatelessS() throws Exception {
        // pptpcrack-windows-rras-session.pcap frame 297: the Windows client asks H,S; frame 302: RRAS Acks it
        List<CcpOption> offer = requestOptions("0105000a120601000040");
        Judgement<CcpOption> j = new MppePolicy(MppeConfig.DEFAULT).judge(offer);
        assertThat(hex(new CpPacket.ConfigureAck<>(5, ((Judgement.Ack<CcpOption>) j).options()))).isEqualTo("0205000a120601000040");
    }

    @Test
    void refusesFortyBitOnlyOfferUnderDefaultPolicy() {
        MppePolicy server = new MppePolicy(MppeConfig.DEFAULT);
        CcpOption offer = CcpOption.MicrosoftPpc.fromLetters("H,L");
        assertThat(server.judge(List.of(offer))).isEqualTo(new Judgement.Reject<>(List.of(offer)));
        assertThat(server.failure()).contains("peer offers MPPE H,L, none of the allowed strengths S");
    }

    @Test
    void automatonTerminatesWhenOnlyFortyBitIsOffered() {
        var a = new ControlProtocolAutomaton<>(Ccp.CODEC, new MppePolicy(MppeConfig.DEFAULT), AutomatonConfig.DEFAULT);
        a.open(0);
        a.up(0);
        var actions = a.onPacket(new CpPacket.ConfigureRequest<>(9, List.of(CcpOption.MicrosoftPpc.fromLetters("L"))), 1);
        assertThat(actions.get(0)).isEqualTo(new AutomatonAction.Send<>(
                new CpPacket.ConfigureReject<>(9, List.of(CcpOption.MicrosoftPpc.fromLetters("L")))));
        assertThat(actions).contains(new AutomatonAction.Log<>("CCP: negotiation failed: peer offers MPPE L, none of the allowed strengths S"));
        assertThat(actions).last().isInstanceOfSatisfying(AutomatonAction.Send.class, s ->
                assertThat(s.packet()).isInstanceOf(CpPacket.TerminateRequest.class));
        assertThat(a.state()).isEqualTo(CpState.CLOSING);
    }

    @Test
    void clientAcceptsServerSingleChoiceAndRefusesDisallowedOne() {
        MppePolicy client = new MppePolicy(new MppeConfig(EnumSet.of(SupportedBit.S, SupportedBit.L),
                MppeConfig.Statefulness.STATELESS_REQUIRED, true));
        assertThat(client.requestOptions()).containsExactly(CcpOption.MicrosoftPpc.fromLetters("H,S,L"));
        client.onConfigureNak(List.of(CcpOption.MicrosoftPpc.stateless128()));
        assertThat(client.requestOptions()).containsExactly(CcpOption.MicrosoftPpc.stateless128());
        assertThat(client.failure()).isEmpty();
        client.onConfigureNak(List.of(CcpOption.MicrosoftPpc.fromLetters("H,M")));
        assertThat(client.failure()).contains("peer Naks MPPE to H,M, not one allowed strength of S,L with H");
    }

    @Test
    void serverAndClientAgreeOnStateless128() {
        var server = new ControlProtocolAutomaton<>(Ccp.CODEC, new MppePolicy(MppeConfig.DEFAULT), AutomatonConfig.DEFAULT);
        var client = new ControlProtocolAutomaton<>(Ccp.CODEC, new MppePolicy(new MppeConfig(
                EnumSet.of(SupportedBit.S, SupportedBit.M, SupportedBit.L), MppeConfig.Statefulness.STATEFUL_ALLOWED, true)),
                AutomatonConfig.DEFAULT);
        var link = InMemoryLink.clean(server, client, Ccp.CODEC);
        link.openBoth();
        link.runUntilQuiet(10_000_000_000L);
        assertThat(server.state()).isEqualTo(CpState.OPENED);
        assertThat(client.state()).isEqualTo(CpState.OPENED);
        MppeNegotiated expected = new MppeNegotiated(0x01000040L, true, SupportedBit.S);
        assertThat(((MppePolicy) server.policy()).negotiated()).contains(expected);
        assertThat(((MppePolicy) client.policy()).negotiated()).contains(expected);
        assertThat(expected.keyBits()).isEqualTo(128);
    }

    private static MppeConfig statefulOnly() {
        return new MppeConfig(EnumSet.of(SupportedBit.S, SupportedBit.M, SupportedBit.L), MppeConfig.Statefulness.STATEFUL_REQUIRED, true);
    }

    @Test
    void statefulRequiredRequestsEveryStrengthWithoutH() {
        assertThat(new MppePolicy(statefulOnly()).requestOptions()).containsExactly(CcpOption.MicrosoftPpc.fromLetters("S,M,L"));
    }

    @Test
    void statefulRequiredRefusesANakTowardH() {
        MppePolicy client = new MppePolicy(statefulOnly());
        client.onConfigureNak(List.of(CcpOption.MicrosoftPpc.stateless128()));
        assertThat(client.failure()).contains("peer Naks MPPE to H,S, not one allowed strength of S,M,L without H");
        client.startNegotiation();
        client.onConfigureNak(List.of(CcpOption.MicrosoftPpc.fromLetters("M")));
        assertThat(client.failure()).isEmpty();
        assertThat(client.requestOptions()).containsExactly(CcpOption.MicrosoftPpc.fromLetters("M"));
    }

    @Test
    void statefulRequiredNaksThePeersHAway() {
        CcpOption offer = CcpOption.MicrosoftPpc.fromLetters("H,S,L");
        assertThat(new MppePolicy(statefulOnly()).judge(List.of(offer)))
                .isEqualTo(new Judgement.Nak<>(List.of(CcpOption.MicrosoftPpc.fromLetters("S")), List.of(offer)));
    }

    @Test
    void statefulRequiredAgreesStatefulWithAServerThatAllowsIt() {
        var server = new ControlProtocolAutomaton<>(Ccp.CODEC, new MppePolicy(new MppeConfig(EnumSet.of(SupportedBit.S, SupportedBit.L),
                MppeConfig.Statefulness.STATEFUL_ALLOWED, true)), AutomatonConfig.DEFAULT);
        var client = new ControlProtocolAutomaton<>(Ccp.CODEC, new MppePolicy(statefulOnly()), AutomatonConfig.DEFAULT);
        var link = InMemoryLink.clean(server, client, Ccp.CODEC);
        link.openBoth();
        link.runUntilQuiet(10_000_000_000L);
        assertThat(server.state()).isEqualTo(CpState.OPENED);
        assertThat(client.state()).isEqualTo(CpState.OPENED);
        MppeNegotiated expected = new MppeNegotiated(0x00000040L, false, SupportedBit.S);
        assertThat(((MppePolicy) server.policy()).negotiated()).contains(expected);
        assertThat(((MppePolicy) client.policy()).negotiated()).contains(expected);
    }

    @Test
    void statefulRequiredFailsAgainstTheStatelessDefault() {
        var server = new ControlProtocolAutomaton<>(Ccp.CODEC, new MppePolicy(MppeConfig.DEFAULT), AutomatonConfig.DEFAULT);
        var client = new ControlProtocolAutomaton<>(Ccp.CODEC, new MppePolicy(statefulOnly()), AutomatonConfig.DEFAULT);
        var link = InMemoryLink.clean(server, client, Ccp.CODEC);
        link.openBoth();
        link.runUntilQuiet(10_000_000_000L);
        assertThat(((MppePolicy) client.policy()).negotiated()).isEmpty();
        assertThat(((MppePolicy) server.policy()).negotiated()).isEmpty();
        assertThat(client.state()).isNotEqualTo(CpState.OPENED);
    }
}
