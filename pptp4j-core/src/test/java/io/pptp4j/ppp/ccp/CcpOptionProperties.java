package io.pptp4j.ppp.ccp;

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
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class CcpOptionProperties {

    @Property
    void configurePacketsRoundTrip(@ForAll("options") List<CcpOption> options,
                                   @ForAll @IntRange(min = 1, max = 4) int code,
                                   @ForAll @IntRange(max = 255) int identifier) throws DecodeException {
        CpPacket<CcpOption> packet = switch (code) {
            case 1 -> new CpPacket.ConfigureRequest<>(identifier, options);
            case 2 -> new CpPacket.ConfigureAck<>(identifier, options);
            case 3 -> new CpPacket.ConfigureNak<>(identifier, options);
            default -> new CpPacket.ConfigureReject<>(identifier, options);
        };
        byte[] wire = Ccp.CODEC.encode(packet);
        int expected = 4 + options.stream().mapToInt(o -> switch (o) {
            case CcpOption.MicrosoftPpc x -> 6;
            case CcpOption.Unknown x -> 2 + x.data().length();
            case CcpOption.Malformed x -> 2 + x.data().length();
        }).sum();
        assertThat(wire).hasSize(expected);
        assertThat(((wire[2] & 0xFF) << 8) | (wire[3] & 0xFF)).isEqualTo(expected);
        assertThat(Ccp.CODEC.decode(wire, DecodeMode.STRICT)).isEqualTo(packet);
        assertThat(Ccp.CODEC.decode(wire, DecodeMode.LENIENT)).isEqualTo(packet);
    }

    @Property
    void lettersRoundTripForDefinedBits(@ForAll @Size(max = 6) java.util.Set<SupportedBit> bits) {
        CcpOption.MicrosoftPpc mppe = CcpOption.MicrosoftPpc.of(bits);
        assertThat(mppe.bits()).isEqualTo(bits);
        assertThat(CcpOption.MicrosoftPpc.fromLetters(mppe.bitLetters())).isEqualTo(mppe);
    }

    @Property
    void definedAndReservedBitsMakeUpTheWhole(@ForAll @LongRange(max = 0xFFFFFFFFL) long supportedBits) {
        CcpOption.MicrosoftPpc mppe = new CcpOption.MicrosoftPpc(supportedBits);
        assertThat(CcpOption.MicrosoftPpc.of(mppe.bits()).supportedBits() | mppe.reservedBits()).isEqualTo(supportedBits);
    }

    @Provide
    Arbitrary<List<CcpOption>> options() {
        Arbitrary<CcpOption> option = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 0xFFFFFFFFL).map(CcpOption.MicrosoftPpc::new),
                Combinators.combine(Arbitraries.integers().between(0, 255).filter(t -> t != 18),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(30).map(Bytes::of)).as(CcpOption.Unknown::new));
        return option.list().ofMaxSize(20);
    }
}
