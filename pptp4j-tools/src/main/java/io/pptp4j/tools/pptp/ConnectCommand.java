package io.pptp4j.tools.pptp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.GeneralErrorCode;
import io.pptp4j.control.OutgoingCallResult;
import io.pptp4j.control.engine.ControlAction;
import io.pptp4j.control.engine.ControlTimers;
import io.pptp4j.gre.engine.GreCallCounters;
import io.pptp4j.linux.ppp.AttachmentSlot;
import io.pptp4j.linux.ppp.PacketSink;
import io.pptp4j.linux.ppp.PppLink;
import io.pptp4j.wire.Bytes;
import io.pptp4j.linux.pptp.GreDataPlane;
import io.pptp4j.linux.pptp.PptpClient;
import io.pptp4j.linux.tun.TunAttachment;
import io.pptp4j.ppp.fsm.lcp.AuthProtocol;
import io.pptp4j.ppp.options.PppOptionsFile;
import io.pptp4j.ppp.options.PppPolicy;
import io.pptp4j.ppp.session.Phase;
import io.pptp4j.ppp.session.PppSession;
import io.pptp4j.ppp.session.SessionConfig;
import io.pptp4j.ppp.session.SessionResult;
import io.pptp4j.tools.Interrupts;
import io.pptp4j.tools.UserException;
import io.pptp4j.tools.render.TreeRenderer;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pptp4j connect}: the client through control connection and call set-up. */
@Command(name = "connect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Connect to a PPTP server: start the control connection, place an outgoing call, open its GRE session "
                + "(raw socket: needs root or CAP_NET_RAW), and report what the server said: every SCCRP field, the call "
                + "result, the server's call ID and window.",
                "Exit code 0 only when the call is connected; otherwise a clear reason and 1."})
public final class ConnectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HOST", description = "the server")
    String host;

    @Option(names = "--port", paramLabel = "P", defaultValue = "1723", description = "TCP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--json", description = "print the outcome as one JSON object")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", description = "for connection and call set-up (default: ${DEFAULT-VALUE})")
    int timeout;

    @Option(names = "--hold", paramLabel = "SECONDS", defaultValue = "0",
            description = "keep the call up this long before clearing it (default: ${DEFAULT-VALUE})")
    int hold;

    @Option(names = "--hostname", paramLabel = "H", defaultValue = "pptp4j", description = "Host Name in our SCCRQ (default: ${DEFAULT-VALUE})")
    String hostName;

    @Option(names = "--user", paramLabel = "U",
            description = "run PPP over the call and authenticate as U (MS-CHAP v2, MPPE-128 stateless); the password comes "
                    + "from --password-file, the environment variable PPTP4J_PASSWORD, or a prompt")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "the password, on the first line of FILE")
    Path passwordFile;

    @Option(names = "--options", paramLabel = "FILE",
            description = "pppd options for our side (require-pap, require-mschap, nomppe, require-mppe-40, ...); "
                    + "without it: MS-CHAP v2 and MPPE-128 stateless")
    Path pppOptions;

    @Option(names = "--tun", paramLabel = "NAME",
            description = "with --user: carry IP through the tunnel on a TUN interface NAME (%%d numbered by the kernel), "
                    + "with our assigned address, the server's as peer, the MTU the server's MRU allows; the session then "
                    + "stays up until interrupted (Ctrl-C) or --hold runs out, and the interface goes with it")
    String tun;

    @Option(names = "--route", paramLabel = "CIDR",
            description = "with --tun: route this prefix into the tunnel (repeatable), e.g. 198.51.100.0/24")
    List<String> routes = new ArrayList<>();

    /** Completed by the shutdown hook (Ctrl-C, SIGTERM). */
    private final CompletableFuture<Void> interrupted = new CompletableFuture<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (tun != null && user == null) throw new UserException("--tun needs --user: IP runs over PPP", 2);
        if (!routes.isEmpty() && tun == null) throw new UserException("--route needs --tun", 2);
        for (String route : routes) {
            if (!route.matches("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}")) {
                throw new UserException("--route " + route + ": expected an IPv4 prefix such as 198.51.100.0/24", 2);
            }
        }
        if (tun != null) {
            try {
                new TunAttachment(tun, routes, line -> { });
            } catch (IllegalArgumentException e) {
                throw new UserException("--tun: " + e.getMessage(), 2);
            }
        }
        try (Interrupts ignored = Interrupts.onInterrupt(() -> interrupted.complete(null))) {
            return connect();
        }
    }

    private int connect() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (port < 1 || port > 65535) throw new UserException("--port " + port + ": must be 1 to 65535", 2);
        InetSocketAddress server = HostPort.parse(host, port);
        if (server.getPort() != port && host.indexOf(':') < 0) server = new InetSocketAddress(server.getAddress(), port);
        AtomicLong framesIn = new AtomicLong();
        char[] password = user != null ? password() : null;
        AtomicReference<PppLink> ppp = new AtomicReference<>();
        AttachmentSlot network = new AttachmentSlot();
        PptpClient.Options options = new PptpClient.Options(hostName, 1, 1, 64, ControlTimers.DEFAULT);
        PptpClient client;
        try {
            client = PptpClient.connect(server, options, new GreDataPlane(), Duration.ofSeconds(timeout), new PacketSink() {
                @Override
                public void send(Bytes f) {
                    framesIn.incrementAndGet();
                    PppLink link = ppp.get();
                    if (link != null) link.onFrame(f);
                }

                @Override
                public void sendInPlace(byte[] buf, int off, int len) {
                    framesIn.incrementAndGet();
                    PppLink link = ppp.get();
                    if (link != null) link.onFrameInPlace(buf, off, len);
                }
            });
        } catch (PptpClient.PptpException e) {
            printFailure(out, server, e);
            throw new UserException(server + ": " + e.getMessage());
        }
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("ppp-timers").daemon().factory());
        try {
            ControlMessage.StartControlConnectionReply r = client.reply();
            SessionResult session = null;
            if (user != null) {
                SessionConfig config = SessionConfig.client(user, password,
                        new SecureRandom(), RandomGenerator.getDefault());
                if (pppOptions != null) {
                    try {
                        config = SessionPolicies.apply(PppPolicy.from(
                                PppOptionsFile.load(pppOptions)), config);
                    } catch (IOException | RuntimeException e) {
                        throw new UserException(e.getMessage(), 2);
                    }
                }
                PppLink link = new PppLink(new PppSession(config),
                        client::send, network, a -> { }, timers);
                Arrays.fill(password, '\0');
                ppp.set(link);
                link.start();
                try {
                    CompletableFuture.anyOf(link.networkUp(), client.callCleared())
                            .get(timeout, TimeUnit.SECONDS);
                    if (!link.networkUp().isDone()) {
                        // the call-clear can overtake the session's own end (the peer's Terminate-Request): let it settle
                        String reason = null;
                        try {
                            reason = link.terminated().get(1, TimeUnit.SECONDS);
                        } catch (TimeoutException | ExecutionException notYet) {
                            reason = link.session().terminateReason().orElse(null);
                        }
                        if (reason != null) {
                            throw new UserException(server + ": " + fromOurSide(reason, config));
                        }
                        Phase phase = link.session().phase();
                        throw new UserException(server + ": the server cleared the call during PPP (phase " + phase + ")"
                                + (phase == Phase.ESTABLISH
                                        ? ": the usual cause is no common authentication (we allow " + config.lcp().authProtocols() + ")"
                                        : link.terminated().isDone() ? ": " + link.terminated().getNow("") : ""));
                    }
                    session = link.networkUp().get();
                    if (tun != null) {
                        try {
                            network.set(new TunAttachment(tun, routes, line -> { })
                                    .attach(session, link.datagrams(client.frames())));
                        } catch (IOException e) {
                            throw new UserException("interface " + tun + ": " + e.getMessage()
                                    + (e.getMessage().contains("EPERM") ? " (TUN devices need root or CAP_NET_ADMIN)" : ""));
                        }
                    }
                } catch (ExecutionException e) {
                    throw new UserException(server + ": " + fromOurSide(
                            link.terminated().getNow(String.valueOf(e.getCause().getMessage())), config));
                } catch (TimeoutException e) {
                    Phase phase = link.session().phase();
                    String why = phase == Phase.ESTABLISH
                            ? ": LCP never opened; the usual cause is no common authentication (we allow "
                              + config.lcp().authProtocols() + ")"
                            : " (phase " + phase + ")";
                    throw new UserException(server + ": PPP did not reach the network phase in " + timeout + " s" + why);
                }
            }
            ControlAction.CallConnected c = client.call();
            if (json) {
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                o.put("server", server.toString());
                o.put("connected", true);
                o.set("sccrp", TreeRenderer.toTree(r));
                ObjectNode call = o.putObject("call");
                call.put("connected", true);
                call.put("call_id", c.callId());
                call.put("peer_call_id", c.peerCallId());
                call.put("peer_window", c.peerPacketRecvWindowSize());
                call.put("peer_processing_delay", c.peerPacketProcessingDelay());
                call.put("connect_speed", c.connectSpeed());
                call.set("ocrp", TreeRenderer.toTree(c.peerMessage()));
                if (session != null) {
                    o.put("auth", session.authProtocol().map(ConnectCommand::authName).orElse("none"));
                    ObjectNode mppe = o.putObject("mppe");
                    mppe.put("bits", session.mppe().isPresent() ? session.mppeBits() : 0);
                    mppe.put("stateless", session.mppe().isPresent() && session.mppeStateless());
                    o.put("local_ip", session.localAddress().getHostAddress());
                    o.put("remote_ip", session.remoteAddress().getHostAddress());
                    var dnsList = o.putArray("dns");
                    session.dnsServers().forEach(a -> dnsList.add(a.getHostAddress()));
                    o.put("mru", session.peerMru());
                    o.put("mtu", session.interfaceMtu());
                    network.endpoint().ifPresent(e -> o.put("interface", e.describe()));
                }
                out.println(new ObjectMapper().writeValueAsString(o));
            } else {
                out.printf("connected to %s%n", server);
                printSccrp(out, r);
                out.printf("  call    connected: our call ID %d, server call ID %d, server window %d, delay %d, speed %d%n",
                        c.callId(), c.peerCallId(), c.peerPacketRecvWindowSize(), c.peerPacketProcessingDelay(), c.connectSpeed());
                if (session != null) {
                    out.printf("  ppp     %s as %s, MPPE %s, our address %s, server %s, DNS %s, MRU %d%n",
                            session.authProtocol().map(ConnectCommand::authName).orElse("no authentication"), user,
                            session.mppe().isPresent() ? session.mppeBits() + "-bit " + (session.mppeStateless() ? "stateless" : "stateful") : "none",
                            session.localAddress().getHostAddress(), session.remoteAddress().getHostAddress(),
                            session.dnsServers().stream().map(InetAddress::getHostAddress).toList(), session.peerMru());
                    network.endpoint().ifPresent(e -> out.printf("  tunnel  %s, routes %s%n", e.describe(),
                            routes.isEmpty() ? "none" : String.join(" ", routes)));
                }
            }
            out.flush();
            if (hold > 0 || tun != null) {
                String ended = holdUntilDone(ppp.get(), client);
                if (ended != null) {
                    throw new UserException(server + ": " + ended);
                }
            }
        } finally {
            network.close();
            PppLink link = ppp.get();
            if (link != null) link.close();
            if (hold > 0 || tun != null) {
                GreCallCounters g = client.counters();
                spec.commandLine().getErr().println("gre: " + GreCounters.describe(g));
                spec.commandLine().getErr().flush();
            }
            client.close();
            timers.shutdownNow();
        }
        return 0;
    }

    private static void printSccrp(PrintWriter out, ControlMessage.StartControlConnectionReply r) {
        out.printf("  SCCRP   version %d.%d, result %d, error %d, host \"%s\", vendor \"%s\", firmware %d, "
                        + "framing 0x%X, bearer 0x%X, max channels %d%n",
                r.protocolVersion() >> 8, r.protocolVersion() & 0xFF, r.resultCode(), r.errorCode(), r.hostName(),
                r.vendorString(), r.firmwareRevision(), r.framingCapabilities(), r.bearerCapabilities(), r.maximumChannels());
    }

    /**
     * What the server said before the attempt failed: its SCCRP as for a success, and a refused call's
     * Result, Error and Cause Code (RFC 2637 2.8), in a table on standard output or as one JSON object.
     * The one-line reason goes to standard error after it.
     */
    private void printFailure(PrintWriter out, InetSocketAddress server, PptpClient.PptpException e) throws IOException {
        if (json) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("server", server.toString());
            o.put("connected", false);
            o.put("error", e.getMessage());
            e.reply().ifPresent(r -> o.set("sccrp", TreeRenderer.toTree(r)));
            e.callReply().ifPresent(ocrp -> {
                ObjectNode call = o.putObject("call");
                call.put("connected", false);
                call.put("call_id", ocrp.peerCallId());
                call.put("result_code", ocrp.resultCode());
                call.put("result", OutgoingCallResult.of(ocrp.resultCode()).map(OutgoingCallResult::displayName).orElse("unknown"));
                call.put("error_code", ocrp.errorCode());
                call.put("error", GeneralErrorCode.of(ocrp.errorCode()).map(GeneralErrorCode::displayName).orElse("unknown"));
                call.put("cause_code", ocrp.causeCode());
                call.set("ocrp", TreeRenderer.toTree(ocrp));
            });
            out.println(new ObjectMapper().writeValueAsString(o));
        } else if (e.reply().isPresent()) {
            out.printf("not connected to %s%n", server);
            printSccrp(out, e.reply().get());
            e.callReply().ifPresent(ocrp -> out.printf("  call    refused: Result Code %s, Error Code %s, Cause Code %d%n",
                    OutgoingCallResult.describe(ocrp.resultCode()), GeneralErrorCode.describe(ocrp.errorCode()),
                    ocrp.causeCode()));
        }
        out.flush();
    }

    /**
     * Keeps the call up until --hold runs out or an interrupt comes (both a normal end: null), or the
     * session or call ends from the other side (its reason).
     */
    private String holdUntilDone(PppLink link, PptpClient client) throws InterruptedException {
        CompletableFuture<?> ended = link != null
                ? CompletableFuture.anyOf(link.terminated(), client.callCleared())
                : client.callCleared();
        try {
            CompletableFuture<?> any = CompletableFuture.anyOf(ended, interrupted);
            if (hold > 0) any.get(hold, TimeUnit.SECONDS);
            else any.get();
        } catch (TimeoutException | ExecutionException e) {
            return null;
        }
        if (interrupted.isDone() || !ended.isDone()) {
            return null;
        }
        if (link != null && link.terminated().isDone()) {
            return "session ended: " + link.terminated().getNow("");
        }
        ControlAction.CallCleared cleared = client.callCleared().getNow(null);
        return "the server cleared the call" + (cleared != null ? ": " + cleared.cause() + " (" + cleared.detail() + ")" : "");
    }

    /** The session's end as the user of the client reads it: the server's words, and the cause named. */
    static String fromOurSide(String reason, SessionConfig config) {
        String prefix = "peer terminated the link: ";
        if (!reason.startsWith(prefix)) {
            return reason;
        }
        String said = reason.substring(prefix.length());
        String cause = said.contains("authentication") && !said.startsWith("authentication failed")
                ? "no common authentication (we allow " + config.lcp().authProtocols() + "); "
                : said.contains("encryption") || said.contains("MPPE") || said.contains("0x80FD") ? "encryption refused; " : "";
        return cause + "the server ended PPP: " + said;
    }

    static String authName(AuthProtocol p) {
        return switch (p) {
            case PAP -> "PAP";
            case CHAP_MD5 -> "CHAP-MD5";
            case MS_CHAP -> "MS-CHAPv1";
            case MS_CHAP_V2 -> "MS-CHAPv2";
            case EAP -> "EAP";
        };
    }

    /** --password-file, else PPTP4J_PASSWORD, else a prompt on the terminal; never an argument. */
    private char[] password() throws IOException {
        if (passwordFile != null) {
            try {
                String first = Files.readAllLines(passwordFile).stream().findFirst().orElse("");
                return first.toCharArray();
            } catch (IOException e) {
                throw new UserException(passwordFile + ": " + e.getMessage());
            }
        }
        String env = System.getenv("PPTP4J_PASSWORD");
        if (env != null) return env.toCharArray();
        Console console = System.console();
        if (console == null) {
            throw new UserException("--user " + user + " needs a password: --password-file FILE, PPTP4J_PASSWORD, or a terminal to prompt on", 2);
        }
        char[] p = console.readPassword("Password for %s: ", user);
        if (p == null) throw new UserException("no password given", 2);
        return p;
    }
}
