package io.pptp4j.control.engine;

import static io.pptp4j.control.engine.EngineTesting.T0;
import static io.pptp4j.control.engine.EngineTesting.at;
import static io.pptp4j.control.engine.EngineTesting.clientConfig;
import static io.pptp4j.control.engine.EngineTesting.establishedClient;
import static io.pptp4j.control.engine.EngineTesting.establishedServer;
import static io.pptp4j.control.engine.EngineTesting.sccrp;
import static io.pptp4j.control.engine.EngineTesting.sccrq;
import static io.pptp4j.control.engine.EngineTesting.sent;
import static io.pptp4j.control.engine.EngineTesting.serverConfig;
import static io.pptp4j.control.engine.EngineTesting.withoutLogs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.control.ControlMessage.CallClearRequest;
import io.pptp4j.control.ControlMessage.CallDisconnectNotify;
import io.pptp4j.control.ControlMessage.EchoRequest;
import io.pptp4j.control.ControlMessage.OutgoingCallReply;
import io.pptp4j.control.ControlMessage.OutgoingCallRequest;
import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.control.ControlMessage.StopControlConnectionRequest;
import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.control.ControlStreamFramer;
import io.pptp4j.control.engine.ControlAction.CallCleared;
import io.pptp4j.control.engine.ControlAction.CloseTransport;
import io.pptp4j.control.engine.ControlAction.Established;
import io.pptp4j.control.engine.ControlAction.Log;
import io.pptp4j.control.engine.ControlAction.Send;
import io.pptp4j.control.engine.ControlAction.Stopped;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What real peers do that the RFC does not say, and the server's defences. */
class ControlEngineQuirksTest {
    private final EngineTesting.TrackingAllocator callIds = new EngineTesting.TrackingAllocator(0x10, 0x1F);

    private static OutgoingCallRequest ocrq(int callId) {
        return OutgoingCallParameters.of(callId, 1).toRequest();
    }

    @Test
    void clientTimesTheCallOutAndReportsItClearedWhenTheServerNeverSendsCallDisconnectNotify() {
        // poptop answers Call-Clear-Request by tearing the call down without a Call-Disconnect-Notify.
        ControlConnectionEngine client = establishedClient(clientConfig());
        client.placeOutgoingCall(OutgoingCallParameters.of(5, 1), T0);
        client.onMessage(new OutgoingCallReply(0x80, 5, 1, 0, 0, 64_000, 16, 0, 0), T0);

        assertThat(sent(client.clearCall(5, at(Duration.ofSeconds(1))))).containsExactly(new CallClearRequest(5));
        assertThat(client.onTick(at(Duration.ofMillis(10_999)))).isEmpty();
        List<ControlAction> timeout = client.onTick(at(Duration.ofSeconds(11)));

        assertThat(timeout).containsExactly(new CallCleared(5, OptionalInt.of(0x80), CallClearCause.DISCONNECT_TIMEOUT,
                "no Call-Disconnect-Notify within 10 s of our Call-Clear-Request; taken as cleared",
                java.util.Optional.empty()));
        assertThat(client.calls()).isEmpty();
        assertThat(client.state()).isEqualTo(ControlState.ESTABLISHED);
    }

    @Test
    void theWaitForCallDisconnectNotifyIsConfigurable() {
        ControlConnectionEngine client = establishedClient(clientConfig().withTimers(
                ControlTimers.DEFAULT.withCallDisconnectTimeout(Duration.ofSeconds(2))));
        client.placeOutgoingCall(OutgoingCallParameters.of(5, 1), T0);
        client.onMessage(new OutgoingCallReply(0x80, 5, 1, 0, 0, 64_000, 16, 0, 0), T0);
        client.clearCall(5, T0);

        assertThat(client.nextDeadlineNanos()).isEqualTo(at(Duration.ofSeconds(2)));
        assertThat(EngineTesting.ofType(client.onTick(at(Duration.ofSeconds(2))), CallCleared.class))
                .singleElement().extracting(CallCleared::cause).isEqualTo(CallClearCause.DISCONNECT_TIMEOUT);
    }

    @Test
    void acceptsStartControlConnectionReplyWithResultCodeZeroAsSuccess() {
        // Some ADSL modems answer with Result Code 0, which RFC 2637 2.2 does not define.
        ControlConnectionEngine client = new ControlConnectionEngine(clientConfig());
        client.start(T0);
        StartControlConnectionReply zero = sccrp(0x0100, 0);

        List<ControlAction> actions = client.onMessage(zero, T0);

        assertThat(client.state()).isEqualTo(ControlState.ESTABLISHED);
        assertThat(actions).containsExactly(
                new Log(System.Logger.Level.INFO, "The peer's Start-Control-Connection-Reply has Result Code 0;"
                        + " taken as 1 (Successful), as some ADSL modems mean it"),
                new Established(HostIdentity.of(zero), 0x0100, zero));
    }

    @Test
    void answersStartRequestWithVersion0x0090WithResultCode5AndOurVersionThenCloses() {
        ControlConnectionEngine server = new ControlConnectionEngine(serverConfig(callIds));
        server.start(T0);

        List<ControlAction> actions = server.onMessage(sccrq(0x0090), T0);

        assertThat(withoutLogs(actions)).containsExactly(
                new Send(new StartControlConnectionReply(0x0100, 5, 0, 3, 3, 1, 1, "server.example", "pptp4j")),
                new Stopped(StopCause.VERSION_NOT_SUPPORTED, OptionalInt.empty(), OptionalInt.empty(),
                        "the peer's Protocol Version 0x0090 (0.144) is below ours, 0x0100 (1.0): answered Result Code"
                                + " 5 (The protocol version of the requester is not supported)"),
                new CloseTransport());
        assertThat(server.state()).isEqualTo(ControlState.CLOSED);
    }

    @Test
    void answersAHigherVersionWithOurs() {
        ControlConnectionEngine server = new ControlConnectionEngine(serverConfig(callIds));
        server.start(T0);

        List<ControlAction> actions = server.onMessage(sccrq(0x0200), T0);

        assertThat(sent(actions)).singleElement().isEqualTo(
                new StartControlConnectionReply(0x0100, 1, 0, 3, 3, 1, 1, "server.example", "pptp4j"));
        assertThat(server.state()).isEqualTo(ControlState.ESTABLISHED);
    }

    @Test
    void stopsTheConnectionWhenNoEchoReplyComesWithinTheTimeout() {
        ControlConnectionEngine client = establishedClient(clientConfig());
        client.placeOutgoingCall(OutgoingCallParameters.of(5, 1), T0);
        client.onMessage(new OutgoingCallReply(0x80, 5, 1, 0, 0, 64_000, 16, 0, 0), T0);

        assertThat(client.onTick(at(Duration.ofMillis(59_999)))).isEmpty();
        assertThat(client.onTick(at(Duration.ofSeconds(60)))).containsExactly(new Send(new EchoRequest(1)));
        assertThat(client.nextDeadlineNanos()).isEqualTo(at(Duration.ofSeconds(120)));
        assertThat(client.onTick(at(Duration.ofMillis(119_999)))).isEmpty();
        List<ControlAction> timeout = client.onTick(at(Duration.ofSeconds(120)));

        assertThat(sent(timeout)).isEmpty();
        assertThat(EngineTesting.ofType(timeout, CallCleared.class)).singleElement()
                .extracting(CallCleared::cause).isEqualTo(CallClearCause.CONNECTION_ENDED);
        assertThat(EngineTesting.ofType(timeout, Stopped.class)).containsExactly(new Stopped(StopCause.ECHO_TIMEOUT,
                OptionalInt.empty(), OptionalInt.empty(), "no Echo-Reply within 60 s of our Echo-Request 0x00000001"));
        assertThat(timeout.getLast()).isInstanceOf(CloseTransport.class);
        assertThat(client.state()).isEqualTo(ControlState.CLOSED);
    }

    @Test
    void anyMessageFromThePeerPostponesTheEchoRequest() {
        ControlConnectionEngine server = establishedServer(serverConfig(callIds));

        server.onMessage(new EchoRequest(9), at(Duration.ofSeconds(50)));

        assertThat(server.onTick(at(Duration.ofSeconds(60)))).isEmpty();
        assertThat(server.nextDeadlineNanos()).isEqualTo(at(Duration.ofSeconds(110)));
    }

    @Test
    void dropsASilentPeerAfterTheStartTimeoutWithoutAStopRequest() {
        ControlConnectionEngine server = new ControlConnectionEngine(serverConfig(callIds));
        server.start(T0);

        assertThat(server.nextDeadlineNanos()).isEqualTo(at(Duration.ofSeconds(15)));
        assertThat(server.onTick(at(Duration.ofMillis(14_999)))).isEmpty();
        List<ControlAction> actions = server.onTick(at(Duration.ofSeconds(15)));

        assertThat(withoutLogs(actions)).containsExactly(new Stopped(StopCause.START_TIMEOUT, OptionalInt.empty(),
                OptionalInt.empty(), "no Start-Control-Connection-Request within 15 s"), new CloseTransport());
        assertThat(server.state()).isEqualTo(ControlState.CLOSED);
    }

    @Test
    void messagesOtherThanTheStartRequestDoNotKeepASilentPeerAlive() {
        ControlConnectionEngine server = new ControlConnectionEngine(serverConfig(callIds)
                .withTimers(ControlTimers.DEFAULT.withStartTimeout(Duration.ofSeconds(3))));
        server.start(T0);

        server.onMessage(new EchoRequest(1), at(Duration.ofSeconds(2)));
        List<ControlAction> actions = server.onTick(at(Duration.ofSeconds(3)));

        assertThat(EngineTesting.ofType(actions, Stopped.class)).singleElement()
                .extracting(Stopped::cause).isEqualTo(StopCause.START_TIMEOUT);
    }

    @Test
    void refusesASecondOutgoingCallOnOneConnectionWithGeneralErrorNoResource() {
        ControlConnectionEngine server = establishedServer(serverConfig(callIds));
        server.onMessage(ocrq(0x0A01), T0);

        List<ControlAction> actions = server.onMessage(ocrq(0x0A02), T0);

        assertThat(actions).containsExactly(
                new Log(System.Logger.Level.INFO, "Refused Outgoing-Call-Request (OCRQ) for the peer's Call ID 2562:"
                        + " the connection has its limit of 1 call; answered OCRP Result Code 2 (General Error),"
                        + " Error Code 4 (No-Resource), Cause Code 0"),
                new Send(new OutgoingCallReply(0, 0x0A02, 2, 4, 0, 0, 0, 0, 0)));
        assertThat(server.calls()).hasSize(1);
        assertThat(callIds.inUse()).hasSize(1);
    }

    @Test
    void answersNoResourceWhenTheSharedCallIdAllocatorIsExhausted() {
        EngineTesting.TrackingAllocator one = new EngineTesting.TrackingAllocator(7, 7);
        ControlConnectionEngine first = establishedServer(serverConfig(one));
        ControlConnectionEngine second = establishedServer(serverConfig(one));
        assertThat(sent(first.onMessage(ocrq(1), T0))).singleElement()
                .extracting(m -> ((OutgoingCallReply) m).callId()).isEqualTo(7);

        List<ControlAction> actions = second.onMessage(ocrq(1), T0);

        assertThat(sent(actions)).containsExactly(new OutgoingCallReply(0, 1, 2, 4, 0, 0, 0, 0, 0));
        assertThat(EngineTesting.ofType(actions, Log.class)).singleElement().extracting(Log::text).isEqualTo(
                "Refused Outgoing-Call-Request (OCRQ) for the peer's Call ID 1: no Call ID is free; answered OCRP"
                        + " Result Code 2 (General Error), Error Code 4 (No-Resource), Cause Code 0");

        first.onMessage(new CallClearRequest(1), T0);
        assertThat(sent(second.onMessage(ocrq(2), T0))).singleElement()
                .extracting(m -> ((OutgoingCallReply) m).resultCode()).isEqualTo(1);
    }

    @Test
    void refusesOutgoingCallsWithDoNotAcceptWhenThePolicySaysSo() {
        ControlConnectionEngine client = establishedClient(clientConfig());

        assertThat(sent(client.onMessage(ocrq(3), T0)))
                .containsExactly(new OutgoingCallReply(0, 3, 7, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void refusesAPeerCallIdAlreadyInUseWithBadCallId() {
        ControlConnectionEngine server = establishedServer(serverConfig(callIds)
                .withCallPolicy(CallPolicy.server().withMaxCalls(4)));
        server.onMessage(ocrq(0x0A01), T0);

        assertThat(sent(server.onMessage(ocrq(0x0A01), T0)))
                .containsExactly(new OutgoingCallReply(0, 0x0A01, 2, 5, 0, 0, 0, 0, 0));
    }

    @Test
    void malformedInputEndsTheConnectionWithStopProtocolAndTheErrorCodeOfTheException() {
        ControlConnectionEngine server = establishedServer(serverConfig(callIds));
        server.onMessage(ocrq(0x0A01), T0);
        byte[] bad = ControlMessageCodec.encode(new EchoRequest(1));
        bad[4] = 0x48; // Magic Cookie 0x482B3C4D
        ControlStreamFramer framer = new ControlStreamFramer(DecodeMode.STRICT);
        framer.offer(bad);
        DecodeException error = org.junit.jupiter.api.Assertions.assertThrows(DecodeException.class, framer::next);

        List<ControlAction> actions = server.onMalformed(error, T0);

        String detail = "malformed message from the peer: ECHORQ: Magic Cookie at offset 4: expected 0x1A2B3C4D,"
                + " found 0x482B3C4D";
        assertThat(actions).containsExactly(
                new Log(System.Logger.Level.WARNING, detail
                        + "; sending Stop-Control-Connection-Request Reason 2 (Stop-Protocol) and closing"),
                new Send(new StopControlConnectionRequest(2)),
                new CallCleared(0x10, OptionalInt.of(0x0A01), CallClearCause.CONNECTION_ENDED,
                        "the control connection ended: " + detail, java.util.Optional.empty()),
                new Stopped(StopCause.MALFORMED_MESSAGE, OptionalInt.of(2), OptionalInt.of(2), detail),
                new CloseTransport());
        assertThat(server.state()).isEqualTo(ControlState.CLOSED);
        assertThat(callIds.inUse()).isEmpty();
    }

    @Test
    void malformedInputBeforeTheStartRequestClosesWithoutSayingPptp() {
        // A scanner's HTTP probe must not get a PPTP answer.
        ControlConnectionEngine server = new ControlConnectionEngine(serverConfig(callIds));
        server.start(T0);
        ControlStreamFramer framer = new ControlStreamFramer(DecodeMode.STRICT);
        framer.offer("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        DecodeException error = org.junit.jupiter.api.Assertions.assertThrows(DecodeException.class, framer::next);

        List<ControlAction> actions = server.onMalformed(error, T0);

        assertThat(sent(actions)).isEmpty();
        assertThat(EngineTesting.ofType(actions, Stopped.class)).singleElement().satisfies(s -> {
            assertThat(s.cause()).isEqualTo(StopCause.MALFORMED_MESSAGE);
            assertThat(s.errorCode()).isEqualTo(OptionalInt.of(2));
        });
        assertThat(actions.getLast()).isInstanceOf(CloseTransport.class);
    }

    @Test
    void leniencyOfTheAdapterIsInvisibleHereAnyDecodedMessageIsHandled() throws DecodeException {
        // A peer that sets Reserved1 of its OCRQ: the lenient decoder keeps the message; the engine answers it.
        byte[] wire = ControlMessageCodec.encode(ocrq(0x0A01));
        wire[38] = 1; // Reserved1 after Phone Number Length
        assertThatThrownBy(() -> ControlMessageCodec.decode(wire, DecodeMode.STRICT)).isInstanceOf(DecodeException.class);
        ControlConnectionEngine server = establishedServer(serverConfig(callIds));

        List<ControlAction> actions = server.onMessage(ControlMessageCodec.decode(wire, DecodeMode.LENIENT), T0);

        assertThat(sent(actions)).singleElement().extracting(m -> ((OutgoingCallReply) m).resultCode()).isEqualTo(1);
    }

    @Test
    void callDisconnectNotifyFindsACallAbortedBeforeThePeerToldItsCallId() {
        // RFC 2637 2.13: CDN carries the PAC's own Call ID because the PNS may not know it yet.
        ControlConnectionEngine client = establishedClient(clientConfig().withTimers(
                ControlTimers.DEFAULT.withCallSetupTimeout(Duration.ofSeconds(30))));
        client.placeOutgoingCall(OutgoingCallParameters.of(5, 1), T0);
        List<ControlAction> abort = client.onTick(at(Duration.ofSeconds(30)));
        assertThat(sent(abort)).containsExactly(new CallClearRequest(5));

        List<ControlAction> actions = client.onMessage(new CallDisconnectNotify(0x99, 4, 0, 0, ""), at(Duration.ofSeconds(31)));

        assertThat(EngineTesting.ofType(actions, CallCleared.class)).singleElement().satisfies(c -> {
            assertThat(c.callId()).isEqualTo(5);
            assertThat(c.peerCallId()).isEqualTo(OptionalInt.of(0x99));
            assertThat(c.cause()).isEqualTo(CallClearCause.SETUP_TIMEOUT);
        });
    }
}
