package io.pptp4j.tools.scan;

import io.pptp4j.control.engine.ControlTimers;
import io.pptp4j.linux.pptp.GreDataPlane;
import io.pptp4j.linux.pptp.PptpClient;
import io.pptp4j.ppp.PppFrame;
import io.pptp4j.ppp.PppFrameCodec;
import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.ppp.lcp.Lcp;
import io.pptp4j.ppp.lcp.LcpOption;
import io.pptp4j.scan.AuthTry;
import io.pptp4j.scan.ProbedAuth;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The authentication posture without credentials: on a fresh call, which protocol the server's LCP asks
 * for; then, one fresh call per protocol, whether it accepts PAP, CHAP-MD5, MS-CHAP, MS-CHAP-v2 and EAP
 * when Nak'd toward them ({@link AuthTry}). We send our own Configure-Request (a Magic-Number only) so
 * that a passive server starts, and never Ack the server's: no call gets past LCP.
 */
final class AuthProbe {
    record Posture(String requested, List<String> accepted, List<String> refused, List<String> notes) {}

    private final int timeoutMillis;
    private final int waitMillis;
    private final String hostName;

    AuthProbe(int timeoutMillis, int waitMillis, String hostName) {
        this.timeoutMillis = timeoutMillis;
        this.waitMillis = waitMillis;
        this.hostName = hostName;
    }

    Posture probe(InetSocketAddress server) {
        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        AuthTry.Verdict first = attempt(server, null, notes);
        String requested = switch (first) {
            case AuthTry.Requested r -> r.protocol() == null ? "none" : ProbedAuth.describe(r.protocol());
            default -> null;
        };
        if (requested == null) {
            notes.add("no LCP Configure-Request from the server in " + waitMillis + " ms: posture unknown");
            return new Posture(null, accepted, refused, notes);
        }
        for (ProbedAuth a : ProbedAuth.values()) {
            switch (attempt(server, a, notes)) {
                case AuthTry.Accepted x -> accepted.add(a.label());
                case AuthTry.Refused x -> refused.add(a.label());
                default -> notes.add(a.label() + ": no answer");
            }
        }
        return new Posture(requested, accepted, refused, notes);
    }

    /**
     * One try on a fresh call. A server may refuse a new control connection while it is still tearing
     * down the last one from the same address (pptpd does, RFC 2637 2.2 Result Code 3): then up to three
     * more, a second apart, then later.
     */
    private AuthTry.Verdict attempt(InetSocketAddress server, ProbedAuth wanted, List<String> notes) {
        for (int i = 0; ; i++) {
            try {
                return once(server, wanted);
            } catch (PptpClient.PptpException e) {
                if (i == 3) {
                    notes.add((wanted == null ? "discovery" : wanted.label()) + ": " + e.getMessage());
                    return new AuthTry(wanted).timedOut();
                }
                try {
                    Thread.sleep(1000L * (i + 1));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return new AuthTry(wanted).timedOut();
                }
            } catch (Exception e) {
                notes.add((wanted == null ? "discovery" : wanted.label()) + ": " + e.getMessage());
                return new AuthTry(wanted).timedOut();
            }
        }
    }

    private AuthTry.Verdict once(InetSocketAddress server, ProbedAuth wanted) throws Exception {
        AuthTry t = new AuthTry(wanted);
        LinkedBlockingQueue<Bytes> frames = new LinkedBlockingQueue<>(256);
        try (GreDataPlane plane = new GreDataPlane();
             PptpClient client = PptpClient.connect(server, new PptpClient.Options(hostName, 1, 1, 64, ControlTimers.DEFAULT), plane,
                     Duration.ofMillis(timeoutMillis), frames::offer)) {
            long deadline = System.nanoTime() + waitMillis * 1_000_000L;
            long nextRequest = 0;
            int id = 1;
            while (t.verdict().isEmpty() && System.nanoTime() - deadline < 0) {
                if (System.nanoTime() - nextRequest >= 0) {
                    send(client, new CpPacket.ConfigureRequest<>(id++, List.of(new LcpOption.MagicNumber(0x70707470L + id))));
                    nextRequest = System.nanoTime() + 1_000_000_000L;
                }
                Bytes f = frames.poll(50, TimeUnit.MILLISECONDS);
                if (f == null) continue;
                CpPacket<LcpOption> p = lcp(f);
                if (p == null) continue;
                for (CpPacket<LcpOption> answer : t.onPacket(p)) send(client, answer);
            }
            return t.verdict().orElseGet(t::timedOut);
        }
    }

    private static void send(PptpClient client, CpPacket<LcpOption> p) {
        client.send(Bytes.of(PppFrameCodec.encode(PppFrame.of(PppProtocol.LCP.value(), Bytes.of(Lcp.CODEC.encode(p))))));
    }

    /** The LCP packet in a frame, or null for another protocol or a frame that does not decode. */
    private static CpPacket<LcpOption> lcp(Bytes frame) {
        try {
            PppFrame f = PppFrameCodec.decode(frame.toArray());
            if (f.protocol() != PppProtocol.LCP.value()) return null;
            return Lcp.CODEC.decode(f.information().toArray(), DecodeMode.LENIENT);
        } catch (DecodeException e) {
            return null;
        }
    }
}
