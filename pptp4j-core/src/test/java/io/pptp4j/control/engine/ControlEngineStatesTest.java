package io.pptp4j.control.engine;

import static io.pptp4j.control.engine.EngineTesting.T0;
import static io.pptp4j.control.engine.EngineTesting.at;
import static io.pptp4j.control.engine.EngineTesting.clientConfig;
import static io.pptp4j.control.engine.EngineTesting.establishedClient;
import static io.pptp4j.control.engine.EngineTesting.establishedServer;
import static io.pptp4j.control.engine.EngineTesting.ofType;
import static io.pptp4j.control.engine.EngineTesting.sccrp;
import static io.pptp4j.control.engine.EngineTesting.sccrq;
import static io.pptp4j.control.engine.EngineTesting.sent;
import static io.pptp4j.control.engine.EngineTesting.serverConfig;
import static io.pptp4j.control.engine.EngineTesting.withoutLogs;
import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.control.ControlMessage.CallClearRequest;
import io.pptp4j.control.ControlMessage.CallDisconnectNotify;
import io.pptp4j.control.ControlMessage.EchoReply;
import io.pptp4j.control.ControlMessage.EchoRequest;
import io.pptp4j.control.ControlMessage.IncomingCallReply;
import io.pptp4j.control.ControlMessage.IncomingCallRequest;
import io.pptp4j.control.ControlMessage.OutgoingCallReply;
import io.pptp4j.control.ControlMessage.SetLinkInfo;
import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.control.ControlMessage.StartControlConnectionRequest;
import io.pptp4j.control.ControlMessage.StopControlConnectionReply;
import io.pptp4j.control.ControlMessage.StopControlConnectionRequest;
import io.pptp4j.control.ControlMessage.Unknown;
import io.pptp4j.control.ControlMessage.WanErrorNotify;
import io.pptp4j.control.StopControlConnectionReason;
import io.pptp4j.control.engine.ControlAction.CallCleared;
import io.pptp4j.control.engine.ControlAction.CloseTransport;
import io.pptp4j.control.engine.ControlAction.CommandRefused;
import io.pptp4j.control.engine.ControlAction.Log;
import io.pptp4j.control.engine.ControlAction.Send;
import io.pptp4j.control.engine.ControlAction.Stopped;
import io.pptp4j.control.engine.ControlAction.WanError;
import io.pptp4j.wire.Bytes;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Transitions of RFC 2637 section 3 one at a time, and what the engine says about messages out of place. */
class ControlEngineStatesTest {
    private final EngineTesting.TrackingAllocator callIds = new EngineTesting.TrackingAllocator(0x10, 0x1F);

    private static ControlConnectionEngine clientWithCall(int callId, int peerCallId) {
        ControlConnectionEngine client = establishedClient(clientConfig());
        client.placeOutgoingCall(OutgoingCallParameters.of(callId, 1), T0);
        client.onMessage(new OutgoingCallReply(peerCallId, callId, 1, 0, 0, 64_000, 16, 0, 0), T0);
        return client;
    }

    @Test
    void anUnexpectedCallMessageNamesTheMessageAndTheConnectionsAndTheCallsStates() {
        ControlConnectionEngine client = clientWithCall(7, 0x80);

        List<ControlAction> actions = client.onMessage(new OutgoingCallReply(0x80, 7, 1, 0, 0, 0, 0, 0, 0), T0);

        assertThat(actions).containsExactly(new Log(System.Logger.Level.WARNING, "Unexpected Outgoing-Call-Reply (OCRP)"
                + " in control connection state ESTABLISHED for call 7 (PNS outgoing) in call state ESTABLISHED"
                + " (expected in call state WAIT_REPLY): ignored"));
        assertThat(client.counters().unexpectedMessages()).isEqualTo(1);
    }

    @Test
    void anUnexpectedConnectionMessageNamesTheStateItCameInAndTheOneItBelongsTo() {
        ControlConnectionEngine client = establishedClient(clientConfig());

        List<ControlAction> actions = client.onMessage(sccrp(0x0100, 1), T0);

        assertThat(actions).containsExactly(new Log(System.Logger.Level.WARNING, "Unexpected Start-Control-Connection-Reply"
                + " (SCCRP) in control connection state ESTABLISHED (expected in WAIT_CTL_REPLY): ignored"));
        assertThat(client.state()).isEqualTo(ControlState.ESTABLISHED);
    }

    @Test
    void aMessageForNoKnownCallSaysWhichCallIdItNamed() {
        ControlConnectionEngine server = establishedServer(serverConfig(callIds));

        List<ControlAction> actions = server.onMessage(new SetLinkInfo(0x1234, 0, 0), T0);

        assertThat(actions).containsExactly(new Log(System.Logger.Level.WARNING, "Unexpected Set-Link-Info (SLI) in"
                + " control connection state ESTABLISHED (its Peer's Call ID 4660 names no call of ours): ignored"));
    }

    @Test
    void aSecondStartRequestIsAnsweredCommandChannelExists() {
        ControlConnectionEngine server = establishedServer(serverConfig(callIds));

        List<ControlAction> actions = server.onMessage(sccrq(0x0100), T0);

        assertThat(sent(actions)).containsExactly(
                new StartControlConnectionReply(0x0100, 3, 0, 3, 3, 1, 1, "server.example", "pptp4j"));
        assertThat(server.state()).isEqualTo(ControlState.ESTABLISHED);
    }

    @Test
    void callRequestsAndEchoBeforeTheStartAreAnsweredNotConnected() {
        ControlConnectionEngine server = new ControlConnectionEngine(serverConfig(callIds));
        server.start(T0);

        assertThat(sent(server.onMessage(OutgoingCallParameters.of(3, 1).toRequest(), T0)))
                .containsExactly(new OutgoingCallReply(0, 3, 2, 1, 0, 0, 0, 0, 0));
        assertThat(sent(server.onMessage(IncomingCallParameters.of(4, 1).toRequest(), T0)))
                .containsExactly(new IncomingCallReply(0, 4, 2, 1, 0, 0));
        assertThat(sent(server.onMessage(new EchoRequest(0xDEADBEEFL), T0)))
                .containsExactly(new EchoReply(0xDEADBEEFL, 2, 1));
        assertThat(server.state()).isEqualTo(ControlState.IDLE);
        assertThat(callIds.allocations).isZero();
    }

    @Test
    void everyEchoRequestIsAnsweredWithItsIdentifier() {
        ControlConnectionEngine server = establishedServer(serverConfig(callIds));

        assertThat(server.onMessage(new EchoRequest(0xFFFFFFFFL), T0))
                .containsExactly(new Send(new EchoReply(0xFFFFFFFFL, 1, 0)));
    }

    @Test
    void theOriginatorStopsWithStopProtocolWhenTheReplysVersionIsBelowOne() {
        ControlConnectionEngine client = new ControlConnectionEngine(clientConfig());
        client.start(T0);

        List<ControlAction> actions = client.onMessage(sccrp(0x0090, 1), T0);

        assertThat(sent(actions)).containsExactly(new StopControlConnectionRequest(2));
        assertThat(client.state()).isEqualTo(ControlState.WAIT_STOP_REPLY);
        List<ControlAction> end = client.onMessage(new StopControlConnectionReply(1, 0), at(Duration.ofSeconds(1)));
        assertThat(withoutLogs(end)).containsExactly(new Stopped(StopCause.VERSION_NOT_SUPPORTED, OptionalInt.of(2),
                OptionalInt.empty(), "the peer's Protocol Version 0x0090 (0.144) is below ours, 0x0100 (1.0): we sent"
                        + " Stop-Control-Connection-Request Reason 2 (Stop-Protocol); the peer answered with"
                        + " Stop-Control-Connection-Reply Result Code 1 (OK)"), new CloseTransport());
    }

    @Test
    void aRefusingStartReplyEndsTheConnectionWithItsErrorCode() {
        ControlConnectionEngine client = new ControlConnectionEngine(clientConfig());
        client.start(T0);

        List<ControlAction> actions = client.onMessage(
                new StartControlConnectionReply(0x0100, 2, 4, 1, 1, 0, 0, "pac", ""), T0);

        assertThat(withoutLogs(actions)).containsExactly(new Stopped(StopCause.START_REFUSED, OptionalInt.empty(),
                OptionalInt.of(4), "the peer refused the control connection: SCCRP Result Code 2 (General error),"
                        + " Error Code 4 (No-Resource), Protocol Version 0x0100 (1.0)"), new CloseTransport());
    }

    @Test
    void theOriginatorGivesUpWhenNoStartReplyComesInSixtySeconds() {
        ControlConnectionEngine client = new ControlConnectionEngine(clientConfig());
        assertThat(sent(client.start(T0))).singleElement().isInstanceOf(StartControlConnectionRequest.class);

        assertThat(client.onTick(at(Duration.ofMillis(59_999)))).isEmpty();
        List<ControlAction> actions = client.onTick(at(Duration.ofSeconds(60)));

        assertThat(sent(actions)).isEmpty();
        assertThat(ofType(actions, Stopped.class)).singleElement().extracting(Stopped::cause).isEqualTo(StopCause.START_TIMEOUT);
    }

    @Test
    void aStopRequestIsAnsweredAndClearsEveryCall() {
        ControlConnectionEngine server = establishedServer(serverConfig(callIds));
        server.onMessage(OutgoingCallParameters.of(0x0A01, 1).toRequest(), T0);

        List<ControlAction> actions = server.onMessage(new StopControlConnectionRequest(1), T0);

        assertThat(withoutLogs(actions)).containsExactly(
                new Send(new StopControlConnectionReply(1, 0)),
                new CallCleared(0x10, OptionalInt.of(0x0A01), CallClearCause.CONNECTION_ENDED, "the control connection"
                        + " ended: the peer sent Stop-Control-Connection-Request Reason 1 (None)", java.util.Optional.empty()),
                new Stopped(StopCause.PEER_REQUEST, OptionalInt.of(1), OptionalInt.empty(),
                        "the peer sent Stop-Control-Connection-Request Reason 1 (None)"),
                new CloseTransport());
        assertThat(callIds.inUse()).isEmpty();
    }

    @Test
    void ourStopRequestClosesAnywayWhenNoReplyComes() {
        ControlConnectionEngine client = establishedClient(clientConfig());
        client.stop(StopControlConnectionReason.NONE, T0);

        assertThat(client.onTick(at(Duration.ofMillis(9_999)))).isEmpty();
        List<ControlAction> actions = client.onTick(at(Duration.ofSeconds(10)));

        assertThat(withoutLogs(actions)).containsExactly(new Stopped(StopCause.LOCAL_REQUEST, OptionalInt.of(1),
                OptionalInt.empty(), "we sent Stop-Control-Connection-Request Reason 1 (None); no"
                        + " Stop-Control-Connection-Reply within 10 s"), new CloseTransport());
    }

    @Test
    void crossingStopRequestsAreBothAnswered() {
        ControlConnectionEngine client = establishedClient(clientConfig());
        client.stop(StopControlConnectionReason.STOP_LOCAL_SHUTDOWN, T0);

        List<ControlAction> actions = client.onMessage(new StopControlConnectionRequest(1), T0);

        assertThat(sent(actions)).containsExactly(new StopControlConnectionReply(1, 0));
        assertThat(ofType(actions, Stopped.class)).singleElement().extracting(Stopped::cause).isEqualTo(StopCause.LOCAL_REQUEST);
    }

    @Test
    void callMessagesCrossingOurStopRequestAreIgnoredQuietly() {
        ControlConnectionEngine client = clientWithCall(7, 0x80);
        client.stop(StopControlConnectionReason.NONE, T0);

        List<ControlAction> actions = client.onMessage(new CallDisconnectNotify(0x80, 3, 0, 0, ""), T0);

        assertThat(actions).containsExactly(new Log(System.Logger.Level.DEBUG,
                "Call-Disconnect-Notify (CDN) after our Stop request: ignored"));
        assertThat(client.counters().unexpectedMessages()).isZero();
    }

    @Test
    void anOutgoingCallReplyWithAnErrorReportsTheCallRefusedWithItsCodes() {
        ControlConnectionEngine client = establishedClient(clientConfig());
        client.placeOutgoingCall(OutgoingCallParameters.of(7, 1), T0);
        OutgoingCallReply busy = new OutgoingCallReply(0, 7, 4, 0, 17, 0, 0, 0, 0);

        List<ControlAction> actions = client.onMessage(busy, T0);

        assertThat(actions).containsExactly(new CallCleared(7, OptionalInt.empty(), CallClearCause.REFUSED_BY_PEER,
                "OCRP Result Code 4 (Busy), Error Code 0 (None), Cause Code 17", java.util.Optional.of(busy)));
        assertThat(client.calls()).isEmpty();
    }

    @Test
    void aSetupThatGetsNoReplyIsAbortedWithCallClearRequest() {
        ControlConnectionEngine client = establishedClient(clientConfig().withTimers(
                ControlTimers.DEFAULT.withCallSetupTimeout(Duration.ofSeconds(20))));
        client.placeOutgoingCall(OutgoingCallParameters.of(7, 1), T0);

        List<ControlAction> abort = client.onTick(at(Duration.ofSeconds(20)));
        assertThat(sent(abort)).containsExactly(new CallClearRequest(7));
        assertThat(client.call(7).orElseThrow().state()).isEqualTo(CallState.WAIT_DISCONNECT);
        List<ControlAction> gone = client.onTick(at(Duration.ofSeconds(30)));

        assertThat(ofType(gone, CallCleared.class)).singleElement().extracting(CallCleared::cause)
                .isEqualTo(CallClearCause.SETUP_TIMEOUT);
    }

    @Test
    void anIncomingCallWithoutConnectedIsAbortedAndAnUnansweredOneDisconnected() {
        ControlConnectionEngine server = establishedServer(serverConfig(callIds)
                .withCallPolicy(CallPolicy.server().withAcceptIncomingCalls(true).withMaxCalls(2))
                .withTimers(ControlTimers.DEFAULT.withCallSetupTimeout(Duration.ofSeconds(20))));
        server.onMessage(IncomingCallParameters.of(0x0A01, 1).toRequest(), T0);
        server.requestIncomingCall(IncomingCallParameters.of(0x0B01, 2), T0);

        List<ControlAction> actions = server.onTick(at(Duration.ofSeconds(20)));

        assertThat(sent(actions)).containsExactly(new CallClearRequest(0x10), new CallDisconnectNotify(0x0B01, 3, 0, 0, ""));
        assertThat(ofType(actions, CallCleared.class)).singleElement().satisfies(c -> {
            assertThat(c.callId()).isEqualTo(0x0B01);
            assertThat(c.cause()).isEqualTo(CallClearCause.SETUP_TIMEOUT);
        });
    }

    @Test
    void aCallClearRequestFromThePeerIsAnsweredWithCallDisconnectNotifyResultRequest() {
        ControlConnectionEngine server = establishedServer(serverConfig(callIds));
        server.onMessage(OutgoingCallParameters.of(0x0A01, 1).toRequest(), T0);

        List<ControlAction> actions = server.onMessage(new CallClearRequest(0x0A01), T0);

        assertThat(sent(actions)).containsExactly(new CallDisconnectNotify(0x10, 4, 0, 0, ""));
        assertThat(callIds.inUse()).isEmpty();
    }

    @Test
    void wanErrorNotifyIsReportedUpward() {
        ControlConnectionEngine client = clientWithCall(7, 0x80);
        WanErrorNotify counters = new WanErrorNotify(7, 1, 2, 3, 4, 5, 6);

        assertThat(client.onMessage(counters, T0)).containsExactly(new WanError(7, counters));
    }

    @Test
    void unknownMessageTypesFromALenientDecoderAreLoggedAndIgnored() {
        ControlConnectionEngine client = establishedClient(clientConfig());

        List<ControlAction> actions = client.onMessage(new Unknown(16, Bytes.fromHex("00000000")), T0);

        assertThat(actions).containsExactly(new Log(System.Logger.Level.WARNING, "Ignored Control-Message-Type-16"
                + " (TYPE16) of 16 octets in control connection state ESTABLISHED: not a type of RFC 2637"));
        assertThat(client.state()).isEqualTo(ControlState.ESTABLISHED);
    }

    @Test
    void commandsOutOfPlaceAreRefusedWithoutSideEffects() {
        ControlConnectionEngine client = new ControlConnectionEngine(clientConfig());

        assertThat(client.placeOutgoingCall(OutgoingCallParameters.of(1, 1), T0)).containsExactly(new CommandRefused(
                "place outgoing call", "the control connection is in state IDLE, not ESTABLISHED"));
        client.start(T0);
        assertThat(client.start(T0)).containsExactly(new CommandRefused("start", "already started"));
        client.onMessage(sccrp(0x0100, 1), T0);
        client.placeOutgoingCall(OutgoingCallParameters.of(1, 1), T0);
        assertThat(client.placeOutgoingCall(OutgoingCallParameters.of(1, 2), T0)).containsExactly(new CommandRefused(
                "place outgoing call", "Call ID 1 is in use on this connection"));
        assertThat(client.clearCall(9, T0)).containsExactly(new CommandRefused("clear call", "no call with Call ID 9"));
        assertThat(client.setLinkInfo(1, 0, 0, T0)).containsExactly(new CommandRefused("set link info",
                "call 1 (PNS outgoing) has no peer Call ID yet"));
        assertThat(client.counters().messagesSent()).isEqualTo(2);
    }

    @Test
    void theAllocatorsIdIsSkippedWhenTheApplicationAlreadyUsesIt() {
        ControlConnectionEngine client = establishedClient(clientConfig().withCallIds(CallIdAllocator.range(1, 2))
                .withCallPolicy(CallPolicy.client().withAcceptIncomingCalls(true).withMaxCalls(2)));
        client.placeOutgoingCall(OutgoingCallParameters.of(1, 1), T0);

        List<ControlAction> actions = client.onMessage(new IncomingCallRequest(0x55, 1, 1, 0, 0, 0, "", "", ""), T0);

        assertThat(sent(actions)).containsExactly(new IncomingCallReply(2, 0x55, 1, 0, 64, 0));
    }

    @Test
    void thePeersStartMessageIsKeptAlsoWhenItRefusedTheConnection() {
        ControlConnectionEngine client = new ControlConnectionEngine(clientConfig());
        client.start(T0);
        assertThat(client.peerStart()).isEmpty();
        StartControlConnectionReply refusal = new StartControlConnectionReply(0x0100, 2, 4, 1, 1, 1, 0x0100, "pac.example", "Vendor");

        client.onMessage(refusal, T0);

        assertThat(client.state()).isEqualTo(ControlState.CLOSED);
        assertThat(client.peerStart()).contains(refusal);
    }

    @Test
    void theReceiverKeepsThePeersStartControlConnectionRequest() {
        ControlConnectionEngine server = establishedServer(serverConfig(callIds));

        assertThat(server.peerStart()).contains(sccrq(0x0100));
    }
}
