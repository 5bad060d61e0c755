package io.pptp4j.control;

import static io.pptp4j.control.ControlCaptures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.control.ControlMessage.SetLinkInfo;
import io.pptp4j.control.ControlMessage.Unknown;
import io.pptp4j.control.FramerResult.Complete;
import io.pptp4j.control.FramerResult.Malformed;
import io.pptp4j.control.FramerResult.NeedMore;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlStreamFramerTest {

    private static byte[] concat(List<String> hexes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        hexes.forEach(h -> out.writeBytes(bytes(h)));
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static List<ControlMessage> decodedOneByOne(List<String> hexes) throws DecodeException {
        List<ControlMessage> list = new ArrayList<>();
        for (String h : hexes) {
            list.add(ControlMessageCodec.decode(bytes(h), DecodeMode.STRICT));
        }
        return list;
    }

    /** Takes every result until the framer needs more. */
    private static List<FramerResult> drain(ControlStreamFramer f) throws DecodeException {
        List<FramerResult> out = new ArrayList<>();
        for (FramerResult r = f.next(); !(r instanceof NeedMore); r = f.next()) {
            out.add(r);
        }
        return out;
    }

    private static List<ControlMessage> messages(List<FramerResult> results) {
        return results.stream().map(r -> ((Complete) r).message()).toList();
    }

    @Test
    void capturedStreamSplitAtEveryOffsetGivesTheSameMessages() throws DecodeException {
        List<String> hexes = new ArrayList<>();
        hexes.addAll(WINDOWS_CLIENT_STREAM);
        hexes.addAll(WINDOWS_RRAS_STREAM);
        hexes.addAll(PPTP_LINUX_STREAM);
        hexes.addAll(PPTPD_STREAM);
        byte[] stream = concat(hexes);
        List<ControlMessage> expected = decodedOneByOne(hexes);
        for (int split = 0; split <= stream.length; split++) {
            ControlStreamFramer f = new ControlStreamFramer(DecodeMode.STRICT);
            f.offer(stream, 0, split);
            List<FramerResult> results = drain(f);
            f.offer(stream, split, stream.length - split);
            results.addAll(drain(f));
            assertThat(messages(results)).as("split at " + split).isEqualTo(expected);
            assertThat(f.buffered()).isZero();
            assertThat(f.consumed()).isEqualTo(stream.length);
        }
    }

    @Test
    void everyCapturedMessageFedByteByByte() throws DecodeException {
        byte[] stream = concat(ALL);
        ControlStreamFramer f = new ControlStreamFramer(DecodeMode.STRICT);
        List<FramerResult> results = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            f.offer(stream, i, 1);
            results.addAll(drain(f));
        }
        assertThat(messages(results)).isEqualTo(decodedOneByOne(ALL));
        assertThat(results.stream().map(r -> ((Complete) r).length()))
                .isEqualTo(ALL.stream().map(h -> bytes(h).length).toList());
    }

    @Test
    void asksForTheHeaderThenForTheRestOfTheMessage() throws DecodeException {
        byte[] sccrq = bytes(WINDOWS_NT_SCCRQ);
        ControlStreamFramer f = new ControlStreamFramer(DecodeMode.STRICT);
        assertThat(f.next()).isEqualTo(new NeedMore(12));
        f.offer(sccrq, 0, 5);
        assertThat(f.next()).isEqualTo(new NeedMore(7));
        f.offer(sccrq, 5, 7);
        assertThat(f.next()).isEqualTo(new NeedMore(144));
        f.offer(sccrq, 12, 143);
        assertThat(f.next()).isEqualTo(new NeedMore(1));
        f.offer(sccrq, 155, 1);
        assertThat(f.next()).isInstanceOf(Complete.class);
        assertThat(f.next()).isEqualTo(new NeedMore(12));
    }

    @Test
    void takesSeveralMessagesFromOneOffer() throws DecodeException {
        byte[] stream = concat(WINDOWS_CLIENT_STREAM);
        ControlStreamFramer f = new ControlStreamFramer(DecodeMode.STRICT);
        f.offer(stream);
        assertThat(f.buffered()).isEqualTo(156 + 168 + 24 + 24);
        FramerResult first = f.next();
        assertThat(first).isInstanceOf(Complete.class);
        assertThat(((Complete) first).length()).isEqualTo(156);
        assertThat(f.buffered()).isEqualTo(168 + 24 + 24);
        assertThat(f.consumed()).isEqualTo(156);
        List<FramerResult> rest = drain(f);
        assertThat(messages(rest)).hasSize(3).last().isEqualTo(new SetLinkInfo(0x736A, 0xFFFFFFFFL, 0xFFFFFFFFL));
    }

    @Test
    void copiesWhatItIsOffered() throws DecodeException {
        byte[] sli = bytes(WINDOWS_NT_SLI);
        ControlStreamFramer f = new ControlStreamFramer(DecodeMode.STRICT);
        f.offer(sli);
        Arrays.fill(sli, (byte) 0);
        assertThat(((Complete) f.next()).message()).isEqualTo(new SetLinkInfo(0, 0xFFFFFFFFL, 0xFFFFFFFFL));
    }

    @Test
    void rejectsBadMagicCookieOnTheHeader() {
        byte[] header = Arrays.copyOf(bytes(MORETONBAY_SCCRP), 12);
        System.arraycopy("HTTP".getBytes(StandardCharsets.US_ASCII), 0, header, 4, 4);
        ControlStreamFramer f = new ControlStreamFramer(DecodeMode.STRICT);
        f.offer(header);
        assertThatThrownBy(f::next).isInstanceOf(DecodeException.class)
                .hasMessage("SCCRP: Magic Cookie at offset 4: expected 0x1A2B3C4D, found 0x48545450");
        // nothing was taken: the connection is to be closed
        assertThat(f.buffered()).isEqualTo(12);
    }

    @Test
    void rejectsBogusLengthOnTheHeaderWithoutWaitingForIt() {
        byte[] header = Arrays.copyOf(bytes(WINDOWS_NT_SCCRQ), 12);
        header[0] = (byte) 0xFF;
        header[1] = (byte) 0xFF;
        ControlStreamFramer f = new ControlStreamFramer(DecodeMode.STRICT);
        f.offer(header);
        assertThatThrownBy(f::next).isInstanceOf(DecodeException.class)
                .hasMessage("SCCRQ: Length at offset 0: expected 156, found 65535");
    }

    @Test
    void rejectsUnknownTypeOnTheHeaderStrictly() {
        byte[] header = Arrays.copyOf(bytes(WINDOWS_NT_SLI), 12);
        header[9] = 0x20;
        ControlStreamFramer f = new ControlStreamFramer(DecodeMode.STRICT);
        f.offer(header);
        assertThatThrownBy(f::next).hasMessage("PPTP: Control Message Type at offset 8: expected 1 to 15, found 32");
    }

    @Test
    void rejectsFlippedReservedBitOnceTheMessageIsThere() throws DecodeException {
        byte[] sli = bytes(WINDOWS_NT_SLI);
        sli[15] = 1;
        ControlStreamFramer f = new ControlStreamFramer(DecodeMode.STRICT);
        f.offer(sli, 0, 20);
        assertThat(f.next()).isEqualTo(new NeedMore(4));
        f.offer(sli, 20, 4);
        assertThatThrownBy(f::next).hasMessage("SLI: Reserved1 at offset 14: expected 0x0000, found 0x0001");
    }

    @Test
    void lenientSkipsABadHeaderWhoseLengthIsThereAndGoesOn() throws DecodeException {
        byte[] bad = bytes(WINDOWS_NT_SLI);
        bad[4] = 0x00; // Magic Cookie 0x002B3C4D
        byte[] good = bytes(WINDOWS_CLIENT_CCRQ);
        ControlStreamFramer f = new ControlStreamFramer(DecodeMode.LENIENT);
        f.offer(concat(bad, good));
        FramerResult first = f.next();
        assertThat(first).isInstanceOf(Malformed.class);
        Malformed m = (Malformed) first;
        assertThat(m.bytes()).isEqualTo(Bytes.of(bad));
        assertThat(m.error()).hasMessage("SLI: Magic Cookie at offset 4: expected 0x1A2B3C4D, found 0x002B3C4D");
        assertThat(f.next()).isEqualTo(new Complete(new ControlMessage.CallClearRequest(0xFCB0), 16));
        assertThat(f.consumed()).isEqualTo(40);
    }

    @Test
    void lenientDiscardsEverythingBufferedWhenTheLengthIsImplausible() throws DecodeException {
        byte[] http = "GET / HTTP/1.1\r\nHost: example\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        ControlStreamFramer f = new ControlStreamFramer(DecodeMode.LENIENT);
        f.offer(http);
        FramerResult r = f.next();
        assertThat(r).isInstanceOf(Malformed.class);
        assertThat(((Malformed) r).bytes()).isEqualTo(Bytes.of(http));
        // "GE" is Length 0x4745, "T " PPTP Message Type, "/ HT" the Magic Cookie
        assertThat(((Malformed) r).error()).hasMessage("PPTP: Magic Cookie at offset 4: expected 0x1A2B3C4D, found 0x2F204854");
        assertThat(f.buffered()).isZero();
        assertThat(f.next()).isEqualTo(new NeedMore(12));
    }

    @Test
    void lenientDiscardsEverythingBufferedWhenTheBadMessageIsNotAllThere() throws DecodeException {
        byte[] sccrq = bytes(WINDOWS_NT_SCCRQ);
        sccrq[2] = 0x7F; // PPTP Message Type 0x7F01
        ControlStreamFramer f = new ControlStreamFramer(DecodeMode.LENIENT);
        f.offer(sccrq, 0, 100);
        FramerResult r = f.next();
        assertThat(((Malformed) r).bytes().length()).isEqualTo(100);
        assertThat(((Malformed) r).error()).hasMessage("SCCRQ: PPTP Message Type at offset 2: expected 1, found 32513");
        assertThat(f.buffered()).isZero();
    }

    @Test
    void lenientReportsShortLengthOfAKnownTypeAsMalformed() throws DecodeException {
        byte[] sli = bytes(WINDOWS_NT_SLI);
        sli[1] = 20; // Length 20 < 24
        ControlStreamFramer f = new ControlStreamFramer(DecodeMode.LENIENT);
        f.offer(concat(sli, bytes(WINDOWS_NT_SLI)));
        FramerResult r = f.next();
        assertThat(((Malformed) r).error()).hasMessage("SLI: Length at offset 0: expected at least 24, found 20");
        assertThat(((Malformed) r).bytes().length()).isEqualTo(20);
        // the 4 octets left of the bad message do not start a message either
        assertThat(f.next()).isInstanceOf(Malformed.class);
        assertThat(f.buffered()).isZero();
    }

    @Test
    void lenientKeepsUnknownTypesAndLongerLengths() throws DecodeException {
        byte[] unknown = Bytes.fromHex("0010 0001 1a2b3c4d 0063 0000 cafebabe").toArray();
        byte[] longSli = Arrays.copyOf(bytes(WINDOWS_NT_SLI), 30);
        longSli[1] = 30;
        ControlStreamFramer f = new ControlStreamFramer(DecodeMode.LENIENT);
        f.offer(concat(unknown, longSli));
        assertThat(f.next()).isEqualTo(new Complete(new Unknown(0x63, Bytes.fromHex("cafebabe")), 16));
        assertThat(f.next()).isEqualTo(new Complete(new SetLinkInfo(0, 0xFFFFFFFFL, 0xFFFFFFFFL), 30));
        assertThat(f.next()).isEqualTo(new NeedMore(12));
    }

    @Test
    void refusesToBufferMoreThanItsBound() throws DecodeException {
        ControlStreamFramer f = new ControlStreamFramer(DecodeMode.STRICT, 256);
        byte[] sccrq = bytes(WINDOWS_NT_SCCRQ);
        f.offer(sccrq);
        assertThatThrownBy(() -> f.offer(sccrq)).isInstanceOf(IllegalStateException.class)
                .hasMessage("offering 156 bytes to 156 buffered would exceed the bound of 256");
        f.next();
        f.offer(sccrq);
        assertThat(f.next()).isInstanceOf(Complete.class);
        assertThatThrownBy(() -> new ControlStreamFramer(DecodeMode.STRICT, 219))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ControlStreamFramer(DecodeMode.LENIENT, 4096))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reusesItsBufferOverALongStream() throws DecodeException {
        byte[] stream = concat(ALL);
        ControlStreamFramer f = new ControlStreamFramer(DecodeMode.STRICT, 300);
        int count = 0;
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < stream.length; i += 100) {
                f.offer(stream, i, Math.min(100, stream.length - i));
                count += drain(f).size();
            }
        }
        assertThat(count).isEqualTo(50 * ALL.size());
        assertThat(f.consumed()).isEqualTo(50L * stream.length);
    }
}
