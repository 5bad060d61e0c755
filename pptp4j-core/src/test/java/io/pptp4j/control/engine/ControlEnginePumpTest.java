package io.pptp4j.control.engine;

import static io.pptp4j.control.engine.EngineTesting.clientConfig;
import static io.pptp4j.control.engine.EngineTesting.serverConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.control.CallDisconnectResult;
import io.pptp4j.control.ControlMessage.CallDisconnectNotify;
import io.pptp4j.control.ControlMessage.EchoReply;
import io.pptp4j.control.ControlMessage.EchoRequest;
import io.pptp4j.control.ControlMessage.WanErrorNotify;
import io.pptp4j.control.ControlMessage.IncomingCallConnected;
import io.pptp4j.control.ControlMessage.IncomingCallReply;
import io.pptp4j.control.ControlMessage.OutgoingCallReply;
import io.pptp4j.control.ControlMessage.OutgoingCallRequest;
import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.control.ControlMessage.StartControlConnectionRequest;
import io.pptp4j.control.StopControlConnectionReason;
import io.pptp4j.control.engine.ControlAction.CallCleared;
import io.pptp4j.control.engine.ControlAction.CallConnected;
import io.pptp4j.control.engine.ControlAction.CloseTransport;
import io.pptp4j.control.engine.ControlAction.CommandRefused;
import io.pptp4j.control.engine.ControlAction.Established;
import io.pptp4j.control.engine.ControlAction.LinkInfo;
import io.pptp4j.control.engine.ControlAction.Stopped;
import io.pptp4j.control.engine.ControlAction.WanError;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** A client engine against a server engine through the codec and the strict framer, cut at random points. */
class ControlEnginePumpTest {
    private static final int CLIENT_CALL_ID = 0x4A21;
    private static final int SERVER_FIRST_CALL_ID = 0x0100;

    private final EngineTesting.TrackingAllocator serverCallIds =
            new EngineTesting.TrackingAllocator(SERVER_FIRST_CALL_ID, SERVER_FIRST_CALL_ID + 9);

    private ControlPump pump(long seed, int maxPiece) {
        return new ControlPump(clientConfig(), serverConfig(serverCallIds), seed, maxPiece);
    }

    private ControlPump pumpWithCall(long seed) {
        ControlPump p = pump(seed, 40).start();
        p.client.command(e -> e.placeOutgoingCall(OutgoingCallParameters.of(CLIENT_CALL_ID, 7)
                .withPacketRecvWindowSize(32).withBps(2400, 10_000_000), p.now));
        return p;
    }

    @Test
    void establishesTheControlConnectionAndReportsThePeersStartFields() {
        ControlPump p = pump(1, 40).start();

        assertThat(p.wire).containsExactly("client SCCRQ", "server SCCRP");
        assertThat(p.client.engine.state()).isEqualTo(ControlState.ESTABLISHED);
        assertThat(p.server.engine.state()).isEqualTo(ControlState.ESTABLISHED);
        Established atClient = p.client.actions(Established.class).getFirst();
        assertThat(atClient.peer()).isEqualTo(new HostIdentity("server.example", "pptp4j", 3, 3, 1, 1));
        assertThat(atClient.peerProtocolVersion()).isEqualTo(0x0100);
        assertThat(atClient.peerStart()).isEqualTo(
                new StartControlConnectionReply(0x0100, 1, 0, 3, 3, 1, 1, "server.example", "pptp4j"));
        Established atServer = p.server.actions(Established.class).getFirst();
        assertThat(atServer.peerStart()).isEqualTo(
                new StartControlConnectionRequest(0x0100, 3, 3, 0, 1, "client.example", "pptp4j"));
    }

    @Test
    void placesAnOutgoingCallAndBothSidesReportItWithThePeersCallIdAndWindow() {
        ControlPump p = pumpWithCall(2);

        assertThat(p.wire).containsExactly("client SCCRQ", "server SCCRP", "client OCRQ", "server OCRP");
        OutgoingCallRequest ocrq = (OutgoingCallRequest) p.client.sent().get(1);
        assertThat(ocrq).isEqualTo(new OutgoingCallRequest(CLIENT_CALL_ID, 7, 2400, 10_000_000, 3, 3, 32, 0, 0, "", ""));
        CallConnected atClient = p.client.actions(CallConnected.class).getFirst();
        CallConnected atServer = p.server.actions(CallConnected.class).getFirst();
        assertThat(atClient).isEqualTo(new CallConnected(CLIENT_CALL_ID, SERVER_FIRST_CALL_ID, CallSide.PNS,
                CallDirection.OUTGOING, 7, 64, 0, 10_000_000, 3, new OutgoingCallReply(SERVER_FIRST_CALL_ID,
                CLIENT_CALL_ID, 1, 0, 0, 10_000_000, 64, 0, 0)));
        assertThat(atServer).isEqualTo(new CallConnected(SERVER_FIRST_CALL_ID, CLIENT_CALL_ID, CallSide.PAC,
                CallDirection.OUTGOING, 7, 32, 0, 10_000_000, 3, ocrq));
        assertThat(serverCallIds.inUse()).containsExactly(SERVER_FIRST_CALL_ID);
        assertThat(p.client.engine.call(CLIENT_CALL_ID).orElseThrow().state()).isEqualTo(CallState.ESTABLISHED);
    }

    @Test
    void setLinkInfoFromEitherSideIsRecordedAndReportedWithOurCallId() {
        ControlPump p = pumpWithCall(3);

        p.server.command(e -> e.setLinkInfo(SERVER_FIRST_CALL_ID, 0x000A0000L, 0xFFFFFFFFL, p.now));
        p.client.command(e -> e.setLinkInfo(CLIENT_CALL_ID, 0L, 0x000A0000L, p.now));

        assertThat(p.wire.subList(4, 6)).containsExactly("server SLI", "client SLI");
        assertThat(p.client.actions(LinkInfo.class)).containsExactly(new LinkInfo(CLIENT_CALL_ID, 0x000A0000L, 0xFFFFFFFFL));
        assertThat(p.server.actions(LinkInfo.class)).containsExactly(new LinkInfo(SERVER_FIRST_CALL_ID, 0L, 0x000A0000L));
        CallStatus atClient = p.client.engine.call(CLIENT_CALL_ID).orElseThrow();
        assertThat(atClient.sendAccm()).isEqualTo(0x000A0000L);
        assertThat(atClient.receiveAccm()).isEqualTo(0xFFFFFFFFL);
    }

    @Test
    void bothSidesSendEchoRequestsAfterSixtySecondsOfSilenceAndAnswerEachOther() {
        ControlPump p = pumpWithCall(4);

        p.advance(Duration.ofSeconds(59));
        assertThat(p.wire).hasSize(4);
        p.advance(Duration.ofSeconds(1));
        assertThat(p.wire.subList(4, p.wire.size()))
                .containsExactlyInAnyOrder("client ECHORQ", "server ECHORQ", "client ECHORP", "server ECHORP");
        p.advance(Duration.ofMinutes(10));

        for (ControlPump.Side side : List.of(p.client, p.server)) {
            assertThat(side.engine.state()).isEqualTo(ControlState.ESTABLISHED);
            assertThat(side.engine.counters().echoRequestsSent()).isEqualTo(11);
            assertThat(side.engine.counters().echoRepliesReceived()).isEqualTo(11);
            assertThat(side.actions(Stopped.class)).isEmpty();
        }
    }

    @Test
    void clientClearsTheCallWithCallClearRequestAndServerAnswersCallDisconnectNotify() {
        ControlPump p = pumpWithCall(5);

        p.client.command(e -> e.clearCall(CLIENT_CALL_ID, p.now));

        assertThat(p.wire.subList(4, p.wire.size())).containsExactly("client CCRQ", "server CDN");
        CallDisconnectNotify cdn = new CallDisconnectNotify(SERVER_FIRST_CALL_ID, 4, 0, 0, "");
        CallCleared atClient = p.client.actions(CallCleared.class).getFirst();
        assertThat(atClient.cause()).isEqualTo(CallClearCause.CLEARED_ON_REQUEST);
        assertThat(atClient.peerCallId()).isEqualTo(OptionalInt.of(SERVER_FIRST_CALL_ID));
        assertThat(atClient.message()).contains(cdn);
        assertThat(atClient.detail()).isEqualTo("CDN Result Code 4 (Request), Error Code 0 (None), Cause Code 0");
        assertThat(p.server.actions(CallCleared.class).getFirst().cause()).isEqualTo(CallClearCause.PEER_CLEARED);
        assertThat(p.client.engine.calls()).isEmpty();
        assertThat(p.server.engine.calls()).isEmpty();
        assertThat(serverCallIds.inUse()).isEmpty();
        assertThat(serverCallIds.misuse).isEmpty();
    }

    @Test
    void serverDisconnectsTheCallAsPacAndClientReportsPeerDisconnected() {
        ControlPump p = pumpWithCall(6);

        p.server.command(e -> e.clearCall(SERVER_FIRST_CALL_ID, CallDisconnectResult.LOST_CARRIER, "LCP down", p.now));

        assertThat(p.wire.subList(4, p.wire.size())).containsExactly("server CDN");
        CallCleared atClient = p.client.actions(CallCleared.class).getFirst();
        assertThat(atClient.cause()).isEqualTo(CallClearCause.PEER_DISCONNECTED);
        assertThat(atClient.detail()).isEqualTo(
                "CDN Result Code 1 (Lost Carrier), Error Code 0 (None), Cause Code 0, Call Statistics 'LCP down'");
        assertThat(p.server.actions(CallCleared.class).getFirst().cause()).isEqualTo(CallClearCause.LOCAL_DISCONNECT);
    }

    @Test
    void stopSendsStopRequestBothSidesReportTheReasonOnceAndCloseTheTransport() {
        ControlPump p = pumpWithCall(7);

        p.client.command(e -> e.stop(StopControlConnectionReason.STOP_LOCAL_SHUTDOWN, p.now));

        assertThat(p.wire.subList(4, p.wire.size())).containsExactly("client StopCCRQ", "server StopCCRP");
        Stopped atClient = p.client.actions(Stopped.class).getFirst();
        Stopped atServer = p.server.actions(Stopped.class).getFirst();
        assertThat(atClient.cause()).isEqualTo(StopCause.LOCAL_REQUEST);
        assertThat(atClient.reason()).isEqualTo(OptionalInt.of(3));
        assertThat(atServer.cause()).isEqualTo(StopCause.PEER_REQUEST);
        assertThat(atServer.reason()).isEqualTo(OptionalInt.of(3));
        assertThat(atServer.detail()).isEqualTo(
                "the peer sent Stop-Control-Connection-Request Reason 3 (Stop-Local-Shutdown)");
        for (ControlPump.Side side : List.of(p.client, p.server)) {
            assertThat(side.actions(Stopped.class)).hasSize(1);
            assertThat(side.actions(CloseTransport.class)).hasSize(1);
            assertThat(side.actions.getLast()).isInstanceOf(CloseTransport.class);
            assertThat(side.engine.state()).isEqualTo(ControlState.CLOSED);
            assertThat(side.actions(CallCleared.class)).singleElement()
                    .extracting(CallCleared::cause).isEqualTo(CallClearCause.CONNECTION_ENDED);
            assertThat(side.engine.nextDeadlineNanos()).isEqualTo(ControlConnectionEngine.NO_DEADLINE);
        }
        assertThat(serverCallIds.inUse()).isEmpty();
    }

    @Test
    void serverAnnouncesAnIncomingCallAsPacAndTheClientAcceptsItAsPns() {
        ControlConnectionConfig client = clientConfig()
                .withCallPolicy(CallPolicy.client().withAcceptIncomingCalls(true));
        ControlPump p = new ControlPump(client, serverConfig(serverCallIds), 8, 40).start();

        IncomingCallParameters ring = IncomingCallParameters.of(0x0200, 99).withNumbers("5551234", "5559876");
        p.server.command(e -> e.requestIncomingCall(ring, p.now));

        assertThat(p.wire.subList(2, p.wire.size())).containsExactly("server ICRQ", "client ICRP", "server ICCN");
        CallConnected atServer = p.server.actions(CallConnected.class).getFirst();
        CallConnected atClient = p.client.actions(CallConnected.class).getFirst();
        int clientCallId = atClient.callId();
        assertThat(atServer).isEqualTo(new CallConnected(0x0200, clientCallId, CallSide.PAC, CallDirection.INCOMING,
                99, 64, 0, 64_000, 1, new IncomingCallReply(clientCallId, 0x0200, 1, 0, 64, 0)));
        assertThat(atClient).isEqualTo(new CallConnected(clientCallId, 0x0200, CallSide.PNS, CallDirection.INCOMING,
                99, 64, 0, 64_000, 1, new IncomingCallConnected(clientCallId, 64_000, 64, 0, 1)));

        p.client.command(e -> e.clearCall(clientCallId, p.now));

        assertThat(p.wire.subList(5, p.wire.size())).containsExactly("client CCRQ", "server CDN");
        assertThat(p.client.actions(CallCleared.class).getFirst().cause()).isEqualTo(CallClearCause.CLEARED_ON_REQUEST);
        assertThat(p.server.actions(CallCleared.class).getFirst().cause()).isEqualTo(CallClearCause.PEER_CLEARED);
    }

    @Test
    void clientAnnouncesAnIncomingCallAsPacAndTheServerAcceptsItAsPns() {
        ControlConnectionConfig server = serverConfig(serverCallIds)
                .withCallPolicy(CallPolicy.server().withAcceptIncomingCalls(true));
        ControlPump p = new ControlPump(clientConfig(), server, 9, 40).start();

        p.client.command(e -> e.requestIncomingCall(IncomingCallParameters.of(0x0033, 1), p.now));

        assertThat(p.wire.subList(2, p.wire.size())).containsExactly("client ICRQ", "server ICRP", "client ICCN");
        assertThat(p.server.actions(CallConnected.class)).singleElement().satisfies(c -> {
            assertThat(c.callId()).isEqualTo(SERVER_FIRST_CALL_ID);
            assertThat(c.side()).isEqualTo(CallSide.PNS);
            assertThat(c.direction()).isEqualTo(CallDirection.INCOMING);
        });
        assertThat(p.client.actions(CallConnected.class)).singleElement()
                .extracting(CallConnected::side).isEqualTo(CallSide.PAC);
    }

    @Test
    void theWholeFlowWorksWhenEveryByteArrivesAlone() {
        ControlPump p = pump(10, 1).start();
        p.client.command(e -> e.placeOutgoingCall(OutgoingCallParameters.of(1, 1), p.now));
        p.server.command(e -> e.setLinkInfo(SERVER_FIRST_CALL_ID, 0, 0, p.now));
        p.advance(Duration.ofSeconds(61));
        p.client.command(e -> e.clearCall(1, p.now));
        p.client.command(e -> e.stop(StopControlConnectionReason.NONE, p.now));

        assertThat(p.wire).containsExactlyInAnyOrder("client SCCRQ", "server SCCRP", "client OCRQ", "server OCRP",
                "server SLI", "client ECHORQ", "server ECHORQ", "client ECHORP", "server ECHORP", "client CCRQ",
                "server CDN", "client StopCCRQ", "server StopCCRP");
        assertThat(p.client.actions(Stopped.class)).singleElement().extracting(Stopped::cause).isEqualTo(StopCause.LOCAL_REQUEST);
        assertThat(p.server.actions(Stopped.class)).singleElement().extracting(Stopped::cause).isEqualTo(StopCause.PEER_REQUEST);
    }

    @Test
    void severalMessagesInOneSegmentAreEachHandledInOrder() {
        ControlPump p = pump(12, ControlPump.WHOLE);
        p.server.command(e -> e.start(p.now));
        java.io.ByteArrayOutputStream segment = new java.io.ByteArrayOutputStream();
        segment.writeBytes(io.pptp4j.control.ControlMessageCodec.encode(EngineTesting.sccrq(0x0100)));
        segment.writeBytes(io.pptp4j.control.ControlMessageCodec.encode(OutgoingCallParameters.of(9, 1).toRequest()));
        segment.writeBytes(io.pptp4j.control.ControlMessageCodec.encode(new io.pptp4j.control.ControlMessage.EchoRequest(5)));

        p.server.inject(segment.toByteArray());

        assertThat(p.server.sent()).extracting(m -> m.abbreviation()).containsExactly("SCCRP", "OCRP", "ECHORP");
        assertThat(p.server.engine.calls()).singleElement().extracting(CallStatus::peerCallId).isEqualTo(OptionalInt.of(9));
    }

    @Test
    void serverClosingTheTransportWithACallUpClearsTheCallAtTheClient() {
        ControlPump p = pumpWithCall(11);

        p.server.command(e -> e.onTransportClosed(p.now));

        assertThat(p.client.actions(CallCleared.class)).singleElement()
                .extracting(CallCleared::cause).isEqualTo(CallClearCause.CONNECTION_ENDED);
        assertThat(p.client.actions(Stopped.class)).singleElement()
                .extracting(Stopped::cause).isEqualTo(StopCause.TRANSPORT_CLOSED);
        assertThat(serverCallIds.inUse()).isEmpty();
    }

    // ---- WAN-Error-Notify (RFC 2637 2.14)

    @Test
    void thePacSendsWanErrorNotifyForItsConnectedCallAndThePnsReportsTheCountersWithItsCallId() {
        ControlPump p = pumpWithCall(20);

        List<ControlAction> sent = p.server.command(e -> e.wanErrorNotify(SERVER_FIRST_CALL_ID,
                new WanErrors(1, 2, 3, 4, 5, 0xFFFFFFFFL), p.now));

        WanErrorNotify wen = new WanErrorNotify(CLIENT_CALL_ID, 1, 2, 3, 4, 5, 0xFFFFFFFFL);
        assertThat(sent).containsExactly(new ControlAction.Send(wen));
        assertThat(p.wire.subList(4, p.wire.size())).containsExactly("server WEN");
        assertThat(p.client.actions(WanError.class)).containsExactly(new WanError(CLIENT_CALL_ID, wen));
        assertThat(p.client.engine.counters().unexpectedMessages()).isZero();
        assertThat(p.client.engine.call(CLIENT_CALL_ID).orElseThrow().state()).isEqualTo(CallState.ESTABLISHED);
    }

    @Test
    void wanErrorNotifyIsRefusedToThePnsOfTheCall() {
        ControlPump p = pumpWithCall(21);

        List<ControlAction> refused = p.client.command(e -> e.wanErrorNotify(CLIENT_CALL_ID, new WanErrors(1, 0, 0, 0, 0, 0), p.now));

        assertThat(refused).containsExactly(new CommandRefused("WAN-Error-Notify", "we are the PNS of call "
                + CLIENT_CALL_ID + " (PNS outgoing); RFC 2637 2.14: WAN-Error-Notify goes from the PAC to the PNS"));
        assertThat(p.wire).hasSize(4);
        assertThat(p.server.actions(WanError.class)).isEmpty();
    }

    @Test
    void wanErrorNotifyIsRefusedForACallThatDoesNotExist() {
        ControlPump p = pumpWithCall(22);

        List<ControlAction> refused = p.server.command(e -> e.wanErrorNotify(SERVER_FIRST_CALL_ID + 1,
                new WanErrors(0, 1, 0, 0, 0, 0), p.now));

        assertThat(refused).containsExactly(new CommandRefused("WAN-Error-Notify",
                "no call with Call ID " + (SERVER_FIRST_CALL_ID + 1)));
        assertThat(p.wire).hasSize(4);
    }

    @Test
    void wanErrorNotifyIsRefusedBeforeTheControlConnectionIsEstablished() {
        ControlPump p = pump(23, 40);
        p.server.command(e -> e.start(p.now));

        List<ControlAction> refused = p.server.command(e -> e.wanErrorNotify(SERVER_FIRST_CALL_ID,
                new WanErrors(0, 0, 0, 0, 0, 1), p.now));

        assertThat(refused).containsExactly(new CommandRefused("WAN-Error-Notify",
                "the control connection is in state IDLE, not ESTABLISHED"));
        assertThat(p.wire).isEmpty();
    }

    @Test
    void wanErrorNotifyGoesAtMostOnceAMinutePerCall() {
        ControlPump p = pumpWithCall(24);
        p.server.command(e -> e.wanErrorNotify(SERVER_FIRST_CALL_ID, new WanErrors(1, 0, 0, 0, 0, 0), p.now));
        p.advance(Duration.ofSeconds(59));

        List<ControlAction> tooSoon = p.server.command(e -> e.wanErrorNotify(SERVER_FIRST_CALL_ID,
                new WanErrors(2, 0, 0, 0, 0, 0), p.now));
        p.advance(Duration.ofSeconds(1));
        p.server.command(e -> e.wanErrorNotify(SERVER_FIRST_CALL_ID, new WanErrors(3, 0, 0, 0, 0, 0), p.now));

        assertThat(tooSoon).containsExactly(new CommandRefused("WAN-Error-Notify", "the last one for call "
                + SERVER_FIRST_CALL_ID + " (PAC outgoing) went 59 s ago; RFC 2637 2.14: not more than once every 60 s"));
        assertThat(p.client.actions(WanError.class)).extracting(w -> w.counters().crcErrors()).containsExactly(1L, 3L);
    }

    @Test
    void wanErrorCountersMustBeThirtyTwoBits() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WanErrors(0, 0, 0, 0x1_0000_0000L, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Buffer Overruns 4294967296 is not 32 bits");
    }

    // ---- Echo timers other than the default (RFC 2637 3.1.4)

    @Test
    void echoRequestGoesAfterTheConfiguredIdleTimeNotSixtySeconds() {
        ControlTimers timers = ControlTimers.DEFAULT.withEchoInterval(Duration.ofSeconds(7));
        ControlPump p = new ControlPump(clientConfig().withTimers(timers), serverConfig(serverCallIds), 25, 40).start();

        p.advance(Duration.ofMillis(6_999));
        assertThat(p.wire).containsExactly("client SCCRQ", "server SCCRP");
        p.advance(Duration.ofMillis(1));

        assertThat(p.wire.subList(2, p.wire.size())).containsExactly("client ECHORQ", "server ECHORP");
        p.advance(Duration.ofSeconds(7));
        assertThat(p.client.engine.counters().echoRequestsSent()).isEqualTo(2);
        assertThat(p.client.engine.counters().echoRepliesReceived()).isEqualTo(2);
        assertThat(p.server.engine.counters().echoRequestsSent()).as("the server keeps the default 60 s").isZero();
    }

    @Test
    void theConnectionStopsAfterTheConfiguredEchoReplyTimeout() {
        ControlTimers timers = ControlTimers.DEFAULT.withEchoInterval(Duration.ofSeconds(5))
                .withEchoReplyTimeout(Duration.ofSeconds(3));
        ControlPump p = new ControlPump(clientConfig().withTimers(timers), serverConfig(serverCallIds), 26, 40).start();
        p.server.drop = m -> m instanceof EchoReply;

        p.advance(Duration.ofSeconds(5));
        assertThat(p.client.sent()).last().isInstanceOf(EchoRequest.class);
        p.advance(Duration.ofMillis(2_999));
        assertThat(p.client.engine.state()).isEqualTo(ControlState.ESTABLISHED);
        p.advance(Duration.ofMillis(1));

        assertThat(p.client.engine.state()).isEqualTo(ControlState.CLOSED);
        assertThat(p.client.actions(Stopped.class)).singleElement().satisfies(s -> {
            assertThat(s.cause()).isEqualTo(StopCause.ECHO_TIMEOUT);
            assertThat(s.detail()).isEqualTo("no Echo-Reply within 3 s of our Echo-Request 0x00000001");
        });
        assertThat(p.server.actions(Stopped.class)).singleElement()
                .extracting(Stopped::cause).isEqualTo(StopCause.TRANSPORT_CLOSED);
    }
}
