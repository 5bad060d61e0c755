package io.pptp4j.ppp.ccp;

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
 * CCP packets from real PPTP peers (GRE payloads of the captures in testdata/captures), all sent after
 * ACFC was agreed. Each decodes strictly and encodes back to the same octets.
 */
class CcpGoldenTest {

    private static CpPacket<CcpOption> decodeFrame(String hex) throws DecodeException {
        PppFrame frame = PppFrameCodec.decode(Hex.parse(hex));
        assertThat(frame.protocol()).isEqualTo(PppProtocol.CCP.value());
        CpPacket<CcpOption> packet = Ccp.CODEC.decode(frame.information().toArray(), DecodeMode.STRICT);
        assertThat(Ccp.CODEC.decode(frame.information().toArray(), DecodeMode.LENIENT)).isEqualTo(packet);
        byte[] again = PppFrameCodec.encode(new PppFrame(frame.addressControlPresent(), frame.protocolCompressed(),
                frame.protocol(), Bytes.of(Ccp.CODEC.encode(packet))));
        assertThat(Hex.of(again)).isEqualTo(hex);
        return packet;
    }

    private static CcpOption.MicrosoftPpc onlyOption(CpPacket<CcpOption> p) {
        List<CcpOption> options = switch (p) {
            case CpPacket.ConfigureRequest<CcpOption> r -> r.options();
            case CpPacket.ConfigureAck<CcpOption> r -> r.options();
            case CpPacket.ConfigureNak<CcpOption> r -> r.options();
            default -> throw new AssertionError(p);
        };
        assertThat(options).hasSize(1);
        return (CcpOption.MicrosoftPpc) options.getFirst();
    }

    @Test
    void windowsClientOffersStateless128BitMppe() throws DecodeException {
        // pptpcrack-windows-rras-session.pcap frame 297 (GRE call 29546, seq 10), Windows client to RRAS
        CpPacket<CcpOption> p = decodeFrame("80fd0105000a120601000040");
        assertThat(p).isEqualTo(new CpPacket.ConfigureRequest<>(5, List.of(CcpOption.MicrosoftPpc.stateless128())));
        CcpOption.MicrosoftPpc mppe = onlyOption(p);
        assertThat(mppe.name()).isEqualTo("Microsoft PPC");
        assertThat(mppe.bitLetters()).isEqualTo("H,S");
        assertThat(mppe.stateless()).isTrue();
        assertThat(mppe.mppe128()).isTrue();
        assertThat(mppe.mppe40()).isFalse();
        assertThat(mppe.mppc()).isFalse();
    }

    @Test
    void windowsRrasAlsoOffersMppcWhichTheClientNaks() throws DecodeException {
        // pptpcrack-windows-rras-session.pcap frame 299 (GRE call 40265, seq 8), RRAS to the Windows client;
        // frame 304 (call 29546, seq 12) is the client's Nak without the C bit, frames 307 (RRAS, seq 13)
        // and 309 (client, seq 15) the request that follows and its Ack
        CpPacket<CcpOption> request = decodeFrame("80fd0104000a120601000041");
        CpPacket<CcpOption> nak = decodeFrame("80fd0304000a120601000040");
        CpPacket<CcpOption> second = decodeFrame("80fd0107000a120601000040");
        CpPacket<CcpOption> ack = decodeFrame("80fd0207000a120601000040");
        assertThat(onlyOption(request).bitLetters()).isEqualTo("H,S,C");
        assertThat(onlyOption(request).mppc()).isTrue();
        assertThat(nak).isEqualTo(new CpPacket.ConfigureNak<>(4, List.of(onlyOption(request).without(SupportedBit.C))));
        assertThat(second).isEqualTo(new CpPacket.ConfigureRequest<>(7, List.of(CcpOption.MicrosoftPpc.fromLetters("H,S"))));
        assertThat(ack).isEqualTo(new CpPacket.ConfigureAck<>(7, List.of(CcpOption.MicrosoftPpc.fromLetters("H,S"))));
    }

    @Test
    void windowsRrasAcksTheClientRequest() throws DecodeException {
        // pptpcrack-windows-rras-session.pcap frame 302 (GRE call 40265, seq 11)
        assertThat(decodeFrame("80fd0205000a120601000040"))
                .isEqualTo(new CpPacket.ConfigureAck<>(5, List.of(CcpOption.MicrosoftPpc.stateless128())));
    }

    @Test
    void pptpLinuxOffersStatelessWith128And40BitKeys() throws DecodeException {
        // chapcrack-pptplinux-pptpd-session.pcap frame 27 (GRE call 30720, seq 5), pptp-linux to pptpd
        CpPacket<CcpOption> p = decodeFrame("80fd0101000a120601000060");
        CcpOption.MicrosoftPpc mppe = onlyOption(p);
        assertThat(p.identifier()).isEqualTo(1);
        assertThat(mppe.bitLetters()).isEqualTo("H,S,L");
        assertThat(mppe.bits()).containsExactly(SupportedBit.H, SupportedBit.S, SupportedBit.L);
        assertThat(mppe.strongestEncryption()).contains(SupportedBit.S);
    }

    @Test
    void pptpdNaksTo128BitOnlyAndPptpLinuxFollows() throws DecodeException {
        // chapcrack-pptplinux-pptpd-session.pcap frames 28 (pptpd request, GRE call 0, seq 5), 29 (pptp-linux
        // ack, call 30720, seq 6), 31 (pptpd nak, call 0, seq 6), 32 (pptp-linux request, seq 7), 33 (pptpd ack, seq 7)
        List<CcpOption> hs = List.of(CcpOption.MicrosoftPpc.of(SupportedBit.H, SupportedBit.S));
        assertThat(decodeFrame("80fd0101000a120601000040")).isEqualTo(new CpPacket.ConfigureRequest<>(1, hs));
        assertThat(decodeFrame("80fd0201000a120601000040")).isEqualTo(new CpPacket.ConfigureAck<>(1, hs));
        assertThat(decodeFrame("80fd0301000a120601000040")).isEqualTo(new CpPacket.ConfigureNak<>(1, hs));
        assertThat(decodeFrame("80fd0102000a120601000040")).isEqualTo(new CpPacket.ConfigureRequest<>(2, hs));
        assertThat(decodeFrame("80fd0202000a120601000040")).isEqualTo(new CpPacket.ConfigureAck<>(2, hs));
    }
}
