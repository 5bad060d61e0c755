package io.pptp4j.linux.gre;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.gre.GreCodec;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.linux.gre.GreDemultiplexer.Route;
import io.pptp4j.wire.Bytes;
import java.net.Inet4Address;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The receive loop relies on {@link GreDemultiplexer#route} never throwing, whatever arrives. */
class GreDemultiplexerProperties {
    private static final Inet4Address PEER = GreDemultiplexerTest.PEER_A;

    @Property
    void anyBytesAreRoutedOrDroppedAndTheCountersAddUp(@ForAll("datagrams") List<byte[]> datagrams) {
        GreDemultiplexer<String> demux = new GreDemultiplexer<>();
        demux.register(100, PEER, "call");
        int toCall = 0;
        for (byte[] d : datagrams) {
            Route<String> route = demux.route(d, d.length, PEER);
            if (route instanceof Route.ToCall<String> r) {
                assertThat(r.call()).isEqualTo("call");
                assertThat(r.packet().header().callId()).isEqualTo(100);
                toCall++;
            }
        }
        assertThat(demux.received()).isEqualTo(datagrams.size());
        assertThat(demux.routed()).isEqualTo(toCall);
        assertThat(demux.routed() + demux.malformed() + demux.unknownCall() + demux.wrongPeer())
                .isEqualTo(demux.received());
    }

    @Provide
    Arbitrary<List<byte[]>> datagrams() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        // valid packets with one byte flipped: mostly malformed, some for other Call IDs
        Arbitrary<byte[]> mutated = Arbitraries.integers().between(0, 15).flatMap(pos ->
                Arbitraries.integers().between(1, 255).map(mask -> {
                    byte[] wire = GreCodec.encode(GrePacket.data(100, 9, 8, Bytes.fromHex("c0210501000400")));
                    wire[pos] ^= (byte) (int) mask;
                    return wire;
                }));
        Arbitrary<byte[]> valid = Arbitraries.integers().between(98, 102)
                .map(id -> GreCodec.encode(GrePacket.ackOnly(id, 1)));
        return Arbitraries.oneOf(random, mutated, valid).list().ofMaxSize(50);
    }
}
