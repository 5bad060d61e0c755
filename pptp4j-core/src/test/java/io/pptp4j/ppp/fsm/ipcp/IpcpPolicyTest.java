package io.pptp4j.ppp.fsm.ipcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.ppp.fsm.AutomatonConfig;
import io.pptp4j.ppp.fsm.ControlProtocolAutomaton;
import io.pptp4j.ppp.fsm.CpState;
import io.pptp4j.ppp.fsm.InMemoryLink;
import io.pptp4j.ppp.fsm.Judgement;
import io.pptp4j.ppp.ipcp.Ipcp;
import io.pptp4j.ppp.ipcp.IpcpOption;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpcpPolicyTest {

    @SuppressWarnings("unchecked")
    private static List<IpcpOption> requestOptions(String hex) throws Exception {
        return ((CpPacket.ConfigureRequest<IpcpOption>) Ipcp.CODEC.decode(Bytes.fromHex(hex).toArray(), DecodeMode.STRICT)).options();
    }

    private static String hex(CpPacket<IpcpOption> p) { return Bytes.of(Ipcp.CODEC.encode(p)).hex(); }

    private static IpcpConfig rrasLikeServer(List<java.net.Inet4Address> nbns) {
        return IpcpConfig.server(Ipcp.ipv4("192.168.43.108"),
                new RangeAddressPool(Ipcp.ipv4("192.168.43.111"), Ipcp.ipv4("192.168.43.120")),
                List.of(Ipcp.ipv4("192.168.43.110")), nbns);
    }

    @Test
    void naksWindowsClientZeroAddressesFromPool() throws Exception {
        // pptpcrack-windows-rras-session.pcap frame 298: the Windows client asks IP, DNS, NBNS, DNS2, NBNS2, all 0.0.0.0
        List<IpcpOption> request = requestOptions("01060022030600000000810600000000820600000000830600000000840600000000");
        IpcpPolicy server = new IpcpPolicy(rrasLikeServer(List.of(Ipcp.ipv4("192.168.43.110"))));
        // no secondary DNS or NBNS configured: those are rejected, and Reject goes first (RFC 1661 5.3/5.4)
        assertThat(hex(new CpPacket.ConfigureReject<>(6, ((Judgement.Reject<IpcpOption>) server.judge(request)).options())))
                .isEqualTo("04060010830600000000840600000000");
        // frame 306: the client's next request without them; our Nak: address from the pool, DNS, NBNS
        List<IpcpOption> second = requestOptions("01070016030600000000810600000000820600000000");
        assertThat(hex(new CpPacket.ConfigureNak<>(7, ((Judgement.Nak<IpcpOption>) server.judge(second)).options())))
                .isEqualTo("030700160306c0a82b6f8106c0a82b6e8206c0a82b6e");
    }

    @Test
    void naksLikeRrasWhenNoNbnsIsConfigured() throws Exception {
        IpcpPolicy server = new IpcpPolicy(rrasLikeServer(List.of()));
        // pptpcrack-windows-rras-session.pcap frame 303: RRAS rejects NBNS, DNS2, NBNS2 of frame 298
        List<IpcpOption> request = requestOptions("01060022030600000000810600000000820600000000830600000000840600000000");
        assertThat(hex(new CpPacket.ConfigureReject<>(6, ((Judgement.Reject<IpcpOption>) server.judge(request)).options())))
                .isEqualTo("04060016820600000000830600000000840600000000");
        // frames 306 and 308: the client's retry and RRAS' Nak, byte for byte
        List<IpcpOption> second = requestOptions("01070010030600000000810600000000");
        assertThat(hex(new CpPacket.ConfigureNak<>(7, ((Judgement.Nak<IpcpOption>) server.judge(second)).options())))
                .isEqualTo("030700100306c0a82b6f8106c0a82b6e");
        // frame 310: the client takes them; we Ack
        assertThat(server.judge(requestOptions("010800100306c0a82b6f8106c0a82b6e"))).isInstanceOf(Judgement.Ack.class);
    }

    @Test
    void rejectsVanJacobsonFromPptpd() throws Exception {
        // chapcrack-pptplinux-pptpd-session.pcap frame 34: pptpd asks VJ and its address; frame 37: pptp-linux rejects VJ
        List<IpcpOption> request = requestOptions("010100100206002d0f010306ac1bc801");
        IpcpPolicy client = new IpcpPolicy(IpcpConfig.client(true, false));
        assertThat(hex(new CpPacket.ConfigureReject<>(1, ((Judgement.Reject<IpcpOption>) client.judge(request)).options())))
                .isEqualTo("0401000a0206002d0f01");
    }

    @Test
    void clientTakesPptpdNakedAddresses() throws Exception {
        IpcpPolicy client = new IpcpPolicy(IpcpConfig.client(true, false));
        // what pptp-linux asked in frame 36: IP, DNS, DNS2 all 0.0.0.0
        assertThat(hex(new CpPacket.ConfigureRequest<>(1, client.requestOptions())))
                .isEqualTo("01010016030600000000810600000000830600000000");
        // frame 38: pptpd's Nak; frame 39: pptp-linux' next request
        @SuppressWarnings("unchecked")
        var nak = (CpPacket.ConfigureNak<IpcpOption>) Ipcp.CODEC.decode(
                Bytes.fromHex("030100160306ac1bc80a8106ac1b00018306ac1b0001").toArray(), DecodeMode.STRICT);
        client.onConfigureNak(nak.options());
        assertThat(hex(new CpPacket.ConfigureRequest<>(2, client.requestOptions())))
                .isEqualTo("010200160306ac1bc80a8106ac1b00018306ac1b0001");
    }

    @Test
    void serverAndClientOpenWithPoolAddressAndDns() {
        RangeAddressPool pool = new RangeAddressPool(Ipcp.ipv4("10.0.0.10"), Ipcp.ipv4("10.0.0.11"));
        var server = new ControlProtocolAutomaton<>(Ipcp.CODEC, new IpcpPolicy(IpcpConfig.server(Ipcp.ipv4("10.0.0.1"), pool,
                List.of(Ipcp.ipv4("10.0.0.53"), Ipcp.ipv4("10.0.0.54")), List.of())), AutomatonConfig.DEFAULT);
        var client = new ControlProtocolAutomaton<>(Ipcp.CODEC, new IpcpPolicy(IpcpConfig.client(true, true)), AutomatonConfig.DEFAULT);
        var link = InMemoryLink.clean(server, client, Ipcp.CODEC);
        link.openBoth();
        link.runUntilQuiet(10_000_000_000L);
        assertThat(server.state()).isEqualTo(CpState.OPENED);
        assertThat(client.state()).isEqualTo(CpState.OPENED);
        IpcpNegotiated c = ((IpcpPolicy) client.policy()).negotiated().orElseThrow();
        assertThat(c).isEqualTo(new IpcpNegotiated(Ipcp.ipv4("10.0.0.10"), Ipcp.ipv4("10.0.0.1"),
                List.of(Ipcp.ipv4("10.0.0.53"), Ipcp.ipv4("10.0.0.54")), List.of()));
        IpcpNegotiated s = ((IpcpPolicy) server.policy()).negotiated().orElseThrow();
        assertThat(s.peerAddress()).isEqualTo(Ipcp.ipv4("10.0.0.10"));
        assertThat(pool.free()).isEqualTo(1);
        ((IpcpPolicy) server.policy()).release();
        assertThat(pool.free()).isEqualTo(2);
    }

    @Test
    void poolHandsOutLowestFreeAddressAndRunsOut() {
        RangeAddressPool pool = new RangeAddressPool(Ipcp.ipv4("10.0.0.1"), Ipcp.ipv4("10.0.0.2"));
        assertThat(pool.allocate()).contains(Ipcp.ipv4("10.0.0.1"));
        assertThat(pool.allocate()).contains(Ipcp.ipv4("10.0.0.2"));
        assertThat(pool.allocate()).isEmpty();
        pool.release(Ipcp.ipv4("10.0.0.1"));
        assertThat(pool.allocate()).contains(Ipcp.ipv4("10.0.0.1"));
    }
}
