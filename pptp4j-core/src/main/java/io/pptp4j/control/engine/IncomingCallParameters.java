package io.pptp4j.control.engine;

import io.pptp4j.wire.FieldChecks;
import io.pptp4j.control.Bearer;
import io.pptp4j.control.ControlMessage.IncomingCallConnected;
import io.pptp4j.control.ControlMessage.IncomingCallRequest;
import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.control.Framing;

/**
 * What the application puts in the Incoming-Call-Request it sends as the PAC (RFC 2637 2.9) and in the
 * Incoming-Call-Connected that follows an accepting Reply (2.11).
 *
 * @param callId our Call ID for the call, unique on the connection
 * @param callSerialNumber the serial number both sides log for the call
 * @param bearerType the channel the call came in on: a bit of {@link Bearer}
 * @param physicalChannelId vendor-specific channel number, for logs
 * @param dialedNumber the number the caller dialled, at most 64 octets
 * @param dialingNumber the caller's number, at most 64 octets
 * @param subaddress further dialling information, at most 64 octets
 * @param connectSpeed the speed the call connected at, bits/s (Incoming-Call-Connected)
 * @param packetRecvWindowSize how many data packets we buffer for the call (Incoming-Call-Connected)
 * @param packetTransmitDelay our processing delay in 1/10 s (Incoming-Call-Connected)
 * @param framingType the framing the call uses: a bit of {@link Framing} (Incoming-Call-Connected)
 */
public record IncomingCallParameters(int callId, int callSerialNumber, long bearerType, long physicalChannelId,
                                     String dialedNumber, String dialingNumber, String subaddress,
                                     long connectSpeed, int packetRecvWindowSize, int packetTransmitDelay,
                                     long framingType) {

    public IncomingCallParameters {
        FieldChecks.u16(callId, "Call ID");
        FieldChecks.u16(callSerialNumber, "Call Serial Number");
        FieldChecks.u32(bearerType, "Call Bearer Type");
        FieldChecks.u32(physicalChannelId, "Physical Channel ID");
        FieldChecks.text(dialedNumber, ControlMessageCodec.DIALED_NUMBER_SIZE, "Dialed Number");
        FieldChecks.text(dialingNumber, ControlMessageCodec.DIALING_NUMBER_SIZE, "Dialing Number");
        FieldChecks.text(subaddress, ControlMessageCodec.SUBADDRESS_SIZE, "Subaddress");
        FieldChecks.u32(connectSpeed, "Connect Speed");
        FieldChecks.u16(packetRecvWindowSize, "Packet Recv. Window Size");
        FieldChecks.u16(packetTransmitDelay, "Packet Transmit Delay");
        FieldChecks.u32(framingType, "Framing Type");
    }

    /** A digital call at 64,000 bits/s with asynchronous framing, a window of 64, no numbers. */
    public static IncomingCallParameters of(int callId, int callSerialNumber) {
        return new IncomingCallParameters(callId, callSerialNumber, Bearer.DIGITAL.value(), 0, "", "", "", 64_000,
                CallPolicy.DEFAULT_WINDOW, 0, Framing.ASYNCHRONOUS.value());
    }

    public IncomingCallParameters withNumbers(String dialed, String dialing) {
        return new IncomingCallParameters(callId, callSerialNumber, bearerType, physicalChannelId, dialed, dialing,
                subaddress, connectSpeed, packetRecvWindowSize, packetTransmitDelay, framingType);
    }

    IncomingCallRequest toRequest() {
        return new IncomingCallRequest(callId, callSerialNumber, bearerType, physicalChannelId, dialedNumber.length(),
                dialingNumber.length(), dialedNumber, dialingNumber, subaddress);
    }

    IncomingCallConnected toConnected(int peerCallId) {
        return new IncomingCallConnected(peerCallId, connectSpeed, packetRecvWindowSize, packetTransmitDelay,
                framingType);
    }
}
