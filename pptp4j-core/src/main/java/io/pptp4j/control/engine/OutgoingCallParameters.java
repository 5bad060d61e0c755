package io.pptp4j.control.engine;

import io.pptp4j.wire.FieldChecks;
import io.pptp4j.control.Bearer;
import io.pptp4j.control.ControlMessage.OutgoingCallRequest;
import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.control.Framing;

/**
 * What the application puts in the Outgoing-Call-Request it asks for (RFC 2637 2.7), as the PNS.
 *
 * @param callId our Call ID for the call: the Call ID the peer puts in the GRE packets it sends us;
 *     unique on the connection
 * @param callSerialNumber the serial number both sides log for the call
 * @param minimumBps the lowest acceptable line speed, bits/s
 * @param maximumBps the highest acceptable line speed, bits/s
 * @param bearerType bits of {@link Bearer}; 3 lets the PAC use any channel
 * @param framingType bits of {@link Framing}; 3 lets the PAC use either framing
 * @param packetRecvWindowSize how many data packets we buffer for the call
 * @param packetProcessingDelay our processing delay in 1/10 s ("very small" for a PNS)
 * @param phoneNumber the number to dial, at most 64 octets; VPN clients send an empty one or the server's
 *     address
 * @param subaddress further dialling information, at most 64 octets
 */
public record OutgoingCallParameters(int callId, int callSerialNumber, long minimumBps, long maximumBps,
                                     long bearerType, long framingType, int packetRecvWindowSize,
                                     int packetProcessingDelay, String phoneNumber, String subaddress) {

    public OutgoingCallParameters {
        FieldChecks.u16(callId, "Call ID");
        FieldChecks.u16(callSerialNumber, "Call Serial Number");
        FieldChecks.u32(minimumBps, "Minimum BPS");
        FieldChecks.u32(maximumBps, "Maximum BPS");
        FieldChecks.u32(bearerType, "Bearer Type");
        FieldChecks.u32(framingType, "Framing Type");
        FieldChecks.u16(packetRecvWindowSize, "Packet Recv. Window Size");
        FieldChecks.u16(packetProcessingDelay, "Packet Processing Delay");
        FieldChecks.text(phoneNumber, ControlMessageCodec.PHONE_NUMBER_SIZE, "Phone Number");
        FieldChecks.text(subaddress, ControlMessageCodec.SUBADDRESS_SIZE, "Subaddress");
    }

    /** 300 to 100,000,000 bits/s, any bearer and framing, a window of 64, no delay, no number. */
    public static OutgoingCallParameters of(int callId, int callSerialNumber) {
        return new OutgoingCallParameters(callId, callSerialNumber, 300, 100_000_000L, HostIdentity.ANY_BEARER,
                HostIdentity.ANY_FRAMING, CallPolicy.DEFAULT_WINDOW, 0, "", "");
    }

    public OutgoingCallParameters withPacketRecvWindowSize(int value) {
        return new OutgoingCallParameters(callId, callSerialNumber, minimumBps, maximumBps, bearerType, framingType,
                value, packetProcessingDelay, phoneNumber, subaddress);
    }

    public OutgoingCallParameters withBps(long minimum, long maximum) {
        return new OutgoingCallParameters(callId, callSerialNumber, minimum, maximum, bearerType, framingType,
                packetRecvWindowSize, packetProcessingDelay, phoneNumber, subaddress);
    }

    public OutgoingCallParameters withPhoneNumber(String value) {
        return new OutgoingCallParameters(callId, callSerialNumber, minimumBps, maximumBps, bearerType, framingType,
                packetRecvWindowSize, packetProcessingDelay, value, subaddress);
    }

    /** The request; Phone Number Length is the length of the Phone Number. */
    OutgoingCallRequest toRequest() {
        return new OutgoingCallRequest(callId, callSerialNumber, minimumBps, maximumBps, bearerType, framingType,
                packetRecvWindowSize, packetProcessingDelay, phoneNumber.length(), phoneNumber, subaddress);
    }
}
