package io.pptp4j.linux.tun;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.pptp4j.linux.net.Errno;
import io.pptp4j.linux.net.DescriptorLifecycle;
import io.pptp4j.linux.net.Libc;
import io.pptp4j.linux.net.NativeException;
import io.pptp4j.linux.net.SocketClosedException;
import io.pptp4j.linux.netns.Commands;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TUN device (Linux {@code Documentation/networking/tuntap.rst}): {@code /dev/net/tun} opened and bound
 * to a layer-3 interface with {@code TUNSETIFF}, flags {@code IFF_TUN | IFF_NO_PI}, so that each read
 * returns one IP packet the kernel routed to the interface and each write hands one to the kernel as if
 * received on it. The device is not persistent: it disappears, with its addresses and routes, when this
 * object is closed or the process ends, so nothing is left behind by a crash.
 *
 * <p>Threads: one reader ({@link #read}) and any number of writers ({@link #write}, serialised).
 * {@link #close} may come from any thread: it wakes a blocked read through an eventfd, and the descriptors
 * are released when the last call in progress returns. Native buffers are allocated once, at open: the
 * steady state allocates nothing here.
 *
 * <p>Addresses, MTU and routes are set with {@code ip} from iproute2 ({@link #configure}, {@link #addRoute}).
 */
public final class TunDevice implements AutoCloseable {
    /** {@code _IOW('T', 202, int)}. */
    static final long TUNSETIFF = 0x400454caL;
    static final short IFF_TUN = 0x0001;
    static final short IFF_NO_PI = 0x1000;
    /** {@code IFNAMSIZ}: names are at most 15 characters and a NUL. */
    public static final int IFNAMSIZ = 16;
    static final int IFREQ_SIZE = 40;
    /** The largest packet a read returns. */
    public static final int MAX_PACKET = 65535;

    private final int fd;
    private final int wakeFd;
    private final String name;
    private final Arena arena;
    private final MemorySegment readBuffer;
    private final MemorySegment readState;
    private final MemorySegment pollFds;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final MemorySegment writeBuffer;
    private final MemorySegment writeState;
    private final DescriptorLifecycle lifecycle;

    private final AtomicLong packetsRead = new AtomicLong();
    private final AtomicLong packetsWritten = new AtomicLong();
    private final AtomicLong writesDropped = new AtomicLong();

    private TunDevice(int fd, int wakeFd, String name, Arena arena) {
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.name = name;
        this.arena = arena;
        this.lifecycle = new DescriptorLifecycle(call -> new SocketClosedException(call + ": TUN device " + name + " closed"),
                this::wake, this::release);
        this.readBuffer = arena.allocate(MAX_PACKET);
        this.readState = Libc.newCallState(arena);
        this.pollFds = arena.allocate(2L * Libc.POLLFD_SIZE);
        pollFds.set(JAVA_INT, 0, fd);
        pollFds.set(JAVA_SHORT, 4, Libc.POLLIN);
        pollFds.set(JAVA_INT, Libc.POLLFD_SIZE, wakeFd);
        pollFds.set(JAVA_SHORT, Libc.POLLFD_SIZE + 4, Libc.POLLIN);
        this.writeBuffer = arena.allocate(MAX_PACKET);
        this.writeState = Libc.newCallState(arena);
    }

    /**
     * Creates the interface in the network namespace of the calling process.
     *
     * @param requestedName the name, or a pattern with {@code %d} for the kernel to number ({@code pptp%d})
     * @throws IllegalArgumentException for a name that is empty, too long or has characters {@code ip} refuses
     * @throws NativeException when the kernel refuses: EPERM without CAP_NET_ADMIN, EBUSY when an interface of
     *         that name exists and is not a free TUN device
     */
    public static TunDevice open(String requestedName) throws NativeException {
        checkName(requestedName);
        Arena arena = Arena.ofShared();
        int fd = -1;
        int wake = -1;
        try (Arena temp = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(temp);
            MemorySegment path = temp.allocateFrom("/dev/net/tun");
            fd = Libc.check(Libc.open(state, path, Libc.O_RDWR | Libc.O_CLOEXEC | Libc.O_NONBLOCK), state,
                    () -> "open(/dev/net/tun)");
            MemorySegment ifr = temp.allocate(IFREQ_SIZE);
            byte[] nameBytes = requestedName.getBytes(StandardCharsets.US_ASCII);
            MemorySegment.copy(nameBytes, 0, ifr, JAVA_BYTE, 0, nameBytes.length);
            ifr.set(JAVA_SHORT, IFNAMSIZ, (short) (IFF_TUN | IFF_NO_PI));
            int openFd = fd;
            Libc.check(Libc.ioctl(state, fd, TUNSETIFF, ifr), state,
                    () -> "ioctl(" + openFd + ", TUNSETIFF, \"" + requestedName + "\")");
            String actual = ifr.asSlice(0, IFNAMSIZ).getString(0, StandardCharsets.US_ASCII);
            wake = Libc.check(Libc.eventfd(state, 0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK), state, () -> "eventfd");
            return new TunDevice(fd, wake, actual, arena);
        } catch (NativeException | RuntimeException | Error e) {
            try (Arena temp = Arena.ofConfined()) {
                MemorySegment state = Libc.newCallState(temp);
                if (fd >= 0) Libc.close(state, fd);
                if (wake >= 0) Libc.close(state, wake);
            }
            arena.close();
            throw e;
        }
    }

    static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() >= IFNAMSIZ) {
            throw new IllegalArgumentException("interface name \"" + name + "\": must be 1 to " + (IFNAMSIZ - 1) + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || (c == '%' && name.startsWith("%d", i));
            if (!ok) {
                throw new IllegalArgumentException("interface name \"" + name + "\": character '" + c + "' at " + i
                        + " is not allowed (letters, digits, - _ . and one %d)");
            }
        }
    }

    /** The interface's name as the kernel gave it. */
    public String name() { return name; }

    public boolean isOpen() { return !lifecycle.isClosed(); }

    /**
     * Gives the interface its point-to-point addresses and MTU and brings it up:
     * {@code ip addr add LOCAL peer PEER dev NAME} and {@code ip link set dev NAME mtu MTU up}.
     */
    public void configure(Inet4Address local, Inet4Address peer, int mtu) throws IOException {
        if (mtu < 68 || mtu > MAX_PACKET) {
            throw new IllegalArgumentException("MTU " + mtu + ": must be 68 to " + MAX_PACKET + " (RFC 791)");
        }
        Commands.ip("addr", "add", local.getHostAddress(), "peer", peer.getHostAddress() + "/32", "dev", name);
        Commands.ip("link", "set", "dev", name, "mtu", Integer.toString(mtu), "up");
    }

    /** {@code ip route add CIDR dev NAME}. */
    public void addRoute(String cidr) throws IOException {
        Commands.ip("route", "add", cidr, "dev", name);
    }

    /**
     * Waits for the next packet the kernel sends out through the interface and copies it into {@code buf}
     * from {@code off}; returns its length. A packet longer than {@code len} (the interface's MTU was
     * raised under us) is cut to {@code len} bytes, and its whole length returned: the caller sees that it
     * did not fit.
     *
     * @throws SocketClosedException when the device is or gets closed
     */
    public int read(byte[] buf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        begin("read");
        try {
            while (true) {
                int n = tryRead(buf, off, len);
                if (n >= 0) {
                    return n;
                }
                pollFds.set(JAVA_SHORT, 6, (short) 0);
                pollFds.set(JAVA_SHORT, Libc.POLLFD_SIZE + 6, (short) 0);
                if (Libc.poll(readState, pollFds, 2, -1) < 0) {
                    int errno = Libc.errno(readState);
                    if (errno != Errno.EINTR.value()) {
                        throw new NativeException("poll(" + name + ")", errno);
                    }
                }
            }
        } finally {
            end();
        }
    }

    /**
     * {@link #read} without waiting: the next packet already queued, or -1 when there is none. A reader
     * that got one packet takes those that came meanwhile this way, to send them as one batch.
     */
    public int readNow(byte[] buf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        begin("read");
        try {
            return tryRead(buf, off, len);
        } finally {
            end();
        }
    }

    /** One read of the non-blocking descriptor: the packet's length, or -1 when none is queued. */
    private int tryRead(byte[] buf, int off, int len) throws IOException {
        for (int interrupted = 0; ; ) {
            if (lifecycle.isClosed()) {
                throw lifecycle.closedException("read");
            }
            long n = Libc.read(readState, fd, readBuffer, MAX_PACKET);
            if (n >= 0) {
                MemorySegment.copy(readBuffer, JAVA_BYTE, 0, buf, off, (int) Math.min(n, len));
                packetsRead.incrementAndGet();
                return (int) n;
            }
            int errno = Libc.errno(readState);
            if (errno == Errno.EINTR.value() && ++interrupted < 16) {
                continue;
            }
            if (errno == Errno.EAGAIN.value()) {
                return -1;
            }
            throw new NativeException("read(" + name + ")", errno);
        }
    }

    /**
     * Hands one IP packet to the kernel as received on this interface. Returns false when the kernel
     * refused it (counted in {@link #writesDropped()}): a full queue, or a packet that is not IP.
     *
     * @throws SocketClosedException when the device is closed
     */
    public boolean write(byte[] buf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len > MAX_PACKET) {
            throw new IllegalArgumentException("a packet of " + len + " bytes is larger than " + MAX_PACKET);
        }
        begin("write");
        writeLock.lock();
        try {
            MemorySegment.copy(buf, off, writeBuffer, JAVA_BYTE, 0, len);
            long n = Libc.write(writeState, fd, writeBuffer, len);
            if (n == len) {
                packetsWritten.incrementAndGet();
                return true;
            }
            int errno = Libc.errno(writeState);
            if (lifecycle.isClosed()) {
                throw lifecycle.closedException("write");
            }
            if (n >= 0 || errno == Errno.EAGAIN.value() || errno == Errno.EINVAL.value() || errno == Errno.EIO.value()
                    || errno == Errno.ENOBUFS.value()) {
                writesDropped.incrementAndGet();
                return false;
            }
            throw new NativeException("write(" + name + ", " + len + " bytes)", errno);
        } finally {
            writeLock.unlock();
            end();
        }
    }

    public long packetsRead() { return packetsRead.get(); }

    public long packetsWritten() { return packetsWritten.get(); }

    public long writesDropped() { return writesDropped.get(); }

    private void begin(String call) throws SocketClosedException { lifecycle.begin(call); }

    private void end() { lifecycle.end(); }

    /** Removes the interface (its addresses and routes go with it) and wakes a blocked read. */
    @Override
    public void close() { lifecycle.close(); }

    /** Wakes the reader's poll through the eventfd; the descriptors are released by the last call to return. */
    private void wake() {
        try (Arena temp = Arena.ofConfined()) {
            MemorySegment one = temp.allocate(JAVA_LONG);
            one.set(JAVA_LONG, 0, 1L);
            Libc.write(Libc.newCallState(temp), wakeFd, one, 8);
        }
    }

    private void release() {
        try (Arena temp = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(temp);
            Libc.close(state, fd);
            Libc.close(state, wakeFd);
        }
        arena.close();
    }

    @Override
    public String toString() {
        return "TunDevice[" + name + (lifecycle.isClosed() ? ", closed" : "") + "]";
    }
}
