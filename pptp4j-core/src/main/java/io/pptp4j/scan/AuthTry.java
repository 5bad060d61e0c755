package io.pptp4j.scan;

import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.ppp.lcp.LcpOption;
import io.pptp4j.ppp.lcp.LcpOption.AuthenticationProtocol;
import java.util.List;
import java.util.Optional;

/**
 * One try of the authentication posture, transport-free: the LCP packets of the server go in, the
 * packets to answer come out, until a verdict. Without a wanted protocol it only reads which protocol
 * the server asks for in its Configure-Request (RFC 1661 5.1, 6.2). With one, it Naks the server's
 * request toward it (RFC 1661 5.3: the Nak carries the value we would accept); a server that then asks
 * for it accepts it, one that asks for anything else again (or ends LCP) refuses it. One try per call:
 * a server remembers a Nak for the rest of the negotiation.
 */
public final class AuthTry {

    /** What the try found. */
    public sealed interface Verdict {}

    /** The server's first Configure-Request asked for this protocol, or for none (null). */
    public record Requested(AuthenticationProtocol protocol) implements Verdict {}

    public record Accepted(ProbedAuth protocol) implements Verdict {}

    public record Refused(ProbedAuth protocol, String how) implements Verdict {}

    /** The server sent no Configure-Request in time: nothing can be said. */
    public record Silent() implements Verdict {}

    private final ProbedAuth wanted;
    private boolean nakSent;
    /** The request our Nak answered: the same one again is its retransmission, not an answer to the Nak. */
    private CpPacket.ConfigureRequest<LcpOption> nakked;
    private Verdict verdict;

    /** {@code wanted} null: only read what the server asks for. */
    public AuthTry(ProbedAuth wanted) { this.wanted = wanted; }

    public Optional<Verdict> verdict() { return Optional.ofNullable(verdict); }

    /** The packets to send in answer to {@code p}, a packet of the server's LCP. */
    public List<CpPacket<LcpOption>> onPacket(CpPacket<LcpOption> p) {
        if (verdict != null) return List.of();
        switch (p) {
            case CpPacket.ConfigureRequest<LcpOption> req -> {
                AuthenticationProtocol asked = req.options().stream().filter(o -> o instanceof AuthenticationProtocol)
                        .map(o -> (AuthenticationProtocol) o).findFirst().orElse(null);
                if (wanted == null) {
                    verdict = new Requested(asked);
                    return List.of();
                }
                if (asked != null && ProbedAuth.of(asked).orElse(null) == wanted) {
                    verdict = new Accepted(wanted);
                    return List.of();
                }
                if (nakSent && req.equals(nakked)) {
                    // RFC 1661 5.1: a retransmission keeps its Identifier; a request after our Nak takes a new one
                    return List.of(new CpPacket.ConfigureNak<>(req.identifier(), List.of(wanted.option())));
                }
                if (nakSent) {
                    verdict = new Refused(wanted, "asked for " + (asked == null ? "no authentication" : ProbedAuth.describe(asked))
                            + " after our Nak");
                    return List.of();
                }
                nakSent = true;
                nakked = req;
                return List.of(new CpPacket.ConfigureNak<>(req.identifier(), List.of(wanted.option())));
            }
            case CpPacket.TerminateRequest<LcpOption> t -> {
                verdict = wanted == null ? new Silent() : new Refused(wanted, "ended LCP with Terminate-Request");
                return List.of(new CpPacket.TerminateAck<>(t.identifier(), io.pptp4j.wire.Bytes.EMPTY));
            }
            default -> {
                return List.of();
            }
        }
    }

    /** The verdict when the server said nothing more in time. */
    public Verdict timedOut() {
        if (verdict == null) {
            verdict = wanted == null || !nakSent ? new Silent() : new Refused(wanted, "no new Configure-Request after our Nak");
        }
        return verdict;
    }
}
