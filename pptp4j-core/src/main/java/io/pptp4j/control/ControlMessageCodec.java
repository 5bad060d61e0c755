package io.pptp4j.control;

import io.pptp4j.control.ControlMessage.CallClearRequest;
import io.pptp4j.control.ControlMessage.CallDisconnectNotify;
import io.pptp4j.control.ControlMessage.EchoReply;
import io.pptp4j.control.ControlMessage.EchoRequest;
import io.pptp4j.control.ControlMessage.IncomingCallConnected;
import io.pptp4j.control.ControlMessage.IncomingCallReply;
import io.pptp4j.control.ControlMessage.IncomingCallRequest;
import io.pptp4j.control.ControlMessage.OutgoingCallReply;
import io.pptp4j.control.ControlMessage.OutgoingCallRequest;
import io.pptp4j.control.ControlMessage.SetLinkInfo;
import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.control.ControlMessage.StartControlConnectionRequest;
import io.pptp4j.control.ControlMessage.StopControlConnectionReply;
import io.pptp4j.control.ControlMessage.StopControlConnectionRequest;
import io.pptp4j.control.ControlMessage.Unknown;
import io.pptp4j.control.ControlMessage.WanErrorNotify;
import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import io.pptp4j.wire.Layer;

/**
 * Encodes and decodes PPTP control connection messages (RFC 2637 sections 1.4 and 2). Every message
 * starts with this header; the fields after it are fixed for each Control Message Type, and so is the
 * Length (see {@link ControlMessageType#length()}):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             Length            |       PPTP Message Type       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Magic Cookie                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Control Message Type      |           Reserved0           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Length counts the whole message, PPTP Message Type is 1 (control; 2, management, is not defined),
 * the Magic Cookie is 0x1A2B3C4D.
 *
 * <p>{@link DecodeMode#STRICT} refuses a bad Magic Cookie, a PPTP Message Type other than 1, an unknown
 * Control Message Type, a Length other than the type's, and a non-zero Reserved field (RFC 2637 2: "MUST
 * be 0"), with the General Error Code to answer in {@link DecodeException#replyCode()}: Bad-Format for
 * Magic Cookie and Length, Bad-Value for the others (RFC 2637 2.16). A Protocol Version other than
 * 0x0100 is not a decoding error: the engine answers it (RFC 2637 2.2, Result Code 5).
 * {@link DecodeMode#LENIENT} keeps an unknown type as {@link Unknown}, ignores Reserved fields and
 * accepts a Length longer than the type's, ignoring the octets past the known fields; a bad Magic Cookie,
 * a PPTP Message Type other than 1 and a Length too short for the type stay errors.
 *
 * <p>Text fields are NUL-padded (RFC 2637 2.1: "the remainder of this field SHOULD be filled with octets
 * of value 0"); the text ends at the first NUL and any octets after it are ignored.
 */
public final class ControlMessageCodec {
    /** The TCP port of the control connection (RFC 2637 1.4). */
    public static final int TCP_PORT = 1723;
    public static final int HEADER_LENGTH = 12;
    /** PPTP Message Type of a control message (RFC 2637 1.4). */
    public static final int CONTROL_MESSAGE = 1;
    /** PPTP Message Type of a management message, which RFC 2637 1.4 leaves undefined. */
    public static final int MANAGEMENT_MESSAGE = 2;
    public static final long MAGIC_COOKIE = 0x1A2B3C4DL;
    /** Protocol Version 1, revision 0 (RFC 2637 1.4). */
    public static final int PROTOCOL_VERSION = 0x0100;

    public static final int HOST_NAME_SIZE = 64;
    public static final int VENDOR_STRING_SIZE = 64;
    public static final int PHONE_NUMBER_SIZE = 64;
    public static final int SUBADDRESS_SIZE = 64;
    public static final int DIALED_NUMBER_SIZE = 64;
    public static final int DIALING_NUMBER_SIZE = 64;
    public static final int CALL_STATISTICS_SIZE = 128;

    private static final int BAD_FORMAT = GeneralErrorCode.BAD_FORMAT.value();
    private static final int BAD_VALUE = GeneralErrorCode.BAD_VALUE.value();

    private ControlMessageCodec() {}

    /** The fields of a header that passed {@link #readHeader}. */
    record Header(int length, int controlMessageType, String context) {}

    /** Decodes {@code message}, which must hold exactly one message in strict mode (lenient: at least one). */
    public static ControlMessage decode(byte[] message, DecodeMode mode) throws DecodeException {
        ByteReader r = ByteReader.of(message, Layer.PPTP, Layer.PPTP.displayName());
        ControlMessage m = decode(r, mode);
        if (mode.strict() && r.hasRemaining()) {
            throw new DecodeException(Layer.PPTP, m.abbreviation(), "End of message", r.offset(), "no more bytes",
                    r.remaining() + " more byte" + (r.remaining() == 1 ? "" : "s"), BAD_FORMAT);
        }
        return m;
    }

    /**
     * Decodes one whole message from {@code r} and leaves {@code r} just past its Length, so that
     * several messages can be read in turn. Offsets in errors are those of {@code r}.
     */
    public static ControlMessage decode(ByteReader r, DecodeMode mode) throws DecodeException {
        int start = r.offset();
        Header h = readHeader(r, mode);
        int available = HEADER_LENGTH + r.remaining();
        if (h.length() > available) {
            throw new DecodeException(Layer.PPTP, h.context(), "Length", start, "at most " + available
                    + " (the bytes there)", Integer.toString(h.length()), BAD_FORMAT);
        }
        ByteReader b = r.slice(h.length() - HEADER_LENGTH, "Message", Layer.PPTP, h.context());
        // Lenient: octets past the type's fields (a longer Length) stay unread in b and are ignored.
        return decodeBody(h.controlMessageType(), b, mode);
    }

    /**
     * Reads and checks the 12-octet header, which {@code r} must hold, and moves past it. Checks the
     * Length against the type only, not against the bytes there: a stream framer calls this as soon as
     * it has 12 octets.
     */
    static Header readHeader(ByteReader r, DecodeMode mode) throws DecodeException {
        int start = r.offset();
        if (r.remaining() < HEADER_LENGTH) {
            throw new DecodeException(Layer.PPTP, Layer.PPTP.displayName(), "Header", start, HEADER_LENGTH + " bytes",
                    r.remaining() + " byte" + (r.remaining() == 1 ? "" : "s"), BAD_FORMAT);
        }
        // Errors in the header name the message its Control Message Type field announces.
        ControlMessageType type = ControlMessageType.of((r.peekU8(8) << 8) | r.peekU8(9)).orElse(null);
        String context = type != null ? type.abbreviation() : Layer.PPTP.displayName();
        ByteReader h = r.slice(HEADER_LENGTH, "Header", Layer.PPTP, context);
        int length = h.u16("Length");
        int pptpMessageType = h.u16("PPTP Message Type");
        long magicCookie = h.u32("Magic Cookie");
        int controlMessageType = h.u16("Control Message Type");
        int reserved0 = h.u16("Reserved0");
        // RFC 2637 1.4: the Magic Cookie is how the receiver knows it is in step with the TCP stream.
        if (magicCookie != MAGIC_COOKIE) {
            throw h.errorAt(start + 4, "Magic Cookie", Hex.u32(MAGIC_COOKIE), Hex.u32(magicCookie), BAD_FORMAT);
        }
        if (pptpMessageType != CONTROL_MESSAGE) {
            throw h.errorAt(start + 2, "PPTP Message Type", Integer.toString(CONTROL_MESSAGE),
                    Integer.toString(pptpMessageType), BAD_VALUE);
        }
        if (type == null) {
            if (mode.strict()) {
                throw h.errorAt(start + 8, "Control Message Type", "1 to " + ControlMessageType.values().length,
                        Integer.toString(controlMessageType), BAD_VALUE);
            }
            if (length < HEADER_LENGTH) {
                throw h.errorAt(start, "Length", "at least " + HEADER_LENGTH, Integer.toString(length), BAD_FORMAT);
            }
        } else if (mode.strict() && length != type.length()) {
            throw h.errorAt(start, "Length", Integer.toString(type.length()), Integer.toString(length), BAD_FORMAT);
        } else if (length < type.length()) {
            throw h.errorAt(start, "Length", "at least " + type.length(), Integer.toString(length), BAD_FORMAT);
        }
        if (mode.checksReserved() && reserved0 != 0) {
            throw h.errorAt(start + 10, "Reserved0", Hex.u16(0), Hex.u16(reserved0), BAD_VALUE);
        }
        return new Header(length, controlMessageType, context);
    }

    private static ControlMessage decodeBody(int controlMessageType, ByteReader b, DecodeMode mode)
            throws DecodeException {
        ControlMessageType type = ControlMessageType.of(controlMessageType).orElse(null);
        if (type == null) {
            return new Unknown(controlMessageType, b.remainingByteString());
        }
        return switch (type) {
            case START_CONTROL_CONNECTION_REQUEST -> {
                int protocolVersion = b.u16("Protocol Version");
                reserved16(b, "Reserved1", mode);
                yield new StartControlConnectionRequest(protocolVersion, b.u32("Framing Capabilities"),
                        b.u32("Bearer Capabilities"), b.u16("Maximum Channels"), b.u16("Firmware Revision"),
                        b.paddedString(HOST_NAME_SIZE, "Host Name"), b.paddedString(VENDOR_STRING_SIZE, "Vendor String"));
            }
            case START_CONTROL_CONNECTION_REPLY -> new StartControlConnectionReply(b.u16("Protocol Version"),
                    b.u8("Result Code"), b.u8("Error Code"), b.u32("Framing Capabilities"), b.u32("Bearer Capabilities"),
                    b.u16("Maximum Channels"), b.u16("Firmware Revision"), b.paddedString(HOST_NAME_SIZE, "Host Name"),
                    b.paddedString(VENDOR_STRING_SIZE, "Vendor String"));
            case STOP_CONTROL_CONNECTION_REQUEST -> {
                int reason = b.u8("Reason");
                reserved8(b, "Reserved1", mode);
                reserved16(b, "Reserved2", mode);
                yield new StopControlConnectionRequest(reason);
            }
            case STOP_CONTROL_CONNECTION_REPLY -> {
                int resultCode = b.u8("Result Code");
                int errorCode = b.u8("Error Code");
                reserved16(b, "Reserved1", mode);
                yield new StopControlConnectionReply(resultCode, errorCode);
            }
            case ECHO_REQUEST -> new EchoRequest(b.u32("Identifier"));
            case ECHO_REPLY -> {
                long identifier = b.u32("Identifier");
                int resultCode = b.u8("Result Code");
                int errorCode = b.u8("Error Code");
                reserved16(b, "Reserved1", mode);
                yield new EchoReply(identifier, resultCode, errorCode);
            }
            case OUTGOING_CALL_REQUEST -> {
                int callId = b.u16("Call ID");
                int callSerialNumber = b.u16("Call Serial Number");
                long minimumBps = b.u32("Minimum BPS");
                long maximumBps = b.u32("Maximum BPS");
                long bearerType = b.u32("Bearer Type");
                long framingType = b.u32("Framing Type");
                int packetRecvWindowSize = b.u16("Packet Recv. Window Size");
                int packetProcessingDelay = b.u16("Packet Processing Delay");
                int phoneNumberLength = b.u16("Phone Number Length");
                reserved16(b, "Reserved1", mode);
                yield new OutgoingCallRequest(callId, callSerialNumber, minimumBps, maximumBps, bearerType, framingType,
                        packetRecvWindowSize, packetProcessingDelay, phoneNumberLength,
                        b.paddedString(PHONE_NUMBER_SIZE, "Phone Number"), b.paddedString(SUBADDRESS_SIZE, "Subaddress"));
            }
            case OUTGOING_CALL_REPLY -> new OutgoingCallReply(b.u16("Call ID"), b.u16("Peer's Call ID"),
                    b.u8("Result Code"), b.u8("Error Code"), b.u16("Cause Code"), b.u32("Connect Speed"),
                    b.u16("Packet Recv. Window Size"), b.u16("Packet Processing Delay"), b.u32("Physical Channel ID"));
            case INCOMING_CALL_REQUEST -> new IncomingCallRequest(b.u16("Call ID"), b.u16("Call Serial Number"),
                    b.u32("Call Bearer Type"), b.u32("Physical Channel ID"), b.u16("Dialed Number Length"),
                    b.u16("Dialing Number Length"), b.paddedString(DIALED_NUMBER_SIZE, "Dialed Number"),
                    b.paddedString(DIALING_NUMBER_SIZE, "Dialing Number"), b.paddedString(SUBADDRESS_SIZE, "Subaddress"));
            case INCOMING_CALL_REPLY -> {
                int callId = b.u16("Call ID");
                int peerCallId = b.u16("Peer's Call ID");
                int resultCode = b.u8("Result Code");
                int errorCode = b.u8("Error Code");
                int packetRecvWindowSize = b.u16("Packet Recv. Window Size");
                int packetTransmitDelay = b.u16("Packet Transmit Delay");
                reserved16(b, "Reserved1", mode);
                yield new IncomingCallReply(callId, peerCallId, resultCode, errorCode, packetRecvWindowSize,
                        packetTransmitDelay);
            }
            case INCOMING_CALL_CONNECTED -> {
                int peerCallId = b.u16("Peer's Call ID");
                reserved16(b, "Reserved1", mode);
                yield new IncomingCallConnected(peerCallId, b.u32("Connect Speed"), b.u16("Packet Recv. Window Size"),
                        b.u16("Packet Transmit Delay"), b.u32("Framing Type"));
            }
            case CALL_CLEAR_REQUEST -> {
                int callId = b.u16("Call ID");
                reserved16(b, "Reserved1", mode);
                yield new CallClearRequest(callId);
            }
            case CALL_DISCONNECT_NOTIFY -> {
                int callId = b.u16("Call ID");
                int resultCode = b.u8("Result Code");
                int errorCode = b.u8("Error Code");
                int causeCode = b.u16("Cause Code");
                reserved16(b, "Reserved1", mode);
                yield new CallDisconnectNotify(callId, resultCode, errorCode, causeCode,
                        b.paddedString(CALL_STATISTICS_SIZE, "Call Statistics"));
            }
            case WAN_ERROR_NOTIFY -> {
                int peerCallId = b.u16("Peer's Call ID");
                reserved16(b, "Reserved1", mode);
                yield new WanErrorNotify(peerCallId, b.u32("CRC Errors"), b.u32("Framing Errors"),
                        b.u32("Hardware Overruns"), b.u32("Buffer Overruns"), b.u32("Time-out Errors"),
                        b.u32("Alignment Errors"));
            }
            case SET_LINK_INFO -> {
                int peerCallId = b.u16("Peer's Call ID");
                reserved16(b, "Reserved1", mode);
                yield new SetLinkInfo(peerCallId, b.u32("Send ACCM"), b.u32("Receive ACCM"));
            }
        };
    }

    private static void reserved8(ByteReader b, String field, DecodeMode mode) throws DecodeException {
        int at = b.offset();
        int v = b.u8(field);
        if (v != 0 && mode.checksReserved()) {
            throw b.errorAt(at, field, Hex.u8(0), Hex.u8(v), BAD_VALUE);
        }
    }

    private static void reserved16(ByteReader b, String field, DecodeMode mode) throws DecodeException {
        int at = b.offset();
        int v = b.u16(field);
        if (v != 0 && mode.checksReserved()) {
            throw b.errorAt(at, field, Hex.u16(0), Hex.u16(v), BAD_VALUE);
        }
    }

    public static byte[] encode(ControlMessage m) {
        ByteWriter w = new ByteWriter(m.length());
        encode(m, w);
        return w.toByteArray();
    }

    /** Appends {@code m} to {@code w}: exactly {@link ControlMessage#length()} octets, Reserved fields 0. */
    public static void encode(ControlMessage m, ByteWriter w) {
        w.u16(m.length()).u16(CONTROL_MESSAGE).u32(MAGIC_COOKIE).u16(m.controlMessageType()).u16(0);
        switch (m) {
            case StartControlConnectionRequest s -> w.u16(s.protocolVersion()).u16(0)
                    .u32(s.framingCapabilities()).u32(s.bearerCapabilities())
                    .u16(s.maximumChannels()).u16(s.firmwareRevision())
                    .paddedString(s.hostName(), HOST_NAME_SIZE).paddedString(s.vendorString(), VENDOR_STRING_SIZE);
            case StartControlConnectionReply s -> w.u16(s.protocolVersion()).u8(s.resultCode()).u8(s.errorCode())
                    .u32(s.framingCapabilities()).u32(s.bearerCapabilities())
                    .u16(s.maximumChannels()).u16(s.firmwareRevision())
                    .paddedString(s.hostName(), HOST_NAME_SIZE).paddedString(s.vendorString(), VENDOR_STRING_SIZE);
            case StopControlConnectionRequest s -> w.u8(s.reason()).u8(0).u16(0);
            case StopControlConnectionReply s -> w.u8(s.resultCode()).u8(s.errorCode()).u16(0);
            case EchoRequest e -> w.u32(e.identifier());
            case EchoReply e -> w.u32(e.identifier()).u8(e.resultCode()).u8(e.errorCode()).u16(0);
            case OutgoingCallRequest o -> w.u16(o.callId()).u16(o.callSerialNumber())
                    .u32(o.minimumBps()).u32(o.maximumBps()).u32(o.bearerType()).u32(o.framingType())
                    .u16(o.packetRecvWindowSize()).u16(o.packetProcessingDelay())
                    .u16(o.phoneNumberLength()).u16(0)
                    .paddedString(o.phoneNumber(), PHONE_NUMBER_SIZE).paddedString(o.subaddress(), SUBADDRESS_SIZE);
            case OutgoingCallReply o -> w.u16(o.callId()).u16(o.peerCallId())
                    .u8(o.resultCode()).u8(o.errorCode()).u16(o.causeCode()).u32(o.connectSpeed())
                    .u16(o.packetRecvWindowSize()).u16(o.packetProcessingDelay()).u32(o.physicalChannelId());
            case IncomingCallRequest i -> w.u16(i.callId()).u16(i.callSerialNumber())
                    .u32(i.bearerType()).u32(i.physicalChannelId())
                    .u16(i.dialedNumberLength()).u16(i.dialingNumberLength())
                    .paddedString(i.dialedNumber(), DIALED_NUMBER_SIZE).paddedString(i.dialingNumber(), DIALING_NUMBER_SIZE)
                    .paddedString(i.subaddress(), SUBADDRESS_SIZE);
            case IncomingCallReply i -> w.u16(i.callId()).u16(i.peerCallId()).u8(i.resultCode()).u8(i.errorCode())
                    .u16(i.packetRecvWindowSize()).u16(i.packetTransmitDelay()).u16(0);
            case IncomingCallConnected i -> w.u16(i.peerCallId()).u16(0).u32(i.connectSpeed())
                    .u16(i.packetRecvWindowSize()).u16(i.packetTransmitDelay()).u32(i.framingType());
            case CallClearRequest c -> w.u16(c.callId()).u16(0);
            case CallDisconnectNotify c -> w.u16(c.callId()).u8(c.resultCode()).u8(c.errorCode())
                    .u16(c.causeCode()).u16(0).paddedString(c.callStatistics(), CALL_STATISTICS_SIZE);
            case WanErrorNotify e -> w.u16(e.peerCallId()).u16(0).u32(e.crcErrors()).u32(e.framingErrors())
                    .u32(e.hardwareOverruns()).u32(e.bufferOverruns()).u32(e.timeoutErrors()).u32(e.alignmentErrors());
            case SetLinkInfo s -> w.u16(s.peerCallId()).u16(0).u32(s.sendAccm()).u32(s.receiveAccm());
            case Unknown u -> w.bytes(u.body());
        }
    }
}
