package io.pptp4j.capture;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Text and {@link InetAddress} forms of raw IPv4 and IPv6 addresses, made on demand. */
public final class IpAddresses {
    private IpAddresses() {}

    /**
     * Dotted quad for 4 bytes; for 16, the RFC 5952 form (lower case, leading zeros dropped, the first
     * longest run of two or more zero groups as {@code ::}).
     */
    public static String format(byte[] address, int offset, int length) {
        if (length == 4) {
            return (address[offset] & 0xFF) + "." + (address[offset + 1] & 0xFF) + "." + (address[offset + 2] & 0xFF)
                    + "." + (address[offset + 3] & 0xFF);
        }
        if (length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + length);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[offset + 2 * i] & 0xFF) << 8 | (address[offset + 2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    public static String format(byte[] address) { return format(address, 0, address.length); }

    /** Text for an IPv4 address held in an int, most significant byte first. */
    public static String formatIpv4(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." + (address & 0xFF);
    }

    public static InetAddress toInetAddress(byte[] address, int offset, int length) {
        byte[] copy = new byte[length];
        System.arraycopy(address, offset, copy, 0, length);
        try {
            return InetAddress.getByAddress(copy);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + length, e);
        }
    }
}
