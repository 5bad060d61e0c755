package io.pptp4j.ppp.fsm;

import io.pptp4j.ppp.cp.CpCode;
import io.pptp4j.ppp.cp.CpCodec;
import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.Hex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The option negotiation automaton of RFC 1661 section 4 for one control protocol (LCP, IPCP, CCP,
 * IPV6CP...), transport-free: it takes decoded packets, the lower layer's Up and Down, the administrative
 * Open and Close and clock ticks (nanoseconds from any monotonic origin) and returns what to do as
 * {@link AutomatonAction}s. The states and their table are in {@link CpState} and {@link CpTransitions};
 * counters and the timer in {@link RestartContext}; what to ask and what to accept in a
 * {@link NegotiationPolicy}.
 *
 * <p>Replies are matched as RFC 1661 5.2-5.4 say: a Configure-Ack, -Nak or -Reject whose Identifier is
 * not that of our last Configure-Request, a Configure-Ack whose options differ from it, or a
 * Configure-Reject that names an option we did not send, is silently discarded (and logged). A reply to
 * a request already answered is discarded too, so a duplicated packet is not taken for a crossed
 * connection. Retransmissions after TO+ keep the Identifier and options; every other
 * Configure-Request takes a new Identifier.
 *
 * <p>Not thread-safe: one owner drives it.
 */
public final class ControlProtocolAutomaton<O> {
    private final CpCodec<O> codec;
    private final NegotiationPolicy<O> policy;
    private final RestartContext<O> context;
    private final String name;
    private CpState state = CpState.INITIAL;
    private String terminateReason = "";
    private boolean peerTerminated;

    public ControlProtocolAutomaton(CpCodec<O> codec, NegotiationPolicy<O> policy, AutomatonConfig config) {
        this(codec, policy, config, 1);
    }

    /** {@code firstIdentifier} is the Identifier of our first packet. */
    public ControlProtocolAutomaton(CpCodec<O> codec, NegotiationPolicy<O> policy, AutomatonConfig config, int firstIdentifier) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.context = new RestartContext<>(Objects.requireNonNull(config, "config"), firstIdentifier);
        this.name = codec.layer().displayName();
    }

    public CpState state() { return state; }

    public NegotiationPolicy<O> policy() { return policy; }

    public RestartContext<O> context() { return context; }

    /** When {@link #onTick} next has work: the Restart timer's expiry, if it runs. */
    public OptionalLong nextDeadlineNanos() { return context.deadlineNanos(); }

    /** The lower layer is Up. */
    public List<AutomatonAction<O>> up(long nowNanos) { return fire(CpEvent.UP, null, null, nowNanos, "lower layer up"); }

    /** The lower layer is Down. */
    public List<AutomatonAction<O>> down(long nowNanos) { return fire(CpEvent.DOWN, null, null, nowNanos, "lower layer down"); }

    /** Administrative Open. */
    public List<AutomatonAction<O>> open(long nowNanos) { return fire(CpEvent.OPEN, null, null, nowNanos, "open"); }

    /** Administrative Close; {@code reason} goes in the Terminate-Request's Data. */
    public List<AutomatonAction<O>> close(long nowNanos, String reason) {
        terminateReason = Objects.requireNonNull(reason, "reason");
        return fire(CpEvent.CLOSE, null, null, nowNanos, reason.isEmpty() ? "closed" : reason);
    }

    public List<AutomatonAction<O>> close(long nowNanos) { return close(nowNanos, ""); }

    /** Fires TO+ or TO- when the Restart timer has expired; nothing otherwise. */
    public List<AutomatonAction<O>> onTick(long nowNanos) {
        if (!context.expired(nowNanos)) {
            return List.of();
        }
        if (context.restartCounter() > 0) {
            return fire(CpEvent.TO_PLUS, null, null, nowNanos, "");
        }
        String reason = switch (state) {
            case CLOSING, STOPPING -> peerTerminated ? "peer sent Terminate-Request"
                    : "no Terminate-Ack after " + context.config().maxTerminate() + " Terminate-Requests";
            default -> "no reply to " + context.config().maxConfigure() + " Configure-Requests";
        };
        return fire(CpEvent.TO_MINUS, null, null, nowNanos, reason);
    }

    /**
     * A packet that did not decode because its Code is unknown to this protocol (the strict decoder's
     * {@link CpCodec#UNKNOWN_CODE_REPLY}): RUC, answered with a Code-Reject carrying {@code rawPacket}.
     */
    public List<AutomatonAction<O>> onUnknownCode(Bytes rawPacket, long nowNanos) {
        return fire(CpEvent.RUC, null, new Received<>(null, rawPacket), nowNanos, "");
    }

    /** A packet from the peer. */
    public List<AutomatonAction<O>> onPacket(CpPacket<O> packet, long nowNanos) {
        List<AutomatonAction<O>> out = new ArrayList<>();
        switch (packet) {
            case CpPacket.ConfigureRequest<O> p -> {
                Judgement<O> judgement = judgesRequests() ? policy.judge(p.options()) : new Judgement.Ack<>(p.options());
                CpEvent event = judgement instanceof Judgement.Ack<O> ? CpEvent.RCR_PLUS : CpEvent.RCR_MINUS;
                out.addAll(fire(event, judgement, new Received<>(p, null), nowNanos, ""));
                failIfPolicyFailed(out, nowNanos);
            }
            case CpPacket.ConfigureAck<O> p -> {
                if (negotiating()) {
                    Optional<String> invalid = invalidReply(p.identifier(), p.options(), true, false);
                    if (invalid.isPresent()) {
                        return discard(p, invalid.get());
                    }
                    context.replyReceived();
                    policy.onAckReceived(p.options());
                }
                out.addAll(fire(CpEvent.RCA, null, new Received<>(p, null), nowNanos, ""));
            }
            case CpPacket.ConfigureNak<O> p -> {
                if (negotiating()) {
                    Optional<String> invalid = invalidReply(p.identifier(), p.options(), false, false);
                    if (invalid.isPresent()) {
                        return discard(p, invalid.get());
                    }
                    context.replyReceived();
                    policy.onConfigureNak(p.options());
                    if (failIfPolicyFailed(out, nowNanos)) {
                        return out;
                    }
                }
                out.addAll(fire(CpEvent.RCN, null, new Received<>(p, null), nowNanos, ""));
            }
            case CpPacket.ConfigureReject<O> p -> {
                if (negotiating()) {
                    Optional<String> invalid = invalidReply(p.identifier(), p.options(), false, true);
                    if (invalid.isPresent()) {
                        return discard(p, invalid.get());
                    }
                    context.replyReceived();
                    policy.onConfigureReject(p.options());
                    if (failIfPolicyFailed(out, nowNanos)) {
                        return out;
                    }
                }
                out.addAll(fire(CpEvent.RCN, null, new Received<>(p, null), nowNanos, ""));
            }
            case CpPacket.TerminateRequest<O> p -> out.addAll(fire(CpEvent.RTR, null, new Received<>(p, null), nowNanos,
                    "Terminate-Request received"));
            case CpPacket.TerminateAck<O> p -> out.addAll(fire(CpEvent.RTA, null, new Received<>(p, null), nowNanos,
                    "Terminate-Ack received"));
            case CpPacket.CodeReject<O> p -> {
                int rejectedCode = p.rejectedPacket().length() > 0 ? p.rejectedPacket().get(0) : 0;
                // RFC 1661 4.3: a Code-Reject of a code the automaton needs (1-7) is catastrophic
                boolean catastrophic = rejectedCode >= CpCode.CONFIGURE_REQUEST.value() && rejectedCode <= CpCode.CODE_REJECT.value();
                out.addAll(fire(catastrophic ? CpEvent.RXJ_MINUS : CpEvent.RXJ_PLUS, null, new Received<>(p, null), nowNanos,
                        "peer rejected " + name + " code " + rejectedCode));
            }
            case CpPacket.ProtocolReject<O> p -> {
                boolean catastrophic = p.rejectedProtocol() == codec.protocol().value();
                out.addAll(fire(catastrophic ? CpEvent.RXJ_MINUS : CpEvent.RXJ_PLUS, null, new Received<>(p, null), nowNanos,
                        "peer rejected protocol " + Hex.u16(p.rejectedProtocol())));
                if (!catastrophic) {
                    out.add(new AutomatonAction.Deliver<>(p));
                }
            }
            case CpPacket.EchoRequest<O> p -> out.addAll(fire(CpEvent.RXR, null, new Received<>(p, null), nowNanos, ""));
            case CpPacket.EchoReply<O> p -> {
                out.addAll(fire(CpEvent.RXR, null, new Received<>(p, null), nowNanos, ""));
                out.add(new AutomatonAction.Deliver<>(p));
            }
            case CpPacket.DiscardRequest<O> p -> out.addAll(fire(CpEvent.RXR, null, new Received<>(p, null), nowNanos, ""));
            // RFC 1570 2.1, 2.2: informational, no reply and no transition
            case CpPacket.Identification<O> p -> out.add(new AutomatonAction.Log<>(name + ": Identification " + p.identifier()
                    + " ignored"));
            case CpPacket.TimeRemaining<O> p -> out.add(new AutomatonAction.Log<>(name + ": Time-Remaining "
                    + p.secondsRemaining() + " s ignored"));
            case CpPacket.ResetRequest<O> p -> out.add(new AutomatonAction.Deliver<>(p));
            case CpPacket.ResetAck<O> p -> out.add(new AutomatonAction.Deliver<>(p));
            case CpPacket.UnknownCode<O> p -> out.addAll(fire(CpEvent.RUC, null, new Received<>(p, Bytes.of(codec.encode(p))),
                    nowNanos, ""));
        }
        return out;
    }

    private boolean judgesRequests() {
        return switch (state) {
            case STOPPED, REQ_SENT, ACK_RCVD, ACK_SENT, OPENED -> true;
            case INITIAL, STARTING, CLOSED, CLOSING, STOPPING -> false;
        };
    }

    /** States in which our Configure-Request is or was outstanding, so replies are checked against it. */
    private boolean negotiating() {
        return switch (state) {
            case REQ_SENT, ACK_RCVD, ACK_SENT, OPENED -> true;
            case INITIAL, STARTING, CLOSED, STOPPED, CLOSING, STOPPING -> false;
        };
    }

    private Optional<String> invalidReply(int identifier, List<O> options, boolean mustEqual, boolean mustBeSubset) {
        CpPacket.ConfigureRequest<O> last = context.lastRequest();
        if (last == null || last.identifier() != identifier) {
            return Optional.of("Identifier " + identifier + " does not match our last Configure-Request "
                    + (last == null ? "(none)" : last.identifier()));
        }
        if (!context.replyPending()) {
            return Optional.of("Configure-Request " + identifier + " was already answered");
        }
        if (mustEqual && !last.options().equals(options)) {
            return Optional.of("options differ from Configure-Request " + identifier);
        }
        if (mustBeSubset && (options.isEmpty() || !last.options().containsAll(options))) {
            return Optional.of("options are not a subset of Configure-Request " + identifier);
        }
        return Optional.empty();
    }

    private List<AutomatonAction<O>> discard(CpPacket<O> p, String why) {
        return List.of(new AutomatonAction.Log<>(name + ": " + p.name() + " discarded: " + why));
    }

    private boolean failIfPolicyFailed(List<AutomatonAction<O>> out, long now) {
        Optional<String> failure = policy.failure();
        if (failure.isEmpty() || state == CpState.CLOSING || state == CpState.CLOSED || state == CpState.INITIAL) {
            return false;
        }
        out.add(new AutomatonAction.Log<>(name + ": negotiation failed: " + failure.get()));
        out.addAll(close(now, failure.get()));
        return true;
    }

    /** The packet that caused an event, and its raw bytes when it is to be Code-Rejected. */
    private record Received<O>(CpPacket<O> packet, Bytes raw) {}

    private List<AutomatonAction<O>> fire(CpEvent event, Judgement<O> judgement, Received<O> received, long now, String reason) {
        List<AutomatonAction<O>> out = new ArrayList<>();
        CpState from = state;
        switch (CpTransitions.next(from, event)) {
            case Transition.Illegal illegal -> out.add(new AutomatonAction.Log<>(name + ": " + illegal.message()));
            case Transition.Move move -> {
                for (TableAction a : move.actions()) {
                    perform(a, move, event, from, judgement, received, now, reason, out);
                }
                state = move.next();
                if (!state.restartTimerRuns()) {
                    context.stopTimer();
                }
            }
        }
        return out;
    }

    private void perform(TableAction action, Transition.Move move, CpEvent event, CpState from, Judgement<O> judgement,
                         Received<O> received, long now, String reason, List<AutomatonAction<O>> out) {
        switch (action) {
            case TLU -> out.add(new AutomatonAction.ThisLayerUp<>());
            case TLD -> out.add(new AutomatonAction.ThisLayerDown<>());
            case TLS -> out.add(new AutomatonAction.ThisLayerStarted<>());
            case TLF -> out.add(new AutomatonAction.ThisLayerFinished<>(reason));
            case IRC -> context.initializeRestartCount(move.has(TableAction.STR)
                    ? context.config().maxTerminate() : context.config().maxConfigure());
            case ZRC -> {
                context.zeroRestartCount(now);
                peerTerminated = true;
            }
            case SCR -> {
                CpPacket.ConfigureRequest<O> request;
                if (event == CpEvent.TO_PLUS && context.lastRequest() != null) {
                    request = context.lastRequest();
                } else {
                    if (from == CpState.STARTING || from == CpState.CLOSED || from == CpState.STOPPED) {
                        policy.startNegotiation();
                        context.resetFailures();
                    }
                    request = new CpPacket.ConfigureRequest<>(context.takeIdentifier(), policy.requestOptions());
                }
                context.requestSent(request);
                context.transmitted(now);
                out.add(new AutomatonAction.Send<>(request));
            }
            case SCA -> {
                Judgement.Ack<O> ack = (Judgement.Ack<O>) judgement;
                out.add(new AutomatonAction.Send<>(new CpPacket.ConfigureAck<>(received.packet().identifier(), ack.options())));
                policy.onAckSent(ack.options());
                context.resetFailures();
            }
            case SCN -> {
                int id = received.packet().identifier();
                switch (judgement) {
                    case Judgement.Reject<O> r -> out.add(new AutomatonAction.Send<>(new CpPacket.ConfigureReject<>(id, r.options())));
                    case Judgement.Nak<O> n -> {
                        if (context.failureCounter() >= context.config().maxFailure() && !n.nakedOriginals().isEmpty()) {
                            // RFC 1661 4.6 Max-Failure: the negotiation is not converging
                            out.add(new AutomatonAction.Log<>(name + ": " + context.failureCounter()
                                    + " Configure-Naks without Ack (Max-Failure): rejecting instead"));
                            out.add(new AutomatonAction.Send<>(new CpPacket.ConfigureReject<>(id, n.nakedOriginals())));
                        } else {
                            out.add(new AutomatonAction.Send<>(new CpPacket.ConfigureNak<>(id, n.options())));
                            context.nakSent((CpPacket.ConfigureRequest<O>) received.packet());
                        }
                    }
                    case Judgement.Ack<O> a -> throw new IllegalStateException("scn with an Ack judgement");
                }
            }
            case STR -> {
                peerTerminated = false;
                Bytes data = Bytes.of(terminateReason.getBytes(StandardCharsets.US_ASCII));
                out.add(new AutomatonAction.Send<>(new CpPacket.TerminateRequest<>(context.takeIdentifier(), data)));
                context.transmitted(now);
            }
            case STA -> {
                int id = received != null && received.packet() != null ? received.packet().identifier() : context.takeIdentifier();
                out.add(new AutomatonAction.Send<>(new CpPacket.TerminateAck<>(id, Bytes.EMPTY)));
            }
            case SCJ -> out.add(new AutomatonAction.Send<>(new CpPacket.CodeReject<>(context.takeIdentifier(), received.raw())));
            case SER -> {
                if (received.packet() instanceof CpPacket.EchoRequest<O> echo) {
                    long magic = policy.magicNumber();
                    if (magic != 0 && echo.magicNumber() == magic) {
                        // RFC 1661 5.8: our own magic coming back means a looped-back link
                        out.add(new AutomatonAction.Log<>(name + ": Echo-Request with our own Magic-Number "
                                + Hex.u32(magic) + ": link looped back?"));
                    } else {
                        out.add(new AutomatonAction.Send<>(new CpPacket.EchoReply<>(echo.identifier(), magic, echo.data())));
                    }
                }
            }
        }
    }

    @Override public String toString() { return name + " automaton in " + state.displayName(); }
}
