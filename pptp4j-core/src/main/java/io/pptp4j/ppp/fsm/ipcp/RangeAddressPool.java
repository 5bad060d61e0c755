package io.pptp4j.ppp.fsm.ipcp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.BitSet;
import java.util.Optional;

/** The addresses from {@code first} to {@code last} inclusive, lowest free first. Thread-safe. */
public final class RangeAddressPool implements AddressPool {
    private final long first;
    private final int size;
    private final BitSet used;

    public RangeAddressPool(Inet4Address first, Inet4Address last) {
        this.first = toLong(first);
        long end = toLong(last);
        if (end < this.first || end - this.first >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("range " + first.getHostAddress() + " to " + last.getHostAddress() + " is empty or too large");
        }
        this.size = (int) (end - this.first + 1);
        this.used = new BitSet(size);
    }

    @Override
    public synchronized Optional<Inet4Address> allocate() {
        int i = used.nextClearBit(0);
        if (i >= size) {
            return Optional.empty();
        }
        used.set(i);
        return Optional.of(toAddress(first + i));
    }

    @Override
    public synchronized void release(Inet4Address address) {
        long i = toLong(address) - first;
        if (i >= 0 && i < size) {
            used.clear((int) i);
        }
    }

    public synchronized int free() { return size - used.cardinality(); }

    private static long toLong(Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }

    private static Inet4Address toAddress(long v) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
