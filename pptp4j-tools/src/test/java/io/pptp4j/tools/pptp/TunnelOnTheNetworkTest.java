package io.pptp4j.tools.pptp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.linux.netns.CommandResult;
import io.pptp4j.linux.peers.GreCapture;
import io.pptp4j.linux.testing.TwoHosts;
import io.pptp4j.tools.testing.CliProcess;
import io.pptp4j.tools.testing.ExternalTool;
import io.pptp4j.tools.testing.NetworkFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real IP traffic through the tunnel: {@code pptp4j connect --tun} against {@code pptp4j server --secrets}
 * (a TUN interface per session), two hosts in network namespaces. Ping, the MTU's edge, a TCP transfer
 * each way with digests compared, a capture of the wire holding only encrypted PPP, and the interfaces
 * gone when either side is interrupted.
 */
class TunnelOnTheNetworkTest {
    private static final String SERVER = TwoHosts.SERVER_ADDRESS.getHostAddress();
    private static final String SERVER_TUNNEL_ADDRESS = "198.51.100.1";
    /** On the server's loopback, reachable only through the --route the client adds. */
    private static final String BEHIND_SERVER = "198.51.100.129";
    private static final Duration UP = Duration.ofSeconds(40);
    private static final int TUNNEL_MTU = 1400 - 4;

    @TempDir
    Path dir;
    @RegisterExtension
    final NetworkFixture net = new NetworkFixture();
    private CliProcess server;
    private CliProcess client;

    private void startBoth(String... clientExtra) throws Exception {
        Path secrets = net.privateFile("chap-secrets", "alice * \"wonder land\" *\n");
        Path password = dir.resolve("password");
        Files.writeString(password, "wonder land\n");
        server = net.startServer(UP, "--secrets", secrets.toString(),
                "--local-ip", SERVER_TUNNEL_ADDRESS, "--remote-ip", "198.51.100.10-20", "--tun", "pptp%d");
        List<String> args = new java.util.ArrayList<>(List.of("connect", SERVER, "--user", "alice",
                "--password-file", password.toString(), "--tun", "vpn0"));
        args.addAll(List.of(clientExtra));
        client = net.start(net.hosts().client(), args.toArray(String[]::new));
        client.awaitOutput("tunnel +vpn0 \\(198\\.51\\.100\\.10 peer 198\\.51\\.100\\.1, mtu " + TUNNEL_MTU + "\\)", UP);
        server.awaitOutput("interface pptp0 \\(198\\.51\\.100\\.1 peer 198\\.51\\.100\\.10, mtu " + TUNNEL_MTU + "\\) up", UP);
    }

    @Test
    void pingAndTcpBothWaysCrossTheTunnelEncryptedAndTheMtuEdgeBehavesAsIpSays() throws Exception {
        ExternalTool.require("tshark");
        net.hosts().server().ip("addr", "add", BEHIND_SERVER + "/32", "dev", "lo");
        try (GreCapture wire = GreCapture.start(net.hosts().client(), net.hosts().clientInterface(), dir, "wire", "")) {
            startBoth("--route", "198.51.100.128/25");
            assertThat(net.hosts().client().ip("-4", "addr", "show", "dev", "vpn0").stdout())
                    .contains("inet 198.51.100.10 peer 198.51.100.1/32").contains("mtu " + TUNNEL_MTU);

            CommandResult ping = net.hosts().client().execUnchecked(Duration.ofSeconds(20),
                    List.of("ping", "-n", "-c", "3", "-i", "0.2", "-W", "5", SERVER_TUNNEL_ADDRESS));
            assertThat(ping.exitCode()).as(ping.stdout() + ping.stderr()).isZero();
            assertThat(ping.stdout()).contains("3 received");

            CommandResult routed = net.hosts().client().execUnchecked(Duration.ofSeconds(20),
                    List.of("ping", "-n", "-c", "1", "-W", "5", BEHIND_SERVER));
            assertThat(routed.exitCode()).as("--route 198.51.100.128/25 sends it into the tunnel: " + routed.stdout()).isZero();

            // the largest datagram the MTU takes with DF set: 1396 - 20 (IPv4) - 8 (ICMP)
            CommandResult edge = net.hosts().client().execUnchecked(Duration.ofSeconds(20),
                    List.of("ping", "-n", "-c", "1", "-W", "5", "-M", "do", "-s", Integer.toString(TUNNEL_MTU - 28),
                            SERVER_TUNNEL_ADDRESS));
            assertThat(edge.exitCode()).as(edge.stdout() + edge.stderr()).isZero();
            CommandResult beyond = net.hosts().client().execUnchecked(Duration.ofSeconds(20),
                    List.of("ping", "-n", "-c", "1", "-W", "5", "-M", "do", "-s", Integer.toString(TUNNEL_MTU - 27),
                            SERVER_TUNNEL_ADDRESS));
            assertThat(beyond.exitCode()).isNotZero();
            assertThat(beyond.stdout() + beyond.stderr()).contains("message too long, mtu=" + TUNNEL_MTU);

            try {
                transferBothWays(6 << 20, 3 << 20);
            } catch (Exception | AssertionError e) {
                throw new AssertionError("transfer failed: " + e + "\nclient:\n" + client.output() + "\nserver:\n" + server.output(), e);
            }
            // a flood far beyond what the tunnel carries: the excess waits and drops in the kernel's queue,
            // never after encryption (MPPE's coherency count would run ahead of the receiver), so the
            // tunnel carries on afterwards
            flood(Duration.ofSeconds(2));
            CommandResult after = net.hosts().client().execUnchecked(Duration.ofSeconds(20),
                    List.of("ping", "-n", "-c", "2", "-i", "0.3", "-W", "5", SERVER_TUNNEL_ADDRESS));
            assertThat(after.exitCode()).as("ping after the flood: " + after.stdout()).isZero();
            client.process().destroy();
            assertThat(client.process().waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(client.output()).containsPattern("gre: sent \\d+ .*queue drops 0,");
            wire.stop();

            // on the wire between the hosts: PPTP control, GRE with encrypted PPP, never the inner traffic in clear
            String inner = tshark(wire.file(), "icmp || tcp.port == 5001 || ppp.protocol == 0x0021");
            assertThat(inner).as("inner traffic in clear on the wire").isEmpty();
            String other = tshark(wire.file(), "ip && !(gre || tcp.port == 1723)");
            assertThat(other).as("IPv4 between the hosts other than PPTP").isEmpty();
            List<String> encrypted = tshark(wire.file(), "ppp.protocol == 0x00fd").lines().toList();
            assertThat(encrypted.size()).as("GRE frames carrying MPPE").isGreaterThan(3 * 2 + 2 + 1000);
        }
    }

    /** UDP datagrams from the client's namespace into the tunnel, as fast as one thread sends them (bounded in time). */
    private void flood(Duration duration) throws Exception {
        try (java.net.DatagramSocket socket = net.hosts().inClient(() -> new java.net.DatagramSocket(0))) {
            byte[] payload = new byte[200];
            java.net.DatagramPacket packet = new java.net.DatagramPacket(payload, payload.length,
                    new InetSocketAddress(InetAddress.getByName(SERVER_TUNNEL_ADDRESS), 9));
            long end = System.nanoTime() + duration.toNanos();
            for (int i = 0; i < 5_000_000 && System.nanoTime() < end; i++) {
                try {
                    socket.send(packet);
                } catch (IOException e) {
                    // ENOBUFS from the full TUN queue, or an ICMP error reported back: go on
                }
            }
        }
    }

    /** Sends {@code up} bytes from client to server and {@code down} back, through the tunnel; digests must match. */
    private void transferBothWays(int up, int down) throws Exception {
        InetAddress serverTunnel = InetAddress.getByName(SERVER_TUNNEL_ADDRESS);
        try (ServerSocket listener = net.hosts().inServer(() -> new ServerSocket(5001, 1, serverTunnel));
             // connected inside the namespace: an unconnected Socket gets its descriptor only on connect
             Socket socket = net.hosts().inClient(() -> {
                 Socket s = new Socket();
                 s.connect(new InetSocketAddress(serverTunnel, 5001), 10_000);
                 return s;
             })) {
            listener.setSoTimeout(20_000);
            CompletableFuture<String> atServer = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout(30_000);
                    String received = digest(s.getInputStream(), up);
                    send(s.getOutputStream(), down, 2);
                    s.shutdownOutput();
                    return received;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            socket.setSoTimeout(30_000);
            String sent;
            try {
                sent = send(socket.getOutputStream(), up, 1);
            } catch (IOException e) {
                try {
                    atServer.get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException serverSide) {
                    throw new IOException(e.getMessage() + "; the server side: " + serverSide.getCause(), e);
                }
                throw e;
            }
            String receivedAtClient = digest(socket.getInputStream(), down);
            assertThat(atServer.get(60, TimeUnit.SECONDS)).as("client to server, %d bytes", up).isEqualTo(sent);
            assertThat(receivedAtClient).as("server to client, %d bytes", down).isEqualTo(expectedDigest(down, 2));
        }
    }

    private static String send(OutputStream out, int count, long seed) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Random random = new Random(seed);
        byte[] chunk = new byte[16 << 10];
        for (int sent = 0; sent < count; sent += chunk.length) {
            random.nextBytes(chunk);
            int n = Math.min(chunk.length, count - sent);
            out.write(chunk, 0, n);
            sha.update(chunk, 0, n);
        }
        out.flush();
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String expectedDigest(int count, long seed) throws Exception {
        return send(OutputStream.nullOutputStream(), count, seed);
    }

    private static String digest(InputStream in, int expected) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[16 << 10];
        int total = 0;
        for (int n; total < expected && (n = in.read(buf, 0, Math.min(buf.length, expected - total))) > 0; ) {
            sha.update(buf, 0, n);
            total += n;
        }
        assertThat(total).as("bytes received").isEqualTo(expected);
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String tshark(Path file, String filter) throws Exception {
        return ExternalTool.run(60, "tshark", "-n", "-r", file.toString(), "-Y", filter).strip();
    }

    @Test
    void interruptingTheClientEndsTheSessionAndRemovesBothInterfaces() throws Exception {
        startBoth();
        client.process().destroy(); // SIGTERM: the shutdown hook ends PPP and the call politely
        assertThat(client.process().waitFor(15, TimeUnit.SECONDS)).as(client.output()).isTrue();
        server.awaitOutput("interface pptp0 removed", UP);
        assertThat(server.output()).contains("ppp terminated: peer terminated the link");
        assertThat(net.hosts().client().linkNames()).doesNotContain("vpn0");
        assertThat(net.hosts().server().linkNames()).noneMatch(n -> n.startsWith("pptp"));
        assertThat(server.isAlive()).as("the server keeps running").isTrue();
    }

    @Test
    void interruptingTheServerEndsTheClientWithTheReasonAndRemovesBothInterfaces() throws Exception {
        startBoth();
        server.process().destroy();
        assertThat(server.process().waitFor(15, TimeUnit.SECONDS)).as(server.output()).isTrue();
        assertThat(client.process().waitFor(20, TimeUnit.SECONDS)).as(client.output()).isTrue();
        assertThat(client.process().exitValue()).isEqualTo(1);
        assertThat(client.output()).containsAnyOf("session ended: peer terminated the link", "the server cleared the call");
        assertThat(net.hosts().client().linkNames()).doesNotContain("vpn0");
        assertThat(net.hosts().server().linkNames()).noneMatch(n -> n.startsWith("pptp"));
    }
}
