package io.pptp4j.gre;

import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import io.pptp4j.wire.Layer;
import java.util.OptionalLong;

/**
 * Decodes and encodes PPTP GRE packets (RFC 2637 section 4.1; GRE itself is RFC 1701 and RFC 1702).
 * The field layout is drawn on {@link GreHeader}.
 *
 * <p>The input is the IP payload, whose exact size the IP header gives, so the Payload Length can be
 * checked against the bytes that follow the header.
 *
 * <ul>
 *   <li>Both modes refuse C=1, R=1 and K=0: they would add or remove fields (Checksum and Offset,
 *       Routing, the Key that holds Payload Length and Call ID), and PPTP never sends them.
 *   <li>{@link DecodeMode#STRICT} also refuses s, Recur or Flags other than 0, Ver other than 1,
 *       Protocol Type other than 0x880B, a Payload Length that differs from the bytes after the
 *       header, a packet without S and A, and an acknowledgment-only packet (S=0) with a payload.
 *   <li>{@link DecodeMode#LENIENT} keeps those values as received, takes Payload Length bytes when
 *       more follow (and ignores the rest), and takes what is there when fewer follow
 *       ({@link GrePacket#truncated()}).
 * </ul>
 */
public final class GreCodec {
    private static final String CONTEXT = "GRE";

    private GreCodec() {}

    public static GrePacket decode(byte[] packet, DecodeMode mode) throws DecodeException {
        return decode(ByteReader.of(packet, Layer.GRE, CONTEXT), mode);
    }

    /** Reads the header and the payload from the rest of {@code r}. */
    public static GrePacket decode(ByteReader r, DecodeMode mode) throws DecodeException {
        int flagsOffset = r.offset();
        int flagsAndVersion = r.u16("Flags and Version");
        int secondOctet = flagsOffset + 1;
        // RFC 2637 4.1: C, R and K are fixed; any other value moves the fields after them (RFC 1701)
        requireBit(r, flagsAndVersion, GreHeader.BIT_CHECKSUM, false, flagsOffset, "Checksum Present");
        requireBit(r, flagsAndVersion, GreHeader.BIT_ROUTING, false, flagsOffset, "Routing Present");
        requireBit(r, flagsAndVersion, GreHeader.BIT_KEY, true, flagsOffset, "Key Present");
        boolean sequencePresent = (flagsAndVersion & GreHeader.BIT_SEQUENCE) != 0;
        boolean strictSourceRoute = (flagsAndVersion & GreHeader.BIT_STRICT_SOURCE_ROUTE) != 0;
        int recursionControl = (flagsAndVersion >>> 8) & 0x7;
        boolean ackPresent = (flagsAndVersion & GreHeader.BIT_ACK) != 0;
        int flags = (flagsAndVersion >>> 3) & 0xF;
        int version = flagsAndVersion & 0x7;
        if (mode.strict()) {
            requireValue(r, flagsOffset, "Strict Source Route", 0, strictSourceRoute ? 1 : 0);
            requireValue(r, flagsOffset, "Recursion Control", 0, recursionControl);
            requireValue(r, secondOctet, "Flags", 0, flags);
            requireValue(r, secondOctet, "Version", GreHeader.VERSION_ENHANCED, version);
            if (!sequencePresent && !ackPresent) {
                throw r.errorAt(secondOctet, "Acknowledgment Present",
                        "1 in a packet without Sequence Number", "0");
            }
        }
        int protocolOffset = r.offset();
        int protocolType = r.u16("Protocol Type");
        if (mode.strict() && protocolType != GreHeader.PROTOCOL_PPP) {
            throw r.errorAt(protocolOffset, "Protocol Type", Hex.u16(GreHeader.PROTOCOL_PPP), Hex.u16(protocolType));
        }
        int lengthOffset = r.offset();
        int payloadLength = r.u16("Payload Length");
        int callId = r.u16("Call ID");
        OptionalLong sequenceNumber = sequencePresent ? OptionalLong.of(r.u32("Sequence Number")) : OptionalLong.empty();
        OptionalLong ackNumber = ackPresent ? OptionalLong.of(r.u32("Acknowledgment Number")) : OptionalLong.empty();
        GreHeader header = new GreHeader(strictSourceRoute, recursionControl, flags, version, protocolType,
                payloadLength, callId, sequenceNumber, ackNumber);

        Bytes payload;
        if (mode.strict()) {
            if (!sequencePresent && payloadLength != 0) {
                // RFC 2637 4.1: S=0 means "payload is not present (GRE packet is an Acknowledgment only)"
                throw r.errorAt(lengthOffset, "Payload Length", "0 in an acknowledgment-only packet",
                        Integer.toString(payloadLength));
            }
            if (!sequencePresent) {
                r.expectEnd("Payload");
            } else if (payloadLength != r.remaining()) {
                throw r.errorAt(lengthOffset, "Payload Length", Integer.toString(r.remaining()),
                        Integer.toString(payloadLength));
            }
            payload = r.byteString(payloadLength, "Payload");
        } else {
            payload = r.byteString(Math.min(payloadLength, r.remaining()), "Payload");
            r.rest(Layer.GRE, CONTEXT); // beyond the Payload Length: ignored
        }
        return new GrePacket(header, payload);
    }

    private static void requireBit(ByteReader r, int word, int bit, boolean set, int offset, String field)
            throws DecodeException {
        boolean isSet = (word & bit) != 0;
        if (isSet != set) {
            throw r.errorAt(offset, field, set ? "1" : "0", isSet ? "1" : "0");
        }
    }

    private static void requireValue(ByteReader r, int offset, String field, int expected, int found)
            throws DecodeException {
        if (found != expected) {
            throw r.errorAt(offset, field, Integer.toString(expected), Integer.toString(found));
        }
    }

    public static byte[] encode(GrePacket packet) {
        ByteWriter w = new ByteWriter(packet.encodedLength());
        encode(packet, w);
        return w.toByteArray();
    }

    public static void encode(GrePacket packet, ByteWriter w) {
        GreHeader h = packet.header();
        w.u16(h.flagsAndVersion()).u16(h.protocolType()).u16(h.payloadLength()).u16(h.callId());
        h.sequenceNumber().ifPresent(w::u32);
        h.ackNumber().ifPresent(w::u32);
        w.bytes(packet.payload());
    }

    /**
     * Writes just the header into {@code dest} at {@code offset}, for a data path that puts the payload
     * right after it in the same buffer; returns {@link GreHeader#headerLength()}.
     */
    public static int encodeHeader(GreHeader h, byte[] dest, int offset) {
        int length = h.headerLength();
        if (offset < 0 || offset + length > dest.length) {
            throw new IndexOutOfBoundsException("GRE header of " + length + " bytes at " + offset + " of " + dest.length);
        }
        int p = offset;
        p = put16(dest, p, h.flagsAndVersion());
        p = put16(dest, p, h.protocolType());
        p = put16(dest, p, h.payloadLength());
        p = put16(dest, p, h.callId());
        if (h.sequencePresent()) {
            p = put32(dest, p, h.sequenceNumber().getAsLong());
        }
        if (h.ackPresent()) {
            p = put32(dest, p, h.ackNumber().getAsLong());
        }
        return p - offset;
    }

    // ---------------------------------------------------------------- in place, for the data path

    /** Flags and Version of a data packet without Acknowledgment Number: K, S, Ver 1 (RFC 2637 4.1). */
    private static final int DATA = GreHeader.BIT_KEY | GreHeader.BIT_SEQUENCE | GreHeader.VERSION_ENHANCED;
    /** The same with an Acknowledgment Number: K, S, A, Ver 1. */
    private static final int DATA_ACK = DATA | GreHeader.BIT_ACK;
    /** An acknowledgment-only packet: K, A, Ver 1. */
    private static final int ACK_ONLY = GreHeader.BIT_KEY | GreHeader.BIT_ACK | GreHeader.VERSION_ENHANCED;

    /**
     * The header length of {@code buf[off, off + len)} when it is a packet {@link DecodeMode#STRICT}
     * accepts in one of the three shapes a peer sends in the steady state: data (12 octets of header),
     * data with an acknowledgment (16), acknowledgment only (12, no payload). Otherwise -1: the packet
     * may still be valid but is for {@link #decode}, which also says what is wrong. Allocates nothing;
     * read the fields with {@link #callIdAt}, {@link #sequenceNumberAt} and {@link #ackNumberAt}.
     */
    public static int steadyStateHeaderLength(byte[] buf, int off, int len) {
        if (len < 12) {
            return -1;
        }
        int flagsAndVersion = get16(buf, off);
        if (get16(buf, off + 2) != GreHeader.PROTOCOL_PPP) {
            return -1;
        }
        int payloadLength = get16(buf, off + 4);
        return switch (flagsAndVersion) {
            case DATA -> payloadLength == len - 12 ? 12 : -1;
            case DATA_ACK -> len >= 16 && payloadLength == len - 16 ? 16 : -1;
            case ACK_ONLY -> len == 12 && payloadLength == 0 ? 12 : -1;
            default -> -1;
        };
    }

    /** The Call ID of the packet at {@code off}. */
    public static int callIdAt(byte[] buf, int off) { return get16(buf, off + 6); }

    /** The Sequence Number of the packet at {@code off}, or -1 when S is clear. */
    public static long sequenceNumberAt(byte[] buf, int off) {
        return (get16(buf, off) & GreHeader.BIT_SEQUENCE) == 0 ? -1 : get32(buf, off + 8);
    }

    /** The Acknowledgment Number of the packet at {@code off}, or -1 when A is clear. */
    public static long ackNumberAt(byte[] buf, int off) {
        int flagsAndVersion = get16(buf, off);
        if ((flagsAndVersion & GreHeader.BIT_ACK) == 0) {
            return -1;
        }
        return get32(buf, off + ((flagsAndVersion & GreHeader.BIT_SEQUENCE) == 0 ? 8 : 12));
    }

    /**
     * Writes the header of a data packet so that it ends at {@code payloadOffset}, where the payload of
     * {@code payloadLength} octets already is; returns the offset where the header starts.
     *
     * @param ackNumber the Acknowledgment Number, or -1 for none
     */
    public static int writeDataHeader(byte[] buf, int payloadOffset, int payloadLength, int callId,
                                      long sequenceNumber, long ackNumber) {
        int headerLength = ackNumber < 0 ? 12 : 16;
        int p = payloadOffset - headerLength;
        if (p < 0 || payloadLength < 0 || payloadLength > 0xFFFF || payloadOffset + payloadLength > buf.length) {
            throw new IndexOutOfBoundsException("GRE header of " + headerLength + " octets before " + payloadOffset
                    + " and " + payloadLength + " octets of payload in " + buf.length);
        }
        int start = p;
        p = put16(buf, p, ackNumber < 0 ? DATA : DATA_ACK);
        p = put16(buf, p, GreHeader.PROTOCOL_PPP);
        p = put16(buf, p, payloadLength);
        p = put16(buf, p, callId);
        p = put32(buf, p, sequenceNumber);
        if (ackNumber >= 0) {
            put32(buf, p, ackNumber);
        }
        return start;
    }

    /**
     * Writes an acknowledgment-only packet (RFC 2637 4.1: S=0, A=1, no payload) at {@code off}; returns
     * its length, 12.
     */
    public static int writeAckOnly(byte[] buf, int off, int callId, long ackNumber) {
        if (off < 0 || off + 12 > buf.length) {
            throw new IndexOutOfBoundsException("an acknowledgment-only packet of 12 octets at " + off + " in " + buf.length);
        }
        int p = put16(buf, off, ACK_ONLY);
        p = put16(buf, p, GreHeader.PROTOCOL_PPP);
        p = put16(buf, p, 0);
        p = put16(buf, p, callId);
        put32(buf, p, ackNumber);
        return 12;
    }

    private static int get16(byte[] b, int p) { return (b[p] & 0xFF) << 8 | b[p + 1] & 0xFF; }

    private static long get32(byte[] b, int p) { return (long) get16(b, p) << 16 | get16(b, p + 2); }

    private static int put16(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 8);
        b[p + 1] = (byte) v;
        return p + 2;
    }

    private static int put32(byte[] b, int p, long v) {
        put16(b, p, (int) (v >>> 16));
        put16(b, p + 2, (int) v);
        return p + 4;
    }
}
