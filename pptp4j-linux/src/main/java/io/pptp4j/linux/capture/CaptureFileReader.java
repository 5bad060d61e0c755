package io.pptp4j.linux.capture;

import io.pptp4j.capture.CaptureDecoder;
import io.pptp4j.capture.CaptureFormatException;
import io.pptp4j.capture.PacketHandler;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a pcap or pcapng file of any size (past 2 GiB too) through a {@link FileChannel}, a window at a
 * time, and hands each packet to a {@link PacketHandler} as the {@link CaptureDecoder}'s reusable view.
 * Memory stays bounded by the window (and by the largest record, which a window grows to hold).
 *
 * <p>Two ways to fill the window: {@link Mode#READ} reads into one reused heap array, so that packets
 * are views of it without a copy; {@link Mode#MAP} maps the file a window at a time (unmapped when the
 * window is done), and the decoder copies each packet out into its scratch array. Measured on a 207 MB
 * file (the RRAS capture 180 times over, 825,660 packets, in the page cache; {@code CaptureReadBenchmark}
 * in the tests), decoding and dissecting every packet: READ with 512 KiB to 2 MiB windows 43 ms
 * (4.8 GB/s), READ with 8 MiB 67 ms, with 64 MiB 84 ms, MAP with 64 MiB 125 ms. Windows that stay in
 * the CPU caches win; hence {@link #DEFAULT_WINDOW}. (tshark -T fields -e frame.number
 * takes 21 s over the same file.)
 *
 * <pre>{@code
 * Dissection d = new Dissection();
 * TcpReassembler tcp = new TcpReassembler();
 * CaptureFileReader.read(path, packet -> tcp.segment(PacketDissector.dissect(packet, d), sink));
 * tcp.finish(sink);
 * }</pre>
 */
public final class CaptureFileReader {

    /** How the reader gets the file's bytes. */
    public enum Mode {
        /** Large reads into one reused heap buffer; packets point into it. */
        READ,
        /** Memory-mapped windows; packets are copied out of them. */
        MAP
    }

    public static final int DEFAULT_WINDOW = 1 << 20;
    public static final int DEFAULT_MAP_WINDOW = 64 << 20;

    private final Mode mode;
    private final int windowSize;

    /** A reader of {@link Mode#READ} with {@link #DEFAULT_WINDOW} windows. */
    public CaptureFileReader() { this(Mode.READ, DEFAULT_WINDOW); }

    /** @param windowSize bytes per window, at least 64; a window grows when one record needs more */
    public CaptureFileReader(Mode mode, int windowSize) {
        if (windowSize < 64) {
            throw new IllegalArgumentException("a window of at least 64 bytes, not " + windowSize);
        }
        this.mode = mode;
        this.windowSize = windowSize;
    }

    /** Reads {@code file} with a default reader. */
    public static CaptureSummary read(Path file, PacketHandler handler) throws CaptureFileException {
        return new CaptureFileReader().readFile(file, handler);
    }

    /**
     * Hands every packet of {@code file} to {@code handler}, in file order.
     *
     * @throws CaptureFileException the file cannot be opened or read, is not a capture file, is
     *                              corrupt or ends inside a record; packets before that were delivered
     */
    public CaptureSummary readFile(Path file, PacketHandler handler) throws CaptureFileException {
        CaptureDecoder decoder = new CaptureDecoder();
        long size;
        try (FileChannel channel = open(file)) {
            size = channel.size();
            if (mode == Mode.MAP) {
                readMapped(channel, size, decoder, handler);
            } else {
                readWindows(channel, decoder, handler);
            }
        } catch (CaptureFormatException e) {
            throw new CaptureFileException(file + ": " + e.getMessage(), e.offset(), e.truncated(), packets(decoder), e);
        } catch (CaptureFileException e) {
            throw e;
        } catch (IOException e) {
            throw new CaptureFileException(file + ": read error at offset " + decoder.offset() + ": " + e.getMessage(),
                    decoder.offset(), false, packets(decoder), e);
        }
        return new CaptureSummary(file, decoder.format(), packets(decoder), size);
    }

    private static long packets(CaptureDecoder decoder) { return decoder.frames() - decoder.otherRecords(); }

    private static FileChannel open(Path file) throws CaptureFileException {
        if (Files.isDirectory(file)) {
            throw new CaptureFileException(file + ": is a directory, not a capture file", -1, false, 0, null);
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new CaptureFileException(file + ": no such file", -1, false, 0, e);
        } catch (AccessDeniedException e) {
            throw new CaptureFileException(file + ": permission denied", -1, false, 0, e);
        } catch (IOException e) {
            throw new CaptureFileException(file + ": cannot open: " + e.getMessage(), -1, false, 0, e);
        }
    }

    private void readWindows(FileChannel channel, CaptureDecoder decoder, PacketHandler handler)
            throws IOException, CaptureFormatException {
        ByteBuffer window = ByteBuffer.allocate(windowSize);
        window.flip();
        boolean endOfFile = false;
        for (;;) {
            decoder.decode(window, handler);
            if (endOfFile) {
                decoder.finish(window);
                return;
            }
            int needed = decoder.bytesNeeded();
            if (needed > window.capacity()) {
                window = ByteBuffer.allocate(needed).put(window); // one record longer than the window
            } else {
                window.compact();
            }
            while (window.hasRemaining()) {
                if (channel.read(window) < 0) {
                    endOfFile = true;
                    break;
                }
            }
            window.flip();
        }
    }

    private void readMapped(FileChannel channel, long size, CaptureDecoder decoder, PacketHandler handler)
            throws IOException, CaptureFormatException {
        long mapSize = windowSize;
        for (;;) {
            long start = decoder.offset();
            long length = Math.min(mapSize, size - start);
            try (Arena arena = Arena.ofConfined()) {
                ByteBuffer window = length == 0 ? ByteBuffer.allocate(0)
                        : channel.map(FileChannel.MapMode.READ_ONLY, start, length, arena).asByteBuffer();
                decoder.decode(window, handler);
                if (start + length == size) {
                    decoder.finish(window);
                    return;
                }
                if (decoder.offset() == start) {
                    // the record at the start of the window is longer than the window
                    mapSize = Math.max(mapSize, decoder.bytesNeeded());
                }
            }
        }
    }
}
