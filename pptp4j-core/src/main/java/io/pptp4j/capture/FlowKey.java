package io.pptp4j.capture;

import io.pptp4j.wire.Bytes;

import java.net.InetAddress;

/**
 * The addresses and ports of a TCP connection, client side first: the side that sent the SYN, or,
 * when the capture began after the handshake, the side that {@link TcpReassembler} judged to be the
 * client.
 */
public record FlowKey(int ipVersion, Bytes clientAddress, int clientPort, Bytes serverAddress, int serverPort) {
    public FlowKey {
        int length = ipVersion == 4 ? 4 : ipVersion == 6 ? 16 : -1;
        if (length < 0) {
            throw new IllegalArgumentException("IP version 4 or 6, not " + ipVersion);
        }
        if (clientAddress.length() != length || serverAddress.length() != length) {
            throw new IllegalArgumentException("IPv" + ipVersion + " addresses have " + length + " bytes: "
                    + clientAddress + ", " + serverAddress);
        }
        if ((clientPort & ~0xFFFF) != 0 || (serverPort & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("ports are 0 to 65535: " + clientPort + ", " + serverPort);
        }
    }

    public InetAddress clientInetAddress() { return IpAddresses.toInetAddress(clientAddress.toArray(), 0, clientAddress.length()); }

    public InetAddress serverInetAddress() { return IpAddresses.toInetAddress(serverAddress.toArray(), 0, serverAddress.length()); }

    /** {@code 10.1.1.11:3025} or {@code [2001:db8::1]:3025}. */
    public String clientEndpoint() { return endpoint(clientAddress, clientPort); }

    public String serverEndpoint() { return endpoint(serverAddress, serverPort); }

    private String endpoint(Bytes address, int port) {
        String a = IpAddresses.format(address.toArray());
        return (ipVersion == 6 ? "[" + a + "]" : a) + ":" + port;
    }

    @Override
    public String toString() { return clientEndpoint() + " <-> " + serverEndpoint(); }
}
