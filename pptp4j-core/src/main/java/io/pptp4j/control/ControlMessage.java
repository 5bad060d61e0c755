package io.pptp4j.control;

import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.FieldChecks;
import java.util.Optional;
import java.util.Set;

/**
 * A PPTP control connection message (RFC 2637 section 2), one record per Control Message Type, without
 * the header every message starts with (Length, PPTP Message Type, Magic Cookie, Control Message Type,
 * Reserved0) and without the Reserved fields, which are sent as 0. {@link ControlMessageCodec} reads and
 * writes them.
 *
 * <p>Fields keep their wire width: 8- and 16-bit fields are {@code int}, 32-bit fields {@code long}.
 * Code fields (Result Code, Error Code, Reason, Framing and Bearer bits) keep the raw value because
 * peers send values outside the RFC's tables; the typed accessors ({@code result()},
 * {@code generalError()}, {@code framingTypeSet()}...) interpret them. Text fields (Host Name, Vendor
 * String, Phone Number, Subaddress, Dialed and Dialing Number, Call Statistics) are ISO-8859-1 text up
 * to the first NUL of a fixed-size NUL-padded field; a value must fit the field and hold no NUL.
 */
public sealed interface ControlMessage {

    /** The Control Message Type on the wire. */
    int controlMessageType();

    /** The RFC's name, e.g. {@code Start-Control-Connection-Request}. */
    default String name() { return knownType().orElseThrow().displayName(); }

    /** E.g. {@code SCCRQ}. */
    default String abbreviation() { return knownType().orElseThrow().abbreviation(); }

    /** The message type, empty for {@link Unknown}. */
    default Optional<ControlMessageType> knownType() { return ControlMessageType.of(controlMessageType()); }

    /** The encoded length in octets, header included: the Length field. */
    default int length() { return knownType().orElseThrow().length(); }

    /** RFC 2637 2.1: the PNS or PAC opens the control connection. */
    record StartControlConnectionRequest(int protocolVersion, long framingCapabilities, long bearerCapabilities,
                                         int maximumChannels, int firmwareRevision, String hostName,
                                         String vendorString) implements ControlMessage {
        public StartControlConnectionRequest {
            FieldChecks.u16(protocolVersion, "Protocol Version");
            FieldChecks.u32(framingCapabilities, "Framing Capabilities");
            FieldChecks.u32(bearerCapabilities, "Bearer Capabilities");
            FieldChecks.u16(maximumChannels, "Maximum Channels");
            FieldChecks.u16(firmwareRevision, "Firmware Revision");
            FieldChecks.text(hostName, ControlMessageCodec.HOST_NAME_SIZE, "Host Name");
            FieldChecks.text(vendorString, ControlMessageCodec.VENDOR_STRING_SIZE, "Vendor String");
        }

        @Override
        public int controlMessageType() { return ControlMessageType.START_CONTROL_CONNECTION_REQUEST.value(); }

        public Set<Framing> framingCapabilitySet() { return Framing.setOf(framingCapabilities); }

        public Set<Bearer> bearerCapabilitySet() { return Bearer.setOf(bearerCapabilities); }
    }

    /** RFC 2637 2.2: the answer to a Start-Control-Connection-Request. */
    record StartControlConnectionReply(int protocolVersion, int resultCode, int errorCode, long framingCapabilities,
                                       long bearerCapabilities, int maximumChannels, int firmwareRevision,
                                       String hostName, String vendorString) implements ControlMessage {
        public StartControlConnectionReply {
            FieldChecks.u16(protocolVersion, "Protocol Version");
            FieldChecks.u8(resultCode, "Result Code");
            FieldChecks.u8(errorCode, "Error Code");
            FieldChecks.u32(framingCapabilities, "Framing Capabilities");
            FieldChecks.u32(bearerCapabilities, "Bearer Capabilities");
            FieldChecks.u16(maximumChannels, "Maximum Channels");
            FieldChecks.u16(firmwareRevision, "Firmware Revision");
            FieldChecks.text(hostName, ControlMessageCodec.HOST_NAME_SIZE, "Host Name");
            FieldChecks.text(vendorString, ControlMessageCodec.VENDOR_STRING_SIZE, "Vendor String");
        }

        @Override
        public int controlMessageType() { return ControlMessageType.START_CONTROL_CONNECTION_REPLY.value(); }

        public Optional<StartControlConnectionResult> result() { return StartControlConnectionResult.of(resultCode); }

        public Optional<GeneralErrorCode> generalError() { return GeneralErrorCode.of(errorCode); }

        public Set<Framing> framingCapabilitySet() { return Framing.setOf(framingCapabilities); }

        public Set<Bearer> bearerCapabilitySet() { return Bearer.setOf(bearerCapabilities); }
    }

    /** RFC 2637 2.3: closes the control connection and, implicitly, every call on it. */
    record StopControlConnectionRequest(int reason) implements ControlMessage {
        public StopControlConnectionRequest {
            FieldChecks.u8(reason, "Reason");
        }

        @Override
        public int controlMessageType() { return ControlMessageType.STOP_CONTROL_CONNECTION_REQUEST.value(); }

        public Optional<StopControlConnectionReason> stopReason() { return StopControlConnectionReason.of(reason); }
    }

    /** RFC 2637 2.4. */
    record StopControlConnectionReply(int resultCode, int errorCode) implements ControlMessage {
        public StopControlConnectionReply {
            FieldChecks.u8(resultCode, "Result Code");
            FieldChecks.u8(errorCode, "Error Code");
        }

        @Override
        public int controlMessageType() { return ControlMessageType.STOP_CONTROL_CONNECTION_REPLY.value(); }

        public Optional<StopControlConnectionResult> result() { return StopControlConnectionResult.of(resultCode); }

        public Optional<GeneralErrorCode> generalError() { return GeneralErrorCode.of(errorCode); }
    }

    /** RFC 2637 2.5: the control connection's keep-alive. */
    record EchoRequest(long identifier) implements ControlMessage {
        public EchoRequest {
            FieldChecks.u32(identifier, "Identifier");
        }

        @Override
        public int controlMessageType() { return ControlMessageType.ECHO_REQUEST.value(); }
    }

    /** RFC 2637 2.6: carries the Identifier of the Echo-Request it answers. */
    record EchoReply(long identifier, int resultCode, int errorCode) implements ControlMessage {
        public EchoReply {
            FieldChecks.u32(identifier, "Identifier");
            FieldChecks.u8(resultCode, "Result Code");
            FieldChecks.u8(errorCode, "Error Code");
        }

        @Override
        public int controlMessageType() { return ControlMessageType.ECHO_REPLY.value(); }

        public Optional<EchoReplyResult> result() { return EchoReplyResult.of(resultCode); }

        public Optional<GeneralErrorCode> generalError() { return GeneralErrorCode.of(errorCode); }
    }

    /** RFC 2637 2.7: the PNS asks the PAC for a call; the Call ID is the one the PAC puts in GRE to the PNS. */
    record OutgoingCallRequest(int callId, int callSerialNumber, long minimumBps, long maximumBps, long bearerType,
                               long framingType, int packetRecvWindowSize, int packetProcessingDelay,
                               int phoneNumberLength, String phoneNumber, String subaddress)
            implements ControlMessage {
        public OutgoingCallRequest {
            FieldChecks.u16(callId, "Call ID");
            FieldChecks.u16(callSerialNumber, "Call Serial Number");
            FieldChecks.u32(minimumBps, "Minimum BPS");
            FieldChecks.u32(maximumBps, "Maximum BPS");
            FieldChecks.u32(bearerType, "Bearer Type");
            FieldChecks.u32(framingType, "Framing Type");
            FieldChecks.u16(packetRecvWindowSize, "Packet Recv. Window Size");
            FieldChecks.u16(packetProcessingDelay, "Packet Processing Delay");
            FieldChecks.u16(phoneNumberLength, "Phone Number Length");
            FieldChecks.text(phoneNumber, ControlMessageCodec.PHONE_NUMBER_SIZE, "Phone Number");
            FieldChecks.text(subaddress, ControlMessageCodec.SUBADDRESS_SIZE, "Subaddress");
        }

        @Override
        public int controlMessageType() { return ControlMessageType.OUTGOING_CALL_REQUEST.value(); }

        /** 3 means "any type of channel": both bits. */
        public Set<Bearer> bearerTypeSet() { return Bearer.setOf(bearerType); }

        /** 3 means "either type of framing": both bits. */
        public Set<Framing> framingTypeSet() { return Framing.setOf(framingType); }
    }

    /** RFC 2637 2.8: the PAC's answer; Peer's Call ID is the PNS's Call ID from the request. */
    record OutgoingCallReply(int callId, int peerCallId, int resultCode, int errorCode, int causeCode,
                             long connectSpeed, int packetRecvWindowSize, int packetProcessingDelay,
                             long physicalChannelId) implements ControlMessage {
        public OutgoingCallReply {
            FieldChecks.u16(callId, "Call ID");
            FieldChecks.u16(peerCallId, "Peer's Call ID");
            FieldChecks.u8(resultCode, "Result Code");
            FieldChecks.u8(errorCode, "Error Code");
            FieldChecks.u16(causeCode, "Cause Code");
            FieldChecks.u32(connectSpeed, "Connect Speed");
            FieldChecks.u16(packetRecvWindowSize, "Packet Recv. Window Size");
            FieldChecks.u16(packetProcessingDelay, "Packet Processing Delay");
            FieldChecks.u32(physicalChannelId, "Physical Channel ID");
        }

        @Override
        public int controlMessageType() { return ControlMessageType.OUTGOING_CALL_REPLY.value(); }

        public Optional<OutgoingCallResult> result() { return OutgoingCallResult.of(resultCode); }

        public Optional<GeneralErrorCode> generalError() { return GeneralErrorCode.of(errorCode); }
    }

    /** RFC 2637 2.9: the PAC tells the PNS of an inbound call (first of a three-way handshake). */
    record IncomingCallRequest(int callId, int callSerialNumber, long bearerType, long physicalChannelId,
                               int dialedNumberLength, int dialingNumberLength, String dialedNumber,
                               String dialingNumber, String subaddress) implements ControlMessage {
        public IncomingCallRequest {
            FieldChecks.u16(callId, "Call ID");
            FieldChecks.u16(callSerialNumber, "Call Serial Number");
            FieldChecks.u32(bearerType, "Call Bearer Type");
            FieldChecks.u32(physicalChannelId, "Physical Channel ID");
            FieldChecks.u16(dialedNumberLength, "Dialed Number Length");
            FieldChecks.u16(dialingNumberLength, "Dialing Number Length");
            FieldChecks.text(dialedNumber, ControlMessageCodec.DIALED_NUMBER_SIZE, "Dialed Number");
            FieldChecks.text(dialingNumber, ControlMessageCodec.DIALING_NUMBER_SIZE, "Dialing Number");
            FieldChecks.text(subaddress, ControlMessageCodec.SUBADDRESS_SIZE, "Subaddress");
        }

        @Override
        public int controlMessageType() { return ControlMessageType.INCOMING_CALL_REQUEST.value(); }

        public Set<Bearer> bearerTypeSet() { return Bearer.setOf(bearerType); }
    }

    /** RFC 2637 2.10: the PNS tells the PAC whether to answer (second of the handshake). */
    record IncomingCallReply(int callId, int peerCallId, int resultCode, int errorCode, int packetRecvWindowSize,
                             int packetTransmitDelay) implements ControlMessage {
        public IncomingCallReply {
            FieldChecks.u16(callId, "Call ID");
            FieldChecks.u16(peerCallId, "Peer's Call ID");
            FieldChecks.u8(resultCode, "Result Code");
            FieldChecks.u8(errorCode, "Error Code");
            FieldChecks.u16(packetRecvWindowSize, "Packet Recv. Window Size");
            FieldChecks.u16(packetTransmitDelay, "Packet Transmit Delay");
        }

        @Override
        public int controlMessageType() { return ControlMessageType.INCOMING_CALL_REPLY.value(); }

        public Optional<IncomingCallResult> result() { return IncomingCallResult.of(resultCode); }

        public Optional<GeneralErrorCode> generalError() { return GeneralErrorCode.of(errorCode); }
    }

    /** RFC 2637 2.11: the PAC reports the call's parameters (third of the handshake). */
    record IncomingCallConnected(int peerCallId, long connectSpeed, int packetRecvWindowSize,
                                 int packetTransmitDelay, long framingType) implements ControlMessage {
        public IncomingCallConnected {
            FieldChecks.u16(peerCallId, "Peer's Call ID");
            FieldChecks.u32(connectSpeed, "Connect Speed");
            FieldChecks.u16(packetRecvWindowSize, "Packet Recv. Window Size");
            FieldChecks.u16(packetTransmitDelay, "Packet Transmit Delay");
            FieldChecks.u32(framingType, "Framing Type");
        }

        @Override
        public int controlMessageType() { return ControlMessageType.INCOMING_CALL_CONNECTED.value(); }

        public Set<Framing> framingTypeSet() { return Framing.setOf(framingType); }
    }

    /** RFC 2637 2.12: the PNS clears a call, named by the PNS's own Call ID. */
    record CallClearRequest(int callId) implements ControlMessage {
        public CallClearRequest {
            FieldChecks.u16(callId, "Call ID");
        }

        @Override
        public int controlMessageType() { return ControlMessageType.CALL_CLEAR_REQUEST.value(); }
    }

    /** RFC 2637 2.13: the PAC reports a call gone, named by the PAC's own Call ID. */
    record CallDisconnectNotify(int callId, int resultCode, int errorCode, int causeCode, String callStatistics)
            implements ControlMessage {
        public CallDisconnectNotify {
            FieldChecks.u16(callId, "Call ID");
            FieldChecks.u8(resultCode, "Result Code");
            FieldChecks.u8(errorCode, "Error Code");
            FieldChecks.u16(causeCode, "Cause Code");
            FieldChecks.text(callStatistics, ControlMessageCodec.CALL_STATISTICS_SIZE, "Call Statistics");
        }

        @Override
        public int controlMessageType() { return ControlMessageType.CALL_DISCONNECT_NOTIFY.value(); }

        public Optional<CallDisconnectResult> result() { return CallDisconnectResult.of(resultCode); }

        public Optional<GeneralErrorCode> generalError() { return GeneralErrorCode.of(errorCode); }
    }

    /** RFC 2637 2.14: cumulative WAN error counters of a call, from the PAC. */
    record WanErrorNotify(int peerCallId, long crcErrors, long framingErrors, long hardwareOverruns,
                          long bufferOverruns, long timeoutErrors, long alignmentErrors) implements ControlMessage {
        public WanErrorNotify {
            FieldChecks.u16(peerCallId, "Peer's Call ID");
            FieldChecks.u32(crcErrors, "CRC Errors");
            FieldChecks.u32(framingErrors, "Framing Errors");
            FieldChecks.u32(hardwareOverruns, "Hardware Overruns");
            FieldChecks.u32(bufferOverruns, "Buffer Overruns");
            FieldChecks.u32(timeoutErrors, "Time-out Errors");
            FieldChecks.u32(alignmentErrors, "Alignment Errors");
        }

        @Override
        public int controlMessageType() { return ControlMessageType.WAN_ERROR_NOTIFY.value(); }
    }

    /**
     * RFC 2637 2.15: PPP-negotiated ACCMs, from the PNS to the PAC; Windows peers send it in both
     * directions, each naming the other side's Call ID.
     */
    record SetLinkInfo(int peerCallId, long sendAccm, long receiveAccm) implements ControlMessage {
        public SetLinkInfo {
            FieldChecks.u16(peerCallId, "Peer's Call ID");
            FieldChecks.u32(sendAccm, "Send ACCM");
            FieldChecks.u32(receiveAccm, "Receive ACCM");
        }

        @Override
        public int controlMessageType() { return ControlMessageType.SET_LINK_INFO.value(); }
    }

    /**
     * A Control Message Type that RFC 2637 does not define, kept by the lenient decoder with the octets
     * after its 12-octet header (Reserved0 is not kept). The strict decoder refuses such a message.
     */
    record Unknown(int controlMessageType, Bytes body) implements ControlMessage {
        public Unknown {
            FieldChecks.u16(controlMessageType, "Control Message Type");
            if (ControlMessageType.of(controlMessageType).isPresent()) {
                throw new IllegalArgumentException("Control Message Type " + controlMessageType + " is "
                        + ControlMessageType.of(controlMessageType).orElseThrow().displayName() + ", not unknown");
            }
            if (body.length() > 0xFFFF - ControlMessageCodec.HEADER_LENGTH) {
                throw new IllegalArgumentException("a body of " + body.length() + " octets does not fit the Length field");
            }
        }

        /** {@code Control-Message-Type-42}. */
        @Override
        public String name() { return "Control-Message-Type-" + controlMessageType; }

        /** {@code TYPE42}. */
        @Override
        public String abbreviation() { return "TYPE" + controlMessageType; }

        @Override
        public int length() { return ControlMessageCodec.HEADER_LENGTH + body.length(); }
    }

}
