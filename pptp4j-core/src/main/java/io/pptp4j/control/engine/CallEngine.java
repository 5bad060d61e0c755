package io.pptp4j.control.engine;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import io.pptp4j.control.CallDisconnectResult;
import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.ControlMessage.CallClearRequest;
import io.pptp4j.control.ControlMessage.CallDisconnectNotify;
import io.pptp4j.control.ControlMessage.IncomingCallConnected;
import io.pptp4j.control.ControlMessage.IncomingCallReply;
import io.pptp4j.control.ControlMessage.IncomingCallRequest;
import io.pptp4j.control.ControlMessage.OutgoingCallReply;
import io.pptp4j.control.ControlMessage.OutgoingCallRequest;
import io.pptp4j.control.ControlMessage.SetLinkInfo;
import io.pptp4j.control.ControlMessage.WanErrorNotify;
import io.pptp4j.control.GeneralErrorCode;
import io.pptp4j.control.IncomingCallResult;
import io.pptp4j.control.OutgoingCallResult;
import io.pptp4j.control.engine.ControlAction.CallCleared;
import io.pptp4j.control.engine.ControlAction.CallConnected;
import io.pptp4j.control.engine.ControlAction.CommandRefused;
import io.pptp4j.control.engine.ControlAction.LinkInfo;
import io.pptp4j.control.engine.ControlAction.Log;
import io.pptp4j.control.engine.ControlAction.WanError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The calls of one established control connection (RFC 2637 3.2): the table of {@link CallState}s in the
 * Javadoc of that enum. {@link ControlConnectionEngine} hands it the call messages and commands while the
 * connection is {@link ControlState#ESTABLISHED}, and ends all calls when it leaves that state.
 *
 * <p>Which call a message is about (RFC 2637 2.7 to 2.15): replies and Set-Link-Info name our Call ID
 * (OCRP, ICRP and ICCN in Peer's Call ID; SLI in Peer's Call ID, whichever side sends it, as Windows does
 * in both directions; WEN in Peer's Call ID, the PNS's); Call-Clear-Request and Call-Disconnect-Notify
 * name the sender's own Call ID, which is the peer's Call ID to us. The RFC has both name the sender's
 * own ID because the other may not be known yet (a call aborted in setup): for those two messages a
 * call whose peer Call ID we do not know matches too, if it is the only such call.
 */
final class CallEngine {
    /** General Error, the same value in Outgoing- and Incoming-Call-Reply (RFC 2637 2.8, 2.10). */
    private static final int GENERAL_ERROR = OutgoingCallResult.GENERAL_ERROR.value();
    /** Call messages are handled only while the control connection is established. */
    private static final ControlState CONNECTION = ControlState.ESTABLISHED;

    private final ControlConnectionConfig config;
    private final ControlContext context;
    private final long setupNanos;
    private final long disconnectNanos;
    /** By our Call ID, in creation order. */
    private final Map<Integer, CallContext> calls = new LinkedHashMap<>();

    CallEngine(ControlConnectionConfig config, ControlContext context) {
        this.config = config;
        this.context = context;
        this.setupNanos = config.timers().callSetupTimeout().toNanos();
        this.disconnectNanos = config.timers().callDisconnectTimeout().toNanos();
    }

    /**
     * A refusal of a peer's call request: General Error or Do Not Accept.
     *
     * @param result the Result Code of the reply
     * @param error its Error Code
     * @param why for the log
     */
    private record Refusal(int result, GeneralErrorCode error, String why) {}

    Collection<CallContext> all() { return calls.values(); }

    Optional<CallContext> get(int callId) { return Optional.ofNullable(calls.get(callId)); }

    long nextDeadline() {
        long next = ControlConnectionEngine.NO_DEADLINE;
        for (CallContext c : calls.values()) {
            if (c.timer.armed()) {
                next = ControlTimer.earlier(next, c.timer.deadline());
            }
        }
        return next;
    }

    // ---- requests from the peer

    /** RFC 2637 3.2.4.1: we are the PAC; answer at once (no telephone line to dial). */
    void outgoingCallRequest(OutgoingCallRequest m, List<ControlAction> out) {
        CallPolicy policy = config.callPolicy();
        Refusal refusal = policy.acceptOutgoingCalls() ? admissionProblem(m.callId())
                : new Refusal(OutgoingCallResult.DO_NOT_ACCEPT.value(), GeneralErrorCode.NONE, "we accept no outgoing calls");
        OptionalInt id = refusal == null ? allocate(out) : OptionalInt.empty();
        if (refusal == null && id.isEmpty()) {
            refusal = new Refusal(GENERAL_ERROR, GeneralErrorCode.NO_RESOURCE, "no Call ID is free");
        }
        if (refusal != null) {
            OutgoingCallReply reply = new OutgoingCallReply(0, m.callId(), refusal.result(), refusal.error().value(), 0,
                    0, 0, 0, 0);
            logRefusal(m, m.callId(), refusal, EngineTexts.describe(reply), out);
            out.add(new ControlAction.Send(reply));
            return;
        }
        CallContext c = new CallContext(id.getAsInt(), CallSide.PAC, CallDirection.OUTGOING, true);
        c.peerCallId = m.callId();
        c.callSerialNumber = m.callSerialNumber();
        c.peerWindow = m.packetRecvWindowSize();
        c.peerDelay = m.packetProcessingDelay();
        c.framingType = m.framingType();
        c.connectSpeed = policy.connectSpeed() == 0 ? m.maximumBps() : policy.connectSpeed();
        c.state = CallState.ESTABLISHED;
        calls.put(c.callId, c);
        out.add(new ControlAction.Send(new OutgoingCallReply(c.callId, m.callId(), OutgoingCallResult.CONNECTED.value(),
                GeneralErrorCode.NONE.value(), 0, c.connectSpeed, policy.packetRecvWindowSize(),
                policy.packetProcessingDelay(), 0)));
        out.add(connected(c, m));
    }

    /** RFC 2637 3.2.3.2: we are the PNS of an incoming call; accept it and wait for Incoming-Call-Connected. */
    void incomingCallRequest(IncomingCallRequest m, long now, List<ControlAction> out) {
        CallPolicy policy = config.callPolicy();
        Refusal refusal = policy.acceptIncomingCalls() ? admissionProblem(m.callId())
                : new Refusal(IncomingCallResult.DO_NOT_ACCEPT.value(), GeneralErrorCode.NONE, "we accept no incoming calls");
        OptionalInt id = refusal == null ? allocate(out) : OptionalInt.empty();
        if (refusal == null && id.isEmpty()) {
            refusal = new Refusal(GENERAL_ERROR, GeneralErrorCode.NO_RESOURCE, "no Call ID is free");
        }
        if (refusal != null) {
            IncomingCallReply reply = new IncomingCallReply(0, m.callId(), refusal.result(), refusal.error().value(), 0, 0);
            logRefusal(m, m.callId(), refusal, EngineTexts.describe(reply), out);
            out.add(new ControlAction.Send(reply));
            return;
        }
        CallContext c = new CallContext(id.getAsInt(), CallSide.PNS, CallDirection.INCOMING, true);
        c.peerCallId = m.callId();
        c.callSerialNumber = m.callSerialNumber();
        c.state = CallState.WAIT_CONNECT;
        c.timer.arm(now, setupNanos);
        calls.put(c.callId, c);
        out.add(new ControlAction.Send(new IncomingCallReply(c.callId, m.callId(), IncomingCallResult.CONNECT.value(),
                GeneralErrorCode.NONE.value(), policy.packetRecvWindowSize(), policy.packetProcessingDelay())));
    }

    /** Why a peer's request for a call with its Call ID {@code peerCallId} cannot be accepted, or null. */
    private Refusal admissionProblem(int peerCallId) {
        if (byPeerCallId(peerCallId) != null) {
            // RFC 2637 3.2.2: a Call ID is unique on the tunnel.
            return new Refusal(GENERAL_ERROR, GeneralErrorCode.BAD_CALL_ID,
                    "Call ID " + peerCallId + " is already in use by the peer on this connection");
        }
        int max = config.callPolicy().maxCalls();
        if (calls.size() >= max) {
            return new Refusal(GENERAL_ERROR, GeneralErrorCode.NO_RESOURCE,
                    "the connection has its limit of " + max + " call" + (max == 1 ? "" : "s"));
        }
        return null;
    }

    private static void logRefusal(ControlMessage request, int peerCallId, Refusal refusal, String answer,
                                   List<ControlAction> out) {
        out.add(new Log(INFO, "Refused " + EngineTexts.message(request) + " for the peer's Call ID " + peerCallId
                + ": " + refusal.why() + "; answered " + answer));
    }

    /** RFC 2637 2.16: a call request before the control connection is established gets Not-Connected. */
    static void refuseNotConnected(OutgoingCallRequest m, ControlState state, List<ControlAction> out) {
        Refusal refusal = notConnected(state);
        OutgoingCallReply reply = new OutgoingCallReply(0, m.callId(), refusal.result(), refusal.error().value(), 0, 0, 0,
                0, 0);
        logRefusal(m, m.callId(), refusal, EngineTexts.describe(reply), out);
        out.add(new ControlAction.Send(reply));
    }

    static void refuseNotConnected(IncomingCallRequest m, ControlState state, List<ControlAction> out) {
        Refusal refusal = notConnected(state);
        IncomingCallReply reply = new IncomingCallReply(0, m.callId(), refusal.result(), refusal.error().value(), 0, 0);
        logRefusal(m, m.callId(), refusal, EngineTexts.describe(reply), out);
        out.add(new ControlAction.Send(reply));
    }

    private static Refusal notConnected(ControlState state) {
        return new Refusal(GENERAL_ERROR, GeneralErrorCode.NOT_CONNECTED,
                "the control connection is in state " + state + ", not ESTABLISHED");
    }

    /**
     * A Call ID from the allocator that no call of this connection uses: the application chooses the IDs
     * of the calls it places, and may have taken one the allocator hands out.
     */
    private OptionalInt allocate(List<ControlAction> out) {
        List<Integer> clashing = new ArrayList<>();
        try {
            for (int attempt = 0; attempt <= calls.size(); attempt++) {
                OptionalInt id;
                try {
                    id = config.callIds().allocate();
                } catch (RuntimeException e) {
                    out.add(new Log(ERROR, "The Call ID allocator failed: " + e));
                    return OptionalInt.empty();
                }
                if (id.isEmpty()) {
                    return id;
                }
                int v = id.getAsInt();
                if (v < 0 || v > 0xFFFF) {
                    out.add(new Log(ERROR, "The Call ID allocator returned " + v + ", which is not 16 bits"));
                    return OptionalInt.empty();
                }
                if (!calls.containsKey(v)) {
                    return id;
                }
                clashing.add(v);
            }
            return OptionalInt.empty();
        } finally {
            clashing.forEach(this::release);
        }
    }

    private void release(int callId) {
        try {
            config.callIds().release(callId);
        } catch (RuntimeException e) {
            // An allocator that fails to take an ID back must not take the engine down with it.
        }
    }

    // ---- replies and notifications from the peer

    /** RFC 2637 3.2.4.2: the reply to our Outgoing-Call-Request. */
    void outgoingCallReply(OutgoingCallReply m, List<ControlAction> out) {
        CallContext c = calls.get(m.peerCallId());
        if (c == null || c.side != CallSide.PNS || c.direction != CallDirection.OUTGOING) {
            unexpected(m, "its Peer's Call ID " + m.peerCallId() + " names no outgoing call we asked for", out);
            return;
        }
        boolean connectedResult = m.resultCode() == OutgoingCallResult.CONNECTED.value();
        switch (c.state) {
            case WAIT_REPLY -> {
                if (connectedResult) {
                    c.peerCallId = m.callId();
                    c.peerWindow = m.packetRecvWindowSize();
                    c.peerDelay = m.packetProcessingDelay();
                    c.connectSpeed = m.connectSpeed();
                    c.state = CallState.ESTABLISHED;
                    c.timer.disarm();
                    out.add(connected(c, m));
                } else {
                    end(c, CallClearCause.REFUSED_BY_PEER, EngineTexts.describe(m), Optional.of(m), out);
                }
            }
            case WAIT_DISCONNECT -> {
                // The reply crossed our Call-Clear-Request: learn the peer's Call ID so that its
                // Call-Disconnect-Notify finds the call; a refusal ends the call at once.
                if (connectedResult) {
                    c.peerCallId = m.callId();
                    out.add(new Log(DEBUG, EngineTexts.message(m) + " for " + c.name()
                            + " crossed our Call-Clear-Request"));
                } else {
                    end(c, CallClearCause.REFUSED_BY_PEER, EngineTexts.describe(m), Optional.of(m), out);
                }
            }
            case IDLE, WAIT_CONNECT, ESTABLISHED -> {
                unexpected(m, c, "expected in call state WAIT_REPLY", out);
            }
        }
    }

    /** RFC 2637 3.2.3.1: the reply to our Incoming-Call-Request; an accepting one is answered with ICCN. */
    void incomingCallReply(IncomingCallReply m, List<ControlAction> out) {
        CallContext c = calls.get(m.peerCallId());
        if (c == null || c.side != CallSide.PAC || c.direction != CallDirection.INCOMING) {
            unexpected(m, "its Peer's Call ID " + m.peerCallId() + " names no incoming call we announced", out);
            return;
        }
        switch (c.state) {
            case WAIT_REPLY -> {
                if (m.resultCode() == IncomingCallResult.CONNECT.value()) {
                    c.peerCallId = m.callId();
                    c.peerWindow = m.packetRecvWindowSize();
                    c.peerDelay = m.packetTransmitDelay();
                    c.state = CallState.ESTABLISHED;
                    c.timer.disarm();
                    out.add(new ControlAction.Send(c.incoming.toConnected(m.callId())));
                    out.add(connected(c, m));
                } else {
                    end(c, CallClearCause.REFUSED_BY_PEER, EngineTexts.describe(m), Optional.of(m), out);
                }
            }
            case IDLE, WAIT_CONNECT, ESTABLISHED, WAIT_DISCONNECT -> {
                unexpected(m, c, "expected in call state WAIT_REPLY", out);
            }
        }
    }

    /** RFC 2637 3.2.3.2: the third message of an incoming call we accepted. */
    void incomingCallConnected(IncomingCallConnected m, List<ControlAction> out) {
        CallContext c = calls.get(m.peerCallId());
        if (c == null || c.side != CallSide.PNS || c.direction != CallDirection.INCOMING) {
            unexpected(m, "its Peer's Call ID " + m.peerCallId() + " names no incoming call we accepted", out);
            return;
        }
        switch (c.state) {
            case WAIT_CONNECT -> {
                c.peerWindow = m.packetRecvWindowSize();
                c.peerDelay = m.packetTransmitDelay();
                c.connectSpeed = m.connectSpeed();
                c.framingType = m.framingType();
                c.state = CallState.ESTABLISHED;
                c.timer.disarm();
                out.add(connected(c, m));
            }
            case WAIT_DISCONNECT -> out.add(new Log(DEBUG, EngineTexts.message(m) + " for " + c.name()
                    + " crossed our Call-Clear-Request"));
            case IDLE, WAIT_REPLY, ESTABLISHED -> {
                unexpected(m, c, "expected in call state WAIT_CONNECT", out);
            }
        }
    }

    /** RFC 2637 2.12, 3.2.3.1, 3.2.4.1: the PNS clears a call in any state; the PAC answers with CDN. */
    void callClearRequest(CallClearRequest m, List<ControlAction> out) {
        CallContext c = bySenderCallId(m.callId());
        if (c == null) {
            unexpected(m, "its Call ID " + m.callId() + " names no call of the peer", out);
            return;
        }
        switch (c.side) {
            case PAC -> {
                CallDisconnectNotify cdn = new CallDisconnectNotify(c.callId, CallDisconnectResult.REQUEST.value(),
                        GeneralErrorCode.NONE.value(), 0, "");
                out.add(new ControlAction.Send(cdn));
                end(c, CallClearCause.PEER_CLEARED, "the peer sent Call-Clear-Request; answered " + EngineTexts.describe(cdn),
                        Optional.of(m), out);
            }
            case PNS -> {
                // The peer is the PAC of this call and should send Call-Disconnect-Notify; take it as one.
                out.add(new Log(WARNING, EngineTexts.message(m) + " from the PAC of " + c.name()
                        + ", which should send Call-Disconnect-Notify: the call is taken as disconnected"));
                end(c, CallClearCause.PEER_DISCONNECTED, "the peer sent Call-Clear-Request as the PAC", Optional.of(m), out);
            }
        }
    }

    /** RFC 2637 2.13: the PAC reports a call gone, asked to (WAIT_DISCONNECT) or not. */
    void callDisconnectNotify(CallDisconnectNotify m, List<ControlAction> out) {
        CallContext c = bySenderCallId(m.callId());
        if (c == null) {
            unexpected(m, "its Call ID " + m.callId() + " names no call of the peer", out);
            return;
        }
        if (c.side == CallSide.PAC) {
            out.add(new Log(INFO, EngineTexts.message(m) + " from the PNS of " + c.name()
                    + ": the call is taken as disconnected"));
        }
        if (c.peerCallId < 0) {
            c.peerCallId = m.callId();
        }
        CallClearCause cause = switch (c.state) {
            case WAIT_DISCONNECT -> c.clearCause;
            case IDLE, WAIT_REPLY, WAIT_CONNECT, ESTABLISHED -> CallClearCause.PEER_DISCONNECTED;
        };
        end(c, cause, EngineTexts.describe(m), Optional.of(m), out);
    }

    /** RFC 2637 2.15: ACCMs for a call; recorded and reported upward. */
    void setLinkInfo(SetLinkInfo m, List<ControlAction> out) {
        CallContext c = calls.get(m.peerCallId());
        if (c == null) {
            unexpected(m, "its Peer's Call ID " + m.peerCallId() + " names no call of ours", out);
            return;
        }
        c.sendAccm = m.sendAccm();
        c.receiveAccm = m.receiveAccm();
        out.add(new LinkInfo(c.callId, m.sendAccm(), m.receiveAccm()));
    }

    /** RFC 2637 2.14: WAN error counters for a call; reported upward. */
    void wanErrorNotify(WanErrorNotify m, List<ControlAction> out) {
        CallContext c = calls.get(m.peerCallId());
        if (c == null) {
            unexpected(m, "its Peer's Call ID " + m.peerCallId() + " names no call of ours", out);
            return;
        }
        out.add(new WanError(c.callId, m));
    }

    /** Our call the peer's own Call ID names; failing that, the only call whose peer Call ID we do not know. */
    private CallContext bySenderCallId(int senderCallId) {
        CallContext c = byPeerCallId(senderCallId);
        if (c != null) {
            return c;
        }
        CallContext unknown = null;
        for (CallContext candidate : calls.values()) {
            if (candidate.peerCallId < 0) {
                if (unknown != null) {
                    return null;
                }
                unknown = candidate;
            }
        }
        return unknown;
    }

    private CallContext byPeerCallId(int peerCallId) {
        for (CallContext c : calls.values()) {
            if (c.peerCallId == peerCallId) {
                return c;
            }
        }
        return null;
    }

    // ---- commands of the application

    void placeOutgoingCall(OutgoingCallParameters p, long now, List<ControlAction> out) {
        if (calls.containsKey(p.callId())) {
            out.add(new CommandRefused("place outgoing call", "Call ID " + p.callId() + " is in use on this connection"));
            return;
        }
        CallContext c = new CallContext(p.callId(), CallSide.PNS, CallDirection.OUTGOING, false);
        c.callSerialNumber = p.callSerialNumber();
        c.framingType = p.framingType();
        c.state = CallState.WAIT_REPLY;
        c.timer.arm(now, setupNanos);
        calls.put(c.callId, c);
        out.add(new ControlAction.Send(p.toRequest()));
    }

    void requestIncomingCall(IncomingCallParameters p, long now, List<ControlAction> out) {
        if (calls.containsKey(p.callId())) {
            out.add(new CommandRefused("request incoming call", "Call ID " + p.callId() + " is in use on this connection"));
            return;
        }
        CallContext c = new CallContext(p.callId(), CallSide.PAC, CallDirection.INCOMING, false);
        c.callSerialNumber = p.callSerialNumber();
        c.framingType = p.framingType();
        c.connectSpeed = p.connectSpeed();
        c.incoming = p;
        c.state = CallState.WAIT_REPLY;
        c.timer.arm(now, setupNanos);
        calls.put(c.callId, c);
        out.add(new ControlAction.Send(p.toRequest()));
    }

    /** The PNS sends Call-Clear-Request and waits; the PAC sends Call-Disconnect-Notify and is done. */
    void clearCall(int callId, CallDisconnectResult result, String callStatistics, long now, List<ControlAction> out) {
        CallContext c = calls.get(callId);
        if (c == null) {
            out.add(new CommandRefused("clear call", "no call with Call ID " + callId));
            return;
        }
        switch (c.side) {
            case PNS -> {
                switch (c.state) {
                    case WAIT_DISCONNECT -> out.add(new CommandRefused("clear call", c.name() + " is already being cleared"));
                    case IDLE, WAIT_REPLY, WAIT_CONNECT, ESTABLISHED -> sendClear(c, CallClearCause.CLEARED_ON_REQUEST, now, out);
                }
            }
            case PAC -> {
                CallDisconnectNotify cdn = new CallDisconnectNotify(c.callId, result.value(), GeneralErrorCode.NONE.value(),
                        0, callStatistics);
                out.add(new ControlAction.Send(cdn));
                end(c, CallClearCause.LOCAL_DISCONNECT, "we sent " + EngineTexts.describe(cdn), Optional.of(cdn), out);
            }
        }
    }

    private void sendClear(CallContext c, CallClearCause cause, long now, List<ControlAction> out) {
        c.state = CallState.WAIT_DISCONNECT;
        c.clearCause = cause;
        c.timer.arm(now, disconnectNanos);
        out.add(new ControlAction.Send(new CallClearRequest(c.callId)));
    }

    /** RFC 2637 2.15: sent with the peer's Call ID, by either side (Windows sends it both ways). */
    void setLinkInfo(int callId, long sendAccm, long receiveAccm, List<ControlAction> out) {
        CallContext c = calls.get(callId);
        if (c == null) {
            out.add(new CommandRefused("set link info", "no call with Call ID " + callId));
        } else if (c.peerCallId < 0) {
            out.add(new CommandRefused("set link info", c.name() + " has no peer Call ID yet"));
        } else if (sendAccm < 0 || sendAccm > 0xFFFFFFFFL || receiveAccm < 0 || receiveAccm > 0xFFFFFFFFL) {
            out.add(new CommandRefused("set link info", "an ACCM is not 32 bits"));
        } else {
            out.add(new ControlAction.Send(new SetLinkInfo(c.peerCallId, sendAccm, receiveAccm)));
        }
    }

    /** The name of the command in its refusals. */
    static final String WAN_ERROR_NOTIFY = "WAN-Error-Notify";
    /** RFC 2637 2.14: WAN-Error-Notify "not more than once every 60 seconds". */
    private static final long WAN_ERROR_INTERVAL_NANOS = 60_000_000_000L;

    /** RFC 2637 2.14: from the PAC to the PNS, for a call, with the PNS's Call ID. */
    void wanErrorNotify(int callId, WanErrors e, long now, List<ControlAction> out) {
        CallContext c = calls.get(callId);
        if (c == null) {
            out.add(new CommandRefused(WAN_ERROR_NOTIFY, "no call with Call ID " + callId));
        } else if (c.side != CallSide.PAC) {
            out.add(new CommandRefused(WAN_ERROR_NOTIFY, "we are the PNS of " + c.name()
                    + "; RFC 2637 2.14: WAN-Error-Notify goes from the PAC to the PNS"));
        } else if (c.state != CallState.ESTABLISHED) {
            out.add(new CommandRefused(WAN_ERROR_NOTIFY, c.name() + " is in call state " + c.state + ", not ESTABLISHED"));
        } else if (c.lastWanErrorNotify != null && now - c.lastWanErrorNotify < WAN_ERROR_INTERVAL_NANOS) {
            out.add(new CommandRefused(WAN_ERROR_NOTIFY, "the last one for " + c.name() + " went "
                    + EngineTexts.seconds(java.time.Duration.ofNanos(now - c.lastWanErrorNotify))
                    + " ago; RFC 2637 2.14: not more than once every 60 s"));
        } else {
            c.lastWanErrorNotify = now;
            out.add(new ControlAction.Send(e.message(c.peerCallId)));
        }
    }

    // ---- timers and the end of the connection

    /** RFC 2637 3.2.1: a setup that takes too long is aborted; a clear that is never confirmed is taken as done. */
    void tick(long now, List<ControlAction> out) {
        for (CallContext c : new ArrayList<>(calls.values())) {
            if (!c.timer.expired(now)) {
                continue;
            }
            switch (c.state) {
                case WAIT_REPLY -> {
                    switch (c.side) {
                        case PNS -> {
                            out.add(new Log(INFO, c.name() + ": no Outgoing-Call-Reply within "
                                    + EngineTexts.seconds(config.timers().callSetupTimeout()) + "; clearing it"));
                            sendClear(c, CallClearCause.SETUP_TIMEOUT, now, out);
                        }
                        case PAC -> {
                            CallDisconnectNotify cdn = new CallDisconnectNotify(c.callId,
                                    CallDisconnectResult.ADMIN_SHUTDOWN.value(), GeneralErrorCode.NONE.value(), 0, "");
                            out.add(new ControlAction.Send(cdn));
                            end(c, CallClearCause.SETUP_TIMEOUT, "no Incoming-Call-Reply within "
                                    + EngineTexts.seconds(config.timers().callSetupTimeout()), Optional.of(cdn), out);
                        }
                    }
                }
                case WAIT_CONNECT -> {
                    out.add(new Log(INFO, c.name() + ": no Incoming-Call-Connected within "
                            + EngineTexts.seconds(config.timers().callSetupTimeout()) + "; clearing it"));
                    sendClear(c, CallClearCause.SETUP_TIMEOUT, now, out);
                }
                case WAIT_DISCONNECT -> {
                    // poptop answers Call-Clear-Request without a Call-Disconnect-Notify: not an error.
                    CallClearCause cause = c.clearCause == CallClearCause.SETUP_TIMEOUT
                            ? CallClearCause.SETUP_TIMEOUT : CallClearCause.DISCONNECT_TIMEOUT;
                    end(c, cause, "no Call-Disconnect-Notify within "
                            + EngineTexts.seconds(config.timers().callDisconnectTimeout())
                            + " of our Call-Clear-Request; taken as cleared", Optional.empty(), out);
                }
                case IDLE, ESTABLISHED -> c.timer.disarm();
            }
        }
    }

    /** RFC 2637 2.3: the end of the control connection clears every call on it. */
    void endAll(String detail, List<ControlAction> out) {
        for (CallContext c : new ArrayList<>(calls.values())) {
            end(c, CallClearCause.CONNECTION_ENDED, detail, Optional.empty(), out);
        }
    }

    private void end(CallContext c, CallClearCause cause, String detail, Optional<ControlMessage> message,
                     List<ControlAction> out) {
        c.state = CallState.IDLE;
        c.timer.disarm();
        calls.remove(c.callId);
        if (c.allocated) {
            release(c.callId);
        }
        out.add(new CallCleared(c.callId, c.peerCallIdIfKnown(), cause, detail, message));
    }

    private static CallConnected connected(CallContext c, ControlMessage peerMessage) {
        return new CallConnected(c.callId, c.peerCallId, c.side, c.direction, c.callSerialNumber, c.peerWindow,
                c.peerDelay, c.connectSpeed, c.framingType, peerMessage);
    }

    /** Counts and logs a message that names a call but does not fit its state. */
    private void unexpected(ControlMessage m, CallContext c, String expected, List<ControlAction> out) {
        context.unexpectedMessages++;
        out.add(new Log(WARNING, EngineTexts.unexpected(m, CONNECTION, c, expected)));
    }

    /** Counts and logs a message that names no call of ours. */
    private void unexpected(ControlMessage m, String why, List<ControlAction> out) {
        context.unexpectedMessages++;
        out.add(new Log(WARNING, EngineTexts.unexpected(m, CONNECTION, why)));
    }
}
