package io.pptp4j.linux.net;

import java.io.IOException;
import java.util.Optional;

/**
 * A libc call failed: carries the call as written for the reader, its {@code errno}, the symbolic name
 * and the text, e.g. {@code socket(AF_INET, SOCK_RAW, 47): Operation not permitted (EPERM, errno 1)}.
 */
public class NativeException extends IOException {
    private final String call;
    private final int errno;

    public NativeException(String call, int errno) {
        super(call + ": " + Libc.strerror(errno) + " (" + Errno.describe(errno) + ")");
        this.call = call;
        this.errno = errno;
    }

    /** The failed call with its arguments, e.g. {@code bind(192.0.2.1)}. */
    public String call() { return call; }

    public int errno() { return errno; }

    /** The symbolic name, when {@link Errno} has one for {@link #errno()}. */
    public Optional<Errno> errnoName() { return Errno.of(errno); }

    public boolean is(Errno e) { return errno == e.value(); }
}
