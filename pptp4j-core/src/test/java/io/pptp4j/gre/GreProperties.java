package io.pptp4j.gre;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Layer;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import java.util.Arrays;

class GreProperties {

    @Provide
    Arbitrary<OptionalLong> serial() {
        Arbitrary<OptionalLong> present = Arbitraries.longs().between(0, 0xFFFFFFFFL)
                .edgeCases(c -> c.includeOnly(0L, 0xFFFFFFFFL)).map(OptionalLong::of);
        return Arbitraries.frequencyOf(
                Tuple.of(3, present), Tuple.of(1, Arbitraries.just(OptionalLong.empty())));
    }

    /** Any header the record allows, with a payload of exactly Payload Length bytes. */
    @Provide
    Arbitrary<GrePacket> anyPacket() {
        Arbitrary<byte[]> payloads = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<GreHeader> partial = Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 15),
                Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 0xFFFF),
                Arbitraries.integers().between(0, 0xFFFF),
                serial(),
                serial())
                .as((s, recur, flags, ver, proto, callId, seq, ack) ->
                        new GreHeader(s, recur, flags, ver, proto, 0, callId, seq, ack));
        return Combinators.combine(partial, payloads).as((h, p) -> new GrePacket(
                new GreHeader(h.strictSourceRoute(), h.recursionControl(), h.flags(), h.version(),
                        h.protocolType(), p.length, h.callId(), h.sequenceNumber(), h.ackNumber()),
                Bytes.of(p)));
    }

    /** Packets a live peer may send: data with or without ack, or ack-only. */
    @Provide
    Arbitrary<GrePacket> conformingPacket() {
        Arbitrary<Integer> callIds = Arbitraries.integers().between(0, 0xFFFF);
        Arbitrary<Long> numbers = Arbitraries.longs().between(0, 0xFFFFFFFFL);
        Arbitrary<Bytes> payloads = Arbitraries.bytes().array(byte[].class).ofMaxSize(1500).map(Bytes::of);
        return Arbitraries.oneOf(
                Combinators.combine(callIds, numbers, payloads).as(GrePacket::data),
                Combinators.combine(callIds, numbers, numbers, payloads).as(GrePacket::data),
                Combinators.combine(callIds, numbers).as(GrePacket::ackOnly));
    }

    @Property
    void lenientDecodeOfEncodeIsIdentity(@ForAll("anyPacket") GrePacket packet) throws DecodeException {
        byte[] wire = GreCodec.encode(packet);
        assertThat(wire).hasSize(packet.encodedLength());
        assertThat(wire.length).isEqualTo(packet.header().headerLength() + packet.header().payloadLength());
        ByteReader r = ByteReader.of(wire, Layer.GRE, "GRE");
        assertThat(GreCodec.decode(r, DecodeMode.LENIENT)).isEqualTo(packet);
        assertThat(r.remaining()).isZero();
        if (packet.header().conforming()) {
            assertThat(GreCodec.decode(wire, DecodeMode.STRICT)).isEqualTo(packet);
        }
    }

    @Property
    void strictDecodeOfEncodeIsIdentityForConformingPackets(@ForAll("conformingPacket") GrePacket packet)
            throws DecodeException {
        assertThat(packet.header().conforming()).isTrue();
        byte[] wire = GreCodec.encode(packet);
        assertThat(GreCodec.decode(wire, DecodeMode.STRICT)).isEqualTo(packet);
        byte[] header = new byte[GreHeader.MAX_HEADER_LENGTH];
        int n = GreCodec.encodeHeader(packet.header(), header, 0);
        assertThat(Arrays.copyOf(header, n)).isEqualTo(Arrays.copyOf(wire, n));
    }
}
