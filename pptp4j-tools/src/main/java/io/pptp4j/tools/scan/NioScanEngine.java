package io.pptp4j.tools.scan;

import static io.pptp4j.tools.scan.ScanEngine.millis;
import static io.pptp4j.tools.scan.ScanEngine.STOP_WAIT_MILLIS;
import static io.pptp4j.tools.scan.ScanEngine.SWEEP_NANOS;

import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.control.StartControlConnectionResult;
import io.pptp4j.scan.ReplyClassifier;
import io.pptp4j.scan.ScanAssessor;
import io.pptp4j.scan.ScanResult;
import io.pptp4j.scan.ScanStatus;
import io.pptp4j.scan.Target;
import io.pptp4j.wire.Bytes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Scans targets over non-blocking sockets on one thread and one selector: at most {@code concurrency}
 * connections in flight and at most {@code rate} new ones a second (0: no limit). For each target: TCP
 * connect, our Start-Control-Connection-Request, the reply read until {@link ReplyClassifier} can tell
 * what it is, and after a successful reply a polite Stop-Control-Connection-Request (RFC 2637 2.3) whose
 * reply we wait for (briefly) before closing. Targets are taken from the iterator only as connections
 * finish, so memory is bounded whatever the range. Results go to the sink on the engine's thread.
 *
 * <p>One thread on purpose: a thread per target (even a virtual one) pays a park, a poller hand-off
 * and a wake-up for every wait, three per target; here a wait is a selector key. The portable engine;
 * on Linux {@link EpollScanEngine} does the same with a third of the system calls.
 */
public final class NioScanEngine implements ScanEngine {

    private final int concurrency;
    private final int rate;
    private final int timeoutMillis;
    private final ScanAssessor assessor;
    private final ByteBuffer sccrq;
    private final ByteBuffer stopccrq;
    private final ByteBuffer both;
    private final boolean pipeline;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(ReplyClassifier.MAX_MESSAGE);
    private volatile Selector selector;

    public NioScanEngine(Settings settings) {
        this.concurrency = settings.concurrency();
        this.rate = settings.rate();
        this.timeoutMillis = settings.timeoutMillis();
        this.assessor = settings.assessor();
        this.sccrq = ByteBuffer.wrap(settings.sccrq()).asReadOnlyBuffer();
        this.stopccrq = ByteBuffer.wrap(settings.stopccrq()).asReadOnlyBuffer();
        this.both = ByteBuffer.wrap(settings.pipelined()).asReadOnlyBuffer();
        this.pipeline = settings.pipeline();
    }

    @Override
    public void stop() {
        stopped.set(true);
        Selector s = selector;
        if (s != null) s.wakeup();
    }

    @Override
    public boolean isStopped() { return stopped.get(); }

    private enum Phase { CONNECTING, AWAITING_REPLY, AWAITING_STOP_REPLY }

    /** One target in flight: its socket's key carries it. */
    private static final class Probe {
        final Target target;
        final long started;
        Phase phase = Phase.CONNECTING;
        long sent;
        long deadline;
        byte[] reply = new byte[0];
        int length;
        int stopBytes;
        ReplyClassifier.Outcome outcome;
        double rtt;

        Probe(Target target, long started, long deadline) {
            this.target = target;
            this.started = started;
            this.deadline = deadline;
        }
    }

    @Override
    public long run(Iterator<Target> targets, Consumer<ScanResult> sink) throws IOException {
        long interval = rate > 0 ? 1_000_000_000L / rate : 0;
        long timeoutNanos = timeoutMillis * 1_000_000L;
        long nextStart = System.nanoTime();
        long nextSweep = nextStart + SWEEP_NANOS;
        long started = 0;
        int inFlight = 0;
        try (Selector sel = Selector.open()) {
            selector = sel;
            while (true) {
                long now = System.nanoTime();
                while (inFlight < concurrency && !stopped.get() && (interval == 0 || now - nextStart >= 0) && targets.hasNext()) {
                    Target t = targets.next();
                    started++;
                    if (interval > 0) {
                        // after a stall, no burst to catch up: at most a second's worth
                        nextStart = Math.max(nextStart + interval, now - 1_000_000_000L);
                    }
                    ScanResult immediate = start(sel, t, now, timeoutNanos);
                    if (immediate != null) {
                        sink.accept(immediate);
                    } else {
                        inFlight++;
                    }
                }
                boolean more = !stopped.get() && targets.hasNext();
                if (inFlight == 0 && !more) break;
                long waitNanos = nextSweep - now;
                if (more && inFlight < concurrency && interval > 0) waitNanos = Math.min(waitNanos, nextStart - now);
                if (more && inFlight < concurrency && interval == 0) waitNanos = 0;
                int ready = waitNanos <= 0 ? sel.selectNow() : sel.select(Math.max(1, waitNanos / 1_000_000));
                if (ready > 0) {
                    long t = System.nanoTime();
                    for (Iterator<SelectionKey> it = sel.selectedKeys().iterator(); it.hasNext(); ) {
                        SelectionKey key = it.next();
                        it.remove();
                        if (key.isValid() && handle(key, t, timeoutNanos)) {
                            inFlight--;
                            sink.accept(finish(key));
                        }
                    }
                }
                now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    nextSweep = now + SWEEP_NANOS;
                    for (SelectionKey key : sel.keys()) {
                        if (key.isValid() && key.attachment() instanceof Probe p && now - p.deadline >= 0) {
                            timedOut(p);
                            inFlight--;
                            sink.accept(finish(key));
                        }
                    }
                }
            }
        } finally {
            selector = null;
        }
        return started;
    }

    /** Opens the connection; returns the result when it is already known (refused at once, no route). */
    private ScanResult start(Selector sel, Target t, long now, long timeoutNanos) {
        if (t.address() == null) return ScanResult.of(t, ScanStatus.ERROR, null, t.unresolved());
        SocketChannel ch = null;
        Probe p = new Probe(t, now, now + timeoutNanos);
        try {
            // a dual-stack socket would take IPv4 targets through the kernel's v4-mapped path
            ch = SocketChannel.open(t.address() instanceof java.net.Inet4Address
                    ? java.net.StandardProtocolFamily.INET : java.net.StandardProtocolFamily.INET6);
            ch.configureBlocking(false);
            if (ch.connect(new InetSocketAddress(t.address(), t.port()))) {
                SelectionKey key = ch.register(sel, SelectionKey.OP_READ, p);
                sendRequest(key, p, System.nanoTime(), timeoutNanos);
            } else {
                ch.register(sel, SelectionKey.OP_CONNECT, p);
            }
            return null;
        } catch (IOException e) {
            close(ch);
            return connectFailed(p, e);
        }
    }

    /** Advances the probe on a ready key; true when it is finished. */
    private boolean handle(SelectionKey key, long now, long timeoutNanos) {
        Probe p = (Probe) key.attachment();
        SocketChannel ch = (SocketChannel) key.channel();
        try {
            switch (p.phase) {
                case CONNECTING -> {
                    if (!ch.finishConnect()) return false;
                    key.interestOps(SelectionKey.OP_READ);
                    sendRequest(key, p, now, timeoutNanos);
                    return false;
                }
                case AWAITING_REPLY -> {
                    return readReply(key, ch, p, now);
                }
                case AWAITING_STOP_REPLY -> {
                    readBuffer.clear();
                    int r = ch.read(readBuffer);
                    if (r < 0) return true;
                    p.stopBytes += r;
                    return p.stopBytes >= ControlMessageCodec.HEADER_LENGTH + 4;
                }
            }
        } catch (IOException e) {
            if (p.phase == Phase.CONNECTING) {
                p.outcome = null;
                p.rtt = millis(System.nanoTime() - p.started);
                key.attach(new Failed(p, connectFailed(p, e)));
                return true;
            }
            if (p.phase == Phase.AWAITING_REPLY) {
                ended(p, "reset the connection without a reply");
            }
            return true;
        }
        return false;
    }

    /** A probe that ended before its reply: the result is already made. */
    private record Failed(Probe probe, ScanResult result) {}

    private void sendRequest(SelectionKey key, Probe p, long now, long timeoutNanos) throws IOException {
        ByteBuffer b = (pipeline ? both : sccrq).duplicate();
        ((SocketChannel) key.channel()).write(b);
        if (b.hasRemaining()) throw new IOException("could not send our Start-Control-Connection-Request at once");
        p.phase = Phase.AWAITING_REPLY;
        p.sent = now;
        p.deadline = now + timeoutNanos;
    }

    private boolean readReply(SelectionKey key, SocketChannel ch, Probe p, long now) throws IOException {
        readBuffer.clear();
        int r = ch.read(readBuffer);
        if (r < 0) {
            ended(p, "closed the connection without a reply");
            return true;
        }
        readBuffer.flip();
        if (p.reply.length < p.length + r) p.reply = Arrays.copyOf(p.reply, Math.max(ReplyClassifier.MAX_MESSAGE, p.length + r));
        readBuffer.get(p.reply, p.length, Math.min(r, p.reply.length - p.length));
        p.length = Math.min(p.length + r, p.reply.length);
        ReplyClassifier.Outcome o = ReplyClassifier.classify(p.reply, p.length, p.length == p.reply.length);
        if (o instanceof ReplyClassifier.NeedMore) return false;
        p.outcome = o;
        p.rtt = millis(now - p.sent);
        if (o instanceof ReplyClassifier.Reply reply && reply.reply().resultCode() == StartControlConnectionResult.SUCCESSFUL.value()) {
            if (pipeline) {
                p.stopBytes = p.length - reply.reply().length();
                if (p.stopBytes >= ControlMessageCodec.HEADER_LENGTH + 4) return true;
            } else {
                ch.write(stopccrq.duplicate());
            }
            p.phase = Phase.AWAITING_STOP_REPLY;
            p.deadline = now + Math.min(timeoutMillis, STOP_WAIT_MILLIS) * 1_000_000L;
            return false;
        }
        return true;
    }

    /** The peer closed, reset or went silent while we waited for its reply. */
    private void ended(Probe p, String withNothing) {
        p.rtt = millis(System.nanoTime() - p.sent);
        p.outcome = p.length == 0 ? new ReplyClassifier.NotPptp(Bytes.EMPTY, withNothing)
                : ReplyClassifier.classify(p.reply, p.length, true);
    }

    private void timedOut(Probe p) {
        switch (p.phase) {
            case CONNECTING -> p.outcome = null;
            case AWAITING_REPLY -> {
                ended(p, "accepted the connection but sent nothing in " + timeoutMillis + " ms");
                p.rtt = timeoutMillis;
            }
            case AWAITING_STOP_REPLY -> { } // the outcome stands
        }
    }

    private ScanResult finish(SelectionKey key) {
        key.cancel();
        close((SocketChannel) key.channel());
        Object a = key.attachment();
        if (a instanceof Failed f) return f.result();
        Probe p = (Probe) a;
        if (p.outcome == null) {
            return ScanEngine.connectTimedOut(p.target, timeoutMillis);
        }
        return assessor.assess(p.target, p.outcome, p.rtt);
    }

    private ScanResult connectFailed(Probe p, IOException e) {
        double rtt = millis(System.nanoTime() - p.started);
        if (e instanceof ConnectException && "Connection refused".equals(e.getMessage())) return ScanEngine.refused(p.target, rtt);
        if (e instanceof NoRouteToHostException) return ScanEngine.unreachable(p.target, rtt);
        return ScanResult.of(p.target, ScanStatus.ERROR, null, e.getMessage() != null ? e.getMessage() : e.toString());
    }

    private static void close(SocketChannel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing more to learn from this target
        }
    }
}
