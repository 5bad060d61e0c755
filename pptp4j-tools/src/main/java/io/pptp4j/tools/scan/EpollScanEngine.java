package io.pptp4j.tools.scan;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.control.StartControlConnectionResult;
import io.pptp4j.scan.ReplyClassifier;
import io.pptp4j.scan.ScanAssessor;
import io.pptp4j.scan.ScanResult;
import io.pptp4j.scan.ScanStatus;
import io.pptp4j.scan.Target;
import io.pptp4j.wire.Bytes;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.Inet4Address;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * {@link ScanEngine} on Linux's epoll through the Foreign Function and Memory API: per target a
 * non-blocking socket, a connect, one edge-triggered registration for both directions, the writes and
 * reads, and a close; eight system calls (six with {@code --pipeline}) where {@link NioScanEngine} makes
 * about eighteen (configureBlocking, getsockname, poll, getsockopt, interest changes, shutdown). On
 * these virtual machines a system call is dear; this is most of the difference in rate.
 *
 * <p>Edge-triggered: each wake-up reads what is there in one read of up to 1024 octets (the most a reply
 * is waited for), and a peer's close is seen through EPOLLRDHUP, so no edge is missed.
 */
public final class EpollScanEngine implements ScanEngine {
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_ERROR = 4;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLLIN = 0x1;
    private static final int EPOLLOUT = 0x4;
    private static final int EPOLLERR = 0x8;
    private static final int EPOLLHUP = 0x10;
    private static final int EPOLLRDHUP = 0x2000;
    private static final int EPOLLET = 1 << 31;
    private static final int EAGAIN = 11;
    private static final int EINPROGRESS = 115;
    private static final int ECONNREFUSED = 111;
    private static final int EHOSTUNREACH = 113;
    private static final int ENETUNREACH = 101;
    private static final int ETIMEDOUT = 110;
    private static final int ECONNRESET = 104;
    private static final int MAX_EVENTS = 512;
    /** struct epoll_event is packed on x86-64 (12 octets), naturally aligned elsewhere (16). */
    private static final boolean PACKED_EVENTS = System.getProperty("os.arch", "").matches("amd64|x86_64");
    private static final int EVENT_SIZE = PACKED_EVENTS ? 12 : 16;
    private static final int EVENT_DATA = PACKED_EVENTS ? 4 : 8;
    private static final ValueLayout.OfLong DATA = JAVA_LONG.withByteAlignment(1);
    /** A constant, not made per event: a layout made per access costs a var handle lookup each time. */
    private static final ValueLayout.OfInt EVENTS = JAVA_INT.withByteAlignment(1);
    private static final ValueLayout.OfShort NETWORK_SHORT = ValueLayout.JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

    private static final Native NATIVE = Native.load();

    /** The downcalls, or null fields when they cannot be made (not Linux, no native access). */
    private record Native(MethodHandle socket, MethodHandle connect, MethodHandle epollCreate, MethodHandle epollCtl,
                          MethodHandle epollWait, MethodHandle read, MethodHandle write, MethodHandle close,
                          MethodHandle getsockopt, StructLayout callState, long errnoOffset) {
        static Native load() {
            if (!System.getProperty("os.name", "").equals("Linux") || ADDRESS.byteSize() != 8) return null;
            try {
                Linker linker = Linker.nativeLinker();
                StructLayout state = Linker.Option.captureStateLayout();
                Linker.Option errno = Linker.Option.captureCallState("errno");
                java.util.function.BiFunction<String, FunctionDescriptor, MethodHandle> call = (name, d) -> linker.downcallHandle(
                        linker.defaultLookup().find(name).orElseThrow(() -> new UnsatisfiedLinkError(name)), d, errno);
                return new Native(
                        call.apply("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT)),
                        call.apply("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT)),
                        call.apply("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT)),
                        call.apply("epoll_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS)),
                        call.apply("epoll_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT)),
                        call.apply("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG)),
                        call.apply("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG)),
                        call.apply("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT)),
                        call.apply("getsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS)),
                        state, state.byteOffset(MemoryLayout.PathElement.groupElement("errno")));
            } catch (RuntimeException | LinkageError e) {
                // IllegalCallerException without --enable-native-access, among others: the NIO engine will do
                return null;
            }
        }
    }

    static boolean available() { return NATIVE != null; }

    private final Settings settings;
    private final ScanAssessor assessor;
    private final int timeoutMillis;
    private final AtomicBoolean stopped = new AtomicBoolean();

    EpollScanEngine(Settings settings) {
        if (NATIVE == null) throw new IllegalStateException("epoll is not available");
        this.settings = settings;
        this.assessor = settings.assessor();
        this.timeoutMillis = settings.timeoutMillis();
    }

    @Override
    public void stop() { stopped.set(true); }

    @Override
    public boolean isStopped() { return stopped.get(); }

    private enum Phase { CONNECTING, AWAITING_REPLY, AWAITING_STOP_REPLY }

    private static final class Probe {
        final Target target;
        final int fd;
        final long started;
        Phase phase = Phase.CONNECTING;
        long sent;
        long deadline;
        byte[] reply;
        int length;
        int stopBytes;
        ReplyClassifier.Outcome outcome;
        double rtt;
        ScanResult result;

        Probe(Target target, int fd, long started, long deadline) {
            this.target = target;
            this.fd = fd;
            this.started = started;
            this.deadline = deadline;
        }
    }

    /** Native memory and call state for one run, on its one thread. */
    private final class Io implements AutoCloseable {
        final Arena arena = Arena.ofConfined();
        final MemorySegment state = arena.allocate(NATIVE.callState());
        final MemorySegment address = arena.allocate(28, 8);
        final MemorySegment event = arena.allocate(16, 8);
        final MemorySegment events = arena.allocate((long) EVENT_SIZE * MAX_EVENTS, 8);
        final MemorySegment buffer = arena.allocate(ReplyClassifier.MAX_MESSAGE, 8);
        final MemorySegment request;
        final MemorySegment stop;
        final MemorySegment option = arena.allocate(8, 4);
        final byte[] heap = new byte[ReplyClassifier.MAX_MESSAGE];
        final ReplyClassifier.Memo classifier = new ReplyClassifier.Memo();
        final int epfd;

        Io() throws IOException {
            byte[] first = settings.pipeline() ? settings.pipelined() : settings.sccrq();
            request = arena.allocate(first.length).copyFrom(MemorySegment.ofArray(first));
            byte[] s = settings.stopccrq();
            stop = arena.allocate(s.length).copyFrom(MemorySegment.ofArray(s));
            epfd = (int) invoke(NATIVE.epollCreate(), SOCK_CLOEXEC);
            if (epfd < 0) {
                arena.close();
                throw new IOException("epoll_create1: errno " + errno());
            }
        }

        int errno() { return state.get(JAVA_INT, NATIVE.errnoOffset()); }

        long invoke(MethodHandle h, Object... args) {
            Object[] all = new Object[args.length + 1];
            all[0] = state;
            System.arraycopy(args, 0, all, 1, args.length);
            try {
                Object r = h.invokeWithArguments(all);
                return r instanceof Integer i ? i : (Long) r;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        int socket(int family) {
            try {
                return (int) NATIVE.socket().invokeExact(state, family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        int connect(int fd, int length) {
            try {
                return (int) NATIVE.connect().invokeExact(state, fd, address, length);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        int add(int fd) {
            event.set(JAVA_INT, 0, EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET);
            event.set(DATA, EVENT_DATA, fd);
            try {
                return (int) NATIVE.epollCtl().invokeExact(state, epfd, EPOLL_CTL_ADD, fd, event);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        int await(int timeoutMillis) {
            try {
                return (int) NATIVE.epollWait().invokeExact(state, epfd, events, MAX_EVENTS, timeoutMillis);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        long read(int fd, long length) {
            try {
                return (long) NATIVE.read().invokeExact(state, fd, buffer, length);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        long write(int fd, MemorySegment what) {
            try {
                return (long) NATIVE.write().invokeExact(state, fd, what, what.byteSize());
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        void close(int fd) {
            try {
                int ignored = (int) NATIVE.close().invokeExact(state, fd);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        /** The socket's pending error (SO_ERROR), after EPOLLERR. */
        int socketError(int fd) {
            option.set(JAVA_INT, 0, 0);
            option.set(JAVA_INT, 4, 4);
            try {
                int r = (int) NATIVE.getsockopt().invokeExact(state, fd, SOL_SOCKET, SO_ERROR, option, option.asSlice(4));
                return r < 0 ? errno() : option.get(JAVA_INT, 0);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        /** Fills the sockaddr for the target; returns its length. */
        int address(Target t) {
            byte[] a = t.address().getAddress();
            address.fill((byte) 0);
            if (t.address() instanceof Inet4Address) {
                address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET);
                address.set(NETWORK_SHORT, 2, (short) t.port());
                MemorySegment.copy(a, 0, address, ValueLayout.JAVA_BYTE, 4, 4);
                return 16;
            }
            address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET6);
            address.set(NETWORK_SHORT, 2, (short) t.port());
            MemorySegment.copy(a, 0, address, ValueLayout.JAVA_BYTE, 8, 16);
            if (t.address() instanceof java.net.Inet6Address v6) address.set(JAVA_INT, 24, v6.getScopeId());
            return 28;
        }

        @Override
        public void close() {
            close(epfd);
            arena.close();
        }
    }

    /**
     * The loops that run at once, each on its own thread with its own epoll instance and a share of the
     * concurrency: the kernel's work per connection, most of a scan's cost, is then spread over the cores.
     * One when a rate is set (one clock paces the starts) or when there is one core. The system property
     * {@code pptp4j.scan.loops} sets the number (for measurements).
     */
    private int loops() {
        if (settings.rate() > 0) return 1;
        int wanted = Integer.getInteger("pptp4j.scan.loops", Runtime.getRuntime().availableProcessors());
        return Math.clamp(Math.min(wanted, settings.concurrency()), 1, MAX_LOOPS);
    }

    private static final int MAX_LOOPS = 4;

    /** The targets, handed out one at a time to whichever loop asks; null when there are no more. */
    private static final class Source {
        private final Iterator<Target> targets;

        Source(Iterator<Target> targets) { this.targets = targets; }

        synchronized Target next() { return targets.hasNext() ? targets.next() : null; }

        synchronized boolean hasNext() { return targets.hasNext(); }
    }

    @Override
    public long run(Iterator<Target> targets, Consumer<ScanResult> sink) throws IOException {
        int loops = loops();
        if (loops == 1) return loop(new Source(targets), sink, settings.concurrency());
        Source source = new Source(targets);
        // the assessor and the sink see one result at a time, as with one loop
        Object serial = new Object();
        Consumer<ScanResult> one = r -> {
            synchronized (serial) {
                sink.accept(r);
            }
        };
        java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread[] others = new Thread[loops - 1];
        int share = settings.concurrency() / loops;
        for (int i = 0; i < others.length; i++) {
            others[i] = Thread.ofPlatform().name("scan-loop-" + (i + 1)).start(() -> {
                try {
                    started.addAndGet(loop(source, one, share));
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    stop();
                }
            });
        }
        try {
            started.addAndGet(loop(source, one, settings.concurrency() - share * others.length));
        } catch (IOException | RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            stop();
        } finally {
            for (Thread t : others) {
                boolean interrupted = false;
                while (true) {
                    try {
                        t.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) Thread.currentThread().interrupt();
            }
        }
        Throwable t = failure.get();
        if (t instanceof IOException e) throw e;
        if (t instanceof RuntimeException e) throw e;
        if (t instanceof Error e) throw e;
        if (t != null) throw new IOException(t);
        return started.get();
    }

    /** One loop: its own epoll instance, at most {@code concurrency} connections in flight. */
    private long loop(Source targets, Consumer<ScanResult> sink, int concurrency) throws IOException {
        long interval = settings.rate() > 0 ? 1_000_000_000L / settings.rate() : 0;
        long timeoutNanos = timeoutMillis * 1_000_000L;
        long nextStart = System.nanoTime();
        long nextSweep = nextStart + SWEEP_NANOS;
        long started = 0;
        int inFlight = 0;
        Probe[] byFd = new Probe[Math.max(64, concurrency + 64)];
        try (Io io = new Io()) {
            while (true) {
                long now = System.nanoTime();
                while (inFlight < concurrency && !stopped.get() && (interval == 0 || now - nextStart >= 0)) {
                    Target t = targets.next();
                    if (t == null) break;
                    started++;
                    if (interval > 0) nextStart = Math.max(nextStart + interval, now - 1_000_000_000L);
                    Object o = start(io, t, now, timeoutNanos);
                    if (o instanceof ScanResult r) {
                        sink.accept(r);
                    } else {
                        Probe p = (Probe) o;
                        if (p.fd >= byFd.length) byFd = Arrays.copyOf(byFd, Math.max(p.fd + 1, byFd.length * 2));
                        byFd[p.fd] = p;
                        inFlight++;
                    }
                }
                boolean more = !stopped.get() && targets.hasNext();
                if (inFlight == 0 && !more) break;
                long waitNanos = nextSweep - now;
                if (more && inFlight < concurrency) waitNanos = interval == 0 ? 0 : Math.min(waitNanos, nextStart - now);
                int n = io.await(waitNanos <= 0 ? 0 : (int) Math.max(1, waitNanos / 1_000_000));
                if (n < 0 && io.errno() != 4) throw new IOException("epoll_wait: errno " + io.errno()); // 4: EINTR
                long t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    long base = (long) i * EVENT_SIZE;
                    int ev = io.events.get(EVENTS, base);
                    int fd = (int) io.events.get(DATA, base + EVENT_DATA);
                    Probe p = fd < byFd.length ? byFd[fd] : null;
                    if (p == null) continue;
                    if (handle(io, p, ev, t, timeoutNanos)) {
                        io.close(fd);
                        byFd[fd] = null;
                        inFlight--;
                        sink.accept(result(p));
                    }
                }
                now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    nextSweep = now + SWEEP_NANOS;
                    for (int fd = 0; fd < byFd.length; fd++) {
                        Probe p = byFd[fd];
                        if (p != null && now - p.deadline >= 0) {
                            timedOut(p);
                            io.close(fd);
                            byFd[fd] = null;
                            inFlight--;
                            sink.accept(result(p));
                        }
                    }
                }
            }
        }
        return started;
    }

    /** A probe in flight, or the result when it is already known. */
    private Object start(Io io, Target t, long now, long timeoutNanos) {
        if (t.address() == null) return ScanResult.of(t, ScanStatus.ERROR, null, t.unresolved());
        int fd = io.socket(t.address() instanceof Inet4Address ? AF_INET : AF_INET6);
        if (fd < 0) return ScanResult.of(t, ScanStatus.ERROR, null, "socket: " + describe(io.errno()));
        int r = io.connect(fd, io.address(t));
        if (r < 0 && io.errno() != EINPROGRESS) {
            int errno = io.errno();
            io.close(fd);
            return connectFailed(t, errno, ScanEngine.millis(System.nanoTime() - now));
        }
        if (io.add(fd) < 0) {
            int errno = io.errno();
            io.close(fd);
            return ScanResult.of(t, ScanStatus.ERROR, null, "epoll_ctl: " + describe(errno));
        }
        return new Probe(t, fd, now, now + timeoutNanos);
    }

    /** Advances the probe on an event; true when it is finished. */
    private boolean handle(Io io, Probe p, int ev, long now, long timeoutNanos) {
        if (p.phase == Phase.CONNECTING) {
            if ((ev & EPOLLERR) != 0) {
                p.result = connectFailed(p.target, io.socketError(p.fd), ScanEngine.millis(now - p.started));
                return true;
            }
            if ((ev & EPOLLOUT) == 0) return false;
            long w = io.write(p.fd, io.request);
            if (w != io.request.byteSize()) {
                p.result = ScanResult.of(p.target, ScanStatus.ERROR, null, "could not send our Start-Control-Connection-Request: "
                        + (w < 0 ? describe(io.errno()) : "only " + w + " bytes went"));
                return true;
            }
            p.phase = Phase.AWAITING_REPLY;
            p.sent = now;
            p.deadline = now + timeoutNanos;
            if ((ev & (EPOLLIN | EPOLLRDHUP | EPOLLHUP)) == 0) return false;
        }
        // an edge for send-buffer space alone (the peer acknowledged our request) has nothing to read
        if ((ev & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) == 0) return false;
        boolean hangUp = (ev & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0;
        if (p.phase == Phase.AWAITING_REPLY) {
            int room = ReplyClassifier.MAX_MESSAGE - p.length;
            long r = io.read(p.fd, room);
            if (r < 0 && io.errno() == EAGAIN) {
                if (!hangUp) return false;
                r = 0;
            }
            if (r < 0) {
                ended(p, io.errno() == ECONNRESET ? "reset the connection without a reply" : describe(io.errno()), now);
                return true;
            }
            if (r == 0) {
                ended(p, "closed the connection without a reply", now);
                return true;
            }
            // the common case, a whole reply in one read, is classified from the run's buffer (classify keeps
            // copies, not the array); only a probe whose reply comes in pieces gets an array of its own
            byte[] into = p.reply != null ? p.reply : io.heap;
            MemorySegment.copy(io.buffer, ValueLayout.JAVA_BYTE, 0, into, p.length, (int) r);
            p.length += (int) r;
            ReplyClassifier.Outcome o = io.classifier.classify(into, p.length, p.length == into.length || hangUp);
            if (o instanceof ReplyClassifier.NeedMore) {
                if (p.reply == null) p.reply = Arrays.copyOf(io.heap, ReplyClassifier.MAX_MESSAGE);
                return false;
            }
            p.outcome = o;
            p.rtt = ScanEngine.millis(now - p.sent);
            if (!(o instanceof ReplyClassifier.Reply reply) || reply.reply().resultCode() != StartControlConnectionResult.SUCCESSFUL.value()
                    || hangUp) {
                return true;
            }
            p.phase = Phase.AWAITING_STOP_REPLY;
            p.deadline = now + Math.min(timeoutMillis, STOP_WAIT_MILLIS) * 1_000_000L;
            if (settings.pipeline()) {
                p.stopBytes = p.length - reply.reply().length();
                return p.stopBytes >= ControlMessageCodec.HEADER_LENGTH + 4;
            }
            io.write(p.fd, io.stop);
            return false;
        }
        // AWAITING_STOP_REPLY: the reply to our stop, or the close, ends it
        long r = io.read(p.fd, ReplyClassifier.MAX_MESSAGE);
        if (r < 0 && io.errno() == EAGAIN) return hangUp;
        if (r <= 0) return true;
        p.stopBytes += (int) r;
        return p.stopBytes >= ControlMessageCodec.HEADER_LENGTH + 4 || hangUp;
    }

    private void ended(Probe p, String withNothing, long now) {
        p.rtt = ScanEngine.millis(now - p.sent);
        p.outcome = p.length == 0 ? new ReplyClassifier.NotPptp(Bytes.EMPTY, withNothing)
                : ReplyClassifier.classify(p.reply, p.length, true);
    }

    private void timedOut(Probe p) {
        switch (p.phase) {
            case CONNECTING -> p.result = ScanEngine.connectTimedOut(p.target, timeoutMillis);
            case AWAITING_REPLY -> {
                ended(p, "accepted the connection but sent nothing in " + timeoutMillis + " ms", System.nanoTime());
                p.rtt = timeoutMillis;
            }
            case AWAITING_STOP_REPLY -> { } // the outcome stands
        }
    }

    private ScanResult result(Probe p) {
        if (p.result != null) return p.result;
        synchronized (assessor) { // the loops share it, and its memory of replies
            return assessor.assess(p.target, p.outcome, p.rtt);
        }
    }

    private static ScanResult connectFailed(Target t, int errno, double rtt) {
        return switch (errno) {
            case ECONNREFUSED -> ScanEngine.refused(t, rtt);
            case EHOSTUNREACH -> ScanEngine.unreachable(t, rtt);
            case ETIMEDOUT -> ScanEngine.connectTimedOut(t, (int) Math.round(rtt));
            default -> ScanResult.of(t, ScanStatus.ERROR, null, describe(errno));
        };
    }

    /** The words Java's own sockets use for these, so both engines report alike. */
    private static String describe(int errno) {
        return switch (errno) {
            case ENETUNREACH -> "Network is unreachable";
            case ECONNRESET -> "Connection reset";
            case 13 -> "Permission denied";
            case 24 -> "Too many open files";
            case 22 -> "Invalid argument";
            case 99 -> "Cannot assign requested address";
            case 97 -> "Address family not supported by protocol";
            default -> "errno " + errno;
        };
    }
}
