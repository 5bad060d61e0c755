package io.pptp4j.scan;

import java.net.InetAddress;
import java.util.Optional;

/**
 * One address and port to scan, with the host name it came from (when it was given as a name). An
 * unresolvable name is a target too, with no address and the reason, so that it is reported.
 */
public record Target(InetAddress address, int port, String hostName, String unresolved) {
    public Target {
        if ((address == null) == (unresolved == null)) {
            throw new IllegalArgumentException("a target has an address or the reason it has none, not both");
        }
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port);
    }

    public static Target of(InetAddress address, int port) { return new Target(address, port, null, null); }

    public Optional<String> name() { return Optional.ofNullable(hostName); }

    /** The address as text, or the name when it did not resolve. */
    public String ip() { return address != null ? address.getHostAddress() : hostName; }
}
