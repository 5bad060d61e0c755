package io.pptp4j.tools.pptp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.gre.GreCodec;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.linux.net.RawIpSocket;
import io.pptp4j.linux.pptp.GreDataPlane;
import io.pptp4j.linux.pptp.PptpClient;
import io.pptp4j.linux.testing.TwoHosts;
import io.pptp4j.tools.testing.CliProcess;
import io.pptp4j.tools.testing.ExternalTool;
import io.pptp4j.tools.testing.NetworkFixture;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code pptp4j server} on a real network: two hosts in network namespaces joined by a veth, the server
 * run as its own process, and real clients against it: nmap's pptp-version script, {@code pptp4j
 * connect}, our client library carrying frames over raw GRE, and bad peers.
 */
class ServerOnTheNetworkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVER = TwoHosts.SERVER_ADDRESS.getHostAddress();
    private static final Duration START = Duration.ofSeconds(20);

    @RegisterExtension
    final NetworkFixture net = new NetworkFixture();
    private CliProcess server;

    private void startServer(String... extra) throws Exception {
        server = net.startServer(START, extra);
    }

    @Test
    void nmapPptpVersionReportsExactlyTheVendorHostnameAndFirmwareWeAnnounce() throws Exception {
        ExternalTool.require("nmap");
        startServer("--vendor", "ExampleVendor", "--hostname", "vpn-gw-7", "--firmware", "4242");
        String xml = net.hosts().client().exec("nmap", "-Pn", "-n", "-p1723", "--script", "pptp-version", SERVER, "-oX", "-")
                .stdout();
        assertThat(xml).contains("<service name=\"pptp\" product=\"ExampleVendor\" version=\"(Firmware: 4242)\" hostname=\"vpn-gw-7\"");
        server.awaitOutput("vendor \"nmap\"", Duration.ofSeconds(5));
    }

    @Test
    void connectReportsEverySccrpFieldAndTheConnectedCall() throws Exception {
        startServer("--vendor", "ExampleVendor", "--hostname", "gw", "--firmware", "7");
        CliProcess.Result r = CliProcess.run(net.hosts().client(), START, "connect", SERVER, "--json");
        assertThat(r.exitCode()).as(r.output()).isZero();
        JsonNode out = JSON.readTree(r.output().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertThat(out.get("connected").asBoolean()).isTrue();
        JsonNode sccrp = out.get("sccrp");
        assertThat(sccrp.get("protocol_version").asInt()).isEqualTo(0x0100);
        assertThat(sccrp.get("result_code").asInt()).isEqualTo(1);
        assertThat(sccrp.get("vendor_string").asText()).isEqualTo("ExampleVendor");
        assertThat(sccrp.get("host_name").asText()).isEqualTo("gw");
        assertThat(sccrp.get("firmware_revision").asInt()).isEqualTo(7);
        assertThat(sccrp.get("maximum_channels").asInt()).isEqualTo(1);
        JsonNode call = out.get("call");
        assertThat(call.get("peer_call_id").asInt()).isPositive();
        assertThat(call.get("peer_window").asInt()).isEqualTo(64);
        assertThat(call.get("ocrp").get("result_code").asInt()).isEqualTo(1);
        server.awaitOutput("call connected: our call ID \\d+, peer call ID 1", Duration.ofSeconds(5));
        server.awaitOutput("closed after", Duration.ofSeconds(5));
    }

    @Test
    void connectToAClosedPortSaysSoAndExitsOne() throws Exception {
        CliProcess.Result r = CliProcess.run(net.hosts().client(), START, "connect", SERVER, "--timeout", "3");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).contains("cannot connect to").doesNotContain("Exception", "\tat ");
    }

    @Test
    void framesFlowBothWaysOverGreThroughTheEchoingServer() throws Exception {
        startServer("--calls", "echo");
        List<Bytes> back = new CopyOnWriteArrayList<>();
        int frames = 100;
        PptpClient.Options options = PptpClient.Options.defaults();
        net.hosts().inClient(() -> {
            GreDataPlane plane = new GreDataPlane();
            try (PptpClient client = PptpClient.connect(new InetSocketAddress(TwoHosts.SERVER_ADDRESS, 1723), options,
                    plane, Duration.ofSeconds(10), back::add)) {
                warmUp(client, back);
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                for (int i = 0; i < frames; i++) {
                    client.send(Bytes.fromHex(String.format("ff03c021090%1d0008%08x", i % 10, i)));
                    while (back.size() < i - 8 && System.nanoTime() < deadline) {
                        Thread.sleep(2); // at most 8 frames in flight: PPP above does not burst a window's worth
                    }
                }
                while (back.size() < frames && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(client.counters().sent()).isGreaterThanOrEqualTo(frames + 1);
                assertThat(client.counters().lost()).isZero();
            } finally {
                plane.close();
            }
            return null;
        });
        assertThat(back).hasSize(frames);
        for (int i = 0; i < frames; i++) {
            assertThat(back.get(i)).as("frame %d in order", i).isEqualTo(Bytes.fromHex(String.format("ff03c021090%1d0008%08x", i % 10, i)));
        }
    }

    @Test
    void aSilentPeerIsDroppedAndDoesNotStallOthers() throws Exception {
        startServer("--start-timeout", "2");
        net.hosts().inClient(() -> {
            try (Socket silent = new Socket()) {
                silent.connect(new InetSocketAddress(TwoHosts.SERVER_ADDRESS, 1723), 3000);
                silent.setSoTimeout(8000);
                long t0 = System.nanoTime();
                // meanwhile another client is served at once
                try (PptpClient c = PptpClient.connect(new InetSocketAddress(TwoHosts.SERVER_ADDRESS, 1723),
                        PptpClient.Options.defaults(), new NoGre(), Duration.ofSeconds(5), f -> { })) {
                    assertThat(c.reply().resultCode()).isEqualTo(1);
                }
                assertThat(silent.getInputStream().read()).as("server closed the silent connection").isEqualTo(-1);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(6));
            }
            return null;
        });
    }

    @Test
    void badPeersAreDroppedAndTheServerKeepsServing() throws Exception {
        startServer("--start-timeout", "3");
        byte[] sccrq = ControlMessageCodec.encode(new ControlMessage.StartControlConnectionRequest(0x0100, 1, 1, 0, 0, "bad", "peer"));
        byte[] unknownType = sccrq.clone();
        unknownType[9] = 99;
        byte[] oversized = sccrq.clone();
        oversized[0] = (byte) 0xFF;
        oversized[1] = (byte) 0xFF;
        List<byte[]> bad = List.of(
                "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(),
                java.util.Arrays.copyOf(sccrq, 70),     // half a message, then silence
                unknownType,
                oversized,
                Hex.parse("000c00011a2b3c4d00010000"));  // a 12-byte SCCRQ: a length that does not fit the type
        net.hosts().inClient(() -> {
            for (byte[] b : bad) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(TwoHosts.SERVER_ADDRESS, 1723), 3000);
                    s.setSoTimeout(8000);
                    s.getOutputStream().write(b);
                    s.getOutputStream().flush();
                    assertThat(drainToEof(s.getInputStream())).as("server closes after %s", Hex.of(b, 0, Math.min(12, b.length)))
                            .isTrue();
                }
            }
            // a flood of GRE with call IDs nobody holds
            try (RawIpSocket raw = RawIpSocket.open(47)) {
                for (int i = 0; i < 10_000; i++) {
                    byte[] gre = GreCodec.encode(GrePacket.data(40_000 + (i % 1000), i, Bytes.fromHex("ff03c02101010004")));
                    raw.sendTo(gre, 0, gre.length, TwoHosts.SERVER_ADDRESS);
                }
            }
            // and a good client still gets a call, with frames echoed
            List<Bytes> back = new CopyOnWriteArrayList<>();
            GreDataPlane plane = new GreDataPlane();
            try (PptpClient c = PptpClient.connect(new InetSocketAddress(TwoHosts.SERVER_ADDRESS, 1723),
                    PptpClient.Options.defaults(), plane, Duration.ofSeconds(10), back::add)) {
                warmUp(c, back);
            } finally {
                plane.close();
            }
            assertThat(back).isEmpty(); // warmUp saw its probe come back, then cleared the list
            return null;
        });
        assertThat(server.isAlive()).isTrue();
        assertThat(server.output()).contains("stopped: MALFORMED").doesNotContain("Exception");
    }

    private static final Bytes PROBE = Bytes.fromHex("ff03c021090100080000002a");

    /**
     * Sends a probe frame, again every 200 ms, until the echo comes back (bounded): frames sent in the
     * instant after the Outgoing-Call-Reply may reach the server before it has opened the call's GRE
     * session, and GRE does not retransmit (PPP above does). Clears {@code back} once the probe is seen.
     */
    private static void warmUp(PptpClient client, List<Bytes> back) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!back.contains(PROBE) && System.nanoTime() < deadline) {
            client.send(PROBE);
            for (int i = 0; i < 10 && !back.contains(PROBE); i++) Thread.sleep(20);
        }
        assertThat(back).as("the probe frame came back through the server").contains(PROBE);
        Thread.sleep(100);
        back.clear();
    }

    @Test
    void aPeerWithANonZeroReservedFieldIsServed() throws Exception {
        startServer();
        byte[] sccrq = ControlMessageCodec.encode(new ControlMessage.StartControlConnectionRequest(0x0100, 1, 1, 0, 0, "odd", "peer"));
        sccrq[10] = 0x7F; // Reserved0, which some peers fill
        net.hosts().inClient(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(TwoHosts.SERVER_ADDRESS, 1723), 3000);
                s.setSoTimeout(5000);
                s.getOutputStream().write(sccrq);
                byte[] reply = s.getInputStream().readNBytes(156);
                ControlMessage m = ControlMessageCodec.decode(reply, io.pptp4j.wire.DecodeMode.STRICT);
                assertThat(m).isInstanceOfSatisfying(ControlMessage.StartControlConnectionReply.class,
                        r -> assertThat(r.resultCode()).isEqualTo(1));
            }
            return null;
        });
    }

    /** Reads until EOF (bounded by the socket timeout); true when the server closed. */
    private static boolean drainToEof(InputStream in) throws IOException {
        byte[] buf = new byte[512];
        for (int i = 0; i < 100; i++) {
            if (in.read(buf) < 0) return true;
        }
        return false;
    }

    /** A data plane that opens nothing: for tests of the control connection alone. */
    static final class NoGre implements io.pptp4j.linux.pptp.DataPlane {
        public Call open(java.net.Inet4Address local, java.net.Inet4Address peer, io.pptp4j.control.engine.ControlAction.CallConnected call,
                         io.pptp4j.linux.ppp.PacketSink deliver) {
            return new Call() {
                public void send(Bytes f) { }
                public io.pptp4j.gre.engine.GreCallCounters counters() { return null; }
                public void close() { }
            };
        }

        public void close() { }
    }
}
