package io.pptp4j.linux.net;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Linux errno values that the socket and namespace calls here can return, with their symbolic names
 * (from the kernel's {@code include/uapi/asm-generic/errno-base.h} and {@code errno.h}; x86-64 and
 * arm64 share them). Values outside the table are kept as plain ints and shown as {@code errno N}.
 */
public enum Errno {
    EPERM(1),
    ENOENT(2),
    ESRCH(3),
    EINTR(4),
    EIO(5),
    ENXIO(6),
    E2BIG(7),
    ENOEXEC(8),
    EBADF(9),
    ECHILD(10),
    /** Also EWOULDBLOCK. */
    EAGAIN(11),
    ENOMEM(12),
    EACCES(13),
    EFAULT(14),
    EBUSY(16),
    EEXIST(17),
    ENODEV(19),
    ENOTDIR(20),
    EISDIR(21),
    EINVAL(22),
    ENFILE(23),
    EMFILE(24),
    ENOSPC(28),
    EPIPE(32),
    ERANGE(34),
    ENOSYS(38),
    ENOTSOCK(88),
    EDESTADDRREQ(89),
    EMSGSIZE(90),
    EPROTOTYPE(91),
    ENOPROTOOPT(92),
    EPROTONOSUPPORT(93),
    ESOCKTNOSUPPORT(94),
    EOPNOTSUPP(95),
    EPFNOSUPPORT(96),
    EAFNOSUPPORT(97),
    EADDRINUSE(98),
    EADDRNOTAVAIL(99),
    ENETDOWN(100),
    ENETUNREACH(101),
    ENETRESET(102),
    ECONNABORTED(103),
    ECONNRESET(104),
    ENOBUFS(105),
    EISCONN(106),
    ENOTCONN(107),
    ESHUTDOWN(108),
    ETIMEDOUT(110),
    ECONNREFUSED(111),
    EHOSTDOWN(112),
    EHOSTUNREACH(113),
    EALREADY(114),
    EINPROGRESS(115);

    private static final Map<Integer, Errno> BY_VALUE = new HashMap<>();

    static {
        for (Errno e : values()) {
            if (BY_VALUE.put(e.value, e) != null) {
                throw new ExceptionInInitializerError("two errno names share " + e.value);
            }
        }
    }

    private final int value;

    Errno(int value) {
        this.value = value;
    }

    public int value() { return value; }

    public static Optional<Errno> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** {@code EPERM, errno 1}, or {@code errno 135} for a value not in the table. */
    public static String describe(int value) {
        Errno e = BY_VALUE.get(value);
        return e != null ? e.name() + ", errno " + value : "errno " + value;
    }
}
