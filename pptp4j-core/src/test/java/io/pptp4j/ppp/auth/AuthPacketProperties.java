package io.pptp4j.ppp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Arbitrary PAP, CHAP and EAP packets: encode, then decode, gives the packet back; the Length field says
 * the encoded size; padding after the packet changes nothing (jqwik prints the seed on failure).
 */
class AuthPacketProperties {

    static Arbitrary<Integer> octets() { return Arbitraries.integers().between(0, 255); }

    static Arbitrary<Bytes> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max).map(Bytes::of);
    }

    @Provide
    Arbitrary<Bytes> padding() { return bytes(0, 4); }

    static int lengthField(byte[] encoded) { return ((encoded[2] & 0xFF) << 8) | (encoded[3] & 0xFF); }

    static byte[] concat(byte[] a, Bytes b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length());
        b.copyTo(out, a.length);
        return out;
    }

    @Provide
    Arbitrary<PapPacket> papPackets() {
        return Arbitraries.oneOf(
                Combinators.combine(octets(), bytes(0, 255), bytes(0, 255)).as(PapPacket.AuthenticateRequest::new),
                Combinators.combine(octets(), bytes(0, 255)).as(PapPacket.AuthenticateAck::new),
                Combinators.combine(octets(), bytes(0, 255)).as(PapPacket.AuthenticateNak::new),
                Combinators.combine(Arbitraries.integers().between(4, 255), octets(), bytes(0, 300)).as(PapPacket.Unknown::new));
    }

    @Provide
    Arbitrary<ChapPacket> chapPackets() {
        return Arbitraries.oneOf(
                Combinators.combine(octets(), bytes(0, 255), bytes(0, 300)).as(ChapPacket.Challenge::new),
                Combinators.combine(octets(), bytes(0, 255), bytes(0, 300)).as(ChapPacket.Response::new),
                Combinators.combine(octets(), bytes(0, 300)).as(ChapPacket.Success::new),
                Combinators.combine(octets(), bytes(0, 300)).as(ChapPacket.Failure::new),
                Combinators.combine(octets(), bytes(516, 516), bytes(16, 16), bytes(16, 16), bytes(8, 8), bytes(24, 24),
                        Arbitraries.integers().between(0, 0xFFFF)).as(ChapPacket.ChangePasswordV2::new),
                Combinators.combine(Arbitraries.of(0, 5, 6, 8, 9, 200, 255), octets(), bytes(0, 300)).as(ChapPacket.Unknown::new));
    }

    @Provide
    Arbitrary<EapPacket> eapPackets() {
        return Arbitraries.oneOf(
                Combinators.combine(octets(), octets(), bytes(0, 300)).as(EapPacket.Request::new),
                Combinators.combine(octets(), octets(), bytes(0, 300)).as(EapPacket.Response::new),
                octets().map(EapPacket.Success::new),
                octets().map(EapPacket.Failure::new),
                Combinators.combine(Arbitraries.integers().between(5, 255), octets(), bytes(0, 300)).as(EapPacket.Unknown::new));
    }

    @Property
    void papPacketsRoundTrip(@ForAll("papPackets") PapPacket p, @ForAll("padding") Bytes padding) throws Exception {
        byte[] encoded = PapCodec.encode(p);
        assertThat(lengthField(encoded)).isEqualTo(encoded.length);
        assertThat(PapCodec.decode(concat(encoded, padding), DecodeMode.LENIENT)).isEqualTo(p);
    }

    @Property
    void chapPacketsRoundTrip(@ForAll("chapPackets") ChapPacket p, @ForAll("padding") Bytes padding) throws Exception {
        byte[] encoded = ChapCodec.encode(p);
        assertThat(lengthField(encoded)).isEqualTo(encoded.length);
        assertThat(ChapCodec.decode(concat(encoded, padding), DecodeMode.LENIENT)).isEqualTo(p);
    }

    @Property
    void eapPacketsRoundTrip(@ForAll("eapPackets") EapPacket p, @ForAll("padding") Bytes padding) throws Exception {
        byte[] encoded = EapCodec.encode(p);
        assertThat(lengthField(encoded)).isEqualTo(encoded.length);
        assertThat(EapCodec.decode(concat(encoded, padding), DecodeMode.LENIENT)).isEqualTo(p);
    }
}
