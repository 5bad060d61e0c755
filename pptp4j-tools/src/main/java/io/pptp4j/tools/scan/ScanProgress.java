package io.pptp4j.tools.scan;

import io.pptp4j.scan.ScanStatus;
import java.io.PrintWriter;

/** A progress line on a terminal's standard error, redrawn four times a second. */
final class ScanProgress {
    private final PrintWriter err;
    private final ScanSummary summary;
    private final long total;
    private final long t0 = System.nanoTime();
    private Thread thread;

    ScanProgress(PrintWriter err, ScanSummary summary, long total) {
        this.err = err;
        this.summary = summary;
        this.total = total;
    }

    void start() {
        thread = Thread.ofPlatform().daemon().name("scan-progress").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(250);
                    draw();
                }
            } catch (InterruptedException e) {
                // done
            }
        });
    }

    private synchronized void draw() {
        long done = summary.total();
        double s = (System.nanoTime() - t0) / 1e9;
        String bar = "";
        if (total > 0) {
            int filled = (int) Math.min(30, done * 30 / total);
            bar = "[" + "#".repeat(filled) + ".".repeat(30 - filled) + "] ";
        }
        err.print("\r" + bar + done + (total > 0 ? "/" + total : "") + String.format(" %.0f/s", s > 0 ? done / s : 0.0)
                + "  pptp " + summary.count(ScanStatus.PPTP) + "  not-pptp " + summary.count(ScanStatus.NOT_PPTP) + "\u001b[K");
        err.flush();
    }

    synchronized void clear() {
        if (thread != null) thread.interrupt();
        err.print("\r\u001b[K");
        err.flush();
    }
}
