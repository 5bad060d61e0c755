package io.pptp4j.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Test support: the team's captures, decoded whole into copies of their packets. */
final class Captures {
    static final String MSCHAPV2_ONLY = "chapcrack-mschapv2-only.pcap";
    static final String PPTPLINUX_PPTPD = "chapcrack-pptplinux-pptpd-session.pcap";
    static final String WINDOWS_RRAS = "pptpcrack-windows-rras-session.pcap";
    static final String NT_MORETONBAY = "tcpdump-pptp-nt-moretonbay.pcap";
    static final String ZEEK_GRE = "zeek-gre-pptp-dns.pcap";

    private Captures() {}

    /** A packet copied out of the decoder's view. */
    record Frame(long number, long timestampNanos, int linkType, int interfaceId, int originalLength, byte[] data) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Frame f && number == f.number && timestampNanos == f.timestampNanos && linkType == f.linkType
                    && interfaceId == f.interfaceId && originalLength == f.originalLength && Arrays.equals(data, f.data);
        }

        @Override
        public int hashCode() { return Long.hashCode(number) * 31 + Arrays.hashCode(data); }

        @Override
        public String toString() { return "Frame[" + number + " ts " + timestampNanos + " link " + linkType + " " + data.length + "/" + originalLength + "]"; }

        static Frame of(CapturedPacket p) {
            return new Frame(p.frameNumber(), p.timestampNanos(), p.linkType(), p.interfaceId(), p.originalLength(), p.copyData());
        }
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(Path.of("../testdata/captures", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resource(String path) {
        try (InputStream in = Captures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return path.endsWith(".gz") ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> resourceLines(String path) {
        return new String(resource(path), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
    }

    /** Decodes a whole file held in memory. */
    static List<Frame> decode(byte[] file) throws CaptureFormatException {
        CaptureDecoder decoder = new CaptureDecoder();
        ByteBuffer window = ByteBuffer.wrap(file);
        List<Frame> frames = new ArrayList<>();
        decoder.decode(window, p -> frames.add(Frame.of(p)));
        decoder.finish(window);
        return frames;
    }

    static List<Frame> decode(String name) {
        try {
            return decode(bytes(name));
        } catch (CaptureFormatException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /**
     * Decodes a file fed in windows cut at the given offsets, the way a file reader does: the bytes
     * the decoder did not consume are kept and the next chunk is appended.
     */
    static List<Frame> decodeInChunks(byte[] file, int... cuts) throws CaptureFormatException {
        CaptureDecoder decoder = new CaptureDecoder();
        List<Frame> frames = new ArrayList<>();
        ByteBuffer window = ByteBuffer.allocate(file.length);
        window.flip();
        int fed = 0;
        int[] ends = Arrays.copyOf(cuts, cuts.length + 1);
        ends[cuts.length] = file.length;
        for (int end : ends) {
            window.compact();
            window.put(file, fed, end - fed);
            window.flip();
            fed = end;
            assert decoder.offset() == fed - window.remaining();
            decoder.decode(window, p -> frames.add(Frame.of(p)));
        }
        decoder.finish(window);
        return frames;
    }
}
