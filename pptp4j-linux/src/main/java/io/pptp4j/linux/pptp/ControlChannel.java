package io.pptp4j.linux.pptp;

import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.control.ControlStreamFramer;
import io.pptp4j.control.FramerResult;
import io.pptp4j.control.engine.ControlAction;
import io.pptp4j.control.engine.ControlConnectionEngine;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The TCP 1723 adapter around one {@link ControlConnectionEngine} (RFC 2637 section 3): a virtual thread
 * reads the socket into a strict {@link ControlStreamFramer} and hands each message to the engine; the
 * engine's {@link ControlAction.Send}s are written one message per write (with TCP_NODELAY, one message
 * per segment: the kernel's PPTP NAT helper reads only the first message of a segment) and
 * {@link ControlAction.CloseTransport} closes the socket. Everything else goes to the listener, in order.
 * The engine's timers run on a shared scheduler, re-armed after every event at
 * {@link ControlConnectionEngine#nextDeadlineNanos()}.
 *
 * <p>Thread model: the engine is only touched under this channel's lock; the reader is one virtual
 * thread per connection (blocking TCP reads park it, so thousands of idle connections cost little);
 * ticks come from the shared scheduler thread; commands come from any thread. A misbehaving peer can
 * only stall its own channel.
 */
public final class ControlChannel implements AutoCloseable {
    /** The longest control message is 220 octets (ICRQ); a few fit. */
    private static final int READ_SIZE = 1024;

    private final Socket socket;
    private final ControlConnectionEngine engine;
    private final ScheduledExecutorService timers;
    private final Consumer<ControlAction> listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final OutputStream out;
    private final InputStream in;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private ScheduledFuture<?> tick;
    private long tickAt = Long.MIN_VALUE;
    private boolean transportClosed;

    public ControlChannel(Socket socket, ControlConnectionEngine engine, ScheduledExecutorService timers,
                          Consumer<ControlAction> listener) throws IOException {
        this.socket = socket;
        this.engine = engine;
        this.timers = timers;
        this.listener = listener;
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Starts the engine (the originator sends its SCCRQ) and the reader thread. */
    public void start() {
        apply(engine::start);
        Thread.ofVirtual().name("pptp-control-" + socket.getRemoteSocketAddress()).start(this::readLoop);
    }

    /** Runs a command on the engine (place a call, clear it, stop) and performs what it returns. */
    public void apply(LongFunction<List<ControlAction>> command) {
        lock.lock();
        try {
            if (transportClosed) {
                return;
            }
            perform(command.apply(System.nanoTime()));
            rearm();
        } finally {
            lock.unlock();
        }
    }

    /** Completes when the TCP connection is closed, for whatever reason. */
    public CompletableFuture<Void> closed() { return closed; }

    public Socket socket() { return socket; }

    public ControlConnectionEngine engine() { return engine; }

    private void readLoop() {
        // PEER: strict, but a non-zero Reserved field from a live peer is tolerated (RFC 2637 peers do send it)
        ControlStreamFramer framer = new ControlStreamFramer(DecodeMode.PEER);
        byte[] buf = new byte[READ_SIZE];
        try {
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    n = -1;
                }
                if (n < 0) {
                    apply(engine::onTransportClosed);
                    break;
                }
                framer.offer(buf, 0, n);
                if (!drain(framer)) {
                    break;
                }
            }
        } finally {
            closeSocket();
        }
    }

    /** Hands complete messages to the engine; false once the stream is malformed. */
    private boolean drain(ControlStreamFramer framer) {
        while (true) {
            FramerResult r;
            try {
                r = framer.next();
            } catch (DecodeException e) {
                apply(now -> engine.onMalformed(e, now));
                return false;
            }
            switch (r) {
                case FramerResult.Complete c -> apply(now -> engine.onMessage(c.message(), now));
                case FramerResult.NeedMore n -> { return !transportClosed; }
                case FramerResult.Malformed m -> {
                    apply(now -> engine.onMalformed(m.error(), now));
                    return false;
                }
            }
        }
    }

    private void perform(List<ControlAction> actions) {
        for (ControlAction a : actions) {
            switch (a) {
                case ControlAction.Send s -> write(ControlMessageCodec.encode(s.message()));
                case ControlAction.CloseTransport c -> closeSocket();
                default -> listener.accept(a);
            }
        }
    }

    private void write(byte[] message) {
        if (transportClosed) {
            return;
        }
        try {
            out.write(message);
            out.flush();
        } catch (IOException e) {
            // the peer is gone; the reader sees EOF and tells the engine
            closeSocket();
        }
    }

    private void rearm() {
        long deadline = engine.nextDeadlineNanos();
        if (transportClosed || deadline == ControlConnectionEngine.NO_DEADLINE) {
            cancelTick();
            return;
        }
        if (tick != null && deadline == tickAt) {
            return;
        }
        cancelTick();
        tickAt = deadline;
        long delay = Math.max(0, deadline - System.nanoTime());
        tick = timers.schedule(() -> apply(engine::onTick), delay, TimeUnit.NANOSECONDS);
    }

    private void cancelTick() {
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
    }

    private void closeSocket() {
        lock.lock();
        try {
            transportClosed = true;
            cancelTick();
        } finally {
            lock.unlock();
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        closed.complete(null);
    }

    /** Closes the TCP connection without a Stop-Control-Connection (use {@link #apply} with stop for a polite end). */
    @Override
    public void close() { closeSocket(); }
}
