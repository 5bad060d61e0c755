package io.pptp4j.tools.scan;

import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.control.StartControlConnectionResult;
import io.pptp4j.control.StopControlConnectionReason;
import io.pptp4j.scan.ReplyClassifier;
import io.pptp4j.scan.ScanAssessor;
import io.pptp4j.scan.ScanResult;
import io.pptp4j.scan.ScanStatus;
import io.pptp4j.scan.Target;
import io.pptp4j.wire.Bytes;
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
 * Scans one target over a blocking socket (meant for a virtual thread): TCP connect, our
 * Start-Control-Connection-Request, the reply read until {@link ReplyClassifier} can tell what it is,
 * and, after a successful reply, a polite Stop-Control-Connection-Request (RFC 2637 2.3) answered
 * before we close.
 */
public final class TargetProber {
    private final ScanAssessor assessor;
    private final int timeoutMillis;
    private final byte[] sccrq;
    private final byte[] stopccrq;

    public TargetProber(ScanAssessor assessor, int timeoutMillis, String hostName, String vendor) {
        this.assessor = assessor;
        this.timeoutMillis = timeoutMillis;
        // RFC 2637 2.1: a PNS sets Maximum Channels to 0; we announce both framings and bearers, as clients do
        this.sccrq = ControlMessageCodec.encode(new ControlMessage.StartControlConnectionRequest(
                ControlMessageCodec.PROTOCOL_VERSION, 3, 3, 0, 0, hostName, vendor));
        this.stopccrq = ControlMessageCodec.encode(new ControlMessage.StopControlConnectionRequest(
                StopControlConnectionReason.NONE.value()));
    }

    public ScanResult probe(Target target) {
        if (target.address() == null) {
            return ScanResult.of(target, ScanStatus.ERROR, null, target.unresolved());
        }
        long t0 = System.nanoTime();
        try (Socket s = new Socket()) {
            try {
                s.connect(new InetSocketAddress(target.address(), target.port()), timeoutMillis);
            } catch (SocketTimeoutException e) {
                return ScanResult.of(target, ScanStatus.FILTERED, null, "no answer to the connection in " + timeoutMillis + " ms");
            } catch (NoRouteToHostException e) {
                return ScanResult.of(target, ScanStatus.FILTERED, millisSince(t0), "host unreachable");
            } catch (ConnectException e) {
                if ("Connection refused".equals(e.getMessage())) {
                    return ScanResult.of(target, ScanStatus.CLOSED, millisSince(t0), null);
                }
                return ScanResult.of(target, ScanStatus.ERROR, null, String.valueOf(e.getMessage()));
            }
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMillis);
            return exchange(target, s);
        } catch (IOException e) {
            return ScanResult.of(target, ScanStatus.ERROR, null, e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    private ScanResult exchange(Target target, Socket s) throws IOException {
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
                outcome = n == 0 ? new ReplyClassifier.NotPptp(Bytes.EMPTY,
                        "accepted the connection but sent nothing in " + timeoutMillis + " ms")
                        : ReplyClassifier.classify(buf, n, true);
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
        double rtt = millisSince(t0);
        if (outcome instanceof ReplyClassifier.Reply reply
                && reply.reply().resultCode() == StartControlConnectionResult.SUCCESSFUL.value()) {
            closePolitely(s, out, in);
        }
        return assessor.assess(target, outcome, rtt);
    }

    /** Sends a Stop-Control-Connection-Request and waits (briefly) for the reply or the close. */
    private void closePolitely(Socket s, OutputStream out, InputStream in) {
        try {
            out.write(stopccrq);
            s.setSoTimeout(Math.min(timeoutMillis, 1000));
            byte[] b = new byte[ControlMessageCodec.HEADER_LENGTH + 4];
            int n = 0;
            while (n < b.length) {
                int r = in.read(b, n, b.length - n);
                if (r < 0) break;
                n += r;
            }
        } catch (IOException ignored) {
            // the answer to the stop does not change what we learnt
        }
    }

    private static double millisSince(long t0) {
        return Math.round((System.nanoTime() - t0) / 1_000.0) / 1_000.0;
    }
}
