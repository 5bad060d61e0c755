package io.pptp4j.capture;

import io.pptp4j.wire.Hex;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes the records of a pcap or pcapng file from a window of its bytes, one packet at a time, so
 * that a reader can feed the file chunk by chunk. Pure: no I/O.
 *
 * <p>The caller hands {@link #next(ByteBuffer)} a window whose position is at the first byte the
 * decoder has not consumed yet (offset {@link #offset()} in the file). Each call consumes whole
 * records only: it either fills {@link #packet()} and moves the position past the packet's record
 * ({@link Status#PACKET}), or leaves the position at the start of a record that does not fit
 * ({@link Status#NEED_MORE}; {@link #bytesNeeded()} says how many bytes from the position that record
 * takes). Blocks that carry no packet (section and interface descriptions, statistics, name
 * resolution, unknown types) are consumed along the way. At the end of the file, {@link #finish}
 * says whether the file ended cleanly.
 *
 * <p>The packet view points into the window's array when it has one (no copy); a direct or mapped
 * window is copied into a scratch array that the decoder reuses.
 *
 * <h2>pcap (draft-ietf-opsawg-pcap section 4, 5)</h2>
 * <pre>
 *  File Header (24 octets)                       Packet Record (16 octets + data)
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          Magic Number                         |   Timestamp (Seconds)
 * |         Major Version         |         Minor Version         |   Timestamp (Microseconds or nanoseconds)
 * |                           Reserved1                           |   Captured Packet Length
 * |                           Reserved2                           |   Original Packet Length
 * |                            SnapLen                            |   Packet Data ...
 * |                  LinkType and additional information          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The magic number, read in the writer's byte order, is 0xA1B2C3D4 (microseconds) or 0xA1B23C4D
 * (nanoseconds); read swapped it says the file is in the other byte order.
 *
 * <h2>pcapng (draft-ietf-opsawg-pcapng section 3, 4)</h2>
 * <pre>
 * +---------------------------------------------------------------+
 * |                      Block Type                               |
 * |                      Block Total Length                       |
 * /                      Block Body (padded to 32 bits)           /
 * |                      Block Total Length                       |
 * +---------------------------------------------------------------+
 * </pre>
 * A Section Header Block (type 0x0A0D0D0A) starts each section; its Byte-Order Magic 0x1A2B3C4D gives
 * the byte order of the section. Interface Description Blocks (1) are numbered from 0 in each section
 * and give the link type, snap length and the if_tsresol / if_tsoffset options. Packets come in
 * Enhanced Packet Blocks (6), Simple Packet Blocks (3, interface 0, no timestamp) and the obsolete
 * Packet Block (2). Systemd Journal Export Blocks (9) and Custom Blocks (0x00000BAD, 0x40000BAD) are
 * skipped but counted as frames, as Wireshark numbers them; other blocks are skipped by their length.
 */
public final class CaptureDecoder {

    /** What {@link #next(ByteBuffer)} did. */
    public enum Status {
        /** A packet record was consumed and {@link #packet()} describes it. */
        PACKET,
        /** The window ends inside the next record; give more bytes from the same position. */
        NEED_MORE
    }

    /** Wireshark's limit for a packet of the common link types; a pcap record may hold up to the larger of this and SnapLen. */
    public static final int STANDARD_MAX_PACKET = 262_144;
    /** The largest record or block accepted, so that a corrupt length cannot ask for gigabytes. */
    public static final int MAX_RECORD_LENGTH = 64 << 20;

    static final int PCAP_FILE_HEADER = 24;
    static final int PCAP_RECORD_HEADER = 16;

    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 1;
    private static final int PB = 2;
    private static final int SPB = 3;
    private static final int EPB = 6;
    private static final int SYSTEMD_JOURNAL_EXPORT = 9;
    private static final int CUSTOM = 0x00000BAD;
    private static final int CUSTOM_NOT_COPIED = 0x40000BAD;
    private static final int OPT_ENDOFOPT = 0;
    private static final int IF_TSRESOL = 9;
    private static final int IF_TSOFFSET = 14;

    private enum State { MAGIC, PCAP_FILE_HEADER, PCAP_RECORDS, PCAPNG_BLOCKS }

    private final CapturedPacket packet = new CapturedPacket();
    private State state = State.MAGIC;
    private CaptureFormat format;
    private long offset;
    private long frames;
    private int needed;
    private String neededRecord = "File Header";
    private ByteOrder order = ByteOrder.BIG_ENDIAN;
    private byte[] scratch = new byte[0];

    // pcap
    private boolean nanosecondResolution;
    private long snapLen;
    private int pcapLinkType;
    private long maxCapturedLength;

    // pcapng: the interfaces of the current section
    private PcapngInterface[] interfaces = new PcapngInterface[4];
    private int interfaceCount;
    private int sections;
    private long otherRecords;

    public CaptureDecoder() {}

    /**
     * Consumes the next packet record of the window, or says that it does not fit.
     *
     * @throws CaptureFormatException the bytes are not a capture file or contradict the format
     */
    public Status next(ByteBuffer window) throws CaptureFormatException {
        for (;;) {
            int pos = window.position();
            int available = window.remaining();
            switch (state) {
                case MAGIC -> {
                    if (available < 4) {
                        return needMore(4, "File Header");
                    }
                    readMagic(window, pos);
                }
                case PCAP_FILE_HEADER -> {
                    if (available < PCAP_FILE_HEADER) {
                        return needMore(PCAP_FILE_HEADER, "File Header");
                    }
                    readPcapFileHeader(window, pos);
                    advance(window, PCAP_FILE_HEADER);
                    state = State.PCAP_RECORDS;
                }
                case PCAP_RECORDS -> {
                    return pcapRecord(window, pos, available);
                }
                case PCAPNG_BLOCKS -> {
                    if (pcapngBlock(window, pos, available)) {
                        return Status.PACKET;
                    }
                    if (window.position() == pos) {
                        return Status.NEED_MORE;
                    }
                }
            }
        }
    }

    /**
     * Decodes every whole packet record in the window, handing each to {@code handler}; returns the
     * number of packets. The window's position is left at the first record that does not fit.
     */
    public long decode(ByteBuffer window, PacketHandler handler) throws CaptureFormatException {
        long n = 0;
        while (next(window) == Status.PACKET) {
            handler.packet(packet);
            n++;
        }
        return n;
    }

    /**
     * Says whether the file may end here: {@code window} holds what is left of the file after
     * {@link #next} answered {@link Status#NEED_MORE} with no more bytes to come.
     *
     * @throws CaptureFormatException the file is empty, not a capture file, or cut inside a record
     */
    public void finish(ByteBuffer window) throws CaptureFormatException {
        int left = window.remaining();
        if (state == State.MAGIC) {
            byte[] first = new byte[Math.min(left, 4)];
            window.get(window.position(), first);
            throw CaptureFormatException.notCaptureFile(first);
        }
        if (left == 0 && state != State.PCAP_FILE_HEADER) {
            return;
        }
        String context = format.displayName();
        if (left >= needed) {
            // next() was not called up to NEED_MORE: there is no way to tell, so be loud about it
            throw new IllegalStateException("finish() with " + left + " bytes left and a whole record of " + needed);
        }
        throw CaptureFormatException.truncated(context, neededRecord, offset, needed, left);
    }

    /** The packet filled by the last {@link Status#PACKET}; the same instance every time. */
    public CapturedPacket packet() { return packet; }

    /** The file's format once its first bytes were seen, else null. */
    public CaptureFormat format() { return format; }

    /** Offset in the file of the next byte to consume: where the window's position must be. */
    public long offset() { return offset; }

    /** Frame numbers given so far: the frame number of the last packet, or of a later {@link #otherRecords()} record. */
    public long frames() { return frames; }

    /** After {@link Status#NEED_MORE}: how many bytes, from the window's position, the pending record takes. */
    public int bytesNeeded() { return needed; }

    /**
     * pcapng blocks that are not packets but that Wireshark numbers as frames (systemd Journal Export,
     * Custom Blocks): they take a frame number, so packet frame numbers keep matching Wireshark's.
     */
    public long otherRecords() { return otherRecords; }

    /** Number of pcapng sections seen so far (0 for pcap). */
    public int sections() { return sections; }

    private Status needMore(int bytes, String record) {
        needed = bytes;
        neededRecord = record;
        return Status.NEED_MORE;
    }

    private void advance(ByteBuffer window, int length) {
        window.position(window.position() + length);
        offset += length;
    }

    private void readMagic(ByteBuffer w, int pos) throws CaptureFormatException {
        int b0 = w.get(pos) & 0xFF;
        int b1 = w.get(pos + 1) & 0xFF;
        int b2 = w.get(pos + 2) & 0xFF;
        int b3 = w.get(pos + 3) & 0xFF;
        format = CaptureFormat.of(b0, b1, b2, b3).orElse(null);
        if (format == null) {
            throw CaptureFormatException.notCaptureFile(new byte[] {(byte) b0, (byte) b1, (byte) b2, (byte) b3});
        }
        state = format == CaptureFormat.PCAP ? State.PCAP_FILE_HEADER : State.PCAPNG_BLOCKS;
    }

    // ---------------------------------------------------------------- pcap

    private void readPcapFileHeader(ByteBuffer w, int pos) throws CaptureFormatException {
        int magic = (w.get(pos) & 0xFF) << 24 | (w.get(pos + 1) & 0xFF) << 16 | (w.get(pos + 2) & 0xFF) << 8 | (w.get(pos + 3) & 0xFF);
        switch (magic) {
            case CaptureFormat.PcapMagic.MICROS -> { order = ByteOrder.BIG_ENDIAN; nanosecondResolution = false; }
            case CaptureFormat.PcapMagic.MICROS_SWAPPED -> { order = ByteOrder.LITTLE_ENDIAN; nanosecondResolution = false; }
            case CaptureFormat.PcapMagic.NANOS -> { order = ByteOrder.BIG_ENDIAN; nanosecondResolution = true; }
            default -> { order = ByteOrder.LITTLE_ENDIAN; nanosecondResolution = true; }
        }
        int major = u16(w, pos + 4);
        if (major != 2) {
            throw CaptureFormatException.field("pcap", "Major Version", offset + 4, "2", Integer.toString(major));
        }
        snapLen = u32(w, pos + 16);
        // draft-ietf-opsawg-pcap 4: the upper bits of this field carry FCS information
        pcapLinkType = u16Low(w, pos + 20);
        maxCapturedLength = Math.min(Math.max(snapLen, STANDARD_MAX_PACKET), MAX_RECORD_LENGTH - PCAP_RECORD_HEADER);
    }

    private Status pcapRecord(ByteBuffer w, int pos, int available) throws CaptureFormatException {
        if (available < PCAP_RECORD_HEADER) {
            return needMore(PCAP_RECORD_HEADER, "Packet Record of frame " + (frames + 1));
        }
        long capturedLength = u32(w, pos + 8);
        if (capturedLength > maxCapturedLength) {
            throw CaptureFormatException.field("pcap", "Captured Packet Length", offset + 8,
                    "at most " + maxCapturedLength, Long.toString(capturedLength));
        }
        int recordLength = PCAP_RECORD_HEADER + (int) capturedLength;
        if (available < recordLength) {
            return needMore(recordLength, "Packet Record of frame " + (frames + 1));
        }
        long seconds = u32(w, pos);
        long fraction = u32(w, pos + 4);
        long originalLength = u32(w, pos + 12);
        packet.frameNumber = ++frames;
        packet.timestampNanos = seconds * 1_000_000_000L + (nanosecondResolution ? fraction : fraction * 1_000L);
        packet.originalLength = (int) Math.min(originalLength, Integer.MAX_VALUE);
        packet.linkType = pcapLinkType;
        packet.interfaceId = 0;
        packet.recordOffset = offset;
        setData(w, pos + PCAP_RECORD_HEADER, (int) capturedLength);
        advance(w, recordLength);
        return Status.PACKET;
    }

    // ---------------------------------------------------------------- pcapng

    /** True when a packet was consumed; else the position moved past a non-packet block, or did not move (need more). */
    private boolean pcapngBlock(ByteBuffer w, int pos, int available) throws CaptureFormatException {
        if (available < 8) {
            needMore(8, "Block Header");
            return false;
        }
        int type = w.getInt(pos); // 0x0A0D0D0A reads the same in both orders
        if (type == SHB) {
            if (available < 12) {
                needMore(12, "Section Header Block");
                return false;
            }
            int bom = w.get(pos + 8) & 0xFF;
            int magic = bom << 24 | (w.get(pos + 9) & 0xFF) << 16 | (w.get(pos + 10) & 0xFF) << 8 | (w.get(pos + 11) & 0xFF);
            if (magic == 0x1A2B3C4D) {
                order = ByteOrder.BIG_ENDIAN;
            } else if (magic == 0x4D3C2B1A) {
                order = ByteOrder.LITTLE_ENDIAN;
            } else {
                throw CaptureFormatException.field("pcapng", "Byte-Order Magic", offset + 8, "0x1A2B3C4D or 0x4D3C2B1A", Hex.u32(magic));
            }
        } else {
            type = i32(w, pos);
        }
        long length = u32(w, pos + 4);
        if (length % 4 != 0 || length < 12) {
            throw CaptureFormatException.field("pcapng", "Block Total Length", offset + 4, "a multiple of 4, at least 12",
                    Long.toString(length));
        }
        if (length > MAX_RECORD_LENGTH) {
            throw CaptureFormatException.field("pcapng", "Block Total Length", offset + 4, "at most " + MAX_RECORD_LENGTH,
                    Long.toString(length));
        }
        int len = (int) length;
        if (available < len) {
            needMore(len, blockName(type));
            return false;
        }
        long trailer = u32(w, pos + len - 4);
        if (trailer != length) {
            throw CaptureFormatException.field("pcapng", "Block Total Length (trailer)", offset + len - 4,
                    length + " as at offset " + (offset + 4), Long.toString(trailer));
        }
        boolean isPacket = switch (type) {
            case SHB -> { sectionHeader(w, pos, len); yield false; }
            case IDB -> { interfaceDescription(w, pos, len); yield false; }
            case EPB -> { enhancedPacket(w, pos, len); yield true; }
            case SPB -> { simplePacket(w, pos, len); yield true; }
            case PB -> { obsoletePacket(w, pos, len); yield true; }
            case SYSTEMD_JOURNAL_EXPORT, CUSTOM, CUSTOM_NOT_COPIED -> {
                // Wireshark lists these as records of their own and gives them frame numbers
                frames++;
                otherRecords++;
                yield false;
            }
            default -> false;
        };
        advance(w, len);
        return isPacket;
    }

    private String blockName(int type) {
        return switch (type) {
            case SHB -> "Section Header Block";
            case IDB -> "Interface Description Block";
            case EPB -> "Enhanced Packet Block of frame " + (frames + 1);
            case SPB -> "Simple Packet Block of frame " + (frames + 1);
            case PB -> "Packet Block of frame " + (frames + 1);
            default -> "Block of type " + Hex.u32(type);
        };
    }

    private void minimumLength(String block, int len, int minimum) throws CaptureFormatException {
        if (len < minimum) {
            throw CaptureFormatException.field("pcapng", block + " Total Length", offset + 4, "at least " + minimum,
                    Integer.toString(len));
        }
    }

    private void sectionHeader(ByteBuffer w, int pos, int len) throws CaptureFormatException {
        minimumLength("Section Header Block", len, 28);
        int major = u16(w, pos + 12);
        if (major != 1) {
            throw CaptureFormatException.field("pcapng", "Major Version", offset + 12, "1", Integer.toString(major));
        }
        sections++;
        interfaceCount = 0;
    }

    private void interfaceDescription(ByteBuffer w, int pos, int len) throws CaptureFormatException {
        minimumLength("Interface Description Block", len, 20);
        PcapngInterface iface = new PcapngInterface(u16(w, pos + 8), u32(w, pos + 12));
        int p = pos + 16;
        int end = pos + len - 4;
        while (p + 4 <= end) {
            int code = u16(w, p);
            int optionLength = u16(w, p + 2);
            if (code == OPT_ENDOFOPT) {
                break;
            }
            if (optionLength > end - p - 4) {
                throw CaptureFormatException.field("pcapng", "Option Length", offset + (p + 2 - pos),
                        "at most " + (end - p - 4), Integer.toString(optionLength));
            }
            if (code == IF_TSRESOL && optionLength >= 1) {
                iface.resolution(w.get(p + 4) & 0xFF);
            } else if (code == IF_TSOFFSET && optionLength == 8) {
                boolean bigEndian = order == ByteOrder.BIG_ENDIAN;
                long high = i32(w, bigEndian ? p + 4 : p + 8);
                long low = u32(w, bigEndian ? p + 8 : p + 4);
                iface.offsetSeconds = high << 32 | low;
            }
            p += 4 + ((optionLength + 3) & ~3);
        }
        if (interfaceCount == interfaces.length) {
            interfaces = Arrays.copyOf(interfaces, interfaceCount * 2);
        }
        interfaces[interfaceCount++] = iface;
    }

    private PcapngInterface iface(long id, int fieldOffset) throws CaptureFormatException {
        if (id >= interfaceCount) {
            throw CaptureFormatException.field("pcapng", "Interface ID", offset + fieldOffset,
                    interfaceCount == 0 ? "an Interface Description Block before the packet"
                            : "below " + interfaceCount + " (interfaces described in this section)",
                    Long.toString(id));
        }
        return interfaces[(int) id];
    }

    private void enhancedPacket(ByteBuffer w, int pos, int len) throws CaptureFormatException {
        minimumLength("Enhanced Packet Block", len, 32);
        timestampedPacket(w, pos, len, u32(w, pos + 8));
    }

    private void obsoletePacket(ByteBuffer w, int pos, int len) throws CaptureFormatException {
        minimumLength("Packet Block", len, 32);
        timestampedPacket(w, pos, len, u16(w, pos + 8));
    }

    /** Enhanced Packet Block and Packet Block share their layout after the interface ID. */
    private void timestampedPacket(ByteBuffer w, int pos, int len, long interfaceId) throws CaptureFormatException {
        PcapngInterface iface = iface(interfaceId, 8);
        long capturedLength = u32(w, pos + 20);
        if (capturedLength > len - 32) {
            throw CaptureFormatException.field("pcapng", "Captured Packet Length", offset + 20,
                    "at most " + (len - 32) + " (Block Total Length " + len + ")", Long.toString(capturedLength));
        }
        long units = u32(w, pos + 12) << 32 | u32(w, pos + 16);
        packet.frameNumber = ++frames;
        packet.timestampNanos = iface.nanos(units);
        packet.originalLength = (int) Math.min(u32(w, pos + 24), Integer.MAX_VALUE);
        packet.linkType = iface.linkType;
        packet.interfaceId = (int) interfaceId;
        packet.recordOffset = offset;
        setData(w, pos + 28, (int) capturedLength);
    }

    private void simplePacket(ByteBuffer w, int pos, int len) throws CaptureFormatException {
        minimumLength("Simple Packet Block", len, 16);
        PcapngInterface iface = iface(0, 0);
        long originalLength = u32(w, pos + 8);
        // pcapng 4.4: the captured length is the smaller of the original length and the snap length
        long capturedLength = Math.min(originalLength, len - 16);
        if (iface.snapLen > 0) {
            capturedLength = Math.min(capturedLength, iface.snapLen);
        }
        packet.frameNumber = ++frames;
        packet.timestampNanos = 0;
        packet.originalLength = (int) Math.min(originalLength, Integer.MAX_VALUE);
        packet.linkType = iface.linkType;
        packet.interfaceId = 0;
        packet.recordOffset = offset;
        setData(w, pos + 12, (int) capturedLength);
    }

    // ---------------------------------------------------------------- bytes

    private void setData(ByteBuffer w, int index, int length) {
        packet.capturedLength = length;
        if (w.hasArray()) {
            packet.data = w.array();
            packet.dataOffset = w.arrayOffset() + index;
        } else {
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, Math.min(scratch.length * 2, MAX_RECORD_LENGTH))];
            }
            w.get(index, scratch, 0, length);
            packet.data = scratch;
            packet.dataOffset = 0;
        }
    }

    private int i32(ByteBuffer w, int i) {
        int v = w.getInt(i);
        return w.order() == order ? v : Integer.reverseBytes(v);
    }

    private long u32(ByteBuffer w, int i) { return i32(w, i) & 0xFFFFFFFFL; }

    private int u16(ByteBuffer w, int i) {
        short v = w.getShort(i);
        return (w.order() == order ? v : Short.reverseBytes(v)) & 0xFFFF;
    }

    /** The low 16 bits of the 32-bit field at {@code i}. */
    private int u16Low(ByteBuffer w, int i) { return i32(w, i) & 0xFFFF; }

    /** An interface of a pcapng section: link type, snap length and how to read its timestamps. */
    private static final class PcapngInterface {
        final int linkType;
        final long snapLen;
        /** Timestamps count 10^-exponent seconds, or 2^-exponent when binary (if_tsresol). */
        int exponent = 6;
        boolean binary;
        long offsetSeconds;

        PcapngInterface(int linkType, long snapLen) {
            this.linkType = linkType;
            this.snapLen = snapLen;
        }

        void resolution(int tsresol) {
            binary = (tsresol & 0x80) != 0;
            exponent = tsresol & 0x7F;
        }

        long nanos(long units) {
            long n;
            if (!binary) {
                if (exponent == 9) {
                    n = units;
                } else if (exponent < 9) {
                    n = units * POWERS_OF_TEN[9 - exponent];
                } else {
                    n = exponent - 9 < POWERS_OF_TEN.length ? Long.divideUnsigned(units, POWERS_OF_TEN[exponent - 9]) : 0;
                }
            } else if (exponent == 0) {
                n = units * 1_000_000_000L;
            } else {
                long whole = exponent >= 64 ? 0 : units >>> exponent;
                long fraction = exponent >= 64 ? units : units & ((1L << exponent) - 1);
                long lo = fraction * 1_000_000_000L;
                long hi = Math.unsignedMultiplyHigh(fraction, 1_000_000_000L);
                long fractionNanos = exponent >= 64 ? (exponent >= 128 ? 0 : hi >>> (exponent - 64))
                        : (hi << (64 - exponent)) | (lo >>> exponent);
                n = whole * 1_000_000_000L + fractionNanos;
            }
            return n + offsetSeconds * 1_000_000_000L;
        }

        private static final long[] POWERS_OF_TEN = {
            1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
            10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
            1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L
        };
    }
}
