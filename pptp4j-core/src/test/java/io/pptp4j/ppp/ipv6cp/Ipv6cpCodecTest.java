package io.pptp4j.ppp.ipv6cp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class Ipv6cpCodecTest {

    // pptpcrack-windows-rras-session.pcap frame 296 (GRE call 29546, seq 9), Windows client to RRAS
    // (which answers with an LCP Protocol-Reject, frame 301)
    private static final String WINDOWS_CLIENT_CONFIGURE_REQUEST = "80570104000e010afcd3335cf10e5c31";

    @Test
    void windowsClientConfigureRequest() throws DecodeException {
        PppFrame frame = PppFrameCodec.decode(Hex.parse(WINDOWS_CLIENT_CONFIGURE_REQUEST));
        assertThat(frame.protocol()).isEqualTo(PppProtocol.IPV6CP.value());
        CpPacket<Ipv6cpOption> p = Ipv6cp.CODEC.decode(frame.information().toArray(), DecodeMode.STRICT);
        assertThat(p).isEqualTo(new CpPacket.ConfigureRequest<>(4, List.of(
                new Ipv6cpOption.InterfaceIdentifier(0xFCD3335CF10E5C31L))));
        var id = (Ipv6cpOption.InterfaceIdentifier) ((CpPacket.ConfigureRequest<Ipv6cpOption>) p).options().getFirst();
        assertThat(id.name()).isEqualTo("Interface-Identifier");
        assertThat(id.octets()).isEqualTo(Bytes.fromHex("fcd3335cf10e5c31"));
        assertThat(id.display()).isEqualTo("fcd3:335c:f10e:5c31");
        assertThat(id.universal()).isFalse();
        byte[] again = PppFrameCodec.encode(new PppFrame(false, false, PppProtocol.IPV6CP.value(), Bytes.of(Ipv6cp.CODEC.encode(p))));
        assertThat(Hex.of(again)).isEqualTo(WINDOWS_CLIENT_CONFIGURE_REQUEST);
    }

    @Test
    void everyOptionAndCodeRoundTrips() throws DecodeException {
        List<Ipv6cpOption> options = List.of(
                new Ipv6cpOption.InterfaceIdentifier(0),
                new Ipv6cpOption.InterfaceIdentifier(-1),
                Ipv6cpOption.InterfaceIdentifier.of(Bytes.fromHex("0200000000000001")),
                new Ipv6cpOption.Ipv6CompressionProtocol(0x004F, Bytes.fromHex("000f")),
                new Ipv6cpOption.Unknown(3, Bytes.fromHex("aa")));
        int length = 4 + 10 + 10 + 10 + 6 + 3;
        for (CpPacket<Ipv6cpOption> p : List.<CpPacket<Ipv6cpOption>>of(
                new CpPacket.ConfigureRequest<>(1, options), new CpPacket.ConfigureAck<>(1, options),
                new CpPacket.ConfigureNak<>(2, options), new CpPacket.ConfigureReject<>(3, options))) {
            byte[] wire = Ipv6cp.CODEC.encode(p);
            assertThat(wire).hasSize(length);
            assertThat(wire[3] & 0xFF).isEqualTo(length);
            assertThat(Ipv6cp.CODEC.decode(wire, DecodeMode.STRICT)).isEqualTo(p);
        }
        for (CpPacket<Ipv6cpOption> p : List.<CpPacket<Ipv6cpOption>>of(new CpPacket.TerminateRequest<>(4, Bytes.EMPTY),
                new CpPacket.TerminateAck<>(4, Bytes.fromHex("01")), new CpPacket.CodeReject<>(5, Bytes.fromHex("0c010004")))) {
            assertThat(Ipv6cp.CODEC.decode(Ipv6cp.CODEC.encode(p), DecodeMode.STRICT)).isEqualTo(p);
        }
        assertThat(((Ipv6cpOption.InterfaceIdentifier) options.get(2)).universal()).isTrue();
        assertThat(options.get(3).name()).isEqualTo("IPv6-Compression-Protocol");
    }

    @Test
    void rejectsShortInterfaceIdentifierInStrictMode() {
        assertThatThrownBy(() -> Ipv6cp.CODEC.decode(Hex.parse("0101000a0106fcd3335c"), DecodeMode.STRICT))
                .isInstanceOf(DecodeException.class)
                .hasMessage("IPV6CP Configure-Request: Interface-Identifier at offset 6: expected Length 10, found 6");
        assertThatThrownBy(() -> Ipv6cp.CODEC.decode(Hex.parse("03010007020300"), DecodeMode.STRICT))
                .hasMessage("IPV6CP Configure-Nak: IPv6-Compression-Protocol at offset 6: expected Length 4 or more, found 3");
    }

    @Test
    void lenientKeepsMalformedInterfaceIdentifierAndGoesOn() throws DecodeException {
        byte[] wire = Hex.parse("01010014" + "0106fcd3335c" + "010a0000000000000001");
        CpPacket<Ipv6cpOption> p = Ipv6cp.CODEC.decode(wire, DecodeMode.LENIENT);
        assertThat(((CpPacket.ConfigureRequest<Ipv6cpOption>) p).options()).containsExactly(
                new Ipv6cpOption.Malformed(1, Bytes.fromHex("fcd3335c"),
                        "IPV6CP Configure-Request: Interface-Identifier at offset 6: expected Length 10, found 6"),
                new Ipv6cpOption.InterfaceIdentifier(1));
        assertThat(Ipv6cp.CODEC.encode(p)).isEqualTo(wire);
    }

    @Test
    void keepsUnknownOptionInStrictModeAndRefusesKnownTypeAsUnknown() throws DecodeException {
        CpPacket<Ipv6cpOption> p = Ipv6cp.CODEC.decode(Hex.parse("0101000809020002"), DecodeMode.STRICT);
        assertThat(((CpPacket.ConfigureRequest<Ipv6cpOption>) p).options()).containsExactly(
                new Ipv6cpOption.Unknown(9, Bytes.EMPTY), new Ipv6cpOption.Unknown(0, Bytes.EMPTY));
        assertThatThrownBy(() -> new Ipv6cpOption.Unknown(1, Bytes.of(new byte[8])))
                .hasMessage("IPV6CP option 1 (Interface-Identifier) has its own record");
    }
}
