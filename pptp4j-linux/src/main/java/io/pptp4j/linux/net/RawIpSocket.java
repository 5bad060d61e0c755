package io.pptp4j.linux.net;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A raw IPv4 socket ({@code socket(AF_INET, SOCK_RAW, protocol)}, Linux raw(7)) for one IP protocol,
 * 47 (GRE) for PPTP, through the Foreign Function and Memory API.
 *
 * <p>Sending: the caller gives the IP payload (for PPTP a GRE header and the PPP packet) and the kernel
 * adds the IPv4 header (IP_HDRINCL is not set), with the source address chosen by routing or by
 * {@link #bind}. Receiving: the kernel delivers every datagram of the protocol addressed to this host
 * (to the bound address only, after {@link #bind}) with its IPv4 header; {@link #receive} strips that
 * header, copies the payload and reports the source and destination addresses.
 *
 * <p>Memory: each socket owns one native buffer for sending and one for receiving (64 KiB each) and a
 * few small segments, all from one shared arena freed when the socket is closed: no native allocation
 * per call.
 *
 * <p>Thread safety: every method may be called from any thread. Sends are serialized among themselves
 * (they share the send buffer), receives among themselves (meant for one receiver thread), and a send
 * runs in parallel with a receive. {@link #close} may come from any thread at any time: it wakes a
 * receive blocked in {@code poll}, which then throws {@link SocketClosedException}, and the descriptor
 * is closed only when the last call in progress has returned, so its number cannot be reused under a
 * running call. Interrupting a thread does not wake it from {@code poll}: close the socket instead.
 */
public final class RawIpSocket implements AutoCloseable {
    /** The largest IPv4 datagram, header included, and the size of each native buffer. */
    public static final int MAX_DATAGRAM_LENGTH = 65535;
    private static final int IPV4_MIN_HEADER_LENGTH = 20;
    /** EINTR retries of one call before giving up. */
    private static final int MAX_INTERRUPTED_RETRIES = 16;
    /** Wake-ups of one receive that find nothing to read before it gives up. */
    private static final int MAX_EMPTY_WAKEUPS = 1024;

    private final int fd;
    private final int protocol;
    private final Arena arena;

    private final ReentrantLock sendLock = new ReentrantLock();
    private final MemorySegment sendBuffer;
    private final MemorySegment sendAddress;
    private final MemorySegment sendState;
    private Inet4Address lastDestination;
    // made on the first sendBatch, guarded by sendLock
    private MessageVector sendBatch;

    private final ReentrantLock receiveLock = new ReentrantLock();
    private final MemorySegment receiveBuffer;
    private final MemorySegment receiveAddress;
    private final MemorySegment receiveAddressLength;
    private final MemorySegment pollFd;
    private final MemorySegment receiveState;
    private final AddressCache sources = new AddressCache();
    /** Datagrams one {@link #receiveBatch} takes at most, each into a 64 KiB native buffer of its own. */
    public static final int BATCH_SIZE = 16;
    // made on the first receiveBatch, guarded by receiveLock
    private MessageVector receiveBatch;
    private int batchCount;
    private final AddressCache destinations = new AddressCache();

    private final MemorySegment lifecycleState;
    private final DescriptorLifecycle lifecycle;

    private RawIpSocket(int fd, int protocol, Arena arena, MemorySegment openState) {
        this.fd = fd;
        this.protocol = protocol;
        this.arena = arena;
        this.lifecycleState = openState;
        // close wakes poll and recvfrom with shutdown (the kernel marks the socket shut down even though it
        // answers ENOTCONN for an unconnected one), under the lifecycle's lock so that the descriptor cannot
        // be closed and its number reused in between
        this.lifecycle = new DescriptorLifecycle(
                operation -> new SocketClosedException(operation + ": raw IPv4 socket (protocol " + protocol + ") is closed"),
                () -> Libc.shutdown(lifecycleState, fd, Libc.SHUT_RDWR), this::release);
        this.sendBuffer = arena.allocate(MAX_DATAGRAM_LENGTH);
        this.sendAddress = arena.allocate(Libc.SOCKADDR_IN_SIZE);
        this.sendState = Libc.newCallState(arena);
        this.receiveBuffer = arena.allocate(MAX_DATAGRAM_LENGTH);
        this.receiveAddress = arena.allocate(Libc.SOCKADDR_IN_SIZE);
        this.receiveAddressLength = arena.allocate(JAVA_INT);
        this.pollFd = arena.allocate(Libc.POLLFD_SIZE);
        this.receiveState = Libc.newCallState(arena);
        pollFd.set(JAVA_INT, 0, fd);
        pollFd.set(JAVA_SHORT, 4, Libc.POLLIN);
    }

    /**
     * Opens {@code socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, protocol)} in the calling thread's network
     * namespace (see {@code io.pptp4j.linux.netns.NetworkNamespace#call} for another one). Needs
     * CAP_NET_RAW; without it the message reads
     * {@code socket(AF_INET, SOCK_RAW, 47): Operation not permitted (EPERM, errno 1)}.
     */
    public static RawIpSocket open(int protocol) throws NativeException {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment state = Libc.newCallState(arena);
            int fd = Libc.check(Libc.socket(state, Libc.AF_INET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol),
                    state, () -> "socket(AF_INET, SOCK_RAW, " + protocol + ")");
            return new RawIpSocket(fd, protocol, arena, state);
        } catch (NativeException | RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /** The IP protocol number given to {@link #open}. */
    public int protocol() { return protocol; }

    /**
     * The file descriptor, for a caller's own {@code poll}. It stays valid until {@link #close}; do not
     * close it or read from it.
     */
    public int fd() { return fd; }

    public boolean isOpen() { return !lifecycle.isClosed(); }

    /**
     * Binds to a local address: it becomes the source of datagrams sent, and only datagrams to it are
     * received. Fails with EADDRNOTAVAIL when no interface of this namespace has the address.
     */
    public void bind(Inet4Address local) throws IOException {
        String call = "bind(" + local.getHostAddress() + ")";
        begin(call);
        try (Arena temp = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(temp);
            MemorySegment address = temp.allocate(Libc.SOCKADDR_IN_SIZE);
            Libc.writeSockaddrIn(address, local);
            checkResult(Libc.bind(state, fd, address, Libc.SOCKADDR_IN_SIZE), state, call);
        } finally {
            end();
        }
    }

    /**
     * Sends {@code len} bytes of {@code buf} from {@code off} as the payload of one IPv4 datagram to
     * {@code destination}. Returns {@link SendResult#NO_BUFFER_SPACE} or
     * {@link SendResult#MESSAGE_TOO_LONG} for the refusals a data path counts and goes on from; throws
     * {@link NativeException} for any other failure and {@link SocketClosedException} after
     * {@link #close}.
     *
     * @throws IllegalArgumentException when {@code len} exceeds {@link #MAX_DATAGRAM_LENGTH}
     */
    public SendResult sendTo(byte[] buf, int off, int len, Inet4Address destination) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        Objects.requireNonNull(destination, "destination");
        if (len > MAX_DATAGRAM_LENGTH) {
            throw new IllegalArgumentException("a payload of " + len + " bytes does not fit in an IPv4 datagram");
        }
        begin("sendTo");
        sendLock.lock();
        try {
            MemorySegment.copy(buf, off, sendBuffer, JAVA_BYTE, 0, len);
            if (destination != lastDestination) {
                Libc.writeSockaddrIn(sendAddress, destination);
                lastDestination = destination;
            }
            for (int attempt = 0; ; attempt++) {
                long sent = Libc.sendto(sendState, fd, sendBuffer, len, 0, sendAddress, Libc.SOCKADDR_IN_SIZE);
                if (sent >= 0) {
                    return SendResult.SENT;
                }
                int errno = Libc.errno(sendState);
                if (lifecycle.isClosed()) {
                    throw closedException("sendTo");
                }
                if (errno == Errno.ENOBUFS.value()) {
                    return SendResult.NO_BUFFER_SPACE;
                }
                if (errno == Errno.EMSGSIZE.value()) {
                    return SendResult.MESSAGE_TOO_LONG;
                }
                if (errno != Errno.EINTR.value() || attempt >= MAX_INTERRUPTED_RETRIES) {
                    throw new NativeException("sendto(" + destination.getHostAddress() + ", " + len + " bytes)", errno);
                }
            }
        } finally {
            sendLock.unlock();
            end();
        }
    }

    /**
     * Sends {@code count} payloads, {@code bufs[i][offs[i], offs[i] + lens[i])}, to {@code destination} in
     * one {@code sendmmsg} (Linux 3.0), at most {@link #BATCH_SIZE}; returns how many the kernel took, in
     * order. Fewer than {@code count} means the next one failed: send it with {@link #sendTo} to learn why
     * (the refusals a data path goes on from are answered there). Allocates nothing on the Java heap.
     *
     * @throws NativeException when the first datagram fails with an errno {@link #sendTo} would throw for
     */
    public int sendBatch(byte[][] bufs, int[] offs, int[] lens, int count, Inet4Address destination) throws IOException {
        Objects.checkFromIndexSize(0, count, Math.min(BATCH_SIZE, Math.min(bufs.length, Math.min(offs.length, lens.length))));
        Objects.requireNonNull(destination, "destination");
        begin("sendBatch");
        sendLock.lock();
        try {
            if (sendBatch == null) {
                sendBatch = MessageVector.allocate(arena, sendAddress);
            }
            if (destination != lastDestination) {
                Libc.writeSockaddrIn(sendAddress, destination);
                lastDestination = destination;
            }
            for (int i = 0; i < count; i++) {
                int len = lens[i];
                if (len > MAX_DATAGRAM_LENGTH) {
                    throw new IllegalArgumentException("a payload of " + len + " bytes does not fit in an IPv4 datagram");
                }
                long base = (long) i * MAX_DATAGRAM_LENGTH;
                MemorySegment.copy(bufs[i], offs[i], sendBatch.buffers(), JAVA_BYTE, base, len);
                sendBatch.iovecs().set(JAVA_LONG, (long) i * Libc.IOVEC_SIZE + 8, len);
            }
            for (int attempt = 0; ; attempt++) {
                int sent = Libc.sendmmsg(sendState, fd, sendBatch.vector(), count, 0);
                if (sent >= 0) {
                    return sent;
                }
                int errno = Libc.errno(sendState);
                if (lifecycle.isClosed()) {
                    throw closedException("sendBatch");
                }
                if (errno == Errno.ENOBUFS.value() || errno == Errno.EMSGSIZE.value()) {
                    return 0; // the first one: sendTo says so
                }
                if (errno != Errno.EINTR.value() || attempt >= MAX_INTERRUPTED_RETRIES) {
                    throw new NativeException("sendmmsg(" + destination.getHostAddress() + ", " + count + " datagrams)", errno);
                }
            }
        } finally {
            sendLock.unlock();
            end();
        }
    }

    /**
     * Waits up to {@code timeout} for a datagram and copies its payload (without the IPv4 header) into
     * {@code buf} from {@code off}, at most {@code len} bytes; empty when the time ran out.
     * {@link Duration#ZERO} only takes a datagram already queued.
     *
     * <p>ICMP errors about datagrams sent (raw_err in Linux): an unconnected raw socket hears of them
     * only with IP_RECVERR set. Then the next receive throws the error once, e.g.
     * {@code recvfrom: Protocol not available (ENOPROTOOPT, errno 92)} for an ICMP Protocol Unreachable
     * from a host without GRE, and the socket stays usable; the error queue entries are discarded.
     *
     * @throws SocketClosedException when the socket is or gets closed
     * @throws NativeException when {@code poll} or {@code recvfrom} fails, or with an ICMP error as above
     */
    public Optional<ReceivedDatagram> receive(byte[] buf, int off, int len, Duration timeout) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout " + timeout);
        }
        begin("receive");
        receiveLock.lock();
        try {
            long received = awaitReceive(false, saturatedNanos(timeout));
            return received < 0 ? Optional.empty() : Optional.of(copyOut((int) received, buf, off, len));
        } finally {
            receiveLock.unlock();
            end();
        }
    }

    /**
     * Waits up to {@code timeoutNanos} for datagrams and takes up to {@link #BATCH_SIZE} of them in one
     * {@code recvmmsg} (Linux 2.6.33); returns how many, 0 when the time ran out. Read them with
     * {@link #batchPayload} until the next receive. Allocates nothing on the
     * Java heap. Errors as for {@link #receive}.
     */
    public int receiveBatch(long timeoutNanos) throws IOException {
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("negative timeout " + timeoutNanos);
        }
        begin("receiveBatch");
        receiveLock.lock();
        try {
            if (receiveBatch == null) {
                receiveBatch = MessageVector.allocate(arena, MemorySegment.NULL);
            }
            batchCount = 0;
            long received = awaitReceive(true, timeoutNanos);
            batchCount = (int) Math.max(0, received);
            return batchCount;
        } finally {
            receiveLock.unlock();
            end();
        }
    }

    /**
     * Copies the IP payload (without the IPv4 header) of datagram {@code i} of the last
     * {@link #receiveBatch} into {@code buf} from {@code off}, at most {@code len} bytes, and puts its
     * source address (network byte order) in {@code source[0]}; returns the payload's length (more than
     * {@code len} when it did not fit), or -1 when the datagram has no valid IPv4 header or the kernel cut
     * it (MSG_TRUNC).
     *
     * @throws SocketClosedException when the socket was closed since: the batch's memory is gone
     */
    public int batchPayload(int i, byte[] buf, int off, int len, int[] source) throws SocketClosedException {
        Objects.checkFromIndexSize(off, len, buf.length);
        begin("batchPayload");
        try {
            Objects.checkIndex(i, batchCount);
            MemorySegment vector = receiveBatch.vector();
            MemorySegment buffers = receiveBatch.buffers();
            int received = vector.get(JAVA_INT, (long) i * Libc.MMSGHDR_SIZE + Libc.MMSGHDR_LEN);
            int flags = vector.get(JAVA_INT, (long) i * Libc.MMSGHDR_SIZE + Libc.MMSGHDR_FLAGS);
            long base = (long) i * MAX_DATAGRAM_LENGTH;
            int versionAndIhl = received > 0 ? buffers.get(JAVA_BYTE, base) & 0xFF : 0;
            int headerLength = (versionAndIhl & 0xF) * 4;
            if ((flags & Libc.MSG_TRUNC) != 0 || received < IPV4_MIN_HEADER_LENGTH || versionAndIhl >>> 4 != 4
                    || headerLength < IPV4_MIN_HEADER_LENGTH || headerLength > received) {
                return -1;
            }
            int payloadLength = received - headerLength;
            MemorySegment.copy(buffers, JAVA_BYTE, base + headerLength, buf, off, Math.min(payloadLength, len));
            source[0] = buffers.get(Libc.NETWORK_INT, base + 12);
            return payloadLength;
        } finally {
            end();
        }
    }

    /**
     * The address of network-order bits {@code bits} (a source from {@link #batchPayload}), one object kept
     * for a run of datagrams from one peer; for the receiving thread.
     */
    public Inet4Address sourceAddress(int bits) { return sources.get(bits); }

    /**
     * {@link #BATCH_SIZE} {@code struct mmsghdr}s, each with one {@code iovec} onto a 64 KiB buffer of
     * its own, for sendmmsg (each naming {@code name}, a sockaddr_in) or recvmmsg ({@code name} NULL).
     */
    private record MessageVector(MemorySegment vector, MemorySegment iovecs, MemorySegment buffers) {
        static MessageVector allocate(Arena arena, MemorySegment name) {
            MessageVector m = new MessageVector(arena.allocate((long) BATCH_SIZE * Libc.MMSGHDR_SIZE),
                    arena.allocate((long) BATCH_SIZE * Libc.IOVEC_SIZE), arena.allocate((long) BATCH_SIZE * MAX_DATAGRAM_LENGTH));
            for (int i = 0; i < BATCH_SIZE; i++) {
                MemorySegment iov = m.iovecs.asSlice((long) i * Libc.IOVEC_SIZE, Libc.IOVEC_SIZE);
                iov.set(ADDRESS, 0, m.buffers.asSlice((long) i * MAX_DATAGRAM_LENGTH, MAX_DATAGRAM_LENGTH));
                iov.set(JAVA_LONG, 8, MAX_DATAGRAM_LENGTH);
                long h = (long) i * Libc.MMSGHDR_SIZE;
                m.vector.set(ADDRESS, h + Libc.MMSGHDR_NAME, name);
                m.vector.set(JAVA_INT, h + Libc.MMSGHDR_NAMELEN, name.equals(MemorySegment.NULL) ? 0 : (int) name.byteSize());
                m.vector.set(ADDRESS, h + Libc.MMSGHDR_IOV, iov);
                m.vector.set(JAVA_LONG, h + Libc.MMSGHDR_IOVLEN, 1);
            }
            return m;
        }
    }

    /**
     * The receive loop of {@link #receive} and {@link #receiveBatch}: recvfrom or recvmmsg without
     * waiting, then poll until the socket is readable or the time runs out. Returns the bytes of the
     * datagram (recvfrom) or the datagrams taken (recvmmsg), or -1 when the time ran out. Called with
     * the receive lock held, between begin and end.
     */
    private long awaitReceive(boolean batch, long timeoutNanos) throws IOException {
        long start = System.nanoTime();
        int interrupted = 0;
        boolean errorReported = false;
        for (int wakeups = 0; wakeups <= MAX_EMPTY_WAKEUPS; ) {
            if (lifecycle.isClosed()) {
                throw closedException("receive");
            }
            long received;
            if (batch) {
                received = Libc.recvmmsg(receiveState, fd, receiveBatch.vector(), BATCH_SIZE, Libc.MSG_DONTWAIT);
            } else {
                receiveAddressLength.set(JAVA_INT, 0, Libc.SOCKADDR_IN_SIZE);
                received = Libc.recvfrom(receiveState, fd, receiveBuffer, MAX_DATAGRAM_LENGTH, Libc.MSG_DONTWAIT,
                        receiveAddress, receiveAddressLength);
            }
            if (received >= 0 && !lifecycle.isClosed()) {
                return received;
            }
            int errno = Libc.errno(receiveState);
            if (lifecycle.isClosed()) {
                throw closedException("receive");
            }
            if (errno == Errno.EINTR.value() && ++interrupted <= MAX_INTERRUPTED_RETRIES) {
                continue;
            }
            if (errno != Errno.EAGAIN.value()) {
                throw new NativeException(batch ? "recvmmsg" : "recvfrom", errno);
            }
            if (errorReported) {
                discardErrorQueue();
                errorReported = false;
            }
            long remaining = timeoutNanos - (System.nanoTime() - start);
            if (remaining <= 0) {
                return -1;
            }
            pollFd.set(JAVA_SHORT, 6, (short) 0);
            int ready = Libc.poll(receiveState, pollFd, 1, pollMillis(remaining));
            if (ready < 0) {
                errno = Libc.errno(receiveState);
                if (errno == Errno.EINTR.value() && ++interrupted <= MAX_INTERRUPTED_RETRIES) {
                    continue;
                }
                throw new NativeException("poll", errno);
            }
            if (ready > 0) {
                short events = pollFd.get(JAVA_SHORT, 6);
                if ((events & Libc.POLLNVAL) != 0) {
                    throw new NativeException("poll", Errno.EBADF.value());
                }
                errorReported = (events & Libc.POLLERR) != 0;
                wakeups++;
            }
        }
        throw new IOException("receive: poll reported the socket ready " + MAX_EMPTY_WAKEUPS
                + " times but " + (batch ? "recvmmsg" : "recvfrom") + " found nothing");
    }

    /**
     * With IP_RECVERR each ICMP error also queues an entry on the error queue, which keeps poll
     * reporting POLLERR until read (ip(7)); its errno has reached the caller already through recvfrom.
     */
    private void discardErrorQueue() {
        for (int i = 0; i < MAX_EMPTY_WAKEUPS; i++) {
            long r = Libc.recvfrom(receiveState, fd, receiveBuffer, MAX_DATAGRAM_LENGTH,
                    Libc.MSG_ERRQUEUE | Libc.MSG_DONTWAIT, MemorySegment.NULL, MemorySegment.NULL);
            if (r < 0) {
                return;
            }
        }
    }

    private ReceivedDatagram copyOut(int received, byte[] buf, int off, int len) throws IOException {
        int versionAndIhl = received > 0 ? receiveBuffer.get(JAVA_BYTE, 0) & 0xFF : 0;
        int headerLength = (versionAndIhl & 0xF) * 4;
        if (received < IPV4_MIN_HEADER_LENGTH || versionAndIhl >>> 4 != 4
                || headerLength < IPV4_MIN_HEADER_LENGTH || headerLength > received) {
            throw new IOException("recvfrom: " + received + " bytes without an IPv4 header (first byte 0x"
                    + Integer.toHexString(versionAndIhl) + ")");
        }
        int payloadLength = received - headerLength;
        int copied = Math.min(payloadLength, len);
        MemorySegment.copy(receiveBuffer, JAVA_BYTE, headerLength, buf, off, copied);
        Inet4Address source = sources.get(receiveAddress.get(Libc.NETWORK_INT, 4));
        Inet4Address destination = destinations.get(receiveBuffer.get(Libc.NETWORK_INT, 16));
        return new ReceivedDatagram(source, destination, copied, payloadLength);
    }

    public void setReceiveBufferSize(int bytes) throws IOException {
        setIntOption(Libc.SOL_SOCKET, Libc.SO_RCVBUF, bytes);
    }

    /** SO_RCVBUF as the kernel reports it: twice what was set, for its bookkeeping (socket(7)). */
    public int receiveBufferSize() throws IOException {
        return intOption(Libc.SOL_SOCKET, Libc.SO_RCVBUF);
    }

    public void setSendBufferSize(int bytes) throws IOException {
        setIntOption(Libc.SOL_SOCKET, Libc.SO_SNDBUF, bytes);
    }

    /** SO_SNDBUF as the kernel reports it: twice what was set. */
    public int sendBufferSize() throws IOException {
        return intOption(Libc.SOL_SOCKET, Libc.SO_SNDBUF);
    }

    public void setPathMtuDiscovery(PathMtuDiscovery mode) throws IOException {
        setIntOption(Libc.IPPROTO_IP, Libc.IP_MTU_DISCOVER, mode.value());
    }

    public PathMtuDiscovery pathMtuDiscovery() throws IOException {
        int value = intOption(Libc.IPPROTO_IP, Libc.IP_MTU_DISCOVER);
        return PathMtuDiscovery.of(value)
                .orElseThrow(() -> new IOException("getsockopt(IPPROTO_IP, IP_MTU_DISCOVER): unknown mode " + value));
    }

    /** setsockopt with an int value, for options without a method of their own. */
    public void setIntOption(int level, int option, int value) throws IOException {
        String call = "setsockopt(" + optionName(level, option) + ", " + value + ")";
        begin(call);
        try (Arena temp = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(temp);
            MemorySegment v = temp.allocate(JAVA_INT);
            v.set(JAVA_INT, 0, value);
            checkResult(Libc.setsockopt(state, fd, level, option, v, (int) JAVA_INT.byteSize()), state, call);
        } finally {
            end();
        }
    }

    /** getsockopt of an int value. */
    public int intOption(int level, int option) throws IOException {
        String call = "getsockopt(" + optionName(level, option) + ")";
        begin(call);
        try (Arena temp = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(temp);
            MemorySegment v = temp.allocate(JAVA_INT);
            MemorySegment length = temp.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, (int) JAVA_INT.byteSize());
            checkResult(Libc.getsockopt(state, fd, level, option, v, length), state, call);
            return v.get(JAVA_INT, 0);
        } finally {
            end();
        }
    }

    /**
     * Closes the socket; idempotent. A receive waiting in another thread wakes up and throws
     * {@link SocketClosedException}; the descriptor and the native memory are freed once no call is in
     * progress.
     */
    @Override
    public void close() { lifecycle.close(); }

    @Override
    public String toString() {
        return "RawIpSocket[protocol " + protocol + ", fd " + fd + (lifecycle.isClosed() ? ", closed]" : "]");
    }

    private void begin(String operation) throws SocketClosedException { lifecycle.begin(operation); }

    private void end() { lifecycle.end(); }

    private void release() {
        Libc.close(lifecycleState, fd);
        arena.close();
    }

    private void checkResult(int result, MemorySegment state, String call) throws IOException {
        if (result == -1) {
            int errno = Libc.errno(state);
            if (lifecycle.isClosed()) {
                throw closedException(call);
            }
            throw new NativeException(call, errno);
        }
    }

    private SocketClosedException closedException(String operation) { return lifecycle.closedException(operation); }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static int pollMillis(long nanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos + 999_999); // rounded up: no busy wait on the last ms
        return (int) Math.min(millis, Integer.MAX_VALUE);
    }

    private static String optionName(int level, int option) {
        String levelName = switch (level) {
            case Libc.SOL_SOCKET -> "SOL_SOCKET";
            case Libc.IPPROTO_IP -> "IPPROTO_IP";
            default -> Integer.toString(level);
        };
        String optionName = switch (level * 1000 + option) {
            case Libc.SOL_SOCKET * 1000 + Libc.SO_SNDBUF -> "SO_SNDBUF";
            case Libc.SOL_SOCKET * 1000 + Libc.SO_RCVBUF -> "SO_RCVBUF";
            case Libc.IPPROTO_IP * 1000 + Libc.IP_MTU_DISCOVER -> "IP_MTU_DISCOVER";
            case Libc.IPPROTO_IP * 1000 + Libc.IP_RECVERR -> "IP_RECVERR";
            default -> Integer.toString(option);
        };
        return levelName + ", " + optionName;
    }

    /** The last address seen, so a stream from one peer makes no new {@link Inet4Address} per datagram. */
    private static final class AddressCache {
        private int bits;
        private Inet4Address address;

        Inet4Address get(int networkOrderBits) {
            if (address == null || networkOrderBits != bits) {
                byte[] raw = {(byte) (networkOrderBits >>> 24), (byte) (networkOrderBits >>> 16),
                        (byte) (networkOrderBits >>> 8), (byte) networkOrderBits};
                try {
                    address = (Inet4Address) InetAddress.getByAddress(raw);
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("four bytes are an IPv4 address", e);
                }
                bits = networkOrderBits;
            }
            return address;
        }
    }
}
