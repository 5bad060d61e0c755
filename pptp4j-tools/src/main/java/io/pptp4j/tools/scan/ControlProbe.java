package io.pptp4j.tools.scan;

import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.control.ControlStreamFramer;
import io.pptp4j.control.FramerResult;
import io.pptp4j.control.StartControlConnectionResult;
import io.pptp4j.control.StopControlConnectionReason;
import io.pptp4j.scan.ReplyClassifier;
import io.pptp4j.scan.ScanAssessor;
import io.pptp4j.scan.ScanResult;
import io.pptp4j.scan.ScanStatus;
import io.pptp4j.scan.Target;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * One control connection to one server, in depth, over a blocking socket: what {@code scan} learns
 * (the Start-Control-Connection-Reply, strictly parsed), then an Echo-Request (RFC 2637 2.5) and how it
 * is answered, then a polite Stop-Control-Connection-Request.
 */
final class ControlProbe {
    /** The Identifier of our Echo-Request: "PPTP" in ASCII, easy to spot in a capture. */
    static final long ECHO_IDENTIFIER = 0x50505450L;

    /** How the Echo-Request was answered: {@code answered}, {@code no-reply}, {@code not-tried}. */
    record Echo(String status, Integer resultCode, Integer errorCode, Double rttMillis, String detail) {}

    record Outcome(ScanResult scan, Echo echo) {}

    private final ScanAssessor assessor;
    private final int timeoutMillis;
    private final byte[] sccrq;

    ControlProbe(ScanAssessor assessor, int timeoutMillis, String hostName, String vendor) {
        this.assessor = assessor;
        this.timeoutMillis = timeoutMillis;
        this.sccrq = new ScanEngine.Settings(1, 0, timeoutMillis, assessor, hostName, vendor, false).sccrq();
    }

    Outcome probe(Target target) {
        Echo notTried = new Echo("not-tried", null, null, null, "no control connection");
        long t0 = System.nanoTime();
        try (Socket s = new Socket()) {
            try {
                s.connect(new InetSocketAddress(target.address(), target.port()), timeoutMillis);
            } catch (SocketTimeoutException e) {
                return new Outcome(ScanEngine.connectTimedOut(target, timeoutMillis), notTried);
            } catch (NoRouteToHostException e) {
                return new Outcome(ScanEngine.unreachable(target, ScanEngine.millis(System.nanoTime() - t0)), notTried);
            } catch (ConnectException e) {
                if ("Connection refused".equals(e.getMessage())) {
                    return new Outcome(ScanEngine.refused(target, ScanEngine.millis(System.nanoTime() - t0)), notTried);
                }
                return new Outcome(ScanResult.of(target, ScanStatus.ERROR, null, String.valueOf(e.getMessage())), notTried);
            }
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMillis);
            return exchange(target, s);
        } catch (IOException e) {
            return new Outcome(ScanResult.of(target, ScanStatus.ERROR, null, e.getMessage() != null ? e.getMessage() : e.toString()),
                    notTried);
        }
    }

    private Outcome exchange(Target target, Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        long t0 = System.nanoTime();
        out.write(sccrq);
        byte[] buf = new byte[ReplyClassifier.MAX_MESSAGE];
        int n = 0;
        ReplyClassifier.Outcome outcome = null;
        while (outcome == null) {
            int r;
            try {
                r = in.read(buf, n, buf.length - n);
            } catch (SocketTimeoutException e) {
                outcome = n == 0 ? new ReplyClassifier.NotPptp(Bytes.EMPTY, "accepted the connection but sent nothing in "
                        + timeoutMillis + " ms") : ReplyClassifier.classify(buf, n, true);
                break;
            } catch (SocketException e) {
                outcome = n == 0 ? new ReplyClassifier.NotPptp(Bytes.EMPTY, "reset the connection without a reply")
                        : ReplyClassifier.classify(buf, n, true);
                break;
            }
            if (r < 0) {
                outcome = n == 0 ? new ReplyClassifier.NotPptp(Bytes.EMPTY, "closed the connection without a reply")
                        : ReplyClassifier.classify(buf, n, true);
                break;
            }
            n += r;
            ReplyClassifier.Outcome o = ReplyClassifier.classify(buf, n, n == buf.length);
            if (!(o instanceof ReplyClassifier.NeedMore)) outcome = o;
        }
        double rtt = ScanEngine.millis(System.nanoTime() - t0);
        ScanResult scan = assessor.assess(target, outcome, rtt);
        if (!(outcome instanceof ReplyClassifier.Reply reply)
                || reply.reply().resultCode() != StartControlConnectionResult.SUCCESSFUL.value()) {
            return new Outcome(scan, new Echo("not-tried", null, null, null, "the control connection was not established"));
        }
        // octets after the reply (a peer may send its own messages at once) go to the framer first
        ControlStreamFramer framer = new ControlStreamFramer(DecodeMode.LENIENT);
        int used = reply.reply().length();
        if (n > used) framer.offer(buf, used, n - used);
        Echo echo = echo(out, in, framer);
        out.write(ControlMessageCodec.encode(new ControlMessage.StopControlConnectionRequest(StopControlConnectionReason.NONE.value())));
        try {
            await(in, framer, ControlMessage.StopControlConnectionReply.class, Math.min(timeoutMillis, ScanEngine.STOP_WAIT_MILLIS));
        } catch (DecodeException | IOException e) {
            // the answer to the stop does not change what we learnt
        }
        return new Outcome(scan, echo);
    }

    private Echo echo(OutputStream out, InputStream in, ControlStreamFramer framer) throws IOException {
        long t0 = System.nanoTime();
        out.write(ControlMessageCodec.encode(new ControlMessage.EchoRequest(ECHO_IDENTIFIER)));
        ControlMessage m;
        try {
            m = await(in, framer, ControlMessage.EchoReply.class, timeoutMillis);
        } catch (DecodeException e) {
            return new Echo("no-reply", null, null, null, "malformed answer: " + e.getMessage());
        }
        double rtt = ScanEngine.millis(System.nanoTime() - t0);
        if (m instanceof ControlMessage.EchoReply r) {
            return new Echo("answered", r.resultCode(), r.errorCode(), rtt, r.identifier() == ECHO_IDENTIFIER ? null
                    : "Identifier " + io.pptp4j.wire.Hex.u32(r.identifier()) + ", not ours " + io.pptp4j.wire.Hex.u32(ECHO_IDENTIFIER));
        }
        return new Echo("no-reply", null, null, null, m == null ? "no Echo-Reply in " + timeoutMillis + " ms"
                : "answered with " + m.name());
    }

    /**
     * Reads until a message of {@code type} arrives (returned), a message that ends the connection
     * (returned), the close or the time-out (null). Other messages (the peer's own Echo-Request) are skipped.
     */
    private static ControlMessage await(InputStream in, ControlStreamFramer framer, Class<? extends ControlMessage> type,
                                        int timeoutMillis) throws IOException, DecodeException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        byte[] b = new byte[512];
        while (true) {
            FramerResult f = framer.next();
            if (f instanceof FramerResult.Complete c) {
                if (type.isInstance(c.message()) || c.message() instanceof ControlMessage.StopControlConnectionRequest) {
                    return c.message();
                }
                continue;
            }
            if (f instanceof FramerResult.Malformed m) throw m.error();
            if (System.nanoTime() - deadline >= 0) return null;
            try {
                if (!readInto(in, framer, b)) return null;
            } catch (SocketTimeoutException e) {
                return null;
            }
        }
    }

    /** One read into the framer; false at the close or a reset. */
    private static boolean readInto(InputStream in, ControlStreamFramer framer, byte[] b) throws IOException {
        int r;
        try {
            r = in.read(b);
        } catch (SocketException e) {
            return false;
        }
        if (r < 0) return false;
        framer.offer(b, 0, r);
        return true;
    }
}
