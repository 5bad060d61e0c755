package io.pptp4j.tools.scan;

import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.control.StopControlConnectionReason;
import io.pptp4j.scan.ScanAssessor;
import io.pptp4j.scan.ScanResult;
import io.pptp4j.scan.ScanStatus;
import io.pptp4j.scan.Target;
import java.io.IOException;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Scans targets: for each, TCP connect, our Start-Control-Connection-Request, the reply read until
 * {@link io.pptp4j.scan.ReplyClassifier} can tell what it is, and after a successful reply a polite
 * Stop-Control-Connection-Request (RFC 2637 2.3) whose reply is awaited (briefly) before closing. At
 * most {@code concurrency} connections in flight, at most {@code rate} new ones a second (0: no limit);
 * targets are taken from the iterator only as connections finish, so memory is bounded whatever the
 * range. Results go to the sink one at a time (the epoll engine runs a loop per core, and serialises them).
 */
public sealed interface ScanEngine permits NioScanEngine, EpollScanEngine {
    /** Longest wait for the Stop-Control-Connection-Reply: the scan already has what it came for. */
    int STOP_WAIT_MILLIS = 1000;
    /** How often connections are checked against their deadlines. */
    int SWEEP_NANOS = 20_000_000;

    /**
     * What a scan sends and how hard it pushes. With {@code pipeline}, the Stop-Control-Connection-Request
     * goes out with the Start request, in one segment, instead of after the reply: a round trip and two
     * wake-ups less per target. The peer still reads the Start request first (TCP keeps the order).
     */
    record Settings(int concurrency, int rate, int timeoutMillis, ScanAssessor assessor, String hostName, String vendor,
                    boolean pipeline) {
        public Settings {
            if (concurrency < 1) throw new IllegalArgumentException("concurrency " + concurrency);
            if (rate < 0) throw new IllegalArgumentException("rate " + rate);
            if (timeoutMillis < 1) throw new IllegalArgumentException("timeout " + timeoutMillis);
        }

        /** RFC 2637 2.1: a PNS sets Maximum Channels to 0; we announce both framings and bearers, as clients do. */
        byte[] sccrq() {
            return ControlMessageCodec.encode(new ControlMessage.StartControlConnectionRequest(
                    ControlMessageCodec.PROTOCOL_VERSION, 3, 3, 0, 0, hostName, vendor));
        }

        byte[] stopccrq() {
            return ControlMessageCodec.encode(new ControlMessage.StopControlConnectionRequest(StopControlConnectionReason.NONE.value()));
        }

        /** The Start and the Stop request back to back. */
        byte[] pipelined() {
            byte[] a = sccrq();
            byte[] b = stopccrq();
            byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            return both;
        }
    }

    /** Returns when every connection started has finished and reported; returns how many were started. */
    long run(Iterator<Target> targets, Consumer<ScanResult> sink) throws IOException;

    /** Stops starting new connections (those in flight finish); safe from any thread. */
    void stop();

    boolean isStopped();

    /** The epoll engine on Linux when native access works, the selector engine otherwise. */
    static ScanEngine create(Settings settings) {
        if (EpollScanEngine.available()) return new EpollScanEngine(settings);
        return new NioScanEngine(settings);
    }

    static ScanResult refused(Target t, double rtt) { return ScanResult.of(t, ScanStatus.CLOSED, rtt, null); }

    static ScanResult unreachable(Target t, double rtt) { return ScanResult.of(t, ScanStatus.FILTERED, rtt, "host unreachable"); }

    static ScanResult connectTimedOut(Target t, int timeoutMillis) {
        return ScanResult.of(t, ScanStatus.FILTERED, null, "no answer to the connection in " + timeoutMillis + " ms");
    }

    static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
