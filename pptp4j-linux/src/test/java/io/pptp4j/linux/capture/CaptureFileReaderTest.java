package io.pptp4j.linux.capture;

import io.pptp4j.capture.CaptureFormat;
import io.pptp4j.capture.CapturedPacket;
import io.pptp4j.capture.Dissection;
import io.pptp4j.capture.PacketDissector;
import io.pptp4j.capture.PacketHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptureFileReaderTest {
    private static final Path CAPTURES = Path.of("../testdata/captures");
    private static final Path MSCHAPV2_ONLY = CAPTURES.resolve("chapcrack-mschapv2-only.pcap");
    private static final Path WINDOWS_RRAS = CAPTURES.resolve("pptpcrack-windows-rras-session.pcap");

    @TempDir
    Path temp;

    /** Frame number, time, lengths, link type and a digest of every packet's bytes. */
    private static final class Digest implements PacketHandler {
        final List<String> frames = new ArrayList<>();
        final MessageDigest sha;

        Digest() throws Exception { sha = MessageDigest.getInstance("SHA-256"); }

        @Override
        public void packet(CapturedPacket p) {
            sha.update(p.data(), p.dataOffset(), p.capturedLength());
            frames.add(p.frameNumber() + " " + p.timestampNanos() + " " + p.capturedLength() + "/" + p.originalLength()
                    + " " + p.linkType());
        }

        String hex() { return HexFormat.of().formatHex(sha.digest()); }
    }

    // tshark -r F | wc -l
    @ParameterizedTest
    @CsvSource({
        "chapcrack-mschapv2-only.pcap,                    3,    PCAP",
        "chapcrack-pptplinux-pptpd-session.pcap,          247,  PCAP",
        "pptpcrack-windows-rras-session.pcap,             4587, PCAP",
        "tcpdump-pptp-nt-moretonbay.pcap,                 23,   PCAP",
        "zeek-gre-pptp-dns.pcap,                          2,    PCAP",
        "derived/chapcrack-pptplinux-pptpd-session.pcapng, 247, PCAPNG",
        "derived/zeek-gre-pptp-dns.pcapng,                2,    PCAPNG",
        "derived/tcpdump-pptp-nt-moretonbay.nsec.pcap,    23,   PCAP",
    })
    void readsAsManyPacketsAsTsharkCounts(String name, long count, CaptureFormat format) throws Exception {
        Path file = CAPTURES.resolve(name);
        List<Long> numbers = new ArrayList<>();

        CaptureSummary summary = CaptureFileReader.read(file, p -> numbers.add(p.frameNumber()));

        assertThat(summary.packets()).isEqualTo(count);
        assertThat(summary.format()).isEqualTo(format);
        assertThat(summary.bytes()).isEqualTo(Files.size(file));
        assertThat(numbers).hasSize((int) count).first().isEqualTo(1L);
        assertThat(numbers.getLast()).isEqualTo(count);
    }

    @Test
    void readsThePcapngConversionAsTheOriginal() throws Exception {
        Digest pcap = new Digest();
        Digest pcapng = new Digest();

        CaptureFileReader.read(CAPTURES.resolve("chapcrack-pptplinux-pptpd-session.pcap"), pcap);
        CaptureFileReader.read(CAPTURES.resolve("derived/chapcrack-pptplinux-pptpd-session.pcapng"), pcapng);

        assertThat(pcapng.frames).isEqualTo(pcap.frames);
        assertThat(pcapng.hex()).isEqualTo(pcap.hex());
    }

    @ParameterizedTest
    @CsvSource({"READ, 64", "READ, 100", "READ, 1000", "READ, 65536", "MAP, 64", "MAP, 4099", "MAP, 65536"})
    void givesTheSamePacketsWhateverTheWindow(CaptureFileReader.Mode mode, int window) throws Exception {
        for (String name : List.of("pptpcrack-windows-rras-session.pcap", "derived/chapcrack-pptplinux-pptpd-session.pcapng")) {
            Digest expected = new Digest();
            Digest actual = new Digest();
            CaptureFileReader.read(CAPTURES.resolve(name), expected);

            new CaptureFileReader(mode, window).readFile(CAPTURES.resolve(name), actual);

            assertThat(actual.frames).isEqualTo(expected.frames);
            assertThat(actual.hex()).isEqualTo(expected.hex());
        }
    }

    @Test
    void feedsTheDissectorWithoutCopies() throws Exception {
        // pptpcrack-windows-rras-session.pcap: tshark -Y gre | wc -l; tshark -Y 'tcp.port == 1723 && tcp.len > 0' | wc -l
        Dissection d = new Dissection();
        long[] gre = new long[1];
        long[] pptp = new long[1];

        CaptureFileReader.read(WINDOWS_RRAS, p -> {
            PacketDissector.dissect(p, d);
            if (d.isGre()) {
                gre[0]++;
            } else if (d.isTcp() && (d.srcPort() == 1723 || d.dstPort() == 1723) && d.payloadLength() > 0) {
                pptp[0]++;
            }
        });

        assertThat(gre[0]).isEqualTo(933);
        assertThat(pptp[0]).isEqualTo(13);
    }

    // ---------------------------------------------------------------- errors

    @Test
    void saysWhenTheFileDoesNotExist() {
        Path file = temp.resolve("missing.pcap");

        assertThatThrownBy(() -> CaptureFileReader.read(file, p -> {}))
                .isInstanceOf(CaptureFileException.class)
                .hasMessage(file + ": no such file")
                .matches(e -> ((CaptureFileException) e).offset() == -1);
    }

    @Test
    void saysWhenTheFileIsADirectory() {
        assertThatThrownBy(() -> CaptureFileReader.read(temp, p -> {}))
                .hasMessage(temp + ": is a directory, not a capture file");
    }

    @ParameterizedTest
    @EnumSource(CaptureFileReader.Mode.class)
    void saysWhenTheFileIsNotACapture(CaptureFileReader.Mode mode) throws IOException {
        Path file = Files.writeString(temp.resolve("index.html"), "HTTP/1.1 200 OK\r\n\r\n<html>", StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> new CaptureFileReader(mode, 4096).readFile(file, p -> {}))
                .hasMessage(file + ": not a pcap or pcapng file: first bytes 48 54 54 50");
    }

    @ParameterizedTest
    @EnumSource(CaptureFileReader.Mode.class)
    void saysWhenTheFileIsEmpty(CaptureFileReader.Mode mode) throws IOException {
        Path file = Files.write(temp.resolve("empty.pcap"), new byte[0]);

        assertThatThrownBy(() -> new CaptureFileReader(mode, 4096).readFile(file, p -> {}))
                .hasMessage(file + ": not a pcap or pcapng file: the file is empty");
    }

    @ParameterizedTest
    @EnumSource(CaptureFileReader.Mode.class)
    void deliversEveryWholePacketOfATruncatedFileThenSaysWhere(CaptureFileReader.Mode mode) throws IOException {
        // chapcrack-mschapv2-only.pcap is 372 bytes; its third record starts at 241 and takes 16 + 115
        byte[] whole = Files.readAllBytes(MSCHAPV2_ONLY);
        Path file = Files.write(temp.resolve("cut.pcap"), Arrays.copyOf(whole, whole.length - 10));
        List<Long> frames = new ArrayList<>();

        assertThatThrownBy(() -> new CaptureFileReader(mode, 100).readFile(file, p -> frames.add(p.frameNumber())))
                .isInstanceOf(CaptureFileException.class)
                .hasMessage(file + ": pcap: Packet Record of frame 3 at offset 241: expected 131 bytes, found 121 before the"
                        + " end of the file (the file is cut short)")
                .matches(e -> ((CaptureFileException) e).truncated())
                .matches(e -> ((CaptureFileException) e).packetsDelivered() == 2)
                .matches(e -> ((CaptureFileException) e).offset() == 241);
        assertThat(frames).containsExactly(1L, 2L);
    }

    @Test
    void saysWhereARecordIsCorrupt() throws IOException {
        byte[] bytes = Files.readAllBytes(MSCHAPV2_ONLY);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 16 + 74 + 8, 4_000_000);
        Path file = Files.write(temp.resolve("corrupt.pcap"), bytes);

        assertThatThrownBy(() -> CaptureFileReader.read(file, p -> {}))
                .hasMessage(file + ": pcap: Captured Packet Length at offset 122: expected at most 262144, found 4000000")
                .matches(e -> !((CaptureFileException) e).truncated());
    }

    /**
     * A sparse file of 2.1 GB: a pcap with a 64 MiB snap length, 33 records of 64 MiB of zeros (holes,
     * no disk used), then the three packets of the MS-CHAPv2 capture past 2^31, the last one cut short.
     */
    @ParameterizedTest
    @EnumSource(CaptureFileReader.Mode.class)
    void readsPast2GiB(CaptureFileReader.Mode mode) throws Exception {
        int big = (64 << 20) - 16;
        int bigRecords = 33;
        byte[] small = Files.readAllBytes(MSCHAPV2_ONLY);
        Path file = temp.resolve("big.pcap");
        long tail;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] header = Arrays.copyOf(small, 24);
            ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 64 << 20);
            f.write(header);
            long at = 24;
            for (int i = 0; i < bigRecords; i++) {
                f.seek(at);
                f.write(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(i).putInt(0).putInt(big).putInt(big).array());
                at += 16 + big;
            }
            tail = at;
            f.seek(tail);
            f.write(small, 24, small.length - 24 - 10);
        }
        assertThat(tail).isGreaterThan(1L << 31);
        List<String> seen = new ArrayList<>();

        assertThatThrownBy(() -> new CaptureFileReader(mode, 1 << 20).readFile(file, p -> {
            if (p.capturedLength() != big) {
                seen.add(p.frameNumber() + "@" + p.recordOffset());
            }
        })).hasMessage(file + ": pcap: Packet Record of frame 36 at offset " + (tail + 217) + ": expected 131 bytes, found 121"
                + " before the end of the file (the file is cut short)");
        assertThat(seen).containsExactly("34@" + tail, "35@" + (tail + 90));
    }
}
