package io.pptp4j.ppp.ipcp;

import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.ppp.cp.CpCodec;
import io.pptp4j.wire.Layer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The IP Control Protocol (RFC 1332 section 2): its packet codec with codes 1-7 and its options, and
 * IPv4 addresses made from octets (never a name lookup).
 */
public final class Ipcp {
    public static final CpCodec<IpcpOption> CODEC =
            new CpCodec<>(Layer.IPCP, PppProtocol.IPCP, CpCodec.ncpCodes(), IpcpOptionCodec.INSTANCE);

    /** 0.0.0.0: in a Configure-Request, a request that the peer supply the address (RFC 1332 3.3, RFC 1877). */
    public static final Inet4Address UNSPECIFIED = ipv4(new byte[4]);

    private Ipcp() {}

    /** The address with these four octets. */
    public static Inet4Address ipv4(byte[] octets) {
        if (octets.length != 4) {
            throw new IllegalArgumentException("an IPv4 address has 4 octets, not " + octets.length);
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e); // only for a wrong length, checked above
        }
    }

    /** The address written as four decimal octets, {@code 192.168.43.108}. */
    public static Inet4Address ipv4(String dottedQuad) {
        String[] parts = dottedQuad.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + dottedQuad + "' is not four dotted octets");
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("'" + dottedQuad + "' is not four dotted octets");
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                throw new IllegalArgumentException("'" + dottedQuad + "': " + v + " is not an octet");
            }
            b[i] = (byte) v;
        }
        return ipv4(b);
    }
}
