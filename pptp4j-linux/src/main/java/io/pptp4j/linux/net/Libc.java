package io.pptp4j.linux.net;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.Inet4Address;
import java.nio.ByteOrder;
import java.util.function.Supplier;

/**
 * Downcall handles for the few libc functions pptp4j needs (socket, bind, sendto, recvfrom, poll,
 * setsockopt, setns...), through the Foreign Function and Memory API: no JNI.
 *
 * <p>Each call that can fail captures {@code errno} right after the call
 * ({@link Linker.Option#captureCallState(String...)}) into a call-state segment that the caller passes
 * as first argument; see {@link #newCallState(Arena)} and {@link #errno(MemorySegment)}. The wrappers
 * return the raw C result, so a hot path can look at {@code errno} without an exception;
 * {@link #check(int, MemorySegment, Supplier)} turns a -1 into a {@link NativeException}.
 *
 * <p>Linux on a 64-bit machine only (x86-64, arm64): {@code size_t} is a {@code long}, and the constants
 * are the values of the Linux headers for these. Downcalls are restricted methods: the JVM needs
 * {@code --enable-native-access=ALL-UNNAMED} (or the module's name).
 */
public final class Libc {
    public static final int AF_INET = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_GRE = 47;
    public static final int IP_MTU_DISCOVER = 10;
    public static final int IP_RECVERR = 11;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_ERRQUEUE = 0x2000;
    public static final int SHUT_RDWR = 2;
    public static final short POLLIN = 0x1;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;
    public static final short POLLNVAL = 0x20;
    public static final int O_RDONLY = 0;
    public static final int O_CLOEXEC = 0x80000;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 0x800;
    public static final int EFD_CLOEXEC = 0x80000;
    public static final int EFD_NONBLOCK = 0x800;
    public static final int CLONE_NEWNET = 0x40000000;

    /** A 32-bit value in network byte order, unaligned (IPv4 addresses in headers and sockaddr_in). */
    public static final ValueLayout.OfInt NETWORK_INT = JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN).withByteAlignment(1);

    /** {@code struct sockaddr_in}: family (host order), port, address (network order), 8 zeros. */
    public static final int SOCKADDR_IN_SIZE = 16;
    /**
     * {@code struct mmsghdr} (recvmmsg(2)) on LP64 Linux: a {@code struct msghdr} of 56 octets (msg_name at 0,
     * msg_namelen 8, msg_iov 16, msg_iovlen 24, msg_control 32, msg_controllen 40, msg_flags 48), then
     * {@code unsigned int msg_len} at 56, padded to 64.
     */
    public static final int MMSGHDR_SIZE = 64;
    public static final int MMSGHDR_NAME = 0;
    public static final int MMSGHDR_NAMELEN = 8;
    public static final int MMSGHDR_IOV = 16;
    public static final int MMSGHDR_IOVLEN = 24;
    public static final int MMSGHDR_FLAGS = 48;
    public static final int MMSGHDR_LEN = 56;
    /** {@code struct iovec}: void *iov_base, size_t iov_len. */
    public static final int IOVEC_SIZE = 16;
    /** msg_flags: the datagram was longer than the buffer. */
    public static final int MSG_TRUNC = 0x20;
    /** {@code struct pollfd}: int fd, short events, short revents. */
    public static final int POLLFD_SIZE = 8;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET = CALL_STATE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    static {
        if (ADDRESS.byteSize() != 8) {
            throw new ExceptionInInitializerError("pptp4j's libc bindings need a 64-bit JVM");
        }
    }

    private static final MethodHandle SOCKET = downcall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = downcall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDTO = downcall("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVFROM = downcall("recvfrom",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle RECVMMSG = downcall("recvmmsg",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle SENDMMSG = downcall("sendmmsg",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SHUTDOWN = downcall("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = downcall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = downcall("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle POLL = downcall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    // open(2) is variadic: the mode after the flags
    private static final MethodHandle OPEN = downcall("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle READ = downcall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = downcall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    // ioctl(2) is variadic: the argument after the request
    private static final MethodHandle IOCTL = downcall("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle EVENTFD = downcall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETNS = downcall("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle IF_NAMETOINDEX = downcall("if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle GETEUID = LINKER.downcallHandle(find("geteuid"), FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(find("strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle STRERROR_L = LINKER.downcallHandle(find("strerror_l"),
            FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
    private static final MethodHandle NEWLOCALE = LINKER.downcallHandle(find("newlocale"),
            FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
    /** glibc's LC_MESSAGES_MASK (1 &lt;&lt; __LC_MESSAGES): the only category strerror_l reads. */
    private static final int LC_MESSAGES_MASK = 1 << 5;
    /**
     * The JVM calls setlocale(LC_ALL, "") at startup, so plain strerror could answer in the user's
     * language; messages here are English whatever the locale, like the symbolic names next to them.
     */
    private static final MemorySegment C_LOCALE = newCLocale();

    private Libc() {}

    private static MemorySegment find(String name) {
        return LOOKUP.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(extra, 0, options, 1, extra.length);
        return LINKER.downcallHandle(find(name), descriptor, options);
    }

    private static MemorySegment newCLocale() {
        try (Arena arena = Arena.ofConfined()) {
            return (MemorySegment) NEWLOCALE.invokeExact(LC_MESSAGES_MASK, arena.allocateFrom("C"), MemorySegment.NULL);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    /** A segment for the {@code errno} captured by the calls below; reuse it, one per thread at a time. */
    public static MemorySegment newCallState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    /** The {@code errno} captured by the last call made with {@code callState}. */
    public static int errno(MemorySegment callState) {
        return callState.get(JAVA_INT, ERRNO_OFFSET);
    }

    /**
     * {@code result} when it is not -1; otherwise a {@link NativeException} for the captured
     * {@code errno}, with {@code call} (e.g. {@code bind(192.0.2.1)}) at the start of its message.
     */
    public static int check(int result, MemorySegment callState, Supplier<String> call) throws NativeException {
        if (result == -1) {
            throw new NativeException(call.get(), errno(callState));
        }
        return result;
    }

    /** The text of an error number, as the C locale's strerror gives it. */
    public static String strerror(int errno) {
        MemorySegment text;
        try {
            text = C_LOCALE.equals(MemorySegment.NULL)
                    ? (MemorySegment) STRERROR.invokeExact(errno)
                    : (MemorySegment) STRERROR_L.invokeExact(errno, C_LOCALE);
        } catch (Throwable t) {
            throw propagate(t);
        }
        return text.equals(MemorySegment.NULL) ? "Unknown error " + errno : text.reinterpret(1024).getString(0);
    }

    public static int socket(MemorySegment callState, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(callState, domain, type, protocol);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    public static int bind(MemorySegment callState, int fd, MemorySegment address, int addressLength) {
        try {
            return (int) BIND.invokeExact(callState, fd, address, addressLength);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    public static long sendto(MemorySegment callState, int fd, MemorySegment buf, long length, int flags,
            MemorySegment address, int addressLength) {
        try {
            return (long) SENDTO.invokeExact(callState, fd, buf, length, flags, address, addressLength);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    /** {@code addressLength} points to an int that holds the size of {@code address} and gets the size used. */
    public static long recvfrom(MemorySegment callState, int fd, MemorySegment buf, long length, int flags,
            MemorySegment address, MemorySegment addressLength) {
        try {
            return (long) RECVFROM.invokeExact(callState, fd, buf, length, flags, address, addressLength);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    /**
     * recvmmsg(2): up to {@code vlen} datagrams in one call into the {@code struct mmsghdr} array
     * {@code msgvec}; returns how many, or -1 with errno. No timeout here ({@code NULL}): use
     * MSG_DONTWAIT and poll.
     */
    public static int recvmmsg(MemorySegment callState, int fd, MemorySegment msgvec, int vlen, int flags) {
        try {
            return (int) RECVMMSG.invokeExact(callState, fd, msgvec, vlen, flags, MemorySegment.NULL);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    /**
     * sendmmsg(2): the datagrams of the {@code struct mmsghdr} array {@code msgvec} in one call; returns
     * how many the kernel took (fewer when one failed: the error is for that one), or -1 with errno when
     * the first failed.
     */
    public static int sendmmsg(MemorySegment callState, int fd, MemorySegment msgvec, int vlen, int flags) {
        try {
            return (int) SENDMMSG.invokeExact(callState, fd, msgvec, vlen, flags);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    public static int close(MemorySegment callState, int fd) {
        try {
            return (int) CLOSE.invokeExact(callState, fd);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    public static int shutdown(MemorySegment callState, int fd, int how) {
        try {
            return (int) SHUTDOWN.invokeExact(callState, fd, how);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    public static int setsockopt(MemorySegment callState, int fd, int level, int option, MemorySegment value,
            int valueLength) {
        try {
            return (int) SETSOCKOPT.invokeExact(callState, fd, level, option, value, valueLength);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    /** {@code valueLength} points to an int that holds the size of {@code value} and gets the size used. */
    public static int getsockopt(MemorySegment callState, int fd, int level, int option, MemorySegment value,
            MemorySegment valueLength) {
        try {
            return (int) GETSOCKOPT.invokeExact(callState, fd, level, option, value, valueLength);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    /** {@code fds} holds {@code count} {@code struct pollfd}s ({@link #POLLFD_SIZE} bytes each). */
    public static int poll(MemorySegment callState, MemorySegment fds, long count, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(callState, fds, count, timeoutMillis);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    /** {@code path} is a NUL-terminated string. */
    public static int open(MemorySegment callState, MemorySegment path, int flags) {
        try {
            return (int) OPEN.invokeExact(callState, path, flags, 0);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    public static long read(MemorySegment callState, int fd, MemorySegment buf, long count) {
        try {
            return (long) READ.invokeExact(callState, fd, buf, count);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    public static long write(MemorySegment callState, int fd, MemorySegment buf, long count) {
        try {
            return (long) WRITE.invokeExact(callState, fd, buf, count);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    /** {@code ioctl(fd, request, argp)}: the requests used here take a pointer. */
    public static int ioctl(MemorySegment callState, int fd, long request, MemorySegment argp) {
        try {
            return (int) IOCTL.invokeExact(callState, fd, request, argp);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    public static int eventfd(MemorySegment callState, int initialValue, int flags) {
        try {
            return (int) EVENTFD.invokeExact(callState, initialValue, flags);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    public static int setns(MemorySegment callState, int fd, int namespaceType) {
        try {
            return (int) SETNS.invokeExact(callState, fd, namespaceType);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    /** The interface index, or 0 (with {@code errno}, ENODEV for an unknown name). */
    public static int ifNameToIndex(MemorySegment callState, MemorySegment name) {
        try {
            return (int) IF_NAMETOINDEX.invokeExact(callState, name);
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    public static int geteuid() {
        try {
            return (int) GETEUID.invokeExact();
        } catch (Throwable t) {
            throw propagate(t);
        }
    }

    /** Fills a {@code struct sockaddr_in} for {@code address}, port 0. */
    public static void writeSockaddrIn(MemorySegment sockaddr, Inet4Address address) {
        sockaddr.asSlice(0, SOCKADDR_IN_SIZE).fill((byte) 0);
        sockaddr.set(JAVA_SHORT, 0, (short) AF_INET);
        MemorySegment.copy(address.getAddress(), 0, sockaddr, JAVA_BYTE, 4, 4);
    }

    private static RuntimeException propagate(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        // the handles above declare no checked exception
        throw new IllegalStateException(t);
    }
}
