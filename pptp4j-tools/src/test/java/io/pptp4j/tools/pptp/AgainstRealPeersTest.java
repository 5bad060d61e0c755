package io.pptp4j.tools.pptp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.analysis.PptpItem;
import io.pptp4j.control.ControlMessage;
import io.pptp4j.linux.peers.EchoPppProgram;
import io.pptp4j.linux.peers.GreCapture;
import io.pptp4j.linux.peers.NatTopology;
import io.pptp4j.linux.peers.PptpLinuxOptions;
import io.pptp4j.linux.peers.PptpLinuxPeer;
import io.pptp4j.linux.peers.PptpdConfig;
import io.pptp4j.linux.peers.PptpdPeer;
import io.pptp4j.linux.pptp.GreDataPlane;
import io.pptp4j.linux.pptp.PptpClient;
import io.pptp4j.linux.testing.RootRequired;
import io.pptp4j.linux.testing.TwoHosts;
import io.pptp4j.tools.testing.CliProcess;
import io.pptp4j.wire.Bytes;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pptp4j against the reference implementations from Debian, in network namespaces: pptp-linux (with
 * {@code --nolaunchpppd}, its PPP side fed by the test) against our server; our client against pptpd
 * (poptop, its {@code ppp} program an echo script); two of our clients behind one NAT with the kernel's
 * PPTP conntrack helper, against our server.
 */
class AgainstRealPeersTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** An LCP Echo-Request: any PPP frame will do, the servers here echo frames, they run no PPP. */
    private static final Bytes CLIENT_FRAME = Bytes.fromHex("ff03c021090700080a0b0c0d");

    @TempDir
    Path dir;

    @Test
    void pptpLinuxReachesOurServerAndFramesFlowBothWays() throws Exception {
        RootRequired.check();
        try (TwoHosts hosts = TwoHosts.create();
             GreCapture capture = GreCapture.start(hosts.server(), hosts.serverInterface(), dir, "server-side");
             CliProcess server = CliProcess.start(hosts.server(), "server", "--listen", TwoHosts.SERVER_ADDRESS.getHostAddress(),
                     "--calls", "echo")) {
            server.awaitOutput("listening on", WAIT);
            try (PptpLinuxPeer pptp = PptpLinuxPeer.start(hosts.client(), dir.resolve("pptp"),
                    PptpLinuxOptions.of(TwoHosts.SERVER_ADDRESS))) {
                PptpLinuxPeer.CallIds ids;
                try {
                    ids = pptp.awaitCallEstablished(WAIT);
                } catch (Exception e) {
                    throw new AssertionError("pptp-linux: " + pptp.syslog().messages() + "\nserver: " + server.output(), e);
                }
                server.awaitOutput("established: host \"local\" vendor \"cananian\"", WAIT);
                server.awaitOutput("call connected: our call ID " + ids.peerCallId() + ", peer call ID " + ids.callId(), WAIT);
                // client to server over GRE, echoed by our server, back out of pptp's PPP side
                Bytes back = null;
                for (int i = 0; i < 10 && back == null; i++) {
                    try {
                        pptp.sendPppFrame(CLIENT_FRAME);
                    } catch (java.io.IOException e) {
                        throw new AssertionError("pptp-linux: " + pptp.syslog().messages() + "\nserver: " + server.output(), e);
                    }
                    back = pptp.receivePppFrame(Duration.ofMillis(500)).orElse(null);
                }
                assertThat(back).isEqualTo(CLIENT_FRAME);
                assertThat(pptp.discarded()).isEmpty();

                List<PptpItem> items = capture.awaitItems(i -> gre(i, "192.0.2.2").size() >= 1, WAIT, "GRE from our server");
                List<PptpItem.Gre> in = gre(items, "192.0.2.1");
                List<PptpItem.Gre> out = gre(items, "192.0.2.2");
                assertThat(in).isNotEmpty().allSatisfy(g -> assertThat(g.packet().header().callId()).isEqualTo(ids.peerCallId()));
                assertThat(out).allSatisfy(g -> assertThat(g.packet().header().callId()).isEqualTo(ids.callId()));
                // pptp-linux numbers from 1; we number from 0 and ack what it sent
                assertThat(in.getFirst().packet().header().sequenceNumber().orElseThrow()).isEqualTo(1);
                assertThat(out.stream().filter(g -> g.packet().header().sequenceNumber().isPresent()).findFirst().orElseThrow()
                        .packet().header().sequenceNumber().getAsLong()).isZero();
                List<ControlMessage> control = items.stream().filter(PptpItem.Control.class::isInstance)
                        .map(i -> ((PptpItem.Control) i).message()).toList();
                assertThat(control).extracting(ControlMessage::abbreviation).startsWith("SCCRQ", "SCCRP", "OCRQ", "OCRP");
            }
            server.awaitOutput("closed after", WAIT);
            assertThat(server.isAlive()).isTrue();
        }
    }

    @Test
    void ourClientReachesPptpdAndFramesFlowBothWays() throws Exception {
        RootRequired.check();
        EchoPppProgram ppp = EchoPppProgram.write(dir.resolve("ppp"));
        try (TwoHosts hosts = TwoHosts.create();
             PptpdPeer pptpd = PptpdPeer.start(hosts.server(), dir.resolve("pptpd"),
                     PptpdConfig.of(TwoHosts.SERVER_ADDRESS, ppp.script()))) {
            List<Bytes> received = new CopyOnWriteArrayList<>();
            hosts.inClient(() -> {
                GreDataPlane plane = new GreDataPlane();
                try (PptpClient client = PptpClient.connect(new InetSocketAddress(TwoHosts.SERVER_ADDRESS, 1723),
                        PptpClient.Options.defaults(), plane, WAIT, received::add)) {
                    assertThat(client.reply().vendorString()).isEqualTo("linux");
                    assertThat(client.reply().hostName()).isEqualTo("local");
                    assertThat(client.reply().resultCode()).isEqualTo(1);
                    // ours to pptpd, echoed back by its ppp program: both directions through pptpctrl. (The
                    // program's one-off greeting is not required: it may cross the OCRP before our call is
                    // registered, and GRE for an unknown call is dropped; real PPP retransmits, the stand-in
                    // does not.)
                    for (int i = 0; i < 10 && !received.contains(CLIENT_FRAME); i++) {
                        client.send(CLIENT_FRAME);
                        await(received, CLIENT_FRAME, Duration.ofMillis(500));
                    }
                    assertThat(received).contains(CLIENT_FRAME);
                    assertThat(received).allMatch(f -> f.equals(CLIENT_FRAME) || f.equals(EchoPppProgram.LCP_GREETING));
                    assertThat(client.counters().delivered()).isGreaterThanOrEqualTo(1);
                } finally {
                    plane.close();
                }
                return null;
            });
            assertThat(pptpd.awaitControlConnections(1, WAIT)).containsExactly("192.0.2.1");
        }
    }

    @Test
    void ourClientHasAWholeSessionWithPptpdRunningPptp4jPppd() throws Exception {
        RootRequired.check();
        Path wrapper = pptp4jPppdFor("alice * \"open sesame\" *\n");
        try (TwoHosts hosts = TwoHosts.create();
             PptpdPeer pptpd = PptpdPeer.start(hosts.server(), dir.resolve("pptpd"),
                     PptpdConfig.of(TwoHosts.SERVER_ADDRESS, wrapper))) {
            java.util.concurrent.ScheduledExecutorService timers = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            try {
                io.pptp4j.ppp.session.SessionResult result = hosts.inClient(() -> {
                    GreDataPlane plane = new GreDataPlane();
                    java.util.concurrent.atomic.AtomicReference<io.pptp4j.linux.ppp.PppLink> link = new java.util.concurrent.atomic.AtomicReference<>();
                    try (PptpClient client = PptpClient.connect(new InetSocketAddress(TwoHosts.SERVER_ADDRESS, 1723),
                            PptpClient.Options.defaults(), plane, WAIT, f -> {
                                io.pptp4j.linux.ppp.PppLink l = link.get();
                                if (l != null) l.onFrame(f);
                            })) {
                        link.set(new io.pptp4j.linux.ppp.PppLink(new io.pptp4j.ppp.session.PppSession(
                                io.pptp4j.ppp.session.SessionConfig.client("alice", "open sesame".toCharArray(),
                                        new java.security.SecureRandom(), java.util.random.RandomGenerator.getDefault())),
                                client::send, d -> { }, a -> { }, timers));
                        link.get().start();
                        try {
                            return link.get().networkUp().get(40, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                            throw new AssertionError("no network phase: " + link.get().terminated().getNow("(still in "
                                    + link.get().session().phase() + ")") + "\npppd log:\n" + readLog(dir.resolve("pppd.log")), e);
                        } finally {
                            link.get().close();
                        }
                    } finally {
                        plane.close();
                    }
                });
                assertThat(result.authProtocol()).hasValue(io.pptp4j.ppp.fsm.lcp.AuthProtocol.MS_CHAP_V2);
                assertThat(result.mppeBits()).isEqualTo(128);
                assertThat(result.mppeStateless()).isTrue();
                // pptpd hands the ppp program LOCAL:REMOTE from its localip/remoteip; pppd gives the peer REMOTE
                assertThat(result.localAddress().getHostAddress()).isEqualTo("203.0.113.240");
                assertThat(result.remoteAddress().getHostAddress()).isEqualTo(PptpdConfig.DEFAULT_LOCAL_IP);
            } finally {
                timers.shutdownNow();
            }
        }
    }

    @Test
    void pptpLinuxWithPptp4jPppdHasAWholeSessionWithOurServer() throws Exception {
        RootRequired.check();
        Path secrets = dir.resolve("chap-secrets");
        java.nio.file.Files.writeString(secrets, "bob * hunter2 *\n");
        java.nio.file.Files.setPosixFilePermissions(secrets, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        try (TwoHosts hosts = TwoHosts.create();
             CliProcess server = CliProcess.start(hosts.server(), "server", "--listen", TwoHosts.SERVER_ADDRESS.getHostAddress(),
                     "--secrets", secrets.toString(), "--local-ip", "198.51.100.1", "--remote-ip", "198.51.100.10-20")) {
            server.awaitOutput("listening on", WAIT);
            try (PptpLinuxPeer pptp = PptpLinuxPeer.start(hosts.client(), dir.resolve("pptp"),
                    PptpLinuxOptions.of(TwoHosts.SERVER_ADDRESS))) {
                pptp.awaitCallEstablished(WAIT);
                // pptp-linux's PPP side wired to a `pptp4j pppd` process (client role): HDLC both ways
                // in the client's namespace: its ppp0 (a TUN interface) belongs there
                Process pppd = new ProcessBuilder("ip", "netns", "exec", hosts.client().name(),
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                        "io.pptp4j.tools.Main", "pppd", "user", "bob", "password", "hunter2", "ifname", "ppp7")
                        .redirectError(dir.resolve("pppd.log").toFile()).start();
                try (io.pptp4j.linux.stdio.HdlcStreamLink toPppd = new io.pptp4j.linux.stdio.HdlcStreamLink(
                        pppd.getInputStream(), pppd.getOutputStream(), frame -> {
                            try {
                                pptp.sendPppFrame(frame);
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }, () -> { }).start()) {
                    Thread pump = Thread.ofPlatform().daemon().start(() -> {
                        try {
                            for (int i = 0; i < 3000 && pppd.isAlive(); i++) {
                                var f = pptp.receivePppFrame(Duration.ofMillis(20));
                                if (f.isPresent()) toPppd.send(f.get());
                            }
                        } catch (java.io.IOException e) {
                            // pptp or pppd went away: the assertions below tell
                        }
                    });
                    try {
                        server.awaitOutput("authenticated bob with MS_CHAP_V2", WAIT);
                        server.awaitOutput("network up: peer 198\\.51\\.100\\.10, MPPE 128-bit stateless", WAIT);
                        long deadline = System.nanoTime() + WAIT.toNanos();
                        while (!readLog(dir.resolve("pppd.log")).contains("network up") && System.nanoTime() < deadline) {
                            Thread.sleep(50);
                        }
                        assertThat(readLog(dir.resolve("pppd.log"))).contains("network up: local 198.51.100.10, remote 198.51.100.1, MPPE 128-bit");
                        awaitLog(dir.resolve("pppd.log"), "interface ppp7 (198.51.100.10 peer 198.51.100.1, mtu 1396) up");
                        server.awaitOutput("interface pptp0 \\(198\\.51\\.100\\.1 peer 198\\.51\\.100\\.10, mtu 1396\\) up", WAIT);
                        // IP both ways: pptp4j pppd's ppp7, HDLC to pptp-linux, GRE, our server's pptp0, and back
                        var ping = hosts.client().execUnchecked(WAIT, List.of("ping", "-n", "-c", "3", "-i", "0.3", "-W", "5", "198.51.100.1"));
                        assertThat(ping.exitCode()).as(ping.stdout() + ping.stderr() + readLog(dir.resolve("pppd.log"))).isZero();
                        assertThat(ping.stdout()).contains("3 received");
                    } finally {
                        pppd.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                        pump.join(5000);
                    }
                }
            }
        }
    }

    @Test
    void ourClientPingsThroughPptpdRunningPptp4jPppd() throws Exception {
        RootRequired.check();
        Path wrapper = pptp4jPppdFor("alice * \"open sesame\" *\n");
        Path password = dir.resolve("password");
        java.nio.file.Files.writeString(password, "open sesame\n");
        try (TwoHosts hosts = TwoHosts.create();
             PptpdPeer pptpd = PptpdPeer.start(hosts.server(), dir.resolve("pptpd"),
                     PptpdConfig.of(TwoHosts.SERVER_ADDRESS, wrapper));
             CliProcess client = CliProcess.start(hosts.client(), "connect", TwoHosts.SERVER_ADDRESS.getHostAddress(),
                     "--user", "alice", "--password-file", password.toString(), "--tun", "vpn0", "--timeout", "30")) {
            try {
                client.awaitOutput("tunnel +vpn0 \\(203\\.0\\.113\\.240 peer " + PptpdConfig.DEFAULT_LOCAL_IP.replace(".", "\\.")
                        + ", mtu 1396\\)", Duration.ofSeconds(45));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\npppd log:\n" + readLog(dir.resolve("pppd.log")), e);
            }
            // pptp4j pppd, started by pptpd, has its own interface in the server's namespace, as pppd's ppp0
            awaitLog(dir.resolve("pppd.log"), "interface ppp0 (" + PptpdConfig.DEFAULT_LOCAL_IP + " peer 203.0.113.240, mtu 1396) up");
            // our client, GRE, pptpd's pptpctrl, HDLC on its pty, pptp4j pppd, ppp0 in the server's kernel, and back
            var ping = hosts.client().execUnchecked(WAIT, List.of("ping", "-n", "-c", "3", "-i", "0.3", "-W", "5",
                    PptpdConfig.DEFAULT_LOCAL_IP));
            assertThat(ping.exitCode()).as(ping.stdout() + ping.stderr() + "\npppd log:\n" + readLog(dir.resolve("pppd.log"))
                    + "\nclient:\n" + client.output()).isZero();
            assertThat(ping.stdout()).contains("3 received");
        }
    }

    /**
     * pptpd's {@code ppp} names a program; ours is {@code pptp4j pppd}, started from this JVM's classpath by
     * a wrapper script, with a chap-secrets file of {@code secrets}; its log goes to pppd.log.
     */
    private Path pptp4jPppdFor(String secretsLines) throws java.io.IOException {
        Path secrets = dir.resolve("chap-secrets");
        java.nio.file.Files.writeString(secrets, secretsLines);
        java.nio.file.Files.setPosixFilePermissions(secrets, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return io.pptp4j.tools.testing.CliProcess.pppdScript(dir, "--secrets", secrets.toString());
    }

    private static void awaitLog(Path log, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!readLog(log).contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(readLog(log)).contains(text);
    }

    private static String readLog(Path log) {
        try {
            return java.nio.file.Files.exists(log) ? java.nio.file.Files.readString(log) : "(none)";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Test
    void twoClientsBehindOneNatHoldCallsToOurServerAtOnce() throws Exception {
        RootRequired.check();
        try (NatTopology nat = NatTopology.create()) {
            assertThat(nat.pptpHelperProblem()).as("the kernel's PPTP conntrack helper").isEmpty();
            try (CliProcess server = CliProcess.start(nat.server(), "server", "--listen",
                    NatTopology.SERVER_ADDRESS.getHostAddress(), "--calls", "echo")) {
                server.awaitOutput("listening on", WAIT);
                List<Bytes> one = new CopyOnWriteArrayList<>();
                List<Bytes> two = new CopyOnWriteArrayList<>();
                Bytes frameOne = Bytes.fromHex("ff03c021090100080000aa01");
                Bytes frameTwo = Bytes.fromHex("ff03c021090200080000bb02");
                try (var c1 = nat.client(1).startThread(); var c2 = nat.client(2).startThread()) {
                    GreDataPlane p1 = c1.call(GreDataPlane::new);
                    GreDataPlane p2 = c2.call(GreDataPlane::new);
                    InetSocketAddress target = new InetSocketAddress(NatTopology.SERVER_ADDRESS, 1723);
                    try (PptpClient a = c1.call(() -> PptpClient.connect(target, PptpClient.Options.defaults(), p1, WAIT, one::add));
                         PptpClient b = c2.call(() -> PptpClient.connect(target, PptpClient.Options.defaults(), p2, WAIT, two::add))) {
                        // both use our Call ID 1: the NAT helper tells them apart, our server gives each its own
                        assertThat(a.call().peerCallId()).isNotEqualTo(b.call().peerCallId());
                        for (int i = 0; i < 10 && !(one.contains(frameOne) && two.contains(frameTwo)); i++) {
                            a.send(frameOne);
                            b.send(frameTwo);
                            Thread.sleep(300);
                        }
                        assertThat(one).contains(frameOne).doesNotContain(frameTwo);
                        assertThat(two).contains(frameTwo).doesNotContain(frameOne);
                    } finally {
                        p1.close();
                        p2.close();
                    }
                }
                assertThat(server.output()).containsPattern("203\\.0\\.113\\.1:\\d+ call connected[^\\n]*\\n(.|\\n)*203\\.0\\.113\\.1:\\d+ call connected");
            }
        }
    }

    private static List<PptpItem.Gre> gre(List<PptpItem> items, String source) {
        return items.stream().filter(PptpItem.Gre.class::isInstance).map(PptpItem.Gre.class::cast)
                .filter(g -> g.source().equals(source)).toList();
    }

    private static void await(List<Bytes> received, Bytes frame) throws InterruptedException {
        await(received, frame, WAIT);
        assertThat(received).contains(frame);
    }

    private static void await(List<Bytes> received, Bytes frame, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!received.contains(frame) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
