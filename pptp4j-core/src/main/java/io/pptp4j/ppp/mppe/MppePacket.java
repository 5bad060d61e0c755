package io.pptp4j.ppp.mppe;

import io.pptp4j.wire.Bytes;
import java.util.Objects;

/**
 * The Information field of a PPP frame with protocol 0x00FD once MPPE is negotiated (RFC 3078 3.1): the
 * header, then the encrypted data, which begins with the encrypted PPP Protocol field of the inner packet.
 */
public record MppePacket(MppeHeader header, Bytes payload) {
    public MppePacket {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
    }

    /** The encoded size: two octets of header and the payload. */
    public int length() { return 2 + payload.length(); }
}
