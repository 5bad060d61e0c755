package io.pptp4j.control.engine;

import io.pptp4j.wire.FieldChecks;
import io.pptp4j.control.Bearer;
import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.control.ControlMessage.StartControlConnectionRequest;
import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.control.Framing;
import java.util.Set;

/**
 * What one side says about itself in Start-Control-Connection-Request and -Reply (RFC 2637 2.1, 2.2):
 * ours, from the configuration, and the peer's, reported in {@link ControlAction.Established}.
 *
 * @param hostName DNS name of the sender, at most 64 octets
 * @param vendorString the sender's software or device, at most 64 octets
 * @param framingCapabilities bits of {@link Framing}
 * @param bearerCapabilities bits of {@link Bearer}
 * @param maximumChannels the PPP sessions a PAC can carry; a PNS SHOULD send 0 (RFC 2637 2.1)
 * @param firmwareRevision the PAC's firmware revision, or the version of the PNS's driver
 */
public record HostIdentity(String hostName, String vendorString, long framingCapabilities, long bearerCapabilities,
                           int maximumChannels, int firmwareRevision) {
    /** Asynchronous and synchronous framing: the bits of {@link Framing}. */
    public static final long ANY_FRAMING = Framing.ASYNCHRONOUS.value() | Framing.SYNCHRONOUS.value();
    /** Analog and digital access: the bits of {@link Bearer}. */
    public static final long ANY_BEARER = Bearer.ANALOG.value() | Bearer.DIGITAL.value();

    public HostIdentity {
        FieldChecks.text(hostName, ControlMessageCodec.HOST_NAME_SIZE, "Host Name");
        FieldChecks.text(vendorString, ControlMessageCodec.VENDOR_STRING_SIZE, "Vendor String");
        FieldChecks.u32(framingCapabilities, "Framing Capabilities");
        FieldChecks.u32(bearerCapabilities, "Bearer Capabilities");
        FieldChecks.u16(maximumChannels, "Maximum Channels");
        FieldChecks.u16(firmwareRevision, "Firmware Revision");
    }

    /** pptp4j with any framing and bearer, {@code maximumChannels} as given and firmware revision 1. */
    public static HostIdentity pptp4j(String hostName, int maximumChannels) {
        return new HostIdentity(hostName, "pptp4j", ANY_FRAMING, ANY_BEARER, maximumChannels, 1);
    }

    public static HostIdentity of(StartControlConnectionRequest r) {
        return new HostIdentity(r.hostName(), r.vendorString(), r.framingCapabilities(), r.bearerCapabilities(),
                r.maximumChannels(), r.firmwareRevision());
    }

    public static HostIdentity of(StartControlConnectionReply r) {
        return new HostIdentity(r.hostName(), r.vendorString(), r.framingCapabilities(), r.bearerCapabilities(),
                r.maximumChannels(), r.firmwareRevision());
    }

    public Set<Framing> framingCapabilitySet() { return Framing.setOf(framingCapabilities); }

    public Set<Bearer> bearerCapabilitySet() { return Bearer.setOf(bearerCapabilities); }

    public HostIdentity withMaximumChannels(int value) {
        return new HostIdentity(hostName, vendorString, framingCapabilities, bearerCapabilities, value, firmwareRevision);
    }
}
