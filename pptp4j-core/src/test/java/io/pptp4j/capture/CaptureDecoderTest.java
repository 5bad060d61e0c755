package io.pptp4j.capture;

import io.pptp4j.capture.Captures.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.pptp4j.capture.Captures.MSCHAPV2_ONLY;
import static io.pptp4j.capture.Captures.NT_MORETONBAY;
import static io.pptp4j.capture.Captures.PPTPLINUX_PPTPD;
import static io.pptp4j.capture.Captures.ZEEK_GRE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptureDecoderTest {

    // tshark -r F | wc -l; tshark -r F -T fields -e frame.number -e frame.time_epoch -e frame.len -e frame.cap_len
    @ParameterizedTest
    @CsvSource({
        "chapcrack-mschapv2-only.pcap,           3,    1338928984387487000, 74,  1338928984474098000, 115",
        "chapcrack-pptplinux-pptpd-session.pcap, 247,  1339294494492280000, 140, 1339294520681900000, 66",
        "pptpcrack-windows-rras-session.pcap,    4587, 1560609430855727000, 99,  1560609500686713000, 78",
        "tcpdump-pptp-nt-moretonbay.pcap,        23,   954147395148077000,  62,  954147396347775000,  60",
        "zeek-gre-pptp-dns.pcap,                 2,    1417577703821897000, 197, 1417577704035791000, 268",
    })
    void decodesAsManyPacketsAsTsharkWithItsTimesAndLengths(String name, int count, long firstTime, int firstLength,
                                                          long lastTime, int lastLength) {
        List<Frame> frames = Captures.decode(name);

        assertThat(frames).hasSize(count);
        assertThat(frames).extracting(Frame::number).containsExactlyElementsOf(range(1, count));
        assertThat(frames.getFirst().timestampNanos()).isEqualTo(firstTime);
        assertThat(frames.getFirst().data()).hasSize(firstLength);
        assertThat(frames.getFirst().originalLength()).isEqualTo(firstLength);
        assertThat(frames.getLast().timestampNanos()).isEqualTo(lastTime);
        assertThat(frames.getLast().data()).hasSize(lastLength);
        assertThat(frames).allMatch(f -> f.linkType() == LinkType.ETHERNET.value());
    }

    @Test
    void pcapngWrittenByEditcapHoldsTheSamePackets() throws Exception {
        // testdata/captures/derived/README.md: editcap -F pcapng
        assertThat(Captures.decode(Captures.bytes("derived/chapcrack-pptplinux-pptpd-session.pcapng")))
                .hasSize(247).isEqualTo(Captures.decode(PPTPLINUX_PPTPD));
        assertThat(Captures.decode(Captures.bytes("derived/zeek-gre-pptp-dns.pcapng")))
                .isEqualTo(Captures.decode(ZEEK_GRE));
    }

    @Test
    void nanosecondPcapHoldsTheSamePackets() throws Exception {
        byte[] file = Captures.bytes("derived/tcpdump-pptp-nt-moretonbay.nsec.pcap");
        assertThat(Arrays.copyOf(file, 4)).containsExactly(0x4D, 0x3C, 0xB2, 0xA1);

        assertThat(Captures.decode(file)).isEqualTo(Captures.decode(NT_MORETONBAY));
    }

    @Test
    void bigEndianPcapHoldsTheSamePackets() throws Exception {
        List<Frame> frames = Captures.decode(NT_MORETONBAY);
        for (boolean nanos : new boolean[] {false, true}) {
            CaptureFiles.Pcap pcap = new CaptureFiles.Pcap(ByteOrder.BIG_ENDIAN, nanos, 65535, 1);
            frames.forEach(f -> pcap.packet(f.timestampNanos(), f.originalLength(), f.data()));
            byte[] file = pcap.bytes();
            assertThat(Arrays.copyOf(file, 4)).containsExactly(0xA1, 0xB2, nanos ? 0x3C : 0xC3, nanos ? 0x4D : 0xD4);

            assertThat(Captures.decode(file)).isEqualTo(frames);
        }
    }

    // tshark -T fields -e frame.number -e frame.time_epoch -e frame.len -e frame.cap_len -e frame.interface_id
    // -e frame.encap_type on this file: 1 1500000000.123456000 74 74 0 1, 2 1500000000.123456789 197 197 1 7,
    // 3 (no time) 74 74 0 1, 4 1000000003.500000000 200 30 0 25, 5 (custom block), 6 1000000001.000000000 197 197 0 25
    @Test
    void readsSectionsOfBothByteOrdersWithTheirInterfacesAndTimestampResolutions() throws Exception {
        byte[] a = Captures.decode(MSCHAPV2_ONLY).getFirst().data();
        byte[] b = Captures.decode(ZEEK_GRE).getFirst().data();
        byte[] c = Arrays.copyOf(a, 30);
        byte[] file = new CaptureFiles.Pcapng()
                .section(ByteOrder.LITTLE_ENDIAN)
                .iface(1, 65535, -1, 0)                       // interface 0: microseconds by default
                .iface(101, 65535, 9, 0)                      // interface 1: nanoseconds
                .other(5, 20)                                 // Interface Statistics Block
                .enhanced(0, 1_500_000_000_123_456L, a.length, a)
                .enhanced(1, 1_500_000_000_123_456_789L, b.length, b)
                .simple(a.length, a)
                .other(4, 8)                                  // Name Resolution Block
                .section(ByteOrder.BIG_ENDIAN)
                .iface(113, 64, 0x80 | 20, 1_000_000_000L)    // 2^-20 seconds, plus 10^9 seconds
                .obsolete(0, 3L << 20 | 1 << 19, 200, c)       // 3.5 units of 2^20
                .other(0x40000BAD, 12)                        // Custom Block: Wireshark makes it frame 5
                .enhanced(0, 1L << 20, b.length, b)
                .bytes();

        CaptureDecoder decoder = new CaptureDecoder();
        List<Frame> frames = new ArrayList<>();
        ByteBuffer window = ByteBuffer.wrap(file);
        decoder.decode(window, p -> frames.add(Frame.of(p)));
        decoder.finish(window);

        assertThat(decoder.format()).isEqualTo(CaptureFormat.PCAPNG);
        assertThat(decoder.sections()).isEqualTo(2);
        assertThat(frames).containsExactly(
                new Frame(1, 1_500_000_000_123_456_000L, 1, 0, a.length, a),
                new Frame(2, 1_500_000_000_123_456_789L, 101, 1, b.length, b),
                new Frame(3, 0, 1, 0, a.length, a),
                new Frame(4, 1_000_000_003_500_000_000L, 113, 0, 200, c),
                new Frame(6, 1_000_000_001_000_000_000L, 113, 0, b.length, b));
        assertThat(decoder.otherRecords()).isEqualTo(1);
        assertThat(decoder.frames()).isEqualTo(6);
    }

    @Test
    void simplePacketBlockHoldsNoMoreThanTheSnapLength() throws Exception {
        byte[] data = new byte[64];
        Arrays.fill(data, (byte) 7);
        byte[] file = new CaptureFiles.Pcapng().section(ByteOrder.LITTLE_ENDIAN).iface(1, 64, -1, 0)
                .simple(1500, data).bytes();

        List<Frame> frames = Captures.decode(file);

        assertThat(frames).containsExactly(new Frame(1, 0, 1, 0, 1500, data));
    }

    @Test
    void windowsCutAtEveryOffsetGiveTheSamePackets() throws Exception {
        for (byte[] file : List.of(Captures.bytes(MSCHAPV2_ONLY), Captures.bytes("derived/zeek-gre-pptp-dns.pcapng"))) {
            List<Frame> whole = Captures.decode(file);
            for (int cut = 0; cut <= file.length; cut++) {
                assertThat(Captures.decodeInChunks(file, cut)).as("cut at %d", cut).isEqualTo(whole);
            }
        }
    }

    @Test
    void windowsCutAtEveryPairOfOffsetsGiveTheSamePackets() throws Exception {
        byte[] file = Captures.bytes(MSCHAPV2_ONLY);
        List<Frame> whole = Captures.decode(file);
        for (int first = 0; first <= file.length; first++) {
            for (int second = first; second <= file.length; second++) {
                assertThat(Captures.decodeInChunks(file, first, second)).as("cuts at %d, %d", first, second).isEqualTo(whole);
            }
        }
    }

    @Test
    void aByteAtATimeGivesTheSamePackets() throws Exception {
        byte[] file = Captures.bytes("derived/chapcrack-pptplinux-pptpd-session.pcapng");
        int[] cuts = new int[file.length - 1];
        Arrays.setAll(cuts, i -> i + 1);

        assertThat(Captures.decodeInChunks(file, cuts)).isEqualTo(Captures.decode(PPTPLINUX_PPTPD));
    }

    @Test
    void copiesPacketsOutOfDirectWindows() throws Exception {
        byte[] file = Captures.bytes(PPTPLINUX_PPTPD);
        ByteBuffer window = ByteBuffer.allocateDirect(file.length).put(file).flip();
        CaptureDecoder decoder = new CaptureDecoder();
        List<Frame> frames = new ArrayList<>();

        decoder.decode(window, p -> frames.add(Frame.of(p)));
        decoder.finish(window);

        assertThat(frames).isEqualTo(Captures.decode(PPTPLINUX_PPTPD));
    }

    @Test
    void saysHowManyBytesTheNextRecordTakes() throws Exception {
        byte[] file = Captures.bytes(MSCHAPV2_ONLY);
        CaptureDecoder decoder = new CaptureDecoder();
        ByteBuffer window = ByteBuffer.wrap(file, 0, 30);

        assertThat(decoder.next(window)).isEqualTo(CaptureDecoder.Status.NEED_MORE);
        assertThat(decoder.offset()).isEqualTo(24);
        assertThat(window.position()).isEqualTo(24);
        assertThat(decoder.bytesNeeded()).isEqualTo(16);

        window.limit(24 + 16 + 73);
        assertThat(decoder.next(window)).isEqualTo(CaptureDecoder.Status.NEED_MORE);
        assertThat(decoder.bytesNeeded()).isEqualTo(16 + 74);

        window.limit(24 + 16 + 74);
        assertThat(decoder.next(window)).isEqualTo(CaptureDecoder.Status.PACKET);
        assertThat(decoder.packet().frameNumber()).isEqualTo(1);
        assertThat(decoder.packet().recordOffset()).isEqualTo(24);
        assertThat(decoder.packet().data()).isSameAs(file);
        assertThat(decoder.packet().dataOffset()).isEqualTo(40);
        assertThat(decoder.offset()).isEqualTo(24 + 16 + 74);
    }

    // ---------------------------------------------------------------- errors

    @Test
    void rejectsAFileThatIsNotACapture() {
        assertThatThrownBy(() -> Captures.decode("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("not a pcap or pcapng file: first bytes 48 54 54 50");
    }

    @Test
    void rejectsAnEmptyFile() {
        assertThatThrownBy(() -> Captures.decode(new byte[0]))
                .hasMessage("not a pcap or pcapng file: the file is empty");
    }

    @Test
    void rejectsAFileShorterThanAMagicNumber() {
        assertThatThrownBy(() -> Captures.decode(new byte[] {(byte) 0xD4, (byte) 0xC3}))
                .hasMessage("not a pcap or pcapng file: first bytes d4 c3");
    }

    @Test
    void reportsAFileCutInsideItsHeader() {
        byte[] file = Arrays.copyOf(Captures.bytes(MSCHAPV2_ONLY), 10);

        assertThatThrownBy(() -> Captures.decode(file))
                .hasMessage("pcap: File Header at offset 0: expected 24 bytes, found 10 before the end of the file (the file is cut short)")
                .matches(e -> ((CaptureFormatException) e).truncated());
    }

    @Test
    void deliversThePacketsBeforeATruncatedLastPacket() {
        // chapcrack-mschapv2-only.pcap: 24-byte header, then records of 16 + 74, 16 + 111, 16 + 115 bytes
        byte[] file = Arrays.copyOf(Captures.bytes(MSCHAPV2_ONLY), 372 - 10);
        CaptureDecoder decoder = new CaptureDecoder();
        ByteBuffer window = ByteBuffer.wrap(file);
        List<Long> frames = new ArrayList<>();

        assertThatThrownBy(() -> {
            decoder.decode(window, p -> frames.add(p.frameNumber()));
            decoder.finish(window);
        }).isInstanceOf(CaptureFormatException.class)
                .hasMessage("pcap: Packet Record of frame 3 at offset 241: expected 131 bytes, found 121 before the end of the file (the file is cut short)")
                .matches(e -> ((CaptureFormatException) e).offset() == 241 && ((CaptureFormatException) e).truncated());
        assertThat(frames).containsExactly(1L, 2L);
    }

    @Test
    void reportsAFileCutInsideARecordHeader() {
        byte[] file = Arrays.copyOf(Captures.bytes(MSCHAPV2_ONLY), 241 + 5);

        assertThatThrownBy(() -> Captures.decode(file))
                .hasMessage("pcap: Packet Record of frame 3 at offset 241: expected 16 bytes, found 5 before the end of the file (the file is cut short)");
    }

    @Test
    void rejectsACapturedLengthAboveTheLimit() {
        byte[] file = Captures.bytes(MSCHAPV2_ONLY);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 16 + 74 + 8, 4_000_000);

        assertThatThrownBy(() -> Captures.decode(file))
                .hasMessage("pcap: Captured Packet Length at offset 122: expected at most 262144, found 4000000")
                .matches(e -> !((CaptureFormatException) e).truncated());
    }

    @Test
    void rejectsAnotherPcapMajorVersion() {
        byte[] file = Captures.bytes(MSCHAPV2_ONLY);
        file[4] = 3;

        assertThatThrownBy(() -> Captures.decode(file)).hasMessage("pcap: Major Version at offset 4: expected 2, found 3");
    }

    @Test
    void rejectsABlockLengthThatIsNotAMultipleOfFour() {
        byte[] file = pcapngWithTwoPackets();
        int idb = 28;
        file[idb + 4] += 1;

        assertThatThrownBy(() -> Captures.decode(file))
                .hasMessage("pcapng: Block Total Length at offset 32: expected a multiple of 4, at least 12, found 33");
    }

    @Test
    void rejectsABlockWhoseTrailerDisagrees() {
        byte[] file = pcapngWithTwoPackets();
        int idb = 28;
        file[idb + 4] += 4; // 32 becomes 36: the trailer is looked for 4 bytes later, in the next block's type

        assertThatThrownBy(() -> Captures.decode(file))
                .hasMessage("pcapng: Block Total Length (trailer) at offset 60: expected 36 as at offset 32, found 6");
    }

    @Test
    void rejectsABadByteOrderMagic() {
        byte[] file = pcapngWithTwoPackets();
        file[8] = 0x1B;

        assertThatThrownBy(() -> Captures.decode(file))
                .hasMessage("pcapng: Byte-Order Magic at offset 8: expected 0x1A2B3C4D or 0x4D3C2B1A, found 0x1B3C2B1A");
    }

    @Test
    void rejectsAPacketOfAnInterfaceNotDescribed() {
        byte[] file = new CaptureFiles.Pcapng().section(ByteOrder.LITTLE_ENDIAN).iface(1, 0, -1, 0)
                .enhanced(3, 0, 4, new byte[4]).bytes();

        assertThatThrownBy(() -> Captures.decode(file))
                .hasMessage("pcapng: Interface ID at offset 68: expected below 1 (interfaces described in this section), found 3");
    }

    @Test
    void rejectsACapturedLengthBeyondItsBlock() {
        byte[] file = pcapngWithTwoPackets();
        int epb = 28 + 32;
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(epb + 20, 100);

        assertThatThrownBy(() -> Captures.decode(file))
                .hasMessage("pcapng: Captured Packet Length at offset 80: expected at most 16 (Block Total Length 48), found 100");
    }

    @Test
    void reportsAPcapngFileCutInsideABlock() {
        byte[] whole = pcapngWithTwoPackets();
        byte[] file = Arrays.copyOf(whole, whole.length - 3);

        assertThatThrownBy(() -> Captures.decode(file))
                .hasMessage("pcapng: Enhanced Packet Block of frame 2 at offset 108: expected 48 bytes, found 45 before the end of the file (the file is cut short)");
    }

    /** SHB (28 bytes), IDB (32), two EPBs of 48 bytes with 4 bytes of data and an option. */
    private static byte[] pcapngWithTwoPackets() {
        byte[] file = new CaptureFiles.Pcapng().section(ByteOrder.LITTLE_ENDIAN).iface(1, 0, -1, 0)
                .enhanced(0, 1, 4, new byte[] {1, 2, 3, 4})
                .enhanced(0, 2, 4, new byte[] {5, 6, 7, 8})
                .bytes();
        assertThat(file).hasSize(28 + 32 + 2 * 48);
        return file;
    }

    private static List<Long> range(long from, long to) {
        List<Long> l = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            l.add(i);
        }
        return l;
    }
}
