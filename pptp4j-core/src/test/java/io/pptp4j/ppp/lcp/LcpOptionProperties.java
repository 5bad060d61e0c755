package io.pptp4j.ppp.lcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class LcpOptionProperties {

    @Property
    void configurePacketsRoundTrip(@ForAll("options") @Size(max = 20) List<LcpOption> options,
                                   @ForAll @IntRange(min = 1, max = 4) int code,
                                   @ForAll @IntRange(max = 255) int identifier) throws DecodeException {
        CpPacket<LcpOption> packet = switch (code) {
            case 1 -> new CpPacket.ConfigureRequest<>(identifier, options);
            case 2 -> new CpPacket.ConfigureAck<>(identifier, options);
            case 3 -> new CpPacket.ConfigureNak<>(identifier, options);
            default -> new CpPacket.ConfigureReject<>(identifier, options);
        };
        byte[] wire = Lcp.CODEC.encode(packet);
        int expected = 4 + options.stream().mapToInt(LcpOptionProperties::expectedLength).sum();
        assertThat(wire).hasSize(expected);
        assertThat(((wire[2] & 0xFF) << 8) | (wire[3] & 0xFF)).isEqualTo(expected);
        assertThat(Lcp.CODEC.decode(wire, DecodeMode.STRICT)).isEqualTo(packet);
        assertThat(Lcp.CODEC.decode(wire, DecodeMode.LENIENT)).isEqualTo(packet);
    }

    @Property
    void lenientDecodingTakesAnyOptionBytes(@ForAll @Size(max = 300) byte[] optionBytes) throws DecodeException {
        byte[] wire = new byte[4 + optionBytes.length];
        wire[0] = 1;
        wire[2] = (byte) (wire.length >>> 8);
        wire[3] = (byte) wire.length;
        System.arraycopy(optionBytes, 0, wire, 4, optionBytes.length);
        CpPacket<LcpOption> lenient = Lcp.CODEC.decode(wire, DecodeMode.LENIENT);
        CpPacket<LcpOption> strict;
        try {
            strict = Lcp.CODEC.decode(wire, DecodeMode.STRICT);
        } catch (DecodeException e) {
            assertThat(((CpPacket.ConfigureRequest<LcpOption>) lenient).options()).anyMatch(o -> o instanceof LcpOption.Malformed);
            return;
        }
        assertThat(lenient).isEqualTo(strict);
        assertThat(Lcp.CODEC.encode(strict)).isEqualTo(wire);
    }

    /** The Length each option must have on the wire, worked out from the RFC layouts rather than the codec. */
    static int expectedLength(LcpOption o) {
        return switch (o) {
            case LcpOption.MaximumReceiveUnit x -> 4;
            case LcpOption.AsyncControlCharacterMap x -> 6;
            case LcpOption.AuthenticationProtocol x -> 4 + x.data().length();
            case LcpOption.QualityProtocol x -> 4 + x.data().length();
            case LcpOption.MagicNumber x -> 6;
            case LcpOption.ProtocolFieldCompression x -> 2;
            case LcpOption.AddressAndControlFieldCompression x -> 2;
            case LcpOption.Callback x -> 3 + x.message().length();
            case LcpOption.MaximumReceiveReconstructedUnit x -> 4;
            case LcpOption.ShortSequenceNumberHeaderFormat x -> 2;
            case LcpOption.EndpointDiscriminator x -> 3 + x.address().length();
            case LcpOption.LinkDiscriminator x -> 4;
            case LcpOption.Unknown x -> 2 + x.data().length();
            case LcpOption.Malformed x -> 2 + x.data().length();
        };
    }

    private static Arbitrary<Bytes> data(int maxLength) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength).map(Bytes::of);
    }

    private static Arbitrary<Integer> u16() { return Arbitraries.integers().between(0, 0xFFFF); }

    private static Arbitrary<Integer> u8() { return Arbitraries.integers().between(0, 0xFF); }

    private static Arbitrary<Long> u32() { return Arbitraries.longs().between(0, 0xFFFFFFFFL); }

    @Provide
    Arbitrary<List<LcpOption>> options() {
        Arbitrary<LcpOption> authentication = Arbitraries.oneOf(
                Arbitraries.just(LcpOption.AuthenticationProtocol.pap()),
                Arbitraries.just(LcpOption.AuthenticationProtocol.eap()),
                u8().map(LcpOption.AuthenticationProtocol::chap),
                Combinators.combine(u16().filter(p -> p != 0xC023 && p != 0xC223 && p != 0xC227), data(20))
                        .as(LcpOption.AuthenticationProtocol::new));
        Arbitrary<LcpOption> quality = Arbitraries.oneOf(
                u32().map(LcpOption.QualityProtocol::linkQualityReport),
                Combinators.combine(u16().filter(p -> p != 0xC025), data(20)).as(LcpOption.QualityProtocol::new));
        Arbitrary<LcpOption> option = Arbitraries.oneOf(
                u16().map(LcpOption.MaximumReceiveUnit::new),
                u32().map(LcpOption.AsyncControlCharacterMap::new),
                authentication,
                quality,
                u32().map(LcpOption.MagicNumber::new),
                Arbitraries.just(new LcpOption.ProtocolFieldCompression()),
                Arbitraries.just(new LcpOption.AddressAndControlFieldCompression()),
                Combinators.combine(u8(), data(30)).as(LcpOption.Callback::new),
                u16().map(LcpOption.MaximumReceiveReconstructedUnit::new),
                Arbitraries.just(new LcpOption.ShortSequenceNumberHeaderFormat()),
                Combinators.combine(u8(), data(20)).as(LcpOption.EndpointDiscriminator::new),
                u16().map(LcpOption.LinkDiscriminator::new),
                Combinators.combine(u8().filter(t -> LcpOptionType.of(t).filter(LcpOptionType::hasRecord).isEmpty()), data(40))
                        .as(LcpOption.Unknown::new));
        return option.list().ofMaxSize(20);
    }
}
