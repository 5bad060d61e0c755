package io.pptp4j.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.control.ControlMessage.CallClearRequest;
import io.pptp4j.control.ControlMessage.CallDisconnectNotify;
import io.pptp4j.control.ControlMessage.EchoReply;
import io.pptp4j.control.ControlMessage.EchoRequest;
import io.pptp4j.control.ControlMessage.IncomingCallConnected;
import io.pptp4j.control.ControlMessage.IncomingCallReply;
import io.pptp4j.control.ControlMessage.IncomingCallRequest;
import io.pptp4j.control.ControlMessage.OutgoingCallReply;
import io.pptp4j.control.ControlMessage.OutgoingCallRequest;
import io.pptp4j.control.ControlMessage.SetLinkInfo;
import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.control.ControlMessage.StartControlConnectionRequest;
import io.pptp4j.control.ControlMessage.StopControlConnectionReply;
import io.pptp4j.control.ControlMessage.StopControlConnectionRequest;
import io.pptp4j.control.ControlMessage.Unknown;
import io.pptp4j.control.ControlMessage.WanErrorNotify;
import io.pptp4j.control.FramerResult.Complete;
import io.pptp4j.control.FramerResult.Malformed;
import io.pptp4j.control.FramerResult.NeedMore;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Arbitrary valid messages of every type (jqwik prints the seed of a failing try). */
class ControlMessageCodecProperties {

    @Property
    void everyMessageRoundTripsAtItsLength(@ForAll("messages") ControlMessage m) throws DecodeException {
        byte[] wire = ControlMessageCodec.encode(m);
        assertThat(wire).hasSize(m.length());
        assertThat(((wire[0] & 0xFF) << 8) | (wire[1] & 0xFF)).isEqualTo(wire.length);
        assertThat(wire.length).isEqualTo(m.knownType().orElseThrow().length());
        assertThat(ControlMessageCodec.decode(wire, DecodeMode.STRICT)).isEqualTo(m);
        assertThat(ControlMessageCodec.decode(wire, DecodeMode.LENIENT)).isEqualTo(m);
    }

    @Property
    void unknownTypesRoundTripLeniently(@ForAll("unknowns") Unknown u) throws DecodeException {
        byte[] wire = ControlMessageCodec.encode(u);
        assertThat(wire).hasSize(12 + u.body().length());
        assertThat(ControlMessageCodec.decode(wire, DecodeMode.LENIENT)).isEqualTo(u);
    }

    @Property
    void framerReassemblesMessagesCutAnywhere(@ForAll @Size(min = 1, max = 8) List<@net.jqwik.api.From("messages") ControlMessage> sent,
                                              @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 300) Integer> cuts)
            throws DecodeException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sent.forEach(m -> out.writeBytes(ControlMessageCodec.encode(m)));
        byte[] stream = out.toByteArray();
        ControlStreamFramer f = new ControlStreamFramer(DecodeMode.STRICT);
        List<ControlMessage> received = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < stream.length; i++) {
            int n = Math.min(cuts.get(i % cuts.size()), stream.length - at);
            f.offer(stream, at, n);
            at += n;
            for (FramerResult r = f.next(); r instanceof Complete c; r = f.next()) {
                received.add(c.message());
            }
        }
        assertThat(received).isEqualTo(sent);
        assertThat(f.buffered()).isZero();
    }

    @Property
    void lenientDecoderOnlyEverThrowsDecodeException(@ForAll("headedGarbage") byte[] wire) {
        try {
            ControlMessageCodec.decode(wire, DecodeMode.LENIENT);
        } catch (DecodeException expected) {
            // fine: a decoding error, with its text
            assertThat(expected.getMessage()).contains(" at offset ");
        }
    }

    @Property
    void lenientFramerAccountsForEveryOctet(@ForAll("headedGarbage") byte[] a, @ForAll("headedGarbage") byte[] b)
            throws DecodeException {
        ControlStreamFramer f = new ControlStreamFramer(DecodeMode.LENIENT);
        long reported = 0;
        for (byte[] chunk : List.of(a, b)) {
            f.offer(chunk);
            for (FramerResult r = f.next(); !(r instanceof NeedMore); r = f.next()) {
                reported += switch (r) {
                    case Complete c -> c.length();
                    case Malformed m -> m.bytes().length();
                    case NeedMore n -> 0;
                };
            }
        }
        assertThat(reported).isEqualTo(f.consumed());
        assertThat(f.consumed() + f.buffered()).isEqualTo(a.length + b.length);
        assertThat(f.buffered()).isLessThan(ControlMessageCodec.HEADER_LENGTH + 0x10000);
    }

    /** Octets that start like a message (right cookie, a type around 1..15, some Length) and then go astray. */
    @Provide
    Arbitrary<byte[]> headedGarbage() {
        Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(260);
        return Combinators.combine(Arbitraries.integers().between(0, 300), Arbitraries.integers().between(0, 17),
                Arbitraries.integers().between(0, 2), body).as((length, type, messageType, rest) -> {
                    byte[] b = new byte[12 + rest.length];
                    b[0] = (byte) (length >>> 8);
                    b[1] = (byte) (int) length;
                    b[3] = (byte) (int) messageType;
                    Bytes.fromHex("1a2b3c4d").copyTo(b, 4);
                    b[9] = (byte) (int) type;
                    System.arraycopy(rest, 0, b, 12, rest.length);
                    return b;
                });
    }

    @Provide
    Arbitrary<Unknown> unknowns() {
        return Combinators.combine(Arbitraries.integers().between(16, 0xFFFF),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
                .as((type, body) -> new Unknown(type, Bytes.of(body)));
    }

    @Provide
    Arbitrary<ControlMessage> messages() {
        return Arbitraries.oneOf(List.of(
                Combinators.combine(nums(5), text(64), text(64)).as((v, h, s) ->
                        new StartControlConnectionRequest(u16(v, 0), v.get(1), v.get(2), u16(v, 3), u16(v, 4), h, s)),
                Combinators.combine(nums(7), text(64), text(64)).as((v, h, s) ->
                        new StartControlConnectionReply(u16(v, 0), u8(v, 1), u8(v, 2), v.get(3), v.get(4), u16(v, 5),
                                u16(v, 6), h, s)),
                nums(1).map(v -> new StopControlConnectionRequest(u8(v, 0))),
                nums(2).map(v -> new StopControlConnectionReply(u8(v, 0), u8(v, 1))),
                nums(1).map(v -> new EchoRequest(v.get(0))),
                nums(3).map(v -> new EchoReply(v.get(0), u8(v, 1), u8(v, 2))),
                Combinators.combine(nums(9), text(64), text(64)).as((v, p, s) ->
                        new OutgoingCallRequest(u16(v, 0), u16(v, 1), v.get(2), v.get(3), v.get(4), v.get(5), u16(v, 6),
                                u16(v, 7), u16(v, 8), p, s)),
                nums(9).map(v -> new OutgoingCallReply(u16(v, 0), u16(v, 1), u8(v, 2), u8(v, 3), u16(v, 4), v.get(5),
                        u16(v, 6), u16(v, 7), v.get(8))),
                Combinators.combine(nums(6), text(64), text(64), text(64)).as((v, dialed, dialing, s) ->
                        new IncomingCallRequest(u16(v, 0), u16(v, 1), v.get(2), v.get(3), u16(v, 4), u16(v, 5),
                                dialed, dialing, s)),
                nums(6).map(v -> new IncomingCallReply(u16(v, 0), u16(v, 1), u8(v, 2), u8(v, 3), u16(v, 4), u16(v, 5))),
                nums(5).map(v -> new IncomingCallConnected(u16(v, 0), v.get(1), u16(v, 2), u16(v, 3), v.get(4))),
                nums(1).map(v -> new CallClearRequest(u16(v, 0))),
                Combinators.combine(nums(4), text(128)).as((v, stats) ->
                        new CallDisconnectNotify(u16(v, 0), u8(v, 1), u8(v, 2), u16(v, 3), stats)),
                nums(7).map(v -> new WanErrorNotify(u16(v, 0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6))),
                nums(3).map(v -> new SetLinkInfo(u16(v, 0), v.get(1), v.get(2)))));
    }

    private static Arbitrary<List<Long>> nums(int n) {
        return Arbitraries.longs().between(0, 0xFFFFFFFFL).list().ofSize(n);
    }

    /** ISO-8859-1 text without NUL that fits a field of {@code size} octets. */
    private static Arbitrary<String> text(int size) {
        return Arbitraries.strings().withCharRange((char) 1, (char) 0xFF).ofMaxLength(size);
    }

    private static int u8(List<Long> v, int i) { return (int) (v.get(i) & 0xFF); }

    private static int u16(List<Long> v, int i) { return (int) (v.get(i) & 0xFFFF); }
}
