package io.pptp4j.scan;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/**
 * One target as written on the command line or in a target file: an address, a CIDR block, or a host
 * name left for the caller to resolve. A block is walked lazily ({@link Block#addresses()}), so a /8
 * (or an IPv6 /64) costs no memory.
 */
public sealed interface TargetSpec {

    /** Literal IPv4 and IPv6 addresses (no name lookup); anything else is a host name. */
    Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    Pattern HOST_NAME = Pattern.compile("(?i)[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))*\\.?");

    /** One address. */
    record Address(InetAddress address) implements TargetSpec {
        public Address {
            if (address == null) throw new IllegalArgumentException("address is null");
        }

        @Override
        public String toString() { return address.getHostAddress(); }
    }

    /** A CIDR block, held as its first address and prefix length (host bits cleared). */
    record Block(InetAddress network, int prefixLength) implements TargetSpec {
        public Block {
            int bits = network.getAddress().length * 8;
            if (prefixLength < 0 || prefixLength > bits) {
                throw new IllegalArgumentException("prefix length " + prefixLength + " is not 0 to " + bits);
            }
            if (!firstOf(network, prefixLength).equals(network)) {
                throw new IllegalArgumentException(network.getHostAddress() + "/" + prefixLength + " has host bits set");
            }
        }

        /** The block holding {@code address}: {@code 10.1.2.3/8} is {@code 10.0.0.0/8}. */
        public static Block containing(InetAddress address, int prefixLength) {
            int bits = address.getAddress().length * 8;
            if (prefixLength < 0 || prefixLength > bits) {
                throw new IllegalArgumentException("prefix length " + prefixLength + " is not 0 to " + bits);
            }
            return new Block(firstOf(address, prefixLength), prefixLength);
        }

        private static InetAddress firstOf(InetAddress a, int prefixLength) {
            byte[] b = a.getAddress();
            for (int i = 0; i < b.length; i++) {
                int keep = Math.clamp(prefixLength - i * 8L, 0, 8);
                b[i] &= (byte) (0xFF00 >> keep);
            }
            return byAddress(b);
        }

        public int addressBits() { return network.getAddress().length * 8; }

        /** How many addresses the block holds: 2^(bits - prefix). */
        public BigInteger size() { return BigInteger.ONE.shiftLeft(addressBits() - prefixLength); }

        public boolean contains(InetAddress a) {
            byte[] n = network.getAddress();
            byte[] x = a.getAddress();
            if (n.length != x.length) return false;
            for (int i = 0; i < n.length; i++) {
                int keep = Math.clamp(prefixLength - i * 8L, 0, 8);
                int mask = (0xFF00 >> keep) & 0xFF;
                if ((n[i] & mask) != (x[i] & mask)) return false;
            }
            return true;
        }

        /** The addresses in order, computed one at a time. */
        public Iterator<InetAddress> addresses() {
            BigInteger first = new BigInteger(1, network.getAddress());
            BigInteger size = size();
            int length = network.getAddress().length;
            if (network instanceof Inet4Address) {
                long start = first.longValueExact();
                long count = size.longValueExact();
                return new Iterator<>() {
                    long i;

                    public boolean hasNext() { return i < count; }

                    public InetAddress next() {
                        if (i >= count) throw new NoSuchElementException();
                        long v = start + i++;
                        return byAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
                    }
                };
            }
            return new Iterator<>() {
                BigInteger i = BigInteger.ZERO;

                public boolean hasNext() { return i.compareTo(size) < 0; }

                public InetAddress next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    byte[] v = first.add(i).toByteArray();
                    i = i.add(BigInteger.ONE);
                    byte[] b = new byte[length];
                    int n = Math.min(v.length, length);
                    System.arraycopy(v, v.length - n, b, length - n, n);
                    return byAddress(b);
                }
            };
        }

        @Override
        public String toString() { return network.getHostAddress() + "/" + prefixLength; }
    }

    /** A name to resolve; every address it resolves to is a target. */
    record HostName(String name) implements TargetSpec {
        public HostName {
            if (!HOST_NAME.matcher(name).matches() || name.length() > 253) {
                throw new IllegalArgumentException("'" + name + "' is not an address, a CIDR block or a host name");
            }
        }

        @Override
        public String toString() { return name; }
    }

    /**
     * Parses {@code 192.0.2.7}, {@code 192.0.2.0/24}, {@code 2001:db8::1}, {@code 2001:db8::/120} or
     * {@code vpn.example.com}. A block with host bits set is widened to its network, as nmap does.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    static TargetSpec parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) throw new IllegalArgumentException("empty target");
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        InetAddress address = literal(host);
        if (slash < 0) {
            return address != null ? new Address(address) : new HostName(s);
        }
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "': a CIDR block needs an address before '/', found '" + host + "'");
        }
        String prefix = s.substring(slash + 1);
        int bits = address.getAddress().length * 8;
        int length;
        try {
            length = Integer.parseInt(prefix);
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0 || length > bits || !prefix.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + text + "': prefix length must be 0 to " + bits + ", found '" + prefix + "'");
        }
        return Block.containing(address, length);
    }

    /** The address written in {@code s} without any name lookup, or null when {@code s} is not one. */
    static InetAddress literal(String s) {
        String h = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (IPV4.matcher(h).matches()) {
            String[] parts = h.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) throw new IllegalArgumentException("'" + s + "': octet " + v + " is over 255");
                b[i] = (byte) v;
            }
            return byAddress(b);
        }
        if (h.indexOf(':') >= 0 && h.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            try {
                return InetAddress.getByName(h); // a literal: no lookup is made for it
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + s + "' is not a valid IPv6 address");
            }
        }
        return null;
    }

    private static InetAddress byAddress(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
