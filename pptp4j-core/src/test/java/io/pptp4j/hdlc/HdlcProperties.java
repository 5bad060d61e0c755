package io.pptp4j.hdlc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.wire.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class HdlcProperties {

    /** Frames of 2 octets and more (with the FCS, 4: the least RFC 1662 4.3 accepts), biased to the octets that get escaped. */
    @Provide
    Arbitrary<List<Bytes>> frames() {
        Arbitrary<Byte> octets = Arbitraries.oneOf(
                Arbitraries.bytes(),
                Arbitraries.of((byte) 0x7e, (byte) 0x7d, (byte) 0x00, (byte) 0x11, (byte) 0x13, (byte) 0x1f, (byte) 0x20));
        return octets.array(byte[].class).ofMinSize(2).ofMaxSize(AsyncHdlc.DEFAULT_MAX_FRAME_LENGTH)
                .map(Bytes::of).list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<Long> accms() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 0xFFFFFFFFL),
                Arbitraries.of(0L, AsyncHdlc.DEFAULT_ACCM, (1L << 0x11) | (1L << 0x13)));
    }

    /**
     * The receiver may drop only what the sender escapes, so its ACCM is a subset of the sender's;
     * the stream is cut into chunks at random points and flags come before a frame or not.
     */
    @Property
    void decodeOfEncodeIsTheFrames(@ForAll("frames") List<Bytes> frames, @ForAll("accms") long txAccm,
                                   @ForAll("accms") long rxMask, @ForAll long chunkSeed,
                                   @ForAll @IntRange(min = 1, max = 64) int maxChunk) {
        long rxAccm = txAccm & rxMask;
        Random random = new Random(chunkSeed);
        byte[] stream = new byte[frames.stream().mapToInt(f -> AsyncHdlcEncoder.maxEncodedLength(f.length()) + 2).sum() + 1];
        int n = 0;
        for (Bytes f : frames) {
            int fill = random.nextInt(3); // 0: back to back, 1: an opening flag, 2: two flags of time fill
            if (fill == 2) {
                stream[n++] = (byte) AsyncHdlc.FLAG;
            }
            byte[] frame = f.toArray();
            n += AsyncHdlcEncoder.encode(frame, 0, frame.length, txAccm, fill > 0, stream, n);
        }

        AsyncHdlcDecoder decoder = new AsyncHdlcDecoder(AsyncHdlc.DEFAULT_MAX_FRAME_LENGTH, rxAccm);
        List<HdlcEvent> events = new ArrayList<>();
        for (int at = 0; at < n; ) {
            int len = Math.min(n - at, 1 + random.nextInt(maxChunk));
            decoder.feed(stream, at, len, events::add);
            at += len;
        }

        assertThat(events).isEqualTo(frames.stream().<HdlcEvent>map(HdlcEvent.Frame::new).toList());
        assertThat(decoder.inFrame()).isFalse();
    }

    @Property
    void encodedFrameHoldsNoFlagOrMappedControlCharacterInside(@ForAll("frames") List<Bytes> frames,
                                                              @ForAll("accms") long txAccm) {
        for (Bytes f : frames) {
            byte[] out = AsyncHdlcEncoder.encode(f.toArray(), txAccm);
            assertThat(out[0]).isEqualTo((byte) AsyncHdlc.FLAG);
            assertThat(out[out.length - 1]).isEqualTo((byte) AsyncHdlc.FLAG);
            assertThat(out.length).isLessThanOrEqualTo(AsyncHdlcEncoder.maxEncodedLength(f.length()));
            for (int i = 1; i < out.length - 1; i++) {
                int c = out[i] & 0xFF;
                assertThat(c).isNotEqualTo(AsyncHdlc.FLAG);
                assertThat(c < 0x20 && ((txAccm >>> c) & 1) != 0).as("octet %02x at %d", c, i).isFalse();
            }
        }
    }
}
