package io.pptp4j.linux.capture;

import java.io.IOException;

/**
 * A capture file that could not be read to its end, with a one-line message that names the file and,
 * where there is one, the offset: {@code trace.pcap: not a pcap or pcapng file: first bytes 48 54 54 50},
 * {@code trace.pcap: pcap: Captured Packet Length at offset 1234: expected at most 262144, found 4000000}.
 *
 * <p>The packets before the fault have been handed over by then ({@link #packetsDelivered()}); a file
 * cut short in its last record ({@link #truncated()}) is the common case of a capture copied while it
 * was being written, which a caller may take as a warning.
 */
public final class CaptureFileException extends IOException {
    private final long offset;
    private final boolean truncated;
    private final long packetsDelivered;

    CaptureFileException(String message, long offset, boolean truncated, long packetsDelivered, Throwable cause) {
        super(message, cause);
        this.offset = offset;
        this.truncated = truncated;
        this.packetsDelivered = packetsDelivered;
    }

    /** Offset in the file of the fault; -1 when the file could not be opened. */
    public long offset() { return offset; }

    /** Whether the file ends in the middle of a record (every whole packet before it was delivered). */
    public boolean truncated() { return truncated; }

    public long packetsDelivered() { return packetsDelivered; }
}
