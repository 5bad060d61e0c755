package io.pptp4j.ppp.cbcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeMode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Arbitrary CBCP option lists and packets round-trip in strict mode (jqwik prints the seed on failure). */
class CbcpPacketProperties {

    static Arbitrary<Integer> octets() { return Arbitraries.integers().between(0, 255); }

    @Provide
    Arbitrary<CbcpOption> options() {
        Arbitrary<CbcpAddress> address = Combinators.combine(octets(),
                Arbitraries.strings().withCharRange('\u0001', '\u00ff').ofMaxLength(20)).as(CbcpAddress::new);
        Arbitrary<List<CbcpAddress>> addresses = address.list().ofMaxSize(4);
        return Arbitraries.oneOf(
                Arbitraries.just(new CbcpOption.NoCallback()),
                Combinators.combine(octets(), addresses).as(CbcpOption.UserSpecifiedNumber::new),
                Combinators.combine(octets(), addresses).as(CbcpOption.PreSpecifiedNumber::new),
                Combinators.combine(octets(), addresses).as(CbcpOption.AnyOfList::new),
                Combinators.combine(Arbitraries.integers().between(5, 255),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(Bytes::of)).as(CbcpOption.Unknown::new));
    }

    @Provide
    Arbitrary<CbcpPacket> packets() {
        Arbitrary<List<CbcpOption>> options = options().list().ofMinSize(1).ofMaxSize(5);
        return Arbitraries.oneOf(
                Combinators.combine(octets(), options).as(CbcpPacket.CallbackRequest::new),
                Combinators.combine(octets(), options).as(CbcpPacket.CallbackResponse::new),
                Combinators.combine(octets(), options).as(CbcpPacket.CallbackAck::new));
    }

    @Property
    void packetsRoundTripWithLengthFieldEqualToSize(@ForAll("packets") CbcpPacket p) throws Exception {
        byte[] encoded = CbcpCodec.encode(p);
        assertThat(((encoded[2] & 0xFF) << 8) | (encoded[3] & 0xFF)).isEqualTo(encoded.length);
        assertThat(CbcpCodec.decode(encoded, DecodeMode.STRICT)).isEqualTo(p);
    }
}
