package io.pptp4j.ppp.fsm.lcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.ppp.fsm.AutomatonAction;
import io.pptp4j.ppp.fsm.AutomatonConfig;
import io.pptp4j.ppp.fsm.ControlProtocolAutomaton;
import io.pptp4j.ppp.fsm.CpState;
import io.pptp4j.ppp.fsm.Judgement;
import io.pptp4j.ppp.lcp.Lcp;
import io.pptp4j.ppp.lcp.LcpOption;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeMode;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LcpPolicyTest {

    private static CpPacket<LcpOption> decode(String hex) throws Exception {
        return Lcp.CODEC.decode(Bytes.fromHex(hex).toArray(), DecodeMode.STRICT);
    }

    @SuppressWarnings("unchecked")
    private static List<LcpOption> requestOptions(String hex) throws Exception {
        return ((CpPacket.ConfigureRequest<LcpOption>) decode(hex)).options();
    }

    private static List<LcpOption> withoutCallback(List<LcpOption> options) {
        return options.stream().filter(o -> !(o instanceof LcpOption.Callback)).toList();
    }

    private static String hex(CpPacket<LcpOption> p) { return Bytes.of(Lcp.CODEC.encode(p)).hex(); }

    @Test
    void acksWindowsClientRequest() throws Exception {
        // pptpcrack-windows-rras-session.pcap frame 275: Windows client: MRU 1400, Magic, PFC, ACFC, Callback 6
        List<LcpOption> request = requestOptions("0100001501040578050675eb25d5070208020d0306");
        LcpPolicy server = new LcpPolicy(LcpConfig.pptpServer(), new Random(1));
        // Callback (13) is rejected alone, as we do not call back
        assertThat(server.judge(request)).isEqualTo(new Judgement.Reject<>(List.of(new LcpOption.Callback(6, Bytes.EMPTY))));
    }

    @Test
    void rejectsMrruAndEndpointDiscriminatorFromWindowsRras() throws Exception {
        // pptpcrack-windows-rras-session.pcap frame 276: RRAS: MRU, Auth EAP, Magic, PFC, ACFC, Callback, MRRU 1614,
        // Endpoint-Discriminator class 1, Link-Discriminator... ; the Windows client answered frame 278
        List<LcpOption> request = requestOptions(
                "01000034010405780304c227050670ed20e6070208020d03061104064e131701f3198e8764b2429f8d09ef637b516ea700000000");
        LcpPolicy client = new LcpPolicy(LcpConfig.pptpClient(), new Random(2));
        Judgement<LcpOption> j = client.judge(request);
        assertThat(j).isInstanceOf(Judgement.Reject.class);
        // we also reject Callback, which the Windows client accepted; otherwise our Reject is Windows' frame 278
        assertThat(hex(new CpPacket.ConfigureReject<>(0, ((Judgement.Reject<LcpOption>) j).options())))
                .isEqualTo("04000022" + "0d0306" + "1104064e131701f3198e8764b2429f8d09ef637b516ea700000000");
    }

    @Test
    void naksRrasEapTowardMsChapV2LikeWindowsClient() throws Exception {
        // pptpcrack-windows-rras-session.pcap frame 279: RRAS retries without the rejected options, still EAP;
        // frame 281: Windows Naks with CHAP 0x81 (Callback, which we reject and Windows accepted, left out)
        List<LcpOption> request = withoutCallback(requestOptions("01010019010405780304c227050670ed20e6070208020d0306"));
        LcpPolicy client = new LcpPolicy(LcpConfig.pptpClient(), new Random(3));
        Judgement<LcpOption> j = client.judge(request);
        assertThat(j).isInstanceOf(Judgement.Nak.class);
        assertThat(hex(new CpPacket.ConfigureNak<>(1, ((Judgement.Nak<LcpOption>) j).options()))).isEqualTo("030100090305c22381");
    }

    @Test
    void acksRrasRequestWithMsChapV2() throws Exception {
        // pptpcrack-windows-rras-session.pcap frame 282 (request) and 283 (Windows' Ack, byte for byte the request)
        List<LcpOption> request = requestOptions("0102001a010405780305c22381050670ed20e6070208020d0306");
        LcpPolicy client = new LcpPolicy(LcpConfig.pptpClient(), new Random(4));
        // with Callback, which we reject and Windows accepted, removed: the rest is Windows' Ack
        Judgement<LcpOption> j = client.judge(withoutCallback(request));
        assertThat(hex(new CpPacket.ConfigureAck<>(2, ((Judgement.Ack<LcpOption>) j).options())))
                .isEqualTo("02020017010405780305c22381050670ed20e607020802");
    }

    @Test
    void rejectsCallbackMrruAndEndpointDiscriminatorFromWindowsNtClient() throws Exception {
        // tcpdump-pptp-nt-moretonbay.pcap frame 16: Windows NT: Magic, PFC, ACFC, Callback 6, MRRU 1614, Endpoint-Discriminator
        List<LcpOption> request = requestOptions("0100002c0506021952cf070208020d03061104064e13170129f76a9077f1472c835247f271d656070000000c");
        Judgement<LcpOption> j = new LcpPolicy(LcpConfig.pptpServer(), new Random(5)).judge(request);
        assertThat(hex(new CpPacket.ConfigureReject<>(0, ((Judgement.Reject<LcpOption>) j).options())))
                .isEqualTo("04000022" + "0d0306" + "1104064e" + "13170129f76a9077f1472c835247f271d656070000000c");
    }

    @Test
    void serverMovesFromEapToMsChapV2WhenWindowsClientNaks() throws Exception {
        LcpPolicy server = new LcpPolicy(LcpConfig.pptpServer().withAuthProtocols(List.of(AuthProtocol.EAP, AuthProtocol.MS_CHAP_V2)),
                new Random(6));
        assertThat(server.requestOptions()).contains(AuthProtocol.EAP.option());
        // pptpcrack-windows-rras-session.pcap frame 281: the Windows client's Nak
        @SuppressWarnings("unchecked")
        var nak = (CpPacket.ConfigureNak<LcpOption>) decode("030100090305c22381");
        server.onConfigureNak(nak.options());
        assertThat(server.requestOptions()).contains(AuthProtocol.MS_CHAP_V2.option()).doesNotContain(AuthProtocol.EAP.option());
        assertThat(server.failure()).isEmpty();
    }

    @Test
    void failsWhenPeerNaksEveryAllowedAuthProtocol() {
        LcpPolicy server = new LcpPolicy(LcpConfig.pptpServer(), new Random(7));
        server.onConfigureNak(List.of(AuthProtocol.PAP.option()));
        assertThat(server.failure()).contains("peer refuses authentication by every allowed protocol [MS_CHAP_V2]");
    }

    @Test
    void naksMruBelowMinimum() {
        LcpPolicy p = new LcpPolicy(LcpConfig.pptpServer(), new Random(8));
        assertThat(p.judge(List.of(new LcpOption.MaximumReceiveUnit(296))))
                .isEqualTo(new Judgement.Nak<>(List.of(new LcpOption.MaximumReceiveUnit(576)), List.of(new LcpOption.MaximumReceiveUnit(296))));
        assertThat(p.judge(List.of(new LcpOption.MaximumReceiveUnit(1500)))).isInstanceOf(Judgement.Ack.class);
    }

    @Test
    void naksOwnMagicNumberAndDeclaresLoopAfterRepeats() {
        LcpPolicy p = new LcpPolicy(LcpConfig.pptpServer(), new Random(9));
        for (int i = 1; i <= 5; i++) {
            long ours = p.magicNumber();
            Judgement<LcpOption> j = p.judge(List.of(new LcpOption.MagicNumber(ours)));
            assertThat(j).isInstanceOfSatisfying(Judgement.Nak.class, n ->
                    assertThat(n.options()).singleElement().isNotEqualTo(new LcpOption.MagicNumber(ours)));
            assertThat(p.magicCollisions()).isEqualTo(i);
        }
        assertThat(p.failure()).get().asString().startsWith("link looped back");
    }

    @Test
    void loopedBackLinkIsDetectedByTheAutomaton() {
        // every packet we send comes straight back to us
        var a = new ControlProtocolAutomaton<>(Lcp.CODEC, new LcpPolicy(LcpConfig.pptpClient(), new Random(10)), AutomatonConfig.DEFAULT);
        List<AutomatonAction<LcpOption>> pending = new java.util.ArrayList<>(a.open(0));
        pending.addAll(a.up(0));
        boolean failed = false;
        for (int i = 0; i < 200 && !pending.isEmpty() && !failed; i++) {
            AutomatonAction<LcpOption> action = pending.removeFirst();
            if (action instanceof AutomatonAction.Send<LcpOption> s && !(s.packet() instanceof CpPacket.TerminateRequest<LcpOption>)) {
                pending.addAll(a.onPacket(s.packet(), 0));
            }
            failed = action instanceof AutomatonAction.Log<LcpOption> l && l.message().contains("link looped back");
        }
        assertThat(failed).isTrue();
        assertThat(a.state()).isEqualTo(CpState.CLOSING);
    }

    @Test
    void repliesToEchoRequestWithOurMagicWhenOpened() throws Exception {
        var server = new ControlProtocolAutomaton<>(Lcp.CODEC, new LcpPolicy(LcpConfig.pptpServer(), new Random(11)), AutomatonConfig.DEFAULT);
        var client = new ControlProtocolAutomaton<>(Lcp.CODEC, new LcpPolicy(LcpConfig.pptpClient(), new Random(12)), AutomatonConfig.DEFAULT);
        var link = io.pptp4j.ppp.fsm.InMemoryLink.clean(server, client, Lcp.CODEC);
        link.openBoth();
        link.runUntilQuiet(10_000_000_000L);
        assertThat(client.state()).isEqualTo(CpState.OPENED);
        // chapcrack-pptplinux-pptpd-session.pcap frame 22: pptpd's Echo-Request (magic c29f1d2d)
        var actions = client.onPacket(decode("09000008c29f1d2d"), link.now);
        assertThat(actions).containsExactly(new AutomatonAction.Send<>(
                new CpPacket.EchoReply<>(0, client.policy().magicNumber(), Bytes.EMPTY)));
    }

    @Test
    void keepaliveDeclaresPeerDeadAfterUnansweredEchoes() {
        LcpKeepalive k = new LcpKeepalive(java.time.Duration.ofSeconds(10), 3);
        k.start(0);
        long s = 1_000_000_000L;
        assertThat(k.onTick(5 * s, 0x1234)).isEmpty();
        assertThat(k.onTick(10 * s, 0x1234)).get().extracting(CpPacket.EchoRequest::magicNumber).isEqualTo(0x1234L);
        k.onEchoReply(new CpPacket.EchoReply<>(1, 0x9999, Bytes.EMPTY), 0x1234);
        assertThat(k.unanswered()).isZero();
        assertThat(k.onTick(20 * s, 0x1234)).isPresent();
        assertThat(k.onTick(30 * s, 0x1234)).isPresent();
        assertThat(k.onTick(40 * s, 0x1234)).isPresent();
        assertThat(k.isDead()).isFalse();
        assertThat(k.onTick(50 * s, 0x1234)).isEmpty();
        assertThat(k.isDead()).isTrue();
    }

    @Test
    void protocolRejectOfIpv6cpMatchesWindowsRras() {
        // pptpcrack-windows-rras-session.pcap frame 301: RRAS Protocol-Rejects the client's IPV6CP Configure-Request
        var reject = LcpKeepalive.protocolReject(6, 0x8057, Bytes.fromHex("0104000e010afcd3335cf10e5c31"), 1400);
        assertThat(hex(reject)).isEqualTo("0806001480570104000e010afcd3335cf10e5c31");
        assertThat(LcpKeepalive.protocolReject(6, 0x8057, Bytes.fromHex("0104000e010afcd3335cf10e5c31"), 10).rejectedInformation())
                .isEqualTo(Bytes.fromHex("0104000e")); // MRU 10 leaves 4 octets after Code..Rejected-Protocol
    }
}
