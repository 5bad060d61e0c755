package io.pptp4j.ppp.ipv6cp;

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

class Ipv6cpOptionProperties {

    @Property
    void configureRequestsRoundTrip(@ForAll("options") List<Ipv6cpOption> options,
                                    @ForAll @IntRange(max = 255) int identifier) throws DecodeException {
        CpPacket<Ipv6cpOption> packet = new CpPacket.ConfigureRequest<>(identifier, options);
        byte[] wire = Ipv6cp.CODEC.encode(packet);
        int expected = 4 + options.stream().mapToInt(o -> switch (o) {
            case Ipv6cpOption.InterfaceIdentifier x -> 10;
            case Ipv6cpOption.Ipv6CompressionProtocol x -> 4 + x.data().length();
            case Ipv6cpOption.Unknown x -> 2 + x.data().length();
            case Ipv6cpOption.Malformed x -> 2 + x.data().length();
        }).sum();
        assertThat(wire).hasSize(expected);
        assertThat(((wire[2] & 0xFF) << 8) | (wire[3] & 0xFF)).isEqualTo(expected);
        assertThat(Ipv6cp.CODEC.decode(wire, DecodeMode.STRICT)).isEqualTo(packet);
    }

    @Provide
    Arbitrary<List<Ipv6cpOption>> options() {
        Arbitrary<Bytes> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(30).map(Bytes::of);
        Arbitrary<Ipv6cpOption> option = Arbitraries.oneOf(
                Arbitraries.longs().map(Ipv6cpOption.InterfaceIdentifier::new),
                Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), data).as(Ipv6cpOption.Ipv6CompressionProtocol::new),
                Combinators.combine(Arbitraries.integers().between(3, 255), data).as(Ipv6cpOption.Unknown::new),
                Arbitraries.just(new Ipv6cpOption.Unknown(0, Bytes.EMPTY)));
        return option.list().ofMaxSize(20);
    }
}
