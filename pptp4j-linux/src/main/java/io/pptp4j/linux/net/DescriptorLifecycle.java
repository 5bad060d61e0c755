package io.pptp4j.linux.net;

import java.util.function.Function;

/**
 * The life of a native descriptor that several threads use at once (a raw socket, a TUN device): calls
 * in progress are counted, {@link #close} may come from any thread at any time, and the descriptor is
 * released only when the last call in progress has returned, so that its number cannot be reused under a
 * running call. A close with calls in progress first wakes them (a reader blocked in {@code poll}),
 * under the lock, so that the descriptor cannot be released in between.
 *
 * <pre>
 *   begin ... end      around every system call on the descriptor
 *   close              once: wake (if calls run), then release now or at the last end
 * </pre>
 *
 * Allocates nothing in {@link #begin} and {@link #end} while open.
 */
public final class DescriptorLifecycle {
    private final Function<String, SocketClosedException> closedException;
    private final Runnable wake;
    private final Runnable release;
    private final Object lock = new Object();
    private volatile boolean closed;
    private int callsInProgress;
    private boolean released;

    /**
     * @param closedException the exception for an operation (its name given) after close
     * @param wake wakes the calls in progress; runs under the lock, at most once
     * @param release releases the descriptor and its memory; runs once, without the lock
     */
    public DescriptorLifecycle(Function<String, SocketClosedException> closedException, Runnable wake, Runnable release) {
        this.closedException = closedException;
        this.wake = wake;
        this.release = release;
    }

    public boolean isClosed() { return closed; }

    /** A call on the descriptor starts; after {@link #close} it is refused. */
    public void begin(String operation) throws SocketClosedException {
        synchronized (lock) {
            if (closed) {
                throw closedException.apply(operation);
            }
            callsInProgress++;
        }
    }

    /** The call started by {@link #begin} returned; the last one out after a close releases. */
    public void end() {
        boolean releaseNow;
        synchronized (lock) {
            callsInProgress--;
            releaseNow = closed && callsInProgress == 0 && !released;
            if (releaseNow) {
                released = true;
            }
        }
        if (releaseNow) {
            release.run();
        }
    }

    /** The exception {@link #begin} throws after a close, for an operation that noticed it by itself. */
    public SocketClosedException closedException(String operation) { return closedException.apply(operation); }

    /** Closes; idempotent. Returns false when it was closed already. */
    public boolean close() {
        boolean releaseNow;
        synchronized (lock) {
            if (closed) {
                return false;
            }
            closed = true;
            releaseNow = callsInProgress == 0;
            if (releaseNow) {
                released = true;
            } else {
                wake.run();
            }
        }
        if (releaseNow) {
            release.run();
        }
        return true;
    }
}
