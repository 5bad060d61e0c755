package io.pptp4j.linux.pptp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.control.engine.ControlAction;
import io.pptp4j.control.engine.ControlTimers;
import io.pptp4j.control.engine.HostIdentity;
import io.pptp4j.gre.engine.GreCallCounters;
import io.pptp4j.wire.Bytes;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The server and client over TCP on 127.0.0.1, without root: the data plane opens no raw socket, so
 * this covers the control path (the namespace tests cover GRE).
 */
class PptpServerLoopbackTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Records calls instead of opening GRE. */
    static final class RecordingDataPlane implements DataPlane {
        final List<ControlAction.CallConnected> opened = new CopyOnWriteArrayList<>();
        final List<Inet4Address> prepared = new CopyOnWriteArrayList<>();

        @Override
        public void prepare(Inet4Address local) { prepared.add(local); }

        @Override
        public Call open(Inet4Address local, Inet4Address peer, ControlAction.CallConnected call, io.pptp4j.linux.ppp.PacketSink deliver) {
            opened.add(call);
            return new Call() {
                public void send(Bytes f) { }
                public GreCallCounters counters() { return null; }
                public void close() { }
            };
        }

        @Override
        public void close() { }
    }

    private static PptpServer server(RecordingDataPlane plane, List<ServerEvent> events, PptpServer.Config config) throws IOException {
        return PptpServer.start(config, plane, CallHandler.discard(), events::add);
    }

    private static PptpServer.Config config() throws IOException {
        return PptpServer.Config.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), "loop")
                .withIdentity(new HostIdentity("loop", "ExampleVendor", HostIdentity.ANY_FRAMING, HostIdentity.ANY_BEARER, 1, 9));
    }

    @Test
    void clientGetsTheServersIdentityAndAConnectedCall() throws Exception {
        RecordingDataPlane serverPlane = new RecordingDataPlane();
        RecordingDataPlane clientPlane = new RecordingDataPlane();
        List<ServerEvent> events = new CopyOnWriteArrayList<>();
        try (PptpServer server = server(serverPlane, events, config());
             PptpClient client = PptpClient.connect(server.localAddress(), PptpClient.Options.defaults(), clientPlane, WAIT, f -> { })) {
            assertThat(client.reply().vendorString()).isEqualTo("ExampleVendor");
            assertThat(client.reply().firmwareRevision()).isEqualTo(9);
            assertThat(client.call().peerCallId()).isPositive();
            assertThat(clientPlane.prepared).as("client GRE socket ready before the call").hasSize(1);
            assertThat(clientPlane.opened).hasSize(1);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (serverPlane.opened.isEmpty() && System.nanoTime() < deadline) Thread.sleep(10);
            assertThat(serverPlane.opened).hasSize(1);
            assertThat(serverPlane.opened.getFirst().callId()).isEqualTo(client.call().peerCallId());
            assertThat(serverPlane.prepared).as("server GRE socket ready on accept").isNotEmpty();
        }
    }

    @Test
    void callIdsAreUniqueAcrossConnections() throws Exception {
        RecordingDataPlane plane = new RecordingDataPlane();
        try (PptpServer server = server(plane, new CopyOnWriteArrayList<>(), config());
             PptpClient a = PptpClient.connect(server.localAddress(), PptpClient.Options.defaults(), new RecordingDataPlane(), WAIT, f -> { });
             PptpClient b = PptpClient.connect(server.localAddress(), PptpClient.Options.defaults(), new RecordingDataPlane(), WAIT, f -> { })) {
            assertThat(a.call().callId()).isEqualTo(b.call().callId()); // both clients chose 1
            assertThat(a.call().peerCallId()).isNotEqualTo(b.call().peerCallId());
        }
    }

    @Test
    void connectionsOverTheLimitAreClosedAtOnce() throws Exception {
        List<ServerEvent> events = new CopyOnWriteArrayList<>();
        try (PptpServer server = server(new RecordingDataPlane(), events, config().withMaxConnections(1));
             PptpClient first = PptpClient.connect(server.localAddress(), PptpClient.Options.defaults(), new RecordingDataPlane(), WAIT, f -> { })) {
            assertThatThrownBy(() -> PptpClient.connect(server.localAddress(), PptpClient.Options.defaults(),
                    new RecordingDataPlane(), WAIT, f -> { }))
                    .isInstanceOf(PptpClient.PptpException.class).hasMessageContaining("closed");
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(ServerEvent.ConnectionRefused.class));
            assertThat(first.reply().resultCode()).isEqualTo(1);
        }
    }

    @Test
    void aSilentPeerIsDroppedAfterTheStartTimeout() throws Exception {
        PptpServer.Config config = config().withTimers(ControlTimers.DEFAULT.withStartTimeout(Duration.ofSeconds(1)));
        try (PptpServer server = server(new RecordingDataPlane(), new CopyOnWriteArrayList<>(), config);
             Socket silent = new Socket()) {
            silent.connect(server.localAddress(), 2000);
            silent.setSoTimeout(5000);
            long t0 = System.nanoTime();
            assertThat(silent.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(700), Duration.ofSeconds(4));
        }
    }

    @Test
    void aClientToAPortWithNoServerGetsAClearReason() throws Exception {
        InetSocketAddress nobody;
        try (var probe = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            nobody = (InetSocketAddress) probe.getLocalSocketAddress();
        }
        InetSocketAddress target = nobody;
        assertThatThrownBy(() -> PptpClient.connect(target, PptpClient.Options.defaults(), new RecordingDataPlane(),
                Duration.ofSeconds(2), f -> { }))
                .isInstanceOf(PptpClient.PptpException.class).hasMessageStartingWith("cannot connect to");
    }
}
