package io.pptp4j.ppp.fsm.lcp;

import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.ppp.lcp.LcpOption;
import io.pptp4j.wire.Bytes;
import java.time.Duration;
import java.util.Optional;

/**
 * Dead-peer detection with LCP Echo-Request (RFC 1661 5.8), once LCP is Opened: an Echo-Request every
 * {@code interval}; the peer is declared dead after {@code maxFailures} requests in a row without an
 * Echo-Reply. Transport-free: {@link #onTick} returns the request to send. Also builds the replies and
 * Protocol-Rejects a session sends.
 */
public final class LcpKeepalive {
    private final long intervalNanos;
    private final int maxFailures;
    private long nextSend;
    private boolean started;
    private int unanswered;
    private int identifier;
    private boolean dead;

    public LcpKeepalive(Duration interval, int maxFailures) {
        if (interval.isZero() || interval.isNegative() || maxFailures < 1) {
            throw new IllegalArgumentException("interval " + interval + " and failures " + maxFailures + " must be positive");
        }
        this.intervalNanos = interval.toNanos();
        this.maxFailures = maxFailures;
    }

    /** LCP reached Opened: the first Echo-Request goes out one interval from now. */
    public void start(long nowNanos) {
        started = true;
        unanswered = 0;
        dead = false;
        nextSend = nowNanos + intervalNanos;
    }

    public void stop() { started = false; }

    /** When {@link #onTick} next has work. */
    public Optional<Long> nextDeadlineNanos() { return started ? Optional.of(nextSend) : Optional.empty(); }

    /** The Echo-Request to send now, carrying our Magic-Number, if one is due and the peer is not dead yet. */
    public Optional<CpPacket.EchoRequest<LcpOption>> onTick(long nowNanos, long ourMagic) {
        if (!started || nowNanos - nextSend < 0 || dead) {
            return Optional.empty();
        }
        if (unanswered >= maxFailures) {
            dead = true;
            return Optional.empty();
        }
        nextSend = nowNanos + intervalNanos;
        unanswered++;
        identifier = (identifier + 1) & 0xFF;
        return Optional.of(new CpPacket.EchoRequest<>(identifier, ourMagic, Bytes.EMPTY));
    }

    /** An Echo-Reply from the peer: the link is alive. A reply carrying our own magic (a loop) does not count. */
    public void onEchoReply(CpPacket.EchoReply<LcpOption> reply, long ourMagic) {
        if (!dead && (ourMagic == 0 || reply.magicNumber() != ourMagic)) {
            unanswered = 0;
        }
    }

    /** Whether {@code maxFailures} Echo-Requests in a row went unanswered for an interval each. */
    public boolean isDead() { return dead; }

    public int unanswered() { return unanswered; }

    /** RFC 1661 5.8: the Echo-Reply to a request, with our Magic-Number and the request's Data. */
    public static CpPacket.EchoReply<LcpOption> replyTo(CpPacket.EchoRequest<LcpOption> request, long ourMagic) {
        return new CpPacket.EchoReply<>(request.identifier(), ourMagic, request.data());
    }

    /**
     * RFC 1661 5.7: the Protocol-Reject for a packet of a protocol we do not run, with its Information
     * field truncated so that the reject fits the peer's MRU (4 octets of LCP header and 2 of
     * Rejected-Protocol).
     */
    public static CpPacket.ProtocolReject<LcpOption> protocolReject(int identifier, int rejectedProtocol, Bytes information,
                                                                    int peerMru) {
        int room = Math.max(0, peerMru - 6);
        Bytes info = information.length() <= room ? information : information.slice(0, room);
        return new CpPacket.ProtocolReject<>(identifier, rejectedProtocol, info);
    }

    /** Whether a session should Protocol-Reject this protocol rather than pass it to an engine: LCP never is. */
    public static boolean mayReject(int protocol) { return protocol != PppProtocol.LCP.value(); }
}
