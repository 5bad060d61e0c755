package io.pptp4j.linux.net;

import java.net.Inet4Address;

/**
 * What {@link RawIpSocket#receive} copied: the IP payload (the IPv4 header is stripped) and the
 * addresses from that header.
 *
 * @param source the sender's address
 * @param destination the address the datagram was sent to (one of this host's)
 * @param length payload bytes copied into the caller's buffer
 * @param payloadLength payload bytes in the datagram: more than {@code length} when the buffer was short
 */
public record ReceivedDatagram(Inet4Address source, Inet4Address destination, int length, int payloadLength) {
    public ReceivedDatagram {
        if (length < 0 || length > payloadLength) {
            throw new IllegalArgumentException("copied " + length + " of a " + payloadLength + "-byte payload");
        }
    }

    /** Whether the caller's buffer was too small for the whole payload. */
    public boolean truncated() { return length < payloadLength; }
}
