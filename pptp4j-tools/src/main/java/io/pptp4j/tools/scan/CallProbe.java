package io.pptp4j.tools.scan;

import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.engine.ControlAction;
import io.pptp4j.control.engine.ControlTimers;
import io.pptp4j.gre.engine.GreCallCounters;
import io.pptp4j.linux.pptp.GreDataPlane;
import io.pptp4j.linux.pptp.PptpClient;
import io.pptp4j.wire.Bytes;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A call on a fresh control connection (RFC 2637 2.7, 2.8), then the GRE path check: with the call
 * up, LCP Configure-Requests (RFC 1661 5.1) go out over GRE, one every half second, until GRE comes
 * back or the wait is over. Any GRE from the server for our call counts (a frame, or an
 * acknowledgment alone): a server's PPP answers a Configure-Request, and ours echoes it.
 */
final class CallProbe {
    static final int RESEND_MILLIS = 500;

    /** The call: {@code connected}, {@code refused} (with the server's words) or {@code error}. */
    record Call(String status, Integer peerCallId, Integer peerWindow, Integer peerProcessingDelay, Long connectSpeed,
                Integer resultCode, Integer errorCode, Integer causeCode, String detail) {}

    /** {@code passes}, {@code blocked} or {@code not-tried}, with what was tried and what came back. */
    record Gre(String status, int framesSent, int framesReceived, long ackOnlyReceived, Double firstReplyMillis, String tried) {}

    record Outcome(Call call, Gre gre) {}

    private final int timeoutMillis;
    private final int greWaitMillis;
    private final String hostName;

    CallProbe(int timeoutMillis, int greWaitMillis, String hostName) {
        this.timeoutMillis = timeoutMillis;
        this.greWaitMillis = greWaitMillis;
        this.hostName = hostName;
    }

    Outcome probe(InetSocketAddress server) {
        AtomicInteger frames = new AtomicInteger();
        AtomicLong firstAt = new AtomicLong();
        GreDataPlane plane;
        try {
            plane = new GreDataPlane();
        } catch (Exception | LinkageError e) {
            return new Outcome(new Call("not-tried", null, null, null, null, null, null, null,
                    "no raw GRE socket (needs root or CAP_NET_RAW): " + e.getMessage()), notTried("no raw GRE socket"));
        }
        try (plane) {
            PptpClient client = null;
            try {
                // a server may refuse a new control connection while it tears down our last one (pptpd does): retry twice
                for (int i = 0; client == null; i++) {
                    try {
                        client = PptpClient.connect(server, new PptpClient.Options(hostName, 1, 1, 64, ControlTimers.DEFAULT), plane,
                                Duration.ofMillis(timeoutMillis), f -> {
                                    frames.incrementAndGet();
                                    firstAt.compareAndSet(0, System.nanoTime());
                                });
                    } catch (PptpClient.PptpException e) {
                        if (i == 2) throw e;
                        Thread.sleep(1000L * (i + 1));
                    }
                }
            } catch (PptpClient.PptpException e) {
                return new Outcome(new Call("refused", null, null, null, null, null, null, null, e.getMessage()),
                        notTried("the call was not connected"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(new Call("error", null, null, null, null, null, null, null, "interrupted"), notTried("interrupted"));
            } catch (java.io.IOException | RuntimeException e) {
                return new Outcome(new Call("error", null, null, null, null, null, null, null, String.valueOf(e.getMessage())),
                        notTried("the call was not connected"));
            }
            try (PptpClient connected = client) {
                ControlAction.CallConnected c = connected.call();
                Integer result = null;
                Integer error = null;
                Integer cause = null;
                if (c.peerMessage() instanceof ControlMessage.OutgoingCallReply ocrp) {
                    result = ocrp.resultCode();
                    error = ocrp.errorCode();
                    cause = ocrp.causeCode();
                }
                Call call = new Call("connected", c.peerCallId(), c.peerPacketRecvWindowSize(), c.peerPacketProcessingDelay(),
                        c.connectSpeed(), result, error, cause, null);
                return new Outcome(call, greCheck(connected, c, frames, firstAt));
            }
        }
    }

    private Gre greCheck(PptpClient client, ControlAction.CallConnected c, AtomicInteger frames, AtomicLong firstAt) {
        long t0 = System.nanoTime();
        long deadline = t0 + greWaitMillis * 1_000_000L;
        int sent = 0;
        try {
            while (System.nanoTime() - deadline < 0 && !cameBack(client, frames)) {
                // LCP Configure-Request, Identifier = n, one Magic-Number option (RFC 1661 5.1, 6.4)
                client.send(Bytes.fromHex(String.format("ff03c02101%02x000a0506%08x", sent & 0xFF, 0x70707470 + sent)));
                sent++;
                for (int i = 0; i < RESEND_MILLIS / 20 && !cameBack(client, frames) && System.nanoTime() - deadline < 0; i++) {
                    TimeUnit.MILLISECONDS.sleep(20);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        GreCallCounters counters = client.counters();
        long acks = counters == null ? 0 : counters.ackOnlyReceived();
        boolean back = cameBack(client, frames);
        double waited = ScanEngine.millis(System.nanoTime() - t0);
        String tried = "sent " + sent + " LCP Configure-Request" + (sent == 1 ? "" : "s") + " over GRE (our call ID " + c.callId()
                + ", the server's " + c.peerCallId() + ") in " + Math.round(waited) + " ms; "
                + (back ? frames.get() + " frame" + (frames.get() == 1 ? "" : "s") + " and " + acks + " acknowledgment"
                        + (acks == 1 ? "" : "s") + " came back" : "no GRE came back");
        Double first = firstAt.get() == 0 ? null : ScanEngine.millis(firstAt.get() - t0);
        return new Gre(back ? "passes" : "blocked", sent, frames.get(), acks, first, tried);
    }

    private static boolean cameBack(PptpClient client, AtomicInteger frames) {
        if (frames.get() > 0) return true;
        GreCallCounters counters = client.counters();
        return counters != null && (counters.received() > 0 || counters.ackOnlyReceived() > 0);
    }

    private static Gre notTried(String why) { return new Gre("not-tried", 0, 0, 0, null, why); }
}
