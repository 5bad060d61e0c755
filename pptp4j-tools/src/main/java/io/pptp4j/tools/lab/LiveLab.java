package io.pptp4j.tools.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptp4j.analysis.PptpTrafficDecoder;
import io.pptp4j.linux.capture.CaptureFileException;
import io.pptp4j.linux.capture.CaptureFileReader;
import io.pptp4j.linux.netns.CommandResult;
import io.pptp4j.linux.netns.Commands;
import io.pptp4j.linux.netns.NetworkNamespace;
import io.pptp4j.linux.netns.VethPair;
import io.pptp4j.tools.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The live lab: a PPTP server and client of our own in two throwaway network namespaces joined by a
 * veth (documentation addresses only: 203.0.113.0/24 between the hosts, 198.51.100.0/24 in the tunnel),
 * MS-CHAP v2 with MPPE-128, a ping through the tunnel, a capture of the wire read back by our own
 * decoder, and everything removed at the end, also on failure or Ctrl-C.
 */
final class LiveLab implements AutoCloseable {
    static final String SERVER = "203.0.113.2";
    static final String CLIENT = "203.0.113.1";
    static final String SERVER_TUNNEL = "198.51.100.1";
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String USER = "lab";
    private static final String PASSWORD = "correct horse battery";

    private final PrintWriter out;
    private final Path dir;
    private final Deque<AutoCloseable> made = new ArrayDeque<>();
    private NetworkNamespace serverHost;
    private NetworkNamespace clientHost;
    private final List<Process> processes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean closed;

    LiveLab(PrintWriter out) throws IOException {
        this.out = out;
        this.dir = Files.createTempDirectory("pptp4j-lab");
    }

    /** Why the live lab cannot run here, or empty when it can. */
    static Optional<String> missing() {
        if (io.pptp4j.linux.net.Libc.geteuid() != 0) {
            return Optional.of("root (network namespaces, raw GRE sockets and TUN devices); run: sudo ./pptp4j lab");
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            return Optional.of("/dev/net/tun (the tun kernel module: modprobe tun)");
        }
        if (!Commands.ipInstalled()) {
            return Optional.of("ip from iproute2 (apt-get install iproute2)");
        }
        return Optional.empty();
    }

    int run() throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        step("hosts", "two network namespaces joined by a veth: client " + CLIENT + ", server " + SERVER);
        serverHost = remember(NetworkNamespace.create("p4jlab-s-" + pid));
        clientHost = remember(NetworkNamespace.create("p4jlab-c-" + pid));
        VethPair veth = remember(VethPair.create(clientHost, "p4jlab-c", serverHost, "p4jlab-s"));
        clientHost.loopbackUp();
        serverHost.loopbackUp();
        veth.end().addAddress(address(CLIENT), 24).up();
        veth.peer().addAddress(address(SERVER), 24).up();

        Path secrets = privateFile("chap-secrets", USER + " * \"" + PASSWORD + "\" *\n");
        Path password = privateFile("password", PASSWORD + "\n");
        Process server = start(serverHost, "server.log", "server", "--listen", SERVER, "--vendor", "pptp4j-lab",
                "--secrets", secrets.toString(), "--local-ip", SERVER_TUNNEL, "--remote-ip", "198.51.100.10-19",
                "--dns", "198.51.100.53", "--tun", "lab%d");
        awaitLog("server.log", "listening on", server);
        Optional<Process> capture = startCapture();

        Process client = start(clientHost, "client.log", "connect", SERVER, "--user", USER, "--password-file",
                password.toString(), "--tun", "lab-vpn", "--json");
        String json = awaitLog("client.log", "\\{\"server\".*", client);
        JsonNode c = new ObjectMapper().readTree(json);
        JsonNode sccrp = c.get("sccrp");
        step("control", "TCP " + SERVER + ":1723, SCCRQ/SCCRP: server vendor \"" + text(sccrp, "vendor_string")
                + "\", protocol 1.0, result " + text(sccrp, "result_code"));
        JsonNode call = c.get("call");
        step("call", "OCRQ/OCRP: our Call ID " + call.get("call_id").asInt() + ", the server's " + call.get("peer_call_id").asInt()
                + ", its receive window " + call.get("peer_window").asInt() + " packets: GRE (IP protocol 47) from here on");
        step("lcp", "MRU " + c.get("mru").asInt() + " each way, magic numbers exchanged, authentication MS-CHAP v2 asked for");
        step("auth", c.get("auth").asText() + " as \"" + USER + "\": the server checked our NT-Response, we checked its S= "
                + "(it knows the password too)");
        step("ccp", "MPPE " + c.get("mppe").get("bits").asInt() + "-bit " + (c.get("mppe").get("stateless").asBoolean()
                ? "stateless (a new RC4 key per packet)" : "stateful") + ", keys derived from the MS-CHAP v2 exchange (RFC 3079)");
        step("ipcp", "our address " + c.get("local_ip").asText() + ", the server's " + c.get("remote_ip").asText()
                + ", DNS " + String.join(", ",
                java.util.stream.StreamSupport.stream(c.get("dns").spliterator(), false).map(JsonNode::asText).toList()));
        step("tun", c.get("interface").asText() + ": MTU " + c.get("mtu").asInt() + " = MRU less 4 octets of MPPE");
        awaitLog("server.log", "interface lab\\d+ .* up", server);

        CommandResult ping = clientHost.execUnchecked(Duration.ofSeconds(20),
                List.of("ping", "-n", "-c", "3", "-i", "0.3", "-W", "5", SERVER_TUNNEL));
        Matcher m = Pattern.compile("(\\d+) received.*\\n.*= [\\d.]+/([\\d.]+)/").matcher(ping.stdout());
        if (ping.exitCode() != 0 || !m.find()) {
            throw new UserException("lab: the ping through the tunnel failed:\n" + ping.stdout() + ping.stderr());
        }
        step("data", "ping " + SERVER_TUNNEL + " through the tunnel: " + m.group(1) + "/3 replies, average " + m.group(2) + " ms");

        if (capture.isPresent()) {
            Thread.sleep(500); // the last replies reach the capture file
            stop(capture.get());
            wire().forEach(line -> step("wire", line));
        } else {
            step("wire", "(tcpdump not installed: no capture of the wire)");
        }
        stop(client);
        awaitLog("server.log", "interface lab\\d+ removed", server);
        String serverLog = Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
        Matcher gre = Pattern.compile("call \\d+ gre: (sent \\d+ .*?), received (\\d+)").matcher(serverLog);
        step("end", "client interrupted: LCP Terminate, Call-Clear, Stop-Control-Connection; interfaces removed"
                + (gre.find() ? "; server GRE: " + gre.group(1) + ", received " + gre.group(2) : ""));
        stop(server);
        return 0;
    }

    /** The capture of the wire, read back by our own decoder. */
    private List<String> wire() throws IOException {
        CaptureSummary summary = new CaptureSummary();
        PptpTrafficDecoder decoder = new PptpTrafficDecoder(summary);
        try {
            CaptureFileReader.read(dir.resolve("wire.pcap"), decoder);
        } catch (CaptureFileException e) {
            // a capture cut short still has what it has
        }
        decoder.finish();
        List<String> lines = new ArrayList<>();
        for (String line : summary.lines()) {
            String l = line.strip();
            if (l.startsWith("ppp ") || l.startsWith("data ")) {
                lines.add(l.substring(l.indexOf(' ')).strip());
            }
        }
        return lines;
    }

    private Optional<Process> startCapture() throws IOException, InterruptedException {
        Optional<Path> tcpdump = Stream.of("/usr/bin/tcpdump", "/usr/sbin/tcpdump", "/sbin/tcpdump")
                .map(Path::of).filter(Files::isExecutable).findFirst();
        if (tcpdump.isEmpty()) {
            return Optional.empty();
        }
        Process p = new ProcessBuilder(Commands.ip(), "netns", "exec", clientHost.name(), tcpdump.get().toString(),
                "-i", "p4jlab-c", "-w", dir.resolve("wire.pcap").toString(), "-U", "-n", "-Z", "root", "proto 47 or tcp port 1723")
                .redirectErrorStream(true).redirectOutput(dir.resolve("tcpdump.log").toFile()).start();
        processes.add(p);
        awaitLog("tcpdump.log", "listening on", p);
        return Optional.of(p);
    }

    private Process start(NetworkNamespace ns, String log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Commands.ip(), "netns", "exec", ns.name(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.pptp4j.tools.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
        processes.add(p);
        return p;
    }

    /** Waits (bounded) for a line matching {@code regex} in a log; returns the match. */
    private String awaitLog(String log, String regex, Process p) throws IOException, InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + WAIT.toNanos();
        Path file = dir.resolve(log);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                return m.group();
            }
            if (!p.isAlive()) {
                throw new UserException("lab: " + log.replace(".log", "") + " ended early:\n" + text.strip());
            }
            Thread.sleep(50);
        }
        throw new UserException("lab: no /" + regex + "/ in the " + log.replace(".log", "") + " log within " + WAIT.toSeconds() + " s");
    }

    /** SIGTERM (the shutdown hooks end sessions politely), then bounded waiting, then SIGKILL. */
    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private void step(String layer, String text) {
        out.printf("  %-8s %s%n", layer, text);
        out.flush();
    }

    private Path privateFile(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    private <T extends AutoCloseable> T remember(T resource) {
        made.push(resource);
        return resource;
    }

    private static String text(JsonNode node, String field) {
        return node != null && node.has(field) ? node.get(field).asText() : "?";
    }

    private static Inet4Address address(String text) throws IOException {
        return (Inet4Address) InetAddress.getByName(text);
    }

    /** Kills what is left, deletes the namespaces (and so the veth and TUN devices in them) and the files. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        while (!made.isEmpty()) {
            try {
                made.pop().close();
            } catch (Exception e) {
                out.println("lab: clean-up: " + e.getMessage());
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // temporary files only
        }
    }
}
