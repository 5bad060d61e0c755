package io.pptp4j.ppp.mppe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.ppp.PppFrame;
import io.pptp4j.ppp.PppFrameCodec;
import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import io.pptp4j.wire.Layer;
import org.junit.jupiter.api.Test;

/**
 * MPPE packets from real PPTP peers (GRE payloads of the captures in testdata/captures). With PFC and
 * ACFC agreed, each PPP frame is the one-octet Protocol {@code fd} and the MPPE packet.
 */
class MppeCodecTest {

    private static MppePacket decodeFrame(String hex) throws DecodeException {
        PppFrame frame = PppFrameCodec.decode(Hex.parse(hex));
        assertThat(frame.protocol()).isEqualTo(PppProtocol.COMPRESSED_DATAGRAM.value());
        assertThat(frame.protocolCompressed()).isTrue();
        assertThat(frame.addressControlPresent()).isFalse();
        MppePacket packet = MppeCodec.decode(frame.information().toArray(), DecodeMode.STRICT);
        assertThat(MppeCodec.decode(frame.information().toArray(), DecodeMode.LENIENT)).isEqualTo(packet);
        byte[] again = MppeCodec.encode(packet);
        assertThat(again).hasSize(packet.length());
        assertThat(Hex.of(PppFrameCodec.encode(new PppFrame(false, true, 0xFD, Bytes.of(again))))).isEqualTo(hex);
        return packet;
    }

    // pptpcrack-windows-rras-session.pcap frame 315 (GRE call 29546, seq 17): the Windows client's first MPPE packet
    private static final String WINDOWS_CLIENT_FIRST = "fd90000e55bc7331b4cb89d6f49a82be2c59345b08192f4a7447d9c2d1a2"
            + "7088607ca1618f7a5fd741127f787c";

    @Test
    void windowsClientFirstPacketIsFlushedAndEncrypted() throws DecodeException {
        MppePacket p = decodeFrame(WINDOWS_CLIENT_FIRST);
        assertThat(p.header()).isEqualTo(new MppeHeader(true, false, false, true, 0));
        assertThat(p.header().value()).isEqualTo(0x9000);
        assertThat(p.header().describe()).isEqualTo("A,D 0");
        assertThat(p.payload()).isEqualTo(Bytes.fromHex(WINDOWS_CLIENT_FIRST.substring(6)));
        assertThat(p.payload().length()).isEqualTo(42);
    }

    @Test
    void windowsClientLastPacketCarriesCoherencyCount504() throws DecodeException {
        // pptpcrack-windows-rras-session.pcap frame 4577 (GRE call 29546, seq 521): the client's 505th MPPE packet
        MppePacket p = decodeFrame("fd91f85b851c988f8a9c73830aad55d9594e70c703bfd02e75aabdf2098efbd2e67f46d1d34857c2ea"
                + "b451f2dfe52f6ea302a929e0ccb3f8069ee887bb2bbdef03214a8be31074bdc2cd272e6f37b76b824946");
        assertThat(p.header()).isEqualTo(MppeHeader.encrypted(504, true));
        assertThat(p.header().value()).isEqualTo(0x91F8);
    }

    @Test
    void windowsRrasPacketsCountFromZero() throws DecodeException {
        // pptpcrack-windows-rras-session.pcap frames 1463 (GRE call 40265, seq 16) and 4459 (seq 199): RRAS's
        // first and last MPPE packets
        MppePacket first = decodeFrame("fd9000aa08ca24b704f5036dbc3b8b7943151cf6aed8e8d92763cc9b475b391fb7c143e8157045efb"
                + "75b2740cf4ea4ee4df5479fa20c5f792c");
        MppePacket last = decodeFrame("fd90b72f0c6f4e8407a992ce2a87214e4a0aeb230ed80ab2afb71a18e51d4474e1c1205845577e7a0e"
                + "00278ece");
        assertThat(first.header()).isEqualTo(MppeHeader.encrypted(0, true));
        assertThat(last.header()).isEqualTo(MppeHeader.encrypted(183, true));
    }

    @Test
    void pptpLinuxPacketsAreFlushedEveryTime() throws DecodeException {
        // chapcrack-pptplinux-pptpd-session.pcap frames 72 (pptp-linux, GRE call 30720, seq 12) and 74 (seq 13)
        MppePacket first = decodeFrame("fd90000bf9a4d469ea949d4bec42371f17fe4cbba452404769ef2d3d182e0f28a4009e5a38b1d5c0"
                + "50d3d29c3967f7b97e38024f3eacb5abf456da261d8208a04f");
        MppePacket second = decodeFrame("fd90013ea4c90a083ccd33f8b92d52679e8f7e1d37dd707cb7de3c9f6dfee794f91be92639069ff9"
                + "5f9c2c06adb9237c3940933302c7a421ca01ba7137faf120ea54f88855219c45246a4d9d7fbe964826ee");
        assertThat(first.header()).isEqualTo(MppeHeader.encrypted(0, true));
        assertThat(second.header()).isEqualTo(MppeHeader.encrypted(1, true));
    }

    @Test
    void rejectsUnencryptedPacketInStrictMode() {
        byte[] information = Hex.parse("8005c0ffee");
        assertThatThrownBy(() -> MppeCodec.decode(information, DecodeMode.STRICT))
                .isInstanceOf(DecodeException.class)
                .hasMessage("MPPE: Bit D at offset 0: expected 1 (encrypted), found 0 in header 0x8005");
    }

    @Test
    void countsErrorOffsetsFromTheEnclosingFrame() throws DecodeException {
        ByteReader r = ByteReader.of(Hex.parse("fd2001abcd"), Layer.PPP, "PPP");
        assertThat(r.u8("Protocol")).isEqualTo(0xFD);
        assertThatThrownBy(() -> MppeCodec.decode(r, DecodeMode.STRICT))
                .hasMessage("MPPE: Bit D at offset 1: expected 1 (encrypted), found 0 in header 0x2001");
    }

    @Test
    void lenientKeepsUnencryptedPacket() throws DecodeException {
        MppePacket p = MppeCodec.decode(Hex.parse("6fffc0ffee"), DecodeMode.LENIENT);
        assertThat(p).isEqualTo(new MppePacket(new MppeHeader(false, true, true, false, 0xFFF), Bytes.fromHex("c0ffee")));
        assertThat(p.header().describe()).isEqualTo("B,C 4095");
        assertThat(MppeCodec.encode(p)).isEqualTo(Hex.parse("6fffc0ffee"));
    }

    @Test
    void rejectsPacketShorterThanItsHeaderInBothModes() {
        assertThatThrownBy(() -> MppeCodec.decode(Hex.parse("90"), DecodeMode.LENIENT))
                .hasMessage("MPPE: MPPE Header at offset 0: expected 2 bytes, found 1 byte left");
    }

    @Test
    void headerRefusesCoherencyCountBeyondTwelveBits() {
        assertThatThrownBy(() -> MppeHeader.encrypted(4096, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Coherency Count 4096 is not 12 bits");
        assertThat(new MppeHeader(false, false, false, false, 0).describe()).isEqualTo("- 0");
    }
}
