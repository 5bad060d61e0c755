package io.pptp4j.ppp.ipcp;

import static io.pptp4j.ppp.ipcp.Ipcp.ipv4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpcpOptionCodecTest {

    static final List<IpcpOption> EVERY_OPTION = List.of(
            new IpcpOption.IpAddresses(ipv4("10.0.0.1"), ipv4("10.0.0.2")),
            IpcpOption.IpCompressionProtocol.vanJacobson(15, false),
            new IpcpOption.IpCompressionProtocol(0x0061, Bytes.fromHex("00ff")),
            new IpcpOption.IpAddress(ipv4("192.168.43.108")),
            new IpcpOption.PrimaryDnsServerAddress(ipv4("8.8.8.8")),
            new IpcpOption.PrimaryNbnsServerAddress(ipv4("10.1.1.1")),
            new IpcpOption.SecondaryDnsServerAddress(ipv4("8.8.4.4")),
            new IpcpOption.SecondaryNbnsServerAddress(ipv4("10.1.1.2")),
            new IpcpOption.Unknown(4, Bytes.fromHex("0102")));

    private static void assertRoundTrip(CpPacket<IpcpOption> packet, int expectedLength) throws DecodeException {
        byte[] wire = Ipcp.CODEC.encode(packet);
        assertThat(wire).hasSize(expectedLength);
        assertThat(((wire[2] & 0xFF) << 8) | (wire[3] & 0xFF)).as("Length field").isEqualTo(expectedLength);
        assertThat(Ipcp.CODEC.decode(wire, DecodeMode.STRICT)).isEqualTo(packet);
    }

    @Test
    void everyOptionAndCodeRoundTrips() throws DecodeException {
        int optionsLength = 10 + 6 + 6 + 6 + 6 + 6 + 6 + 6 + 4;
        assertRoundTrip(new CpPacket.ConfigureRequest<>(1, EVERY_OPTION), 4 + optionsLength);
        assertRoundTrip(new CpPacket.ConfigureAck<>(1, EVERY_OPTION), 4 + optionsLength);
        assertRoundTrip(new CpPacket.ConfigureNak<>(2, EVERY_OPTION), 4 + optionsLength);
        assertRoundTrip(new CpPacket.ConfigureReject<>(3, EVERY_OPTION), 4 + optionsLength);
        assertRoundTrip(new CpPacket.TerminateRequest<>(4, Bytes.fromHex("00")), 5);
        assertRoundTrip(new CpPacket.TerminateAck<>(4, Bytes.EMPTY), 4);
        assertRoundTrip(new CpPacket.CodeReject<>(5, Bytes.fromHex("0905000400")), 9);
    }

    @Test
    void encodesOptionsInRfcLayout() {
        byte[] wire = Ipcp.CODEC.encode(new CpPacket.ConfigureRequest<>(1, List.of(
                new IpcpOption.IpAddresses(ipv4("1.2.3.4"), ipv4("5.6.7.8")),
                IpcpOption.IpCompressionProtocol.vanJacobson(3, false),
                new IpcpOption.SecondaryNbnsServerAddress(ipv4("255.0.0.9")))));
        assertThat(Hex.of(wire)).isEqualTo("0101001a" + "010a0102030405060708" + "0206002d0300" + "8406ff000009");
    }

    @Test
    void rejectsEchoRequestCodeAsNotAnNcpCode() {
        assertThatThrownBy(() -> Ipcp.CODEC.decode(Hex.parse("0901000800000000"), DecodeMode.STRICT))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.replyCode()).isEqualTo(7))
                .hasMessage("IPCP: Code at offset 0: expected one of 1, 2, 3, 4, 5, 6, 7, found 9");
    }

    @Test
    void rejectsShortIpAddressInStrictMode() {
        assertThatThrownBy(() -> Ipcp.CODEC.decode(Hex.parse("010100090305c0a82b"), DecodeMode.STRICT))
                .isInstanceOf(DecodeException.class)
                .hasMessage("IPCP Configure-Request: IP-Address at offset 6: expected Length 6, found 5");
    }

    @Test
    void rejectsLongDnsAddressAfterAnotherOption() {
        assertThatThrownBy(() -> Ipcp.CODEC.decode(Hex.parse("03010011" + "0306c0a82b6f" + "8107c0a82b6e00"), DecodeMode.STRICT))
                .hasMessage("IPCP Configure-Nak: Primary-DNS-Server-Address at offset 12: expected Length 6, found 7");
    }

    @Test
    void rejectsIpAddressesWithOneAddress() {
        assertThatThrownBy(() -> Ipcp.CODEC.decode(Hex.parse("0101000a0106c0a82b6f"), DecodeMode.STRICT))
                .hasMessage("IPCP Configure-Request: IP-Addresses at offset 6: expected Length 10, found 6");
    }

    @Test
    void rejectsVanJacobsonWithoutSlotFields() {
        assertThatThrownBy(() -> Ipcp.CODEC.decode(Hex.parse("040100080204002d"), DecodeMode.STRICT))
                .hasMessage("IPCP Configure-Reject: IP-Compression-Protocol at offset 6: expected Length 6 for Van Jacobson, found 4");
        assertThatThrownBy(() -> Ipcp.CODEC.decode(Hex.parse("010100070203ff"), DecodeMode.STRICT))
                .hasMessage("IPCP Configure-Request: IP-Compression-Protocol at offset 6: expected Length 4 or more, found 3");
    }

    @Test
    void lenientKeepsMalformedOptionAndDecodesTheRest() throws DecodeException {
        byte[] wire = Hex.parse("0101000f" + "0305c0a82b" + "8106c0a82b6e");
        CpPacket<IpcpOption> p = Ipcp.CODEC.decode(wire, DecodeMode.LENIENT);
        assertThat(((CpPacket.ConfigureRequest<IpcpOption>) p).options()).containsExactly(
                new IpcpOption.Malformed(3, Bytes.fromHex("c0a82b"),
                        "IPCP Configure-Request: IP-Address at offset 6: expected Length 6, found 5"),
                new IpcpOption.PrimaryDnsServerAddress(ipv4("192.168.43.110")));
        assertThat(Ipcp.CODEC.encode(p)).isEqualTo(wire);
    }

    @Test
    void keepsUnknownOptionInStrictMode() throws DecodeException {
        CpPacket<IpcpOption> p = Ipcp.CODEC.decode(Hex.parse("01010008" + "04040102"), DecodeMode.STRICT);
        IpcpOption o = ((CpPacket.ConfigureRequest<IpcpOption>) p).options().getFirst();
        assertThat(o).isEqualTo(new IpcpOption.Unknown(4, Bytes.fromHex("0102")));
        assertThat(o.name()).isEqualTo("Option 4");
    }

    @Test
    void unknownRefusesAKnownType() {
        assertThatThrownBy(() -> new IpcpOption.Unknown(129, Bytes.fromHex("00000000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("IPCP option 129 (Primary-DNS-Server-Address) has its own record");
    }

    @Test
    void makesAddressesFromOctetsWithoutLookup() {
        assertThat(ipv4("192.168.43.108").getAddress()).containsExactly(192 - 256, 168 - 256, 43, 108);
        assertThat(ipv4(new byte[] {10, 0, 0, 1})).isEqualTo(ipv4("10.0.0.1"));
        assertThat(Ipcp.UNSPECIFIED.getHostAddress()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> ipv4("host.example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ipv4("1.2.3.256")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ipv4("1.2.3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ipv4(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vanJacobsonAccessorsAreEmptyForOtherProtocols() {
        var other = new IpcpOption.IpCompressionProtocol(0x0061, Bytes.fromHex("0f01"));
        assertThat(other.isVanJacobson()).isFalse();
        assertThat(other.maxSlotId()).isEmpty();
        assertThat(other.compSlotId()).isEmpty();
        assertThat(IpcpOption.IpCompressionProtocol.vanJacobson(3, false).compSlotId()).hasValue(0);
    }
}
