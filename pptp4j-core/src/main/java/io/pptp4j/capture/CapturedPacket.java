package io.pptp4j.capture;

import java.time.Instant;
import java.util.Arrays;

/**
 * One packet record of a capture file, as a reusable view: {@link CaptureDecoder} fills the same
 * instance for every packet, and its bytes are those of the decoder's current window. Read what you
 * need in the callback and copy what you keep ({@link #copyData()}); the next packet overwrites it.
 */
public final class CapturedPacket {
    long frameNumber;
    long timestampNanos;
    int originalLength;
    int capturedLength;
    int linkType;
    int interfaceId;
    byte[] data;
    int dataOffset;
    long recordOffset;

    public CapturedPacket() {}

    /** A packet view over {@code data[offset, offset + capturedLength)}, for tests and other sources. */
    public CapturedPacket set(long frameNumber, long timestampNanos, int linkType, byte[] data, int offset,
                              int capturedLength, int originalLength) {
        this.frameNumber = frameNumber;
        this.timestampNanos = timestampNanos;
        this.linkType = linkType;
        this.data = data;
        this.dataOffset = offset;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
        this.interfaceId = 0;
        this.recordOffset = -1;
        return this;
    }

    /** 1-based position of the packet in the file, counting packet records only, as Wireshark numbers frames. */
    public long frameNumber() { return frameNumber; }

    /** Capture time in nanoseconds since 1970-01-01T00:00:00Z. */
    public long timestampNanos() { return timestampNanos; }

    /** Length of the packet on the wire; more than {@link #capturedLength()} when the snapshot length cut it. */
    public int originalLength() { return originalLength; }

    public int capturedLength() { return capturedLength; }

    /** The LINKTYPE_ value of the packet's interface ({@link LinkType}). */
    public int linkType() { return linkType; }

    /** The pcapng interface the packet was captured on within its section; 0 for pcap. */
    public int interfaceId() { return interfaceId; }

    /** The array holding the captured bytes at {@link #dataOffset()}; shared, do not keep or change it. */
    public byte[] data() { return data; }

    public int dataOffset() { return dataOffset; }

    /** Offset in the file of the record (pcap record header or pcapng block); -1 when not from a file. */
    public long recordOffset() { return recordOffset; }

    public Instant timestamp() {
        return Instant.ofEpochSecond(Math.floorDiv(timestampNanos, 1_000_000_000L), Math.floorMod(timestampNanos, 1_000_000_000L));
    }

    /** A copy of the captured bytes. */
    public byte[] copyData() { return Arrays.copyOfRange(data, dataOffset, dataOffset + capturedLength); }

    @Override
    public String toString() {
        return "frame " + frameNumber + " " + timestamp() + " " + capturedLength + "/" + originalLength + " bytes, link "
                + LinkType.describe(linkType);
    }
}
