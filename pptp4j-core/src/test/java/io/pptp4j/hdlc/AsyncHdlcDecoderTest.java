package io.pptp4j.hdlc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.hdlc.HdlcEvent.Aborted;
import io.pptp4j.hdlc.HdlcEvent.BadFcs;
import io.pptp4j.hdlc.HdlcEvent.Frame;
import io.pptp4j.hdlc.HdlcEvent.TooLong;
import io.pptp4j.hdlc.HdlcEvent.TooShort;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.Hex;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsyncHdlcDecoderTest {
    // chapcrack-pptplinux-pptpd-session.pcap frames 18, 19 and 23 (GRE payloads): pptp-linux's LCP
    // Configure-Request, pptpd's LCP Configure-Request, pptp-linux's Echo-Reply (ACFC and PFC not yet in force)
    private static final Bytes PPTP_LINUX_LCP = Bytes.fromHex("ff03c021010100140206000000000506cdc7e2da07020802");
    private static final Bytes PPTPD_LCP = Bytes.fromHex("ff03c021010100190206000000000305c223810506c29f1d2d07020802");
    private static final Bytes PPTP_LINUX_ECHO_REPLY = Bytes.fromHex("c0210a000008cdc7e2da");
    // the first of them as pppd puts it on the pty under the default ACCM (see AsyncHdlcEncoderTest)
    private static final String PPTP_LINUX_LCP_ON_PTY = "7eff7d23c0217d217d217d207d347d227d267d207d207d207d20"
            + "7d257d26cdc7e2da7d277d227d287d2238ba7e";

    private static List<HdlcEvent> decode(AsyncHdlcDecoder d, byte[] stream) {
        List<HdlcEvent> events = new ArrayList<>();
        d.feed(stream, events::add);
        return events;
    }

    private static List<HdlcEvent> decode(String hex) {
        return decode(new AsyncHdlcDecoder(), Hex.parse(hex));
    }

    private static Frame frame(Bytes b) { return new Frame(b); }

    /** Three frames as pppd writes them: a flag before the first, frames back to back, a time fill of flags. */
    private static byte[] threeFrameStream(long accm) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(AsyncHdlcEncoder.encode(PPTP_LINUX_LCP.toArray(), accm));
        byte[] second = AsyncHdlcEncoder.encode(PPTPD_LCP.toArray(), accm);
        s.write(second, 1, second.length - 1); // back to back: the closing flag opens the next
        s.writeBytes(new byte[] {0x7e, 0x7e, 0x7e});
        s.writeBytes(AsyncHdlcEncoder.encode(PPTP_LINUX_ECHO_REPLY.toArray(), accm));
        return s.toByteArray();
    }

    private static final List<HdlcEvent> THREE_FRAMES =
            List.of(frame(PPTP_LINUX_LCP), frame(PPTPD_LCP), frame(PPTP_LINUX_ECHO_REPLY));

    @Test
    void decodesPptpLinuxLcpFromPty() {
        assertThat(decode(PPTP_LINUX_LCP_ON_PTY)).containsExactly(frame(PPTP_LINUX_LCP));
    }

    @Test
    void consecutiveFlagsMakeNoEmptyFrames() {
        assertThat(decode("7e7e7e7e")).isEmpty();
        assertThat(decode(new AsyncHdlcDecoder(), threeFrameStream(AsyncHdlc.DEFAULT_ACCM))).isEqualTo(THREE_FRAMES);
    }

    @Test
    void splitAtEveryOffsetYieldsTheSameFrames() {
        for (long accm : new long[] {0, AsyncHdlc.DEFAULT_ACCM}) {
            byte[] stream = threeFrameStream(accm);
            for (int split = 0; split <= stream.length; split++) {
                AsyncHdlcDecoder d = new AsyncHdlcDecoder(AsyncHdlc.DEFAULT_MAX_FRAME_LENGTH, accm);
                List<HdlcEvent> events = new ArrayList<>();
                d.feed(stream, 0, split, events::add);
                d.feed(stream, split, stream.length - split, events::add);
                assertThat(events).as("ACCM %08x split at %d", accm, split).isEqualTo(THREE_FRAMES);
                assertThat(d.inFrame()).isFalse();
            }
        }
    }

    @Test
    void oneByteAtATimeYieldsTheSameFrames() {
        byte[] stream = threeFrameStream(AsyncHdlc.DEFAULT_ACCM);
        AsyncHdlcDecoder d = new AsyncHdlcDecoder();
        List<HdlcEvent> events = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            d.feed(stream, i, 1, events::add);
        }
        assertThat(events).isEqualTo(THREE_FRAMES);
    }

    @Test
    void controlEscapeAtTheEndOfAChunkApplesToTheNextChunk() {
        // 7e ff 7d | 23 ...: the escape of Control 0x03 is split across two reads of the pty
        byte[] stream = Hex.parse(PPTP_LINUX_LCP_ON_PTY);
        assertThat(stream[2]).isEqualTo((byte) 0x7d);
        AsyncHdlcDecoder d = new AsyncHdlcDecoder();
        List<HdlcEvent> events = new ArrayList<>();
        d.feed(stream, 0, 3, events::add);
        assertThat(d.inFrame()).isTrue();
        assertThat(events).isEmpty();
        d.feed(stream, 3, stream.length - 3, events::add);
        assertThat(events).containsExactly(frame(PPTP_LINUX_LCP));
    }

    @Test
    void acceptsStreamWithoutOpeningFlag() {
        assertThat(decode(PPTP_LINUX_LCP_ON_PTY.substring(2))).containsExactly(frame(PPTP_LINUX_LCP));
    }

    @Test
    void abortSequenceDropsTheFrameAndTheNextOneDecodes() {
        // RFC 1662 4.3: Control Escape followed by the closing flag
        assertThat(decode("7eff7d23c021017d7e" + PPTP_LINUX_LCP_ON_PTY.substring(2)))
                .containsExactly(new Aborted(4), frame(PPTP_LINUX_LCP));
        assertThat(decode("7e7d7e7e")).containsExactly(new Aborted(0));
    }

    @Test
    void reportsBadFcsWithTheRawOctets() {
        // the last octet of the Magic-Number changed: da -> db
        String bad = PPTP_LINUX_LCP_ON_PTY.replace("cdc7e2da", "cdc7e2db");
        assertThat(decode(bad)).containsExactly(new BadFcs(Bytes.fromHex(
                "ff03c021010100140206000000000506cdc7e2db07020802" + "38ba")));
    }

    @Test
    void reportsFramesShorterThanFourOctets() {
        // the raw 03 of the second is line noise under the default ACCM, and so are raw 01 02
        assertThat(decode("7e41427e7d217d22037e")).containsExactly(new TooShort(2), new TooShort(2));
        assertThat(decode("7e01027e")).isEmpty();
        // noise before the first flag is a frame like any other
        assertThat(decode("4142" + PPTP_LINUX_LCP_ON_PTY)).containsExactly(new TooShort(2), frame(PPTP_LINUX_LCP));
    }

    @Test
    void discardsFramesBeyondTheMaximumAndRecovers() {
        byte[] big = new byte[30];
        big[0] = (byte) 0xff;
        big[1] = 0x03;
        AsyncHdlcDecoder d = new AsyncHdlcDecoder(24, AsyncHdlc.DEFAULT_ACCM);
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(AsyncHdlcEncoder.encode(big, AsyncHdlc.DEFAULT_ACCM));
        s.writeBytes(AsyncHdlcEncoder.encode(PPTP_LINUX_LCP.toArray(), AsyncHdlc.DEFAULT_ACCM));
        // the largest frame that fits: 24 octets
        s.writeBytes(AsyncHdlcEncoder.encode(new byte[24], AsyncHdlc.DEFAULT_ACCM));
        assertThat(decode(d, s.toByteArray()))
                .containsExactly(new TooLong(32), frame(PPTP_LINUX_LCP), frame(Bytes.of(new byte[24])));
        assertThat(d.maxFrameLength()).isEqualTo(24);
    }

    @Test
    void removesUnescapedMappedControlCharacters() {
        // XON/XOFF inserted by equipment on the way, one of them between a Control Escape and its octet
        String withNoise = PPTP_LINUX_LCP_ON_PTY.replace("7eff7d23", "7e11ff7d1323").replace("cdc7e2da", "cd13c7e211da");
        assertThat(decode(withNoise)).containsExactly(frame(PPTP_LINUX_LCP));
    }

    @Test
    void keepsUnescapedControlCharactersOutsideTheReceivingAccm() {
        byte[] accmZero = AsyncHdlcEncoder.encode(PPTP_LINUX_LCP.toArray(), 0);
        // under ACCM 0 the raw 03, 01, 00 ... are data
        assertThat(decode(new AsyncHdlcDecoder(AsyncHdlc.DEFAULT_MAX_FRAME_LENGTH, 0), accmZero))
                .containsExactly(frame(PPTP_LINUX_LCP));
        // under the default ACCM the same octets are taken for line noise and removed
        List<HdlcEvent> asDefault = decode(new AsyncHdlcDecoder(), accmZero);
        assertThat(asDefault).hasSize(1).first().isInstanceOf(BadFcs.class);
        assertThat(((BadFcs) asDefault.getFirst()).raw()).isEqualTo(Bytes.fromHex("ffc021cdc7e2da38ba"));
    }

    @Test
    void receivingAccmChangesBetweenFrames() {
        AsyncHdlcDecoder d = new AsyncHdlcDecoder();
        assertThat(decode(d, AsyncHdlcEncoder.encode(PPTP_LINUX_LCP.toArray(), AsyncHdlc.DEFAULT_ACCM)))
                .containsExactly(frame(PPTP_LINUX_LCP));
        d.receiveAccm(0);
        assertThat(d.receiveAccm()).isZero();
        assertThat(decode(d, AsyncHdlcEncoder.encode(PPTPD_LCP.toArray(), 0))).containsExactly(frame(PPTPD_LCP));
        assertThatThrownBy(() -> d.receiveAccm(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resetDropsAPartialFrame() {
        AsyncHdlcDecoder d = new AsyncHdlcDecoder();
        assertThat(decode(d, Hex.parse("7eff7d23c021017d"))).isEmpty();
        d.reset();
        assertThat(d.inFrame()).isFalse();
        assertThat(decode(d, Hex.parse(PPTP_LINUX_LCP_ON_PTY.substring(2)))).containsExactly(frame(PPTP_LINUX_LCP));
    }
}
