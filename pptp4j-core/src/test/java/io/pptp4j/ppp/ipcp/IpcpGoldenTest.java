package io.pptp4j.ppp.ipcp;

import static io.pptp4j.ppp.ipcp.Ipcp.ipv4;
import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.ppp.PppFrame;
import io.pptp4j.ppp.PppFrameCodec;
import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IPCP packets from real PPTP peers (GRE payloads of the captures in testdata/captures). All were sent
 * after ACFC was agreed, so they start at the Protocol field. Each decodes strictly and encodes back.
 */
class IpcpGoldenTest {

    private static CpPacket<IpcpOption> decodeFrame(String hex) throws DecodeException {
        PppFrame frame = PppFrameCodec.decode(Hex.parse(hex));
        assertThat(frame.protocol()).isEqualTo(PppProtocol.IPCP.value());
        CpPacket<IpcpOption> packet = Ipcp.CODEC.decode(frame.information().toArray(), DecodeMode.STRICT);
        assertThat(Ipcp.CODEC.decode(frame.information().toArray(), DecodeMode.LENIENT)).isEqualTo(packet);
        byte[] again = PppFrameCodec.encode(new PppFrame(frame.addressControlPresent(), frame.protocolCompressed(),
                frame.protocol(), Bytes.of(Ipcp.CODEC.encode(packet))));
        assertThat(Hex.of(again)).isEqualTo(hex);
        return packet;
    }

    private static List<IpcpOption> options(CpPacket<IpcpOption> p) {
        return switch (p) {
            case CpPacket.ConfigureRequest<IpcpOption> r -> r.options();
            case CpPacket.ConfigureAck<IpcpOption> r -> r.options();
            case CpPacket.ConfigureNak<IpcpOption> r -> r.options();
            case CpPacket.ConfigureReject<IpcpOption> r -> r.options();
            default -> throw new AssertionError(p);
        };
    }

    @Test
    void windowsClientAsksForAddressAndAllFourServers() throws DecodeException {
        // pptpcrack-windows-rras-session.pcap frame 298 (GRE call 29546, seq 11), Windows client to RRAS
        CpPacket<IpcpOption> p = decodeFrame("802101060022030600000000810600000000820600000000830600000000840600000000");
        assertThat(p).isEqualTo(new CpPacket.ConfigureRequest<>(6, List.of(
                new IpcpOption.IpAddress(Ipcp.UNSPECIFIED),
                new IpcpOption.PrimaryDnsServerAddress(Ipcp.UNSPECIFIED),
                new IpcpOption.PrimaryNbnsServerAddress(Ipcp.UNSPECIFIED),
                new IpcpOption.SecondaryDnsServerAddress(Ipcp.UNSPECIFIED),
                new IpcpOption.SecondaryNbnsServerAddress(Ipcp.UNSPECIFIED))));
        assertThat(options(p)).extracting(IpcpOption::name).containsExactly("IP-Address", "Primary-DNS-Server-Address",
                "Primary-NBNS-Server-Address", "Secondary-DNS-Server-Address", "Secondary-NBNS-Server-Address");
        assertThat(options(p)).allMatch(o -> ((IpcpOption.SingleAddress) o).isUnspecified());
    }

    @Test
    void windowsRrasRejectsNbnsAndSecondaryDns() throws DecodeException {
        // pptpcrack-windows-rras-session.pcap frame 303 (GRE call 40265, seq 12), RRAS to the Windows client
        CpPacket<IpcpOption> p = decodeFrame("802104060016820600000000830600000000840600000000");
        assertThat(p).isEqualTo(new CpPacket.ConfigureReject<>(6, List.of(
                new IpcpOption.PrimaryNbnsServerAddress(Ipcp.UNSPECIFIED),
                new IpcpOption.SecondaryDnsServerAddress(Ipcp.UNSPECIFIED),
                new IpcpOption.SecondaryNbnsServerAddress(Ipcp.UNSPECIFIED))));
    }

    @Test
    void windowsRrasOffersItsAddressAndTheClientAcks() throws DecodeException {
        // pptpcrack-windows-rras-session.pcap frames 300 (GRE call 40265, seq 9; RRAS) and 305 (call 29546, seq 13; client)
        CpPacket<IpcpOption> request = decodeFrame("80210105000a0306c0a82b6c");
        CpPacket<IpcpOption> ack = decodeFrame("80210205000a0306c0a82b6c");
        List<IpcpOption> expected = List.of(new IpcpOption.IpAddress(ipv4("192.168.43.108")));
        assertThat(request).isEqualTo(new CpPacket.ConfigureRequest<>(5, expected));
        assertThat(ack).isEqualTo(new CpPacket.ConfigureAck<>(5, expected));
    }

    @Test
    void windowsRrasNaksWithAddressAndDns() throws DecodeException {
        // pptpcrack-windows-rras-session.pcap frame 308 (GRE call 40265, seq 14), then the client's request
        // with those values (frame 310, call 29546, seq 16) and RRAS's ack (frame 311, call 40265, seq 15)
        CpPacket<IpcpOption> nak = decodeFrame("8021030700100306c0a82b6f8106c0a82b6e");
        CpPacket<IpcpOption> request = decodeFrame("8021010800100306c0a82b6f8106c0a82b6e");
        CpPacket<IpcpOption> ack = decodeFrame("8021020800100306c0a82b6f8106c0a82b6e");
        List<IpcpOption> assigned = List.of(new IpcpOption.IpAddress(ipv4("192.168.43.111")),
                new IpcpOption.PrimaryDnsServerAddress(ipv4("192.168.43.110")));
        assertThat(nak).isEqualTo(new CpPacket.ConfigureNak<>(7, assigned));
        assertThat(request).isEqualTo(new CpPacket.ConfigureRequest<>(8, assigned));
        assertThat(ack).isEqualTo(new CpPacket.ConfigureAck<>(8, assigned));
    }

    @Test
    void pptpdOffersVanJacobsonCompression() throws DecodeException {
        // chapcrack-pptplinux-pptpd-session.pcap frame 34 (GRE call 0, seq 8), pptpd to pptp-linux
        CpPacket<IpcpOption> p = decodeFrame("8021010100100206002d0f010306ac1bc801");
        assertThat(p).isEqualTo(new CpPacket.ConfigureRequest<>(1, List.of(
                IpcpOption.IpCompressionProtocol.vanJacobson(15, true),
                new IpcpOption.IpAddress(ipv4("172.27.200.1")))));
        var vj = (IpcpOption.IpCompressionProtocol) options(p).getFirst();
        assertThat(vj.isVanJacobson()).isTrue();
        assertThat(vj.protocolName()).isEqualTo("Van Jacobson Compressed TCP/IP");
        assertThat(vj.maxSlotId()).hasValue(15);
        assertThat(vj.compSlotId()).hasValue(1);
    }

    @Test
    void pptpLinuxRejectsVanJacobson() throws DecodeException {
        // chapcrack-pptplinux-pptpd-session.pcap frame 37 (GRE call 30720, seq 9), pptp-linux to pptpd
        CpPacket<IpcpOption> p = decodeFrame("80210401000a0206002d0f01");
        assertThat(p).isEqualTo(new CpPacket.ConfigureReject<>(1, List.of(IpcpOption.IpCompressionProtocol.vanJacobson(15, true))));
    }

    @Test
    void pptpLinuxAsksForAddressAndDnsAndPptpdNaks() throws DecodeException {
        // chapcrack-pptplinux-pptpd-session.pcap frames 36 (pptp-linux, GRE call 30720, seq 8),
        // 38 (pptpd, call 0, seq 9) and 42 (pptpd, call 0, seq 11)
        CpPacket<IpcpOption> request = decodeFrame("802101010016030600000000810600000000830600000000");
        CpPacket<IpcpOption> nak = decodeFrame("8021030100160306ac1bc80a8106ac1b00018306ac1b0001");
        CpPacket<IpcpOption> ack = decodeFrame("8021020200160306ac1bc80a8106ac1b00018306ac1b0001");
        assertThat(request).isEqualTo(new CpPacket.ConfigureRequest<>(1, List.of(
                new IpcpOption.IpAddress(Ipcp.UNSPECIFIED),
                new IpcpOption.PrimaryDnsServerAddress(Ipcp.UNSPECIFIED),
                new IpcpOption.SecondaryDnsServerAddress(Ipcp.UNSPECIFIED))));
        List<IpcpOption> assigned = List.of(
                new IpcpOption.IpAddress(ipv4("172.27.200.10")),
                new IpcpOption.PrimaryDnsServerAddress(ipv4("172.27.0.1")),
                new IpcpOption.SecondaryDnsServerAddress(ipv4("172.27.0.1")));
        assertThat(nak).isEqualTo(new CpPacket.ConfigureNak<>(1, assigned));
        assertThat(ack).isEqualTo(new CpPacket.ConfigureAck<>(2, assigned));
    }
}
