package io.pptp4j.ppp.ipcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import java.net.Inet4Address;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class IpcpOptionProperties {

    @Property
    void configurePacketsRoundTrip(@ForAll("options") List<IpcpOption> options,
                                   @ForAll @IntRange(min = 1, max = 4) int code,
                                   @ForAll @IntRange(max = 255) int identifier) throws DecodeException {
        CpPacket<IpcpOption> packet = switch (code) {
            case 1 -> new CpPacket.ConfigureRequest<>(identifier, options);
            case 2 -> new CpPacket.ConfigureAck<>(identifier, options);
            case 3 -> new CpPacket.ConfigureNak<>(identifier, options);
            default -> new CpPacket.ConfigureReject<>(identifier, options);
        };
        byte[] wire = Ipcp.CODEC.encode(packet);
        int expected = 4 + options.stream().mapToInt(IpcpOptionProperties::expectedLength).sum();
        assertThat(wire).hasSize(expected);
        assertThat(((wire[2] & 0xFF) << 8) | (wire[3] & 0xFF)).isEqualTo(expected);
        assertThat(Ipcp.CODEC.decode(wire, DecodeMode.STRICT)).isEqualTo(packet);
        assertThat(Ipcp.CODEC.decode(wire, DecodeMode.LENIENT)).isEqualTo(packet);
    }

    @Property
    void lenientDecodingTakesAnyOptionBytes(@ForAll @Size(max = 300) byte[] optionBytes) throws DecodeException {
        byte[] wire = new byte[4 + optionBytes.length];
        wire[0] = 1;
        wire[2] = (byte) (wire.length >>> 8);
        wire[3] = (byte) wire.length;
        System.arraycopy(optionBytes, 0, wire, 4, optionBytes.length);
        CpPacket<IpcpOption> lenient = Ipcp.CODEC.decode(wire, DecodeMode.LENIENT);
        try {
            CpPacket<IpcpOption> strict = Ipcp.CODEC.decode(wire, DecodeMode.STRICT);
            assertThat(lenient).isEqualTo(strict);
            assertThat(Ipcp.CODEC.encode(strict)).isEqualTo(wire);
        } catch (DecodeException e) {
            assertThat(((CpPacket.ConfigureRequest<IpcpOption>) lenient).options()).anyMatch(o -> o instanceof IpcpOption.Malformed);
        }
    }

    /** The Length each option must have on the wire, from RFC 1332 and RFC 1877 rather than the codec. */
    static int expectedLength(IpcpOption o) {
        return switch (o) {
            case IpcpOption.IpAddresses x -> 10;
            case IpcpOption.IpCompressionProtocol x -> 4 + x.data().length();
            case IpcpOption.IpAddress x -> 6;
            case IpcpOption.PrimaryDnsServerAddress x -> 6;
            case IpcpOption.PrimaryNbnsServerAddress x -> 6;
            case IpcpOption.SecondaryDnsServerAddress x -> 6;
            case IpcpOption.SecondaryNbnsServerAddress x -> 6;
            case IpcpOption.Unknown x -> 2 + x.data().length();
            case IpcpOption.Malformed x -> 2 + x.data().length();
        };
    }

    @Provide
    Arbitrary<List<IpcpOption>> options() {
        Arbitrary<Inet4Address> address = Arbitraries.bytes().array(byte[].class).ofSize(4).map(Ipcp::ipv4);
        Arbitrary<Bytes> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(30).map(Bytes::of);
        Arbitrary<IpcpOption> option = Arbitraries.oneOf(
                Combinators.combine(address, address).as(IpcpOption.IpAddresses::new),
                Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.of(true, false))
                        .as(IpcpOption.IpCompressionProtocol::vanJacobson),
                Combinators.combine(Arbitraries.integers().between(0, 0xFFFF).filter(p -> p != 0x002D), data)
                        .as(IpcpOption.IpCompressionProtocol::new),
                address.map(IpcpOption.IpAddress::new),
                address.map(IpcpOption.PrimaryDnsServerAddress::new),
                address.map(IpcpOption.PrimaryNbnsServerAddress::new),
                address.map(IpcpOption.SecondaryDnsServerAddress::new),
                address.map(IpcpOption.SecondaryNbnsServerAddress::new),
                Combinators.combine(Arbitraries.integers().between(0, 255).filter(t -> IpcpOptionType.of(t).isEmpty()), data)
                        .as(IpcpOption.Unknown::new));
        return option.list().ofMaxSize(20);
    }
}
