package io.pptp4j.control.engine;

import io.pptp4j.wire.FieldChecks;
import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import io.pptp4j.control.CallDisconnectResult;
import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.ControlMessage.CallClearRequest;
import io.pptp4j.control.ControlMessage.CallDisconnectNotify;
import io.pptp4j.control.ControlMessage.EchoReply;
import io.pptp4j.control.ControlMessage.EchoRequest;
import io.pptp4j.control.ControlMessage.IncomingCallConnected;
import io.pptp4j.control.ControlMessage.IncomingCallReply;
import io.pptp4j.control.ControlMessage.IncomingCallRequest;
import io.pptp4j.control.ControlMessage.OutgoingCallReply;
import io.pptp4j.control.ControlMessage.OutgoingCallRequest;
import io.pptp4j.control.ControlMessage.SetLinkInfo;
import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.control.ControlMessage.StartControlConnectionRequest;
import io.pptp4j.control.ControlMessage.StopControlConnectionReply;
import io.pptp4j.control.ControlMessage.StopControlConnectionRequest;
import io.pptp4j.control.ControlMessage.Unknown;
import io.pptp4j.control.ControlMessage.WanErrorNotify;
import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.control.EchoReplyResult;
import io.pptp4j.control.GeneralErrorCode;
import io.pptp4j.control.StartControlConnectionResult;
import io.pptp4j.control.StopControlConnectionReason;
import io.pptp4j.control.StopControlConnectionResult;
import io.pptp4j.control.engine.ControlAction.CloseTransport;
import io.pptp4j.control.engine.ControlAction.CommandRefused;
import io.pptp4j.control.engine.ControlAction.Established;
import io.pptp4j.control.engine.ControlAction.Log;
import io.pptp4j.control.engine.ControlAction.Send;
import io.pptp4j.control.engine.ControlAction.Stopped;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.Hex;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A PPTP control connection (RFC 2637 sections 2 and 3) as a state machine without sockets, threads or
 * clocks, for either end: the {@link ControlRole#ORIGINATOR} that opened the TCP connection (a client)
 * or the {@link ControlRole#RECEIVER} that accepted it (a server). States and transitions are those of
 * {@link ControlState} (the connection) and {@link CallState} (each call).
 *
 * <p>It is driven by events, each returning the {@link ControlAction}s to perform, in order:
 * <ul>
 *   <li>{@link #start} when the TCP connection is open;</li>
 *   <li>{@link #onMessage} with each message the strict {@code ControlStreamFramer} decodes;
 *       {@link #onMalformed} with the {@link DecodeException} it throws instead;</li>
 *   <li>{@link #onTick} at (or after) {@link #nextDeadlineNanos()};</li>
 *   <li>{@link #onTransportClosed} when the TCP connection ends under it;</li>
 *   <li>the application's commands: {@link #placeOutgoingCall}, {@link #requestIncomingCall},
 *       {@link #clearCall}, {@link #setLinkInfo}, {@link #wanErrorNotify}, {@link #stop}.</li>
 * </ul>
 * Times are {@code System.nanoTime()} values passed in. The engine never throws on anything the peer
 * sends: unexpected messages are logged (naming the message and the connection's and call's states)
 * and ignored, malformed ones end the connection. It is not thread-safe; one thread (or a lock) drives it.
 *
 * <p>Peer quirks handled: a Start-Control-Connection-Reply with Result Code 0 (some ADSL modems) is
 * success; a Call-Clear-Request never answered by Call-Disconnect-Notify (poptop) times out into a
 * cleared call; Set-Link-Info is accepted from either side (Windows sends it both ways). A message
 * decoded leniently (non-zero Reserved fields, unknown types as {@link Unknown}) is handled like any.
 */
public final class ControlConnectionEngine {
    /** {@link #nextDeadlineNanos()} when no timer is armed. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;
    /** The version we speak and answer with: 1.0 (RFC 2637 1.4). */
    public static final int PROTOCOL_VERSION = ControlMessageCodec.PROTOCOL_VERSION;

    private final ControlConnectionConfig config;
    private final ControlContext context = new ControlContext();
    private final CallEngine calls;
    private ControlState state = ControlState.IDLE;
    /** The peer's Start-Control-Connection-Request or -Reply that answered ours, accepted or refused. */
    private ControlMessage peerStart;

    public ControlConnectionEngine(ControlConnectionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.calls = new CallEngine(config, context);
    }

    public ControlConnectionConfig config() { return config; }

    public ControlRole role() { return config.role(); }

    public ControlState state() { return state; }

    public ControlCounters counters() { return context.counters(); }

    /** The calls in progress, oldest first. */
    public List<CallStatus> calls() { return calls.all().stream().map(CallContext::status).toList(); }

    public Optional<CallStatus> call(int callId) { return calls.get(callId).map(CallContext::status); }

    /**
     * The peer's start message once it came, whatever became of it: its Start-Control-Connection-Request
     * (we are the receiver) or its -Reply to ours (the originator), also one that refused the connection,
     * for a report of what the peer said.
     */
    public Optional<ControlMessage> peerStart() { return Optional.ofNullable(peerStart); }

    /** When the engine next wants {@link #onTick}, or {@link #NO_DEADLINE}. */
    public long nextDeadlineNanos() {
        return switch (state) {
            case IDLE, WAIT_CTL_REPLY, WAIT_STOP_REPLY -> context.stateTimer.armed() ? context.stateTimer.deadline() : NO_DEADLINE;
            case ESTABLISHED -> ControlTimer.earlier(echoDeadline(), calls.nextDeadline());
            case CLOSED -> NO_DEADLINE;
        };
    }

    private long echoDeadline() {
        return context.echoTimer.armed() ? context.echoTimer.deadline()
                : context.lastReceived + config.timers().echoInterval().toNanos();
    }

    // ---- the transport

    /**
     * The TCP connection is open. The originator sends Start-Control-Connection-Request (RFC 2637 3.1.1);
     * the receiver starts waiting for one, for {@link ControlTimers#startTimeout()}.
     */
    public List<ControlAction> start(long nowNanos) {
        List<ControlAction> out = new ArrayList<>();
        switch (state) {
            case IDLE -> {
                if (context.started) {
                    out.add(new CommandRefused("start", "already started"));
                    break;
                }
                context.started = true;
                context.lastReceived = nowNanos;
                switch (config.role()) {
                    case ORIGINATOR -> {
                        HostIdentity me = config.identity();
                        send(new StartControlConnectionRequest(PROTOCOL_VERSION, me.framingCapabilities(),
                                me.bearerCapabilities(), me.maximumChannels(), me.firmwareRevision(), me.hostName(),
                                me.vendorString()), out);
                        state = ControlState.WAIT_CTL_REPLY;
                        context.stateTimer.arm(nowNanos, config.timers().startReplyTimeout().toNanos());
                    }
                    case RECEIVER -> context.stateTimer.arm(nowNanos, config.timers().startTimeout().toNanos());
                }
            }
            case WAIT_CTL_REPLY, ESTABLISHED, WAIT_STOP_REPLY -> out.add(new CommandRefused("start", "already started"));
            case CLOSED -> out.add(new CommandRefused("start", "the control connection is closed"));
        }
        return finish(out);
    }

    /** A message from the peer, as the framer decoded it. */
    public List<ControlAction> onMessage(ControlMessage message, long nowNanos) {
        Objects.requireNonNull(message, "message");
        List<ControlAction> out = new ArrayList<>();
        if (state == ControlState.CLOSED) {
            return List.of();
        }
        context.messagesReceived++;
        context.lastReceived = nowNanos;
        switch (message) {
            case StartControlConnectionRequest m -> startControlConnectionRequest(m, out);
            case StartControlConnectionReply m -> startControlConnectionReply(m, nowNanos, out);
            case StopControlConnectionRequest m -> stopControlConnectionRequest(m, out);
            case StopControlConnectionReply m -> stopControlConnectionReply(m, out);
            case EchoRequest m -> echoRequest(m, out);
            case EchoReply m -> echoReply(m, out);
            case OutgoingCallRequest m -> outgoingCallRequest(m, out);
            case IncomingCallRequest m -> incomingCallRequest(m, nowNanos, out);
            case OutgoingCallReply m -> callMessage(m, () -> calls.outgoingCallReply(m, out), out);
            case IncomingCallReply m -> callMessage(m, () -> calls.incomingCallReply(m, out), out);
            case IncomingCallConnected m -> callMessage(m, () -> calls.incomingCallConnected(m, out), out);
            case CallClearRequest m -> callMessage(m, () -> calls.callClearRequest(m, out), out);
            case CallDisconnectNotify m -> callMessage(m, () -> calls.callDisconnectNotify(m, out), out);
            case WanErrorNotify m -> callMessage(m, () -> calls.wanErrorNotify(m, out), out);
            case SetLinkInfo m -> callMessage(m, () -> calls.setLinkInfo(m, out), out);
            case Unknown m -> {
                // RFC 1.4 leaves room for new message types; only the lenient decoder hands us one.
                context.unexpectedMessages++;
                out.add(new Log(WARNING, "Ignored " + EngineTexts.message(m) + " of " + m.length()
                        + " octets in control connection state " + state + ": not a type of RFC 2637"));
            }
        }
        return finish(out);
    }

    /**
     * The framer refused the peer's bytes (RFC 2637 1.4: loss of synchronization "must result in
     * immediate closing"; 3: a malformed message closes the connection). Once the connection has started
     * we send Stop-Control-Connection-Request with Reason 2 Stop-Protocol and close; the General Error
     * Code the exception carries is reported in {@link Stopped#errorCode()} (the Stop request has no
     * field for it). Before anything started (a port scanner, an HTTP request) we just close.
     */
    public List<ControlAction> onMalformed(DecodeException error, long nowNanos) {
        Objects.requireNonNull(error, "error");
        List<ControlAction> out = new ArrayList<>();
        OptionalInt code = error.replyCode() >= 0 ? OptionalInt.of(error.replyCode()) : OptionalInt.empty();
        String detail = "malformed message from the peer: " + error.getMessage();
        switch (state) {
            case IDLE -> {
                out.add(new Log(WARNING, detail + "; closing without a Stop-Control-Connection-Request (nothing started)"));
                close(StopCause.MALFORMED_MESSAGE, OptionalInt.empty(), code, detail, out);
            }
            case WAIT_CTL_REPLY, ESTABLISHED -> {
                int reason = StopControlConnectionReason.STOP_PROTOCOL.value();
                out.add(new Log(WARNING, detail + "; sending Stop-Control-Connection-Request Reason "
                        + StopControlConnectionReason.describe(reason) + " and closing"));
                send(new StopControlConnectionRequest(reason), out);
                close(StopCause.MALFORMED_MESSAGE, OptionalInt.of(reason), code, detail, out);
            }
            case WAIT_STOP_REPLY -> {
                out.add(new Log(WARNING, detail + "; closing (our Stop-Control-Connection-Request is out)"));
                close(StopCause.MALFORMED_MESSAGE, context.pendingStopReason, code, detail, out);
            }
            case CLOSED -> { }
        }
        return finish(out);
    }

    /** Time passed: fires the timers that are due (RFC 2637 3.1.4, 3.2.1). Early or repeated ticks do no harm. */
    public List<ControlAction> onTick(long nowNanos) {
        List<ControlAction> out = new ArrayList<>();
        ControlTimers timers = config.timers();
        switch (state) {
            case IDLE -> {
                if (context.stateTimer.expired(nowNanos)) {
                    // A peer that connects and says nothing: nothing started, so no Stop request.
                    String detail = "no Start-Control-Connection-Request within " + EngineTexts.seconds(timers.startTimeout());
                    out.add(new Log(INFO, detail + "; closing"));
                    close(StopCause.START_TIMEOUT, OptionalInt.empty(), OptionalInt.empty(), detail, out);
                }
            }
            case WAIT_CTL_REPLY -> {
                if (context.stateTimer.expired(nowNanos)) {
                    String detail = "no Start-Control-Connection-Reply within " + EngineTexts.seconds(timers.startReplyTimeout());
                    out.add(new Log(INFO, detail + "; closing"));
                    close(StopCause.START_TIMEOUT, OptionalInt.empty(), OptionalInt.empty(), detail, out);
                }
            }
            case ESTABLISHED -> {
                if (context.echoTimer.expired(nowNanos)) {
                    // RFC 2637 3.1.4: the connection "SHOULD be closed" by closing TCP.
                    String detail = "no Echo-Reply within " + EngineTexts.seconds(timers.echoReplyTimeout())
                            + " of our Echo-Request " + Hex.u32(context.lastEchoIdentifier);
                    out.add(new Log(WARNING, detail + "; closing"));
                    close(StopCause.ECHO_TIMEOUT, OptionalInt.empty(), OptionalInt.empty(), detail, out);
                    break;
                }
                if (!context.echoTimer.armed() && nowNanos - echoDeadline() >= 0) {
                    long id = context.nextEchoIdentifier;
                    context.nextEchoIdentifier = (id + 1) & 0xFFFFFFFFL;
                    context.lastEchoIdentifier = id;
                    context.echoRequestsSent++;
                    context.echoTimer.arm(nowNanos, timers.echoReplyTimeout().toNanos());
                    send(new EchoRequest(id), out);
                }
                calls.tick(nowNanos, out);
            }
            case WAIT_STOP_REPLY -> {
                if (context.stateTimer.expired(nowNanos)) {
                    close(context.pendingStopCause, context.pendingStopReason, context.pendingStopError,
                            context.pendingStopDetail + "; no Stop-Control-Connection-Reply within "
                                    + EngineTexts.seconds(timers.stopReplyTimeout()), out);
                }
            }
            case CLOSED -> { }
        }
        return finish(out);
    }

    /**
     * The TCP connection ended (the peer closed it, or it failed): every call is cleared and the end
     * reported; the CloseTransport that follows lets the adapter release the socket the same way as
     * after any other end.
     */
    public List<ControlAction> onTransportClosed(long nowNanos) {
        List<ControlAction> out = new ArrayList<>();
        switch (state) {
            case IDLE, WAIT_CTL_REPLY, ESTABLISHED -> {
                String detail = "the transport closed in control connection state " + state;
                close(StopCause.TRANSPORT_CLOSED, OptionalInt.empty(), OptionalInt.empty(), detail, out);
            }
            // Closing instead of replying to our Stop request ends the connection just as well.
            case WAIT_STOP_REPLY -> close(context.pendingStopCause, context.pendingStopReason, context.pendingStopError,
                    context.pendingStopDetail + "; the transport closed before a Stop-Control-Connection-Reply", out);
            case CLOSED -> { }
        }
        return finish(out);
    }

    // ---- commands of the application

    /** As the PNS, asks the peer to place a call (RFC 2637 2.7, 3.2.4.2): sends Outgoing-Call-Request. */
    public List<ControlAction> placeOutgoingCall(OutgoingCallParameters parameters, long nowNanos) {
        Objects.requireNonNull(parameters, "parameters");
        List<ControlAction> out = new ArrayList<>();
        switch (state) {
            case ESTABLISHED -> calls.placeOutgoingCall(parameters, nowNanos, out);
            case IDLE, WAIT_CTL_REPLY, WAIT_STOP_REPLY, CLOSED -> out.add(notEstablished("place outgoing call"));
        }
        return finish(out);
    }

    /** As the PAC, announces an incoming call (RFC 2637 2.9, 3.2.3.1): sends Incoming-Call-Request. */
    public List<ControlAction> requestIncomingCall(IncomingCallParameters parameters, long nowNanos) {
        Objects.requireNonNull(parameters, "parameters");
        List<ControlAction> out = new ArrayList<>();
        switch (state) {
            case ESTABLISHED -> calls.requestIncomingCall(parameters, nowNanos, out);
            case IDLE, WAIT_CTL_REPLY, WAIT_STOP_REPLY, CLOSED -> out.add(notEstablished("request incoming call"));
        }
        return finish(out);
    }

    /**
     * Ends a call: as its PNS with Call-Clear-Request, waiting for Call-Disconnect-Notify (RFC 2637 2.12);
     * as its PAC with Call-Disconnect-Notify Result Code 3 Admin Shutdown (2.13).
     */
    public List<ControlAction> clearCall(int callId, long nowNanos) {
        return clearCall(callId, CallDisconnectResult.ADMIN_SHUTDOWN, "", nowNanos);
    }

    /**
     * Ends a call; as its PAC with the given Result Code and Call Statistics (at most 128 ISO-8859-1
     * octets) in the Call-Disconnect-Notify, e.g. 1 Lost Carrier when PPP went down.
     */
    public List<ControlAction> clearCall(int callId, CallDisconnectResult result, String callStatistics, long nowNanos) {
        Objects.requireNonNull(result, "result");
        List<ControlAction> out = new ArrayList<>();
        try {
            FieldChecks.text(callStatistics, ControlMessageCodec.CALL_STATISTICS_SIZE, "Call Statistics");
        } catch (IllegalArgumentException | NullPointerException e) {
            out.add(new CommandRefused("clear call", e.getMessage()));
            return finish(out);
        }
        switch (state) {
            case ESTABLISHED -> calls.clearCall(callId, result, callStatistics, nowNanos, out);
            case IDLE, WAIT_CTL_REPLY, WAIT_STOP_REPLY, CLOSED -> out.add(notEstablished("clear call"));
        }
        return finish(out);
    }

    /** Sends Set-Link-Info for a call with the ACCMs PPP negotiated (RFC 2637 2.15). */
    public List<ControlAction> setLinkInfo(int callId, long sendAccm, long receiveAccm, long nowNanos) {
        List<ControlAction> out = new ArrayList<>();
        switch (state) {
            case ESTABLISHED -> calls.setLinkInfo(callId, sendAccm, receiveAccm, out);
            case IDLE, WAIT_CTL_REPLY, WAIT_STOP_REPLY, CLOSED -> out.add(notEstablished("set link info"));
        }
        return finish(out);
    }

    /**
     * As the PAC of a connected call, reports its cumulative WAN error counters to the PNS with
     * WAN-Error-Notify (RFC 2637 2.14), naming the PNS's Call ID. Refused (a {@link CommandRefused},
     * nothing sent) where the RFC does not allow it: no such call, a call of which we are the PNS (the
     * message goes from the PAC to the PNS only), a call not established, or a second report for the
     * call within 60 s of the last ("not more than once every 60 seconds").
     */
    public List<ControlAction> wanErrorNotify(int callId, WanErrors counters, long nowNanos) {
        Objects.requireNonNull(counters, "counters");
        List<ControlAction> out = new ArrayList<>();
        switch (state) {
            case ESTABLISHED -> calls.wanErrorNotify(callId, counters, nowNanos, out);
            case IDLE, WAIT_CTL_REPLY, WAIT_STOP_REPLY, CLOSED -> out.add(notEstablished(CallEngine.WAN_ERROR_NOTIFY));
        }
        return finish(out);
    }

    /**
     * Ends the control connection (RFC 2637 3.1.1 "local terminate"): sends Stop-Control-Connection-Request
     * with {@code reason}, which clears every call, and waits for the Reply. Before the connection is
     * established there is nothing to stop: the transport is just closed.
     */
    public List<ControlAction> stop(StopControlConnectionReason reason, long nowNanos) {
        Objects.requireNonNull(reason, "reason");
        List<ControlAction> out = new ArrayList<>();
        switch (state) {
            case ESTABLISHED -> {
                String detail = "we sent Stop-Control-Connection-Request Reason " + StopControlConnectionReason.describe(reason.value());
                send(new StopControlConnectionRequest(reason.value()), out);
                calls.endAll("the control connection was stopped", out);
                beginStopWait(StopCause.LOCAL_REQUEST, OptionalInt.of(reason.value()), OptionalInt.empty(), detail, nowNanos);
            }
            case IDLE, WAIT_CTL_REPLY -> close(StopCause.LOCAL_REQUEST, OptionalInt.empty(), OptionalInt.empty(),
                    "stopped in control connection state " + state + ", before it was established", out);
            case WAIT_STOP_REPLY -> out.add(new CommandRefused("stop", "already stopping"));
            case CLOSED -> out.add(new CommandRefused("stop", "the control connection is closed"));
        }
        return finish(out);
    }

    // ---- one method per message type: a switch over the connection state

    private void startControlConnectionRequest(StartControlConnectionRequest m, List<ControlAction> out) {
        switch (state) {
            case IDLE -> {
                switch (config.role()) {
                    case RECEIVER -> {
                        peerStart = m;
                        acceptStart(m, out);
                    }
                    case ORIGINATOR -> unexpected(m, "expected by the receiver of the TCP connection only", out);
                }
            }
            // RFC 2637 3.1.3: a collision involves two TCP connections; the adapter, which sees the
            // addresses, resolves it. On one connection a second request is simply refused.
            case WAIT_CTL_REPLY -> unexpected(m, "we sent ours and wait for a Reply", out);
            case ESTABLISHED -> {
                context.unexpectedMessages++;
                out.add(new Log(WARNING, EngineTexts.unexpected(m, state, "expected in IDLE",
                        "answered Result Code " + StartControlConnectionResult.describe(
                                StartControlConnectionResult.COMMAND_CHANNEL_EXISTS.value()))));
                HostIdentity me = config.identity();
                send(new StartControlConnectionReply(PROTOCOL_VERSION,
                        StartControlConnectionResult.COMMAND_CHANNEL_EXISTS.value(), GeneralErrorCode.NONE.value(),
                        me.framingCapabilities(), me.bearerCapabilities(), me.maximumChannels(), me.firmwareRevision(),
                        me.hostName(), me.vendorString()), out);
            }
            case WAIT_STOP_REPLY -> unexpected(m, "expected in IDLE", out);
            case CLOSED -> { }
        }
    }

    /**
     * RFC 2637 2.2 and 3.1.2: a version below ours (1.0, the only one there is) cannot be supported:
     * answer Result Code 5 with our version and close; any other is answered with our version.
     */
    private void acceptStart(StartControlConnectionRequest m, List<ControlAction> out) {
        HostIdentity me = config.identity();
        boolean supported = m.protocolVersion() >= PROTOCOL_VERSION;
        int result = supported ? StartControlConnectionResult.SUCCESSFUL.value()
                : StartControlConnectionResult.VERSION_NOT_SUPPORTED.value();
        send(new StartControlConnectionReply(PROTOCOL_VERSION, result, GeneralErrorCode.NONE.value(),
                me.framingCapabilities(), me.bearerCapabilities(), me.maximumChannels(), me.firmwareRevision(),
                me.hostName(), me.vendorString()), out);
        if (!supported) {
            String detail = "the peer's Protocol Version " + EngineTexts.version(m.protocolVersion())
                    + " is below ours, " + EngineTexts.version(PROTOCOL_VERSION) + ": answered Result Code "
                    + StartControlConnectionResult.describe(result);
            out.add(new Log(INFO, detail + "; closing"));
            close(StopCause.VERSION_NOT_SUPPORTED, OptionalInt.empty(), OptionalInt.empty(), detail, out);
            return;
        }
        if (m.protocolVersion() > PROTOCOL_VERSION) {
            out.add(new Log(INFO, "The peer asked for Protocol Version " + EngineTexts.version(m.protocolVersion())
                    + "; answered with ours, " + EngineTexts.version(PROTOCOL_VERSION)));
        }
        establish(HostIdentity.of(m), m.protocolVersion(), m, out);
    }

    private void startControlConnectionReply(StartControlConnectionReply m, long nowNanos, List<ControlAction> out) {
        switch (state) {
            case WAIT_CTL_REPLY -> {
                peerStart = m;
                // Some ADSL modems answer with Result Code 0, which RFC 2637 2.2 does not define: success.
                boolean success = m.resultCode() == StartControlConnectionResult.SUCCESSFUL.value() || m.resultCode() == 0;
                if (!success) {
                    String detail = "the peer refused the control connection: " + EngineTexts.describe(m);
                    OptionalInt error = m.resultCode() == StartControlConnectionResult.GENERAL_ERROR.value() || m.errorCode() != 0
                            ? OptionalInt.of(m.errorCode()) : OptionalInt.empty();
                    out.add(new Log(WARNING, detail + "; closing"));
                    close(StopCause.START_REFUSED, OptionalInt.empty(), error, detail, out);
                } else if (m.protocolVersion() < PROTOCOL_VERSION) {
                    // RFC 2637 3.1.1: a version we cannot support: Stop request, then wait_stop_reply.
                    int reason = StopControlConnectionReason.STOP_PROTOCOL.value();
                    String detail = "the peer's Protocol Version " + EngineTexts.version(m.protocolVersion())
                            + " is below ours, " + EngineTexts.version(PROTOCOL_VERSION)
                            + ": we sent Stop-Control-Connection-Request Reason " + StopControlConnectionReason.describe(reason);
                    out.add(new Log(INFO, detail));
                    send(new StopControlConnectionRequest(reason), out);
                    beginStopWait(StopCause.VERSION_NOT_SUPPORTED, OptionalInt.of(reason), OptionalInt.empty(), detail,
                            nowNanos);
                } else {
                    if (m.resultCode() == 0) {
                        out.add(new Log(INFO, "The peer's Start-Control-Connection-Reply has Result Code 0;"
                                + " taken as 1 (Successful), as some ADSL modems mean it"));
                    }
                    establish(HostIdentity.of(m), m.protocolVersion(), m, out);
                }
            }
            case IDLE, ESTABLISHED, WAIT_STOP_REPLY -> unexpected(m, "expected in WAIT_CTL_REPLY", out);
            case CLOSED -> { }
        }
    }

    private void establish(HostIdentity peer, int peerVersion, ControlMessage peerStart, List<ControlAction> out) {
        state = ControlState.ESTABLISHED;
        context.stateTimer.disarm();
        context.echoTimer.disarm();
        out.add(new Established(peer, peerVersion, peerStart));
    }

    /** RFC 2637 3.1.1/3.1.2: answer with a Reply and close, whatever the state; every call is cleared. */
    private void stopControlConnectionRequest(StopControlConnectionRequest m, List<ControlAction> out) {
        switch (state) {
            case IDLE, WAIT_CTL_REPLY, ESTABLISHED -> {
                send(new StopControlConnectionReply(StopControlConnectionResult.OK.value(), GeneralErrorCode.NONE.value()), out);
                String detail = "the peer sent Stop-Control-Connection-Request Reason "
                        + StopControlConnectionReason.describe(m.reason());
                close(StopCause.PEER_REQUEST, OptionalInt.of(m.reason()), OptionalInt.empty(), detail, out);
            }
            case WAIT_STOP_REPLY -> {
                // Both sides asked at once: answer theirs, and ours is as good as answered.
                send(new StopControlConnectionReply(StopControlConnectionResult.OK.value(), GeneralErrorCode.NONE.value()), out);
                close(context.pendingStopCause, context.pendingStopReason, context.pendingStopError,
                        context.pendingStopDetail + "; the peer's Stop-Control-Connection-Request Reason "
                                + StopControlConnectionReason.describe(m.reason()) + " crossed ours", out);
            }
            case CLOSED -> { }
        }
    }

    private void stopControlConnectionReply(StopControlConnectionReply m, List<ControlAction> out) {
        switch (state) {
            case WAIT_STOP_REPLY -> close(context.pendingStopCause, context.pendingStopReason, context.pendingStopError,
                    context.pendingStopDetail + "; the peer answered with Stop-Control-Connection-Reply Result Code "
                            + StopControlConnectionResult.describe(m.resultCode()), out);
            case IDLE, WAIT_CTL_REPLY, ESTABLISHED -> unexpected(m, "expected in WAIT_STOP_REPLY", out);
            case CLOSED -> { }
        }
    }

    /** RFC 2637 2.5: every Echo-Request is answered; before the connection is established, with Not-Connected. */
    private void echoRequest(EchoRequest m, List<ControlAction> out) {
        switch (state) {
            case ESTABLISHED, WAIT_STOP_REPLY -> send(new EchoReply(m.identifier(), EchoReplyResult.OK.value(),
                    GeneralErrorCode.NONE.value()), out);
            case IDLE, WAIT_CTL_REPLY -> {
                out.add(new Log(DEBUG, EngineTexts.message(m) + " in control connection state " + state
                        + ": answered General Error, Not-Connected"));
                send(new EchoReply(m.identifier(), EchoReplyResult.GENERAL_ERROR.value(),
                        GeneralErrorCode.NOT_CONNECTED.value()), out);
            }
            case CLOSED -> { }
        }
    }

    private void echoReply(EchoReply m, List<ControlAction> out) {
        switch (state) {
            case ESTABLISHED -> {
                if (!context.echoTimer.armed()) {
                    unexpected(m, "we have no Echo-Request out", out);
                    break;
                }
                context.echoTimer.disarm();
                context.echoRepliesReceived++;
                if (m.identifier() != context.lastEchoIdentifier) {
                    // Proof of life all the same; do not drop a working connection over the number.
                    out.add(new Log(WARNING, "Echo-Reply Identifier " + Hex.u32(m.identifier())
                            + " does not match our Echo-Request's, " + Hex.u32(context.lastEchoIdentifier)));
                }
                if (m.resultCode() != EchoReplyResult.OK.value()) {
                    out.add(new Log(INFO, "Echo-Reply Result Code " + EchoReplyResult.describe(m.resultCode()) + ", "
                            + EngineTexts.errorCode(m.errorCode())));
                }
            }
            case WAIT_STOP_REPLY -> out.add(new Log(DEBUG, EngineTexts.message(m) + " after our Stop request: ignored"));
            case IDLE, WAIT_CTL_REPLY -> unexpected(m, "expected in ESTABLISHED, after our Echo-Request", out);
            case CLOSED -> { }
        }
    }

    private void outgoingCallRequest(OutgoingCallRequest m, List<ControlAction> out) {
        switch (state) {
            case ESTABLISHED -> calls.outgoingCallRequest(m, out);
            case IDLE, WAIT_CTL_REPLY, WAIT_STOP_REPLY -> {
                context.unexpectedMessages++;
                CallEngine.refuseNotConnected(m, state, out);
            }
            case CLOSED -> { }
        }
    }

    private void incomingCallRequest(IncomingCallRequest m, long nowNanos, List<ControlAction> out) {
        switch (state) {
            case ESTABLISHED -> calls.incomingCallRequest(m, nowNanos, out);
            case IDLE, WAIT_CTL_REPLY, WAIT_STOP_REPLY -> {
                context.unexpectedMessages++;
                CallEngine.refuseNotConnected(m, state, out);
            }
            case CLOSED -> { }
        }
    }

    /** The other call messages: handled by the calls while established, stale after our Stop, unexpected before. */
    private void callMessage(ControlMessage m, Runnable handler, List<ControlAction> out) {
        switch (state) {
            case ESTABLISHED -> handler.run();
            // Calls were cleared when we sent our Stop request; the peer's messages about them may cross it.
            case WAIT_STOP_REPLY -> out.add(new Log(DEBUG, EngineTexts.message(m) + " after our Stop request: ignored"));
            case IDLE, WAIT_CTL_REPLY -> unexpected(m, "expected in ESTABLISHED", out);
            case CLOSED -> { }
        }
    }

    // ---- helpers

    private void unexpected(ControlMessage m, String expected, List<ControlAction> out) {
        context.unexpectedMessages++;
        out.add(new Log(WARNING, EngineTexts.unexpected(m, state, expected)));
    }

    private CommandRefused notEstablished(String command) {
        return new CommandRefused(command, "the control connection is in state " + state + ", not ESTABLISHED");
    }

    private static void send(ControlMessage m, List<ControlAction> out) {
        out.add(new Send(m));
    }

    /** What every public method returns: the actions, the messages among them counted. */
    private List<ControlAction> finish(List<ControlAction> out) {
        for (ControlAction a : out) {
            if (a instanceof Send) {
                context.messagesSent++;
            }
        }
        return List.copyOf(out);
    }

    private void beginStopWait(StopCause cause, OptionalInt reason, OptionalInt error, String detail, long nowNanos) {
        state = ControlState.WAIT_STOP_REPLY;
        context.echoTimer.disarm();
        context.pendingStopCause = cause;
        context.pendingStopReason = reason;
        context.pendingStopError = error;
        context.pendingStopDetail = detail;
        context.stateTimer.arm(nowNanos, config.timers().stopReplyTimeout().toNanos());
    }

    /** Reports the end once, asks for the transport to be closed, and ignores everything from now on. */
    private void close(StopCause cause, OptionalInt reason, OptionalInt error, String detail, List<ControlAction> out) {
        calls.endAll("the control connection ended: " + detail, out);
        state = ControlState.CLOSED;
        context.stateTimer.disarm();
        context.echoTimer.disarm();
        out.add(new Stopped(cause, reason, error, detail));
        out.add(new CloseTransport());
    }
}
