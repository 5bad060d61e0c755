package io.pptp4j.linux.packet;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.pptp4j.capture.CapturedPacket;
import io.pptp4j.capture.LinkType;
import io.pptp4j.linux.net.Libc;
import io.pptp4j.linux.net.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Live capture from one interface through an AF_PACKET socket (packet(7)), called through FFM: a
 * {@code SOCK_DGRAM} ("cooked") socket for all protocols ({@code ETH_P_ALL}) bound to the interface, so that
 * every interface type (Ethernet, veth, loopback, PPP, TUN) gives network-layer packets without a link
 * header. IPv4 and IPv6 packets are handed out as {@link LinkType#RAW} {@link CapturedPacket}s numbered
 * from 1, both directions; on a loopback interface the outgoing copy of each packet is dropped (the kernel
 * shows it again as incoming). Needs CAP_NET_RAW. Not thread-safe, except {@link #stop()}.
 *
 * <pre>
 * struct sockaddr_ll {                     (20 octets, native byte order except sll_protocol)
 *     unsigned short sll_family;    0      AF_PACKET
 *     __be16         sll_protocol;  2      ETH_P_IP 0x0800, ETH_P_IPV6 0x86DD, ...
 *     int            sll_ifindex;   4
 *     unsigned short sll_hatype;    8      ARPHRD_LOOPBACK 772, ...
 *     unsigned char  sll_pkttype;  10      PACKET_OUTGOING 4, ...
 *     unsigned char  sll_halen;    11
 *     unsigned char  sll_addr[8];  12
 * };
 * </pre>
 */
public final class PacketSocket implements AutoCloseable {
    static final int AF_PACKET = 17;
    static final int SOCK_DGRAM = 2;
    static final int ETH_P_ALL = 0x0003;
    static final int ETH_P_IP = 0x0800;
    static final int ETH_P_IPV6 = 0x86DD;
    static final int ARPHRD_LOOPBACK = 772;
    static final int PACKET_OUTGOING = 4;
    static final int SOCKADDR_LL_SIZE = 20;
    private static final int SO_RCVBUF = 8;
    private static final int BUFFER = 65_536;

    private final Arena arena = Arena.ofAuto();
    private final MemorySegment callState = Libc.newCallState(arena);
    private final MemorySegment buffer = arena.allocate(BUFFER);
    private final MemorySegment from = arena.allocate(SOCKADDR_LL_SIZE);
    private final MemorySegment fromLength = arena.allocate(JAVA_INT);
    private final MemorySegment pollfd = arena.allocate(Libc.POLLFD_SIZE);
    private final byte[] data = new byte[BUFFER];
    private final String interfaceName;
    private final int fd;
    private volatile boolean closed;
    private boolean released;
    private long frames;
    private long dropped;

    private PacketSocket(String interfaceName, int fd) {
        this.interfaceName = interfaceName;
        this.fd = fd;
    }

    /** Opens a capture on {@code interfaceName} in the caller's network namespace. */
    public static PacketSocket open(String interfaceName) throws NativeException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(a);
            int index = Libc.ifNameToIndex(state, a.allocateFrom(interfaceName));
            if (index == 0) {
                throw new NativeException("interface " + interfaceName, Libc.errno(state));
            }
            int fd = Libc.check(Libc.socket(state, AF_PACKET, SOCK_DGRAM | Libc.SOCK_CLOEXEC, htons(ETH_P_ALL)), state,
                    () -> "socket(AF_PACKET) for " + interfaceName);
            try {
                MemorySegment size = a.allocate(JAVA_INT);
                size.set(JAVA_INT, 0, 4 << 20);
                // a larger receive buffer for bursts; the kernel caps it at rmem_max, which is fine
                Libc.setsockopt(state, fd, Libc.SOL_SOCKET, SO_RCVBUF, size, 4);
                MemorySegment ll = a.allocate(SOCKADDR_LL_SIZE);
                ll.fill((byte) 0);
                ll.set(JAVA_SHORT, 0, (short) AF_PACKET);
                ll.set(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) ETH_P_ALL);
                ll.set(JAVA_INT, 4, index);
                Libc.check(Libc.bind(state, fd, ll, SOCKADDR_LL_SIZE), state, () -> "bind(AF_PACKET, " + interfaceName + ")");
            } catch (NativeException | RuntimeException e) {
                Libc.close(state, fd);
                throw e;
            }
            return new PacketSocket(interfaceName, fd);
        }
    }

    private static int htons(int v) { return ((v & 0xFF) << 8) | ((v >> 8) & 0xFF); }

    public String interfaceName() { return interfaceName; }

    /** Packets handed out so far. */
    public long frames() { return frames; }

    /** Packets seen but not handed out: not IP, or loopback's outgoing copy. */
    public long dropped() { return dropped; }

    /**
     * Waits up to {@code timeoutMillis} for the next IP packet and fills {@code packet} with it (a view of
     * this socket's array, valid until the next call).
     *
     * @return false on timeout or after {@link #stop()}
     */
    public boolean receive(CapturedPacket packet, int timeoutMillis) throws NativeException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!closed) {
            fromLength.set(JAVA_INT, 0, SOCKADDR_LL_SIZE);
            long n = Libc.recvfrom(callState, fd, buffer, BUFFER, Libc.MSG_DONTWAIT, from, fromLength);
            if (n < 0) {
                int errno = Libc.errno(callState);
                if (errno != 11 && errno != 4) { // EAGAIN, EINTR
                    throw new NativeException("recvfrom(AF_PACKET, " + interfaceName + ")", errno);
                }
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return false;
                }
                pollfd.set(JAVA_INT, 0, fd);
                pollfd.set(JAVA_SHORT, 4, Libc.POLLIN);
                pollfd.set(JAVA_SHORT, 6, (short) 0);
                Libc.poll(callState, pollfd, 1, (int) Math.min(left, 200));
                continue;
            }
            int protocol = Short.toUnsignedInt(from.get(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2));
            int hatype = Short.toUnsignedInt(from.get(JAVA_SHORT, 8));
            int pkttype = Byte.toUnsignedInt(from.get(JAVA_BYTE, 10));
            if ((protocol != ETH_P_IP && protocol != ETH_P_IPV6)
                    || (hatype == ARPHRD_LOOPBACK && pkttype == PACKET_OUTGOING)) {
                dropped++;
                continue;
            }
            int length = (int) n;
            MemorySegment.copy(buffer, JAVA_BYTE, 0, data, 0, length);
            frames++;
            packet.set(frames, System.currentTimeMillis() * 1_000_000L, LinkType.RAW.value(), data, 0, length, length);
            return true;
        }
        return false;
    }

    /** Makes a {@link #receive} in progress return false within 200 ms, and every later one at once; any thread. */
    public void stop() { closed = true; }

    public boolean stopped() { return closed; }

    /** Releases the socket; call from the thread that receives. */
    @Override
    public void close() {
        closed = true;
        if (!released) {
            released = true;
            Libc.close(callState, fd);
        }
    }
}
