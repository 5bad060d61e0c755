package io.pptp4j.tools.scan;

import io.pptp4j.scan.ScanResult;
import io.pptp4j.scan.Target;
import java.util.Iterator;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a probe for every target, each on its own virtual thread: at most {@code concurrency} in flight
 * and at most {@code rate} new ones a second (0: no limit). Targets are taken from the iterator only as
 * permits free up, so memory stays bounded whatever the range. Results go to the sink as they complete,
 * from many threads: the sink must be thread-safe.
 */
public final class ScanEngine {
    private final int concurrency;
    private final int rate;
    private final AtomicBoolean stopped = new AtomicBoolean();

    public ScanEngine(int concurrency, int rate) {
        if (concurrency < 1) throw new IllegalArgumentException("concurrency " + concurrency);
        if (rate < 0) throw new IllegalArgumentException("rate " + rate);
        this.concurrency = concurrency;
        this.rate = rate;
    }

    /** Stops starting new probes (those in flight finish). */
    public void stop() { stopped.set(true); }

    public boolean isStopped() { return stopped.get(); }

    /** Returns when every probe started has reported; returns how many were started. */
    public long run(Iterator<Target> targets, Function<Target, ScanResult> probe, Consumer<ScanResult> sink)
            throws InterruptedException {
        Semaphore permits = new Semaphore(concurrency);
        long interval = rate > 0 ? 1_000_000_000L / rate : 0;
        long next = System.nanoTime();
        long started = 0;
        Thread.Builder builder = Thread.ofVirtual().name("scan-", 0);
        while (!stopped.get() && targets.hasNext()) {
            Target t = targets.next();
            if (interval > 0) {
                long now = System.nanoTime();
                if (next - now > 0) {
                    LockSupport.parkNanos(next - now);
                } else if (now - next > 1_000_000_000L) {
                    next = now; // after a stall, no burst to catch up: at most a second's worth
                }
                next += interval;
            }
            permits.acquire();
            started++;
            builder.start(() -> {
                try {
                    sink.accept(probe.apply(t));
                } finally {
                    permits.release();
                }
            });
        }
        permits.acquire(concurrency);
        return started;
    }
}
