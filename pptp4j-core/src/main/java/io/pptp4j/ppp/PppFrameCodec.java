package io.pptp4j.ppp;

import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;

/**
 * Address/Control and Protocol fields of a PPP frame (RFC 1661 section 2, RFC 1662 section 3.1), with
 * and without ACFC and PFC (RFC 1661 6.5, 6.6). A receiver accepts both forms whatever was negotiated
 * ("the receiver MUST accept" compressed and uncompressed frames alike is what real peers do, and
 * RFC 1661 6.5 says a compressed field is recognised by its low bit).
 */
public final class PppFrameCodec {
    public static final int ADDRESS_ALL_STATIONS = 0xFF;
    public static final int CONTROL_UI = 0x03;

    private PppFrameCodec() {}

    public static PppFrame decode(byte[] frame) throws DecodeException {
        return decode(io.pptp4j.wire.ByteReader.of(frame, io.pptp4j.wire.Layer.PPP, "PPP"), DecodeMode.STRICT);
    }

    /** Reads the frame from the rest of {@code r}. */
    public static PppFrame decode(ByteReader r, DecodeMode mode) throws DecodeException {
        boolean addressControl = false;
        if (r.peekU8(0) == ADDRESS_ALL_STATIONS) {
            r.u8("Address");
            int controlOffset = r.offset();
            int control = r.u8("Control");
            if (control != CONTROL_UI) {
                throw r.errorAt(controlOffset, "Control", Hex.u8(CONTROL_UI), Hex.u8(control));
            }
            addressControl = true;
        }
        int protocolOffset = r.offset();
        int first = r.u8("Protocol");
        int protocol;
        boolean compressed;
        if ((first & 1) == 1) {
            // RFC 1661 6.5: a Protocol field whose first octet is odd was compressed to one octet
            protocol = first;
            compressed = true;
        } else {
            protocol = (first << 8) | r.u8("Protocol");
            compressed = false;
            if ((protocol & 1) == 0) {
                // RFC 1661 2: "the least significant bit of the least significant octet is 1"
                throw r.errorAt(protocolOffset, "Protocol", "an odd value", Hex.u16(protocol));
            }
        }
        return new PppFrame(addressControl, compressed, protocol, r.remainingByteString());
    }

    public static byte[] encode(PppFrame frame) {
        ByteWriter w = new ByteWriter((frame.addressControlPresent() ? 2 : 0) + (frame.protocolCompressed() ? 1 : 2)
                + frame.information().length());
        encode(frame, w);
        return w.toByteArray();
    }

    public static void encode(PppFrame frame, ByteWriter w) {
        if (frame.addressControlPresent()) {
            w.u8(ADDRESS_ALL_STATIONS).u8(CONTROL_UI);
        }
        if (frame.protocolCompressed()) {
            w.u8(frame.protocol());
        } else {
            w.u16(frame.protocol());
        }
        w.bytes(frame.information());
    }
}
