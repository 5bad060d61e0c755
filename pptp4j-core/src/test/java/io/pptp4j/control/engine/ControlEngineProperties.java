package io.pptp4j.control.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.pptp4j.control.StopControlConnectionReason;
import io.pptp4j.control.engine.ControlAction.CallCleared;
import io.pptp4j.control.engine.ControlAction.CallConnected;
import io.pptp4j.control.engine.ControlAction.CloseTransport;
import io.pptp4j.control.engine.ControlAction.CommandRefused;
import io.pptp4j.control.engine.ControlAction.Established;
import io.pptp4j.control.engine.ControlAction.LinkInfo;
import io.pptp4j.control.engine.ControlAction.Log;
import io.pptp4j.control.engine.ControlAction.Send;
import io.pptp4j.control.engine.ControlAction.Stopped;
import io.pptp4j.control.engine.ControlAction.WanError;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Layer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Arbitrary sequences of events for either role: whatever a peer sends and whenever, the engine does
 * not throw, every outcome is one of the defined actions, and its invariants hold. Then random
 * application commands through the pump: the two engines never disagree. jqwik prints the seed of a
 * failing try.
 */
class ControlEngineProperties {

    /** What happens to the engine: a message, an error, time, the transport or a command. */
    sealed interface Event {
        record Message(ControlMessage message) implements Event {}

        /** The peer answers the last message the engine sent, as a well-behaved peer would (success codes). */
        record Answer(int peerCallId) implements Event {}

        record Malformed(int replyCode) implements Event {}

        record Tick(long advanceMillis) implements Event {}

        record TickAtDeadline() implements Event {}

        record TransportClosed() implements Event {}

        record Start() implements Event {}

        record PlaceCall(int callId) implements Event {}

        record RingIn(int callId) implements Event {}

        record Clear(int callId, CallDisconnectResult result) implements Event {}

        record SendLinkInfo(int callId) implements Event {}

        record Stop(StopControlConnectionReason reason) implements Event {}
    }

    @Property(tries = 400)
    void anySequenceOfEventsNeverThrowsAndEveryOutcomeIsADefinedAction(
            @ForAll boolean originator, @ForAll @IntRange(max = 4) int establishUnlessZero, @ForAll @IntRange(max = 3) int maxCalls,
            @ForAll boolean acceptOutgoing, @ForAll boolean acceptIncoming,
            @ForAll @Size(min = 5, max = 60) List<@net.jqwik.api.From("events") Event> events) throws DecodeException {
        EngineTesting.TrackingAllocator callIds = new EngineTesting.TrackingAllocator(0x10, 0x12);
        CallPolicy policy = new CallPolicy(maxCalls, acceptOutgoing, acceptIncoming, 8, 1, 0);
        ControlConnectionConfig config = (originator ? EngineTesting.clientConfig()
                : EngineTesting.serverConfig(callIds)).withCallIds(callIds).withCallPolicy(policy);
        ControlConnectionEngine engine = new ControlConnectionEngine(config);
        List<Event> all = new ArrayList<>();
        if (establishUnlessZero != 0) {
            all.add(new Event.Start());
            all.add(new Event.Message(originator ? EngineTesting.sccrp(0x0100, 1) : EngineTesting.sccrq(0x0100)));
        }
        all.addAll(events);

        long now = EngineTesting.T0;
        boolean closed = false;
        int stopped = 0;
        boolean connectedAny = false;
        Set<Integer> connected = new java.util.HashSet<>();
        StopCause stopCause = null;
        List<ControlMessage> sentSoFar = new ArrayList<>();
        for (Event generated : all) {
            Event event = generated instanceof Event.Answer a ? answer(engine, sentSoFar, a.peerCallId()) : generated;
            if (event instanceof Event.Tick t) {
                now += t.advanceMillis() * 1_000_000L;
            } else if (event instanceof Event.TickAtDeadline && engine.nextDeadlineNanos() != ControlConnectionEngine.NO_DEADLINE) {
                now = Math.max(now, engine.nextDeadlineNanos());
            }
            Set<Integer> before = callIds(engine);
            List<ControlAction> actions = apply(engine, event, now);
            Set<Integer> after = callIds(engine);
            boolean command = isCommand(event);
            sentSoFar.addAll(EngineTesting.sent(actions));

            for (int i = 0; i < actions.size(); i++) {
                ControlAction a = actions.get(i);
                switch (a) {
                    case Send s -> {
                        assertThat(closed).as("a Send after CloseTransport").isFalse();
                        byte[] wire = ControlMessageCodec.encode(s.message());
                        assertThat(ControlMessageCodec.decode(wire, DecodeMode.STRICT)).isEqualTo(s.message());
                    }
                    case Established e -> assertThat(engine.state()).isIn(ControlState.ESTABLISHED,
                            ControlState.WAIT_STOP_REPLY, ControlState.CLOSED);
                    case CallConnected c -> {
                        connectedAny = true;
                        assertThat(after).contains(c.callId());
                        assertThat(connected.add(c.callId())).as("call %d connected twice", c.callId()).isTrue();
                        assertThat(engine.call(c.callId()).orElseThrow().state()).isEqualTo(CallState.ESTABLISHED);
                    }
                    case CallCleared c -> {
                        assertThat(before).contains(c.callId());
                        assertThat(after).doesNotContain(c.callId());
                        connected.remove(c.callId());
                    }
                    case LinkInfo l -> assertThat(before).contains(l.callId());
                    case WanError w -> assertThat(before).contains(w.callId());
                    case Stopped s -> {
                        stopped++;
                        stopCause = s.cause();
                        assertThat(actions.get(i + 1)).isInstanceOf(CloseTransport.class);
                    }
                    case CloseTransport c -> {
                        assertThat(closed).as("CloseTransport twice").isFalse();
                        assertThat(i).isEqualTo(actions.size() - 1);
                        closed = true;
                    }
                    case Log l -> assertThat(l.text()).isNotBlank();
                    case CommandRefused r -> assertThat(command).as("CommandRefused for " + event).isTrue();
                }
            }
            assertThat(stopped).isLessThanOrEqualTo(1);
            assertThat(callIds.misuse).isEmpty();
            if (engine.state() == ControlState.CLOSED) {
                assertThat(closed).isTrue();
                assertThat(engine.calls()).isEmpty();
                assertThat(callIds.inUse()).isEmpty();
                assertThat(engine.nextDeadlineNanos()).isEqualTo(ControlConnectionEngine.NO_DEADLINE);
            }
            if (event instanceof Event.Tick || event instanceof Event.TickAtDeadline) {
                long next = engine.nextDeadlineNanos();
                assertThat(next == ControlConnectionEngine.NO_DEADLINE || next - now > 0)
                        .as("a tick at %d leaves the deadline %d behind", now, next).isTrue();
            }
        }
        Statistics.label("a call connected").collect(connectedAny);
        Statistics.label("stopped by").collect(stopCause == null ? "still open" : stopCause);
    }

    @Property(tries = 200)
    void clientAndServerAgreeWhateverTheirApplicationsDo(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 64) int maxPiece,
            @ForAll @Size(max = 30) List<@net.jqwik.api.From("commands") Event> commands,
            @ForAll @Size(max = 30) List<Boolean> onServer) {
        EngineTesting.TrackingAllocator serverIds = new EngineTesting.TrackingAllocator(0x10, 0x13);
        ControlConnectionConfig client = EngineTesting.clientConfig()
                .withCallPolicy(CallPolicy.client().withAcceptIncomingCalls(true).withMaxCalls(3));
        ControlConnectionConfig server = EngineTesting.serverConfig(serverIds)
                .withCallPolicy(CallPolicy.server().withAcceptIncomingCalls(true).withMaxCalls(3));
        ControlPump p = new ControlPump(client, server, seed, maxPiece).start();

        for (int i = 0; i < commands.size(); i++) {
            ControlPump.Side side = i < onServer.size() && onServer.get(i) ? p.server : p.client;
            Event command = commands.get(i);
            if (command instanceof Event.Tick t) {
                p.advance(Duration.ofMillis(t.advanceMillis()));
            } else {
                side.command(e -> apply(e, resolve(e, command), p.now));
            }
            assertAgreement(p);
        }
        p.client.command(e -> e.stop(StopControlConnectionReason.NONE, p.now));
        p.advance(Duration.ofMinutes(5));

        for (ControlPump.Side side : List.of(p.client, p.server)) {
            assertThat(side.engine.state()).isEqualTo(ControlState.CLOSED);
            assertThat(side.actions(Stopped.class)).hasSize(1);
            assertThat(side.engine.counters().unexpectedMessages()).as(side.name + " unexpected messages").isZero();
            assertThat(side.actions(CallConnected.class)).hasSameSizeAs(side.actions(CallCleared.class).stream()
                    .filter(c -> c.cause() != CallClearCause.REFUSED_BY_PEER).toList());
        }
        assertThat(serverIds.inUse()).isEmpty();
        assertThat(serverIds.misuse).isEmpty();
        int calls = p.client.actions(CallConnected.class).size();
        Statistics.label("calls connected").collect(calls == 0 ? "0" : calls < 4 ? "1-3" : "4+");
    }

    /** A plausible answer to the last message sent, or a zero tick when there is nothing to answer. */
    private static Event answer(ControlConnectionEngine engine, List<ControlMessage> sent, int peerCallId) {
        if (sent.isEmpty()) {
            return new Event.Tick(0);
        }
        ControlMessage reply = switch (sent.getLast()) {
            case StartControlConnectionRequest m -> EngineTesting.sccrp(0x0100, 1);
            case StopControlConnectionRequest m -> new StopControlConnectionReply(1, 0);
            case EchoRequest m -> new EchoReply(m.identifier(), 1, 0);
            case OutgoingCallRequest m -> new OutgoingCallReply(peerCallId, m.callId(), 1, 0, 0, 64_000, 8, 0, 0);
            case IncomingCallRequest m -> new IncomingCallReply(peerCallId, m.callId(), 1, 0, 8, 0);
            case IncomingCallReply m -> new IncomingCallConnected(m.callId(), 64_000, 8, 0, 1);
            case CallClearRequest m -> new CallDisconnectNotify(
                    engine.call(m.callId()).flatMap(c -> c.peerCallId().isPresent()
                            ? java.util.Optional.of(c.peerCallId().getAsInt()) : java.util.Optional.empty()).orElse(peerCallId),
                    4, 0, 0, "");
            default -> null;
        };
        return reply == null ? new Event.Tick(0) : new Event.Message(reply);
    }

    /** Every established call at one side is the same call, the IDs swapped, established at the other. */
    private static void assertAgreement(ControlPump p) {
        assertThat(p.client.engine.counters().unexpectedMessages()).isZero();
        assertThat(p.server.engine.counters().unexpectedMessages()).isZero();
        assertThat(established(p.client.engine, false)).isEqualTo(established(p.server.engine, true));
    }

    private static Set<String> established(ControlConnectionEngine e, boolean swap) {
        return e.calls().stream().filter(c -> c.state() == CallState.ESTABLISHED)
                .map(c -> swap ? c.peerCallId().orElseThrow() + "/" + c.callId() : c.callId() + "/" + c.peerCallId().orElseThrow())
                .collect(Collectors.toSet());
    }

    /** Commands that name a call by index pick one of the engine's calls, so that they hit. */
    private static Event resolve(ControlConnectionEngine e, Event command) {
        List<CallStatus> calls = e.calls();
        return switch (command) {
            case Event.Clear c when !calls.isEmpty() -> new Event.Clear(calls.get(c.callId() % calls.size()).callId(), c.result());
            case Event.SendLinkInfo l when !calls.isEmpty() -> new Event.SendLinkInfo(calls.get(l.callId() % calls.size()).callId());
            default -> command;
        };
    }

    private static Set<Integer> callIds(ControlConnectionEngine engine) {
        return engine.calls().stream().map(CallStatus::callId).collect(Collectors.toSet());
    }

    private static boolean isCommand(Event event) {
        return switch (event) {
            case Event.Start s -> true;
            case Event.PlaceCall c -> true;
            case Event.RingIn r -> true;
            case Event.Clear c -> true;
            case Event.SendLinkInfo l -> true;
            case Event.Stop s -> true;
            case Event.Message m -> false;
            case Event.Answer a -> false;
            case Event.Malformed m -> false;
            case Event.Tick t -> false;
            case Event.TickAtDeadline t -> false;
            case Event.TransportClosed t -> false;
        };
    }

    private static List<ControlAction> apply(ControlConnectionEngine engine, Event event, long now) {
        return switch (event) {
            case Event.Message m -> engine.onMessage(m.message(), now);
            case Event.Answer a -> throw new IllegalStateException("answers are resolved before they are applied");
            case Event.Malformed m -> engine.onMalformed(new DecodeException(Layer.PPTP, "OCRQ", "Length", 0, "168",
                    "12", m.replyCode()), now);
            case Event.Tick t -> engine.onTick(now);
            case Event.TickAtDeadline t -> engine.onTick(now);
            case Event.TransportClosed t -> engine.onTransportClosed(now);
            case Event.Start s -> engine.start(now);
            case Event.PlaceCall c -> engine.placeOutgoingCall(OutgoingCallParameters.of(c.callId(), 1), now);
            case Event.RingIn r -> engine.requestIncomingCall(IncomingCallParameters.of(r.callId(), 2), now);
            case Event.Clear c -> engine.clearCall(c.callId(), c.result(), "", now);
            case Event.SendLinkInfo l -> engine.setLinkInfo(l.callId(), 0, 0xFFFFFFFFL, now);
            case Event.Stop s -> engine.stop(s.reason(), now);
        };
    }

    // ---- arbitraries

    /** Call IDs that hit: the ones commands use (1, 2), the allocator's (0x10..0x12), and some that miss. */
    private static Arbitrary<Integer> callIds() { return Arbitraries.of(0, 1, 2, 0x10, 0x11, 0x12, 0xFFFF); }

    /** Result and Error Codes, half of them 1 (success in every reply). */
    private static Arbitrary<Integer> codes() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(1)), Tuple.of(1, Arbitraries.integers().between(0, 8)));
    }

    private static Arbitrary<String> texts() { return Arbitraries.strings().alpha().ofMaxLength(8); }

    private static Arbitrary<Long> u32() { return Arbitraries.longs().between(0, 0xFFFFFFFFL); }

    private static Arbitrary<Integer> versions() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0x0100)), Tuple.of(1, Arbitraries.of(0, 0x0090, 0x0101, 0x0200)));
    }

    @Provide
    Arbitrary<Event> events() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, messages().map(Event.Message::new)),
                Tuple.of(10, Arbitraries.integers().between(0x20, 0x24).map(Event.Answer::new)),
                Tuple.of(1, Arbitraries.integers().between(-1, 6).map(Event.Malformed::new)),
                Tuple.of(3, Arbitraries.longs().between(0, 120_000).map(Event.Tick::new)),
                Tuple.of(2, Arbitraries.just(new Event.TickAtDeadline())),
                Tuple.of(1, Arbitraries.just(new Event.TransportClosed())),
                Tuple.of(1, Arbitraries.just(new Event.Start())),
                Tuple.of(6, callCommands()),
                Tuple.of(1, Arbitraries.of(StopControlConnectionReason.class).map(Event.Stop::new)));
    }

    /** Commands and time for the pump; the stop comes at the end. */
    @Provide
    Arbitrary<Event> commands() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, callCommands()),
                Tuple.of(2, Arbitraries.longs().between(0, 200_000).map(Event.Tick::new)));
    }

    private static Arbitrary<Event> callCommands() {
        return Arbitraries.oneOf(
                callIds().map(Event.PlaceCall::new),
                callIds().map(Event.RingIn::new),
                Combinators.combine(callIds(), Arbitraries.of(CallDisconnectResult.class)).as(Event.Clear::new),
                callIds().map(Event.SendLinkInfo::new));
    }

    /** Every type, weighted towards the call messages that can hit a call in progress. */
    private static Arbitrary<ControlMessage> messages() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Combinators.combine(versions(), u32(), u32(), Arbitraries.integers().between(0, 3), texts())
                        .as((v, f, b, c, h) -> new StartControlConnectionRequest(v, f, b, c, 1, h, "v"))),
                Tuple.of(1, Combinators.combine(versions(), codes(), codes(), texts())
                        .as((v, r, e, h) -> new StartControlConnectionReply(v, r, e, 3, 3, 1, 1, h, ""))),
                Tuple.of(1, Arbitraries.integers().between(0, 4).map(StopControlConnectionRequest::new)),
                Tuple.of(1, Combinators.combine(codes(), codes()).as(StopControlConnectionReply::new)),
                Tuple.of(2, u32().map(EchoRequest::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.longs().between(0, 3), codes(), codes()).as(EchoReply::new)),
                Tuple.of(3, Combinators.combine(callIds(), Arbitraries.integers().between(0, 0xFFFF), u32())
                        .as((id, w, bps) -> new OutgoingCallRequest(id, 1, 0, bps, 3, 3, w, 0, 0, "", ""))),
                Tuple.of(3, Combinators.combine(callIds(), callIds(), codes(), codes(), Arbitraries.integers().between(0, 0xFFFF))
                        .as((id, peer, r, e, w) -> new OutgoingCallReply(id, peer, r, e, 0, 64_000, w, 0, 0))),
                Tuple.of(3, Combinators.combine(callIds(), texts())
                        .as((id, t) -> new IncomingCallRequest(id, 5, 1, 0, t.length(), 0, t, "", ""))),
                Tuple.of(3, Combinators.combine(callIds(), callIds(), codes(), codes())
                        .as((id, peer, r, e) -> new IncomingCallReply(id, peer, r, e, 16, 0))),
                Tuple.of(3, callIds().map(peer -> new IncomingCallConnected(peer, 64_000, 16, 0, 1))),
                Tuple.of(2, callIds().map(CallClearRequest::new)),
                Tuple.of(2, Combinators.combine(callIds(), codes(), codes(), texts())
                        .as((id, r, e, t) -> new CallDisconnectNotify(id, r, e, 0, t))),
                Tuple.of(1, callIds().map(peer -> new WanErrorNotify(peer, 1, 2, 3, 4, 5, 6))),
                Tuple.of(2, Combinators.combine(callIds(), u32(), u32()).as(SetLinkInfo::new)),
                Tuple.of(1, Arbitraries.integers().between(16, 40).map(t -> new Unknown(t, Bytes.fromHex("0102")))));
    }
}
