package io.pptp4j.ppp.cp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import io.pptp4j.wire.Layer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The RFC 1661 section 5 packet layer, with a raw option type standing in for a protocol's options. */
class CpCodecTest {

    record RawOption(int type, Bytes data) {}

    static final OptionCodec<RawOption> RAW = new OptionCodec<>() {
        public RawOption decode(int type, ByteReader data, DecodeMode mode) { return new RawOption(type, data.remainingByteString()); }
        public RawOption unknown(int type, Bytes data) { return new RawOption(type, data); }
        public RawOption malformed(int type, Bytes data, String reason) { return new RawOption(-type, data); }
        public int type(RawOption o) { return o.type(); }
        public void encodeData(RawOption o, ByteWriter w) { w.bytes(o.data()); }
    };

    static final CpCodec<RawOption> LCP_LIKE = new CpCodec<>(Layer.LCP, PppProtocol.LCP, CpCodec.lcpCodes(), RAW);
    static final CpCodec<RawOption> NCP_LIKE = new CpCodec<>(Layer.IPCP, PppProtocol.IPCP, CpCodec.ncpCodes(), RAW);

    @Test
    void decodesConfigureRequestOptionsInOrder() throws DecodeException {
        // Configure-Request id 1: MRU 1400, Magic-Number 0x01020304
        CpPacket<RawOption> p = LCP_LIKE.decode(Hex.parse("01 01 000e 0104 0578 0506 01020304"), DecodeMode.STRICT);
        assertThat(p).isEqualTo(new CpPacket.ConfigureRequest<>(1, List.of(
                new RawOption(1, Bytes.fromHex("0578")), new RawOption(5, Bytes.fromHex("01020304")))));
        assertThat(p.name()).isEqualTo("Configure-Request");
    }

    @Test
    void ignoresPaddingBeyondLength() throws DecodeException {
        CpPacket<RawOption> p = LCP_LIKE.decode(Hex.parse("06 07 0004 000000"), DecodeMode.STRICT);
        assertThat(p).isEqualTo(new CpPacket.TerminateAck<>(7, Bytes.EMPTY));
    }

    @Test
    void refusesLengthBeyondTheFrameWithExactText() {
        assertThatThrownBy(() -> LCP_LIKE.decode(Hex.parse("01 01 0010 0104 0578"), DecodeMode.STRICT))
                .isInstanceOf(DecodeException.class)
                .hasMessage("LCP: Length at offset 2: expected 4 to 8, found 16");
    }

    @Test
    void refusesOptionLengthBelowTwoInStrictMode() {
        assertThatThrownBy(() -> LCP_LIKE.decode(Hex.parse("01 01 0008 0101 0000"), DecodeMode.STRICT))
                .hasMessage("LCP Configure-Request: Option Length at offset 5: expected 2 to 4, found 1");
    }

    @Test
    void keepsMalformedOptionInLenientMode() throws DecodeException {
        CpPacket<RawOption> p = LCP_LIKE.decode(Hex.parse("01 01 000b 0104 0578 05 09 01"), DecodeMode.LENIENT);
        assertThat(((CpPacket.ConfigureRequest<RawOption>) p).options())
                .containsExactly(new RawOption(1, Bytes.fromHex("0578")), new RawOption(-5, Bytes.fromHex("01")));
    }

    @Test
    void unknownCodeIsACodeRejectCaseInStrictModeAndKeptInLenient() throws DecodeException {
        byte[] wire = Hex.parse("09 02 0008 00000000"); // Echo-Request is not an IPCP code
        assertThatThrownBy(() -> NCP_LIKE.decode(wire, DecodeMode.STRICT))
                .isInstanceOfSatisfying(DecodeException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("IPCP: Code at offset 0: expected one of 1, 2, 3, 4, 5, 6, 7, found 9");
                    assertThat(e.replyCode()).isEqualTo(CpCodec.UNKNOWN_CODE_REPLY);
                });
        assertThat(NCP_LIKE.decode(wire, DecodeMode.LENIENT))
                .isEqualTo(new CpPacket.UnknownCode<>(9, 2, Bytes.fromHex("00000000")));
    }

    @Test
    void decodesEveryLcpMaintenanceCode() throws DecodeException {
        assertThat(LCP_LIKE.decode(Hex.parse("08 03 000a 8057 01020304"), DecodeMode.STRICT))
                .isEqualTo(new CpPacket.ProtocolReject<>(3, 0x8057, Bytes.fromHex("01020304")));
        assertThat(LCP_LIKE.decode(Hex.parse("0a 04 000a 11223344 abcd"), DecodeMode.STRICT))
                .isEqualTo(new CpPacket.EchoReply<>(4, 0x11223344L, Bytes.fromHex("abcd")));
        assertThat(LCP_LIKE.decode(Hex.parse("0d 05 000e 11223344 ffffffff 6869"), DecodeMode.STRICT))
                .isEqualTo(new CpPacket.TimeRemaining<>(5, 0x11223344L, 0xFFFFFFFFL, Bytes.fromHex("6869")));
    }

    @Property(tries = 300)
    void everyPacketRoundTrips(@ForAll("packets") CpPacket<RawOption> packet) throws DecodeException {
        CpCodec<RawOption> codec = new CpCodec<>(Layer.CCP, PppProtocol.CCP, java.util.EnumSet.allOf(CpCode.class), RAW);
        byte[] wire = codec.encode(packet);
        assertThat(((wire[2] & 0xFF) << 8) | (wire[3] & 0xFF)).isEqualTo(wire.length);
        assertThat(codec.decode(wire, DecodeMode.STRICT)).isEqualTo(packet);
    }

    @Provide
    Arbitrary<CpPacket<RawOption>> packets() {
        Arbitrary<Integer> id = Arbitraries.integers().between(0, 255);
        Arbitrary<Bytes> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(Bytes::of);
        Arbitrary<Long> magic = Arbitraries.longs().between(0, 0xFFFFFFFFL);
        Arbitrary<RawOption> option = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 255),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(Bytes::of)).as(RawOption::new);
        Arbitrary<List<RawOption>> options = option.list().ofMaxSize(6);
        return Arbitraries.oneOf(
                net.jqwik.api.Combinators.combine(id, options).as(CpPacket.ConfigureRequest::new),
                net.jqwik.api.Combinators.combine(id, options).as(CpPacket.ConfigureNak::new),
                net.jqwik.api.Combinators.combine(id, options).as(CpPacket.ConfigureReject::new),
                net.jqwik.api.Combinators.combine(id, data).as(CpPacket.TerminateRequest::new),
                net.jqwik.api.Combinators.combine(id, data).as(CpPacket.CodeReject::new),
                net.jqwik.api.Combinators.combine(id, Arbitraries.integers().between(0, 0xFFFF), data).as(CpPacket.ProtocolReject::new),
                net.jqwik.api.Combinators.combine(id, magic, data).as(CpPacket.EchoRequest::new),
                net.jqwik.api.Combinators.combine(id, magic, data).as(CpPacket.Identification::new),
                net.jqwik.api.Combinators.combine(id, magic, magic, data).as(CpPacket.TimeRemaining::new),
                net.jqwik.api.Combinators.combine(id, data).as(CpPacket.ResetAck::new));
    }
}
