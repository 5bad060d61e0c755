package io.pptp4j.tools.pptp;

import io.pptp4j.control.engine.CallPolicy;
import io.pptp4j.control.engine.ControlAction;
import io.pptp4j.control.engine.ControlTimers;
import io.pptp4j.control.engine.HostIdentity;
import io.pptp4j.linux.ppp.NetworkAttachment;
import io.pptp4j.linux.pptp.CallHandler;
import io.pptp4j.linux.pptp.GreDataPlane;
import io.pptp4j.linux.pptp.PppCallHandler;
import io.pptp4j.linux.pptp.PptpServer;
import io.pptp4j.linux.pptp.ServerEvent;
import io.pptp4j.linux.tun.TunAttachment;
import io.pptp4j.ppp.auth.engine.SecretLookup;
import io.pptp4j.ppp.fsm.ipcp.AddressPool;
import io.pptp4j.ppp.fsm.ipcp.IpcpConfig;
import io.pptp4j.ppp.fsm.ipcp.RangeAddressPool;
import io.pptp4j.ppp.options.Ipv4;
import io.pptp4j.ppp.options.PppOptionsFile;
import io.pptp4j.ppp.options.PppPolicy;
import io.pptp4j.ppp.secrets.DomainMatching;
import io.pptp4j.ppp.secrets.SecretsFile;
import io.pptp4j.ppp.secrets.SecretsTable;
import io.pptp4j.ppp.session.SessionAction;
import io.pptp4j.ppp.session.SessionConfig;
import io.pptp4j.tools.Interrupts;
import io.pptp4j.tools.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pptp4j server}: the PPTP server (PNS), logging each control connection and call. */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a PPTP server: TCP 1723 control connections (RFC 2637) and GRE on a raw socket (needs root or CAP_NET_RAW).",
                "Logs each control connection and call: peer, times, outcome. Stops on Ctrl-C (or after --duration), "
                        + "sending Stop-Control-Connection-Request to every peer.",
                "PPP over the calls comes with the PPP engine; until then --calls says what happens to the frames."})
public final class ServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "ADDR[:PORT]", converter = HostPort.class, defaultValue = "0.0.0.0:1723",
            description = "address and port to listen on (default: ${DEFAULT-VALUE})")
    InetSocketAddress listen;

    @Option(names = "--hostname", paramLabel = "H", defaultValue = "pptp4j", description = "Host Name in our SCCRP (default: ${DEFAULT-VALUE})")
    String hostName;

    @Option(names = "--vendor", paramLabel = "V", defaultValue = "pptp4j", description = "Vendor String in our SCCRP (default: ${DEFAULT-VALUE})")
    String vendor;

    @Option(names = "--firmware", paramLabel = "N", defaultValue = "1", description = "Firmware Revision in our SCCRP, 0 to 65535 (default: ${DEFAULT-VALUE})")
    int firmware;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "1024", description = "control connections at once (default: ${DEFAULT-VALUE})")
    int maxConnections;

    @Option(names = "--max-calls", paramLabel = "N", defaultValue = "1", description = "calls per control connection (default: ${DEFAULT-VALUE}, as poptop); 0 takes control "
                    + "connections but answers every Outgoing-Call-Request with General Error, No-Resource")
    int maxCalls;

    @Option(names = "--start-timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "drop a peer that sends no Start-Control-Connection-Request within this time (default: ${DEFAULT-VALUE})")
    int startTimeout;

    @Option(names = "--echo-interval", paramLabel = "SECONDS", defaultValue = "60", description = "idle time before an Echo-Request (default: ${DEFAULT-VALUE})")
    int echoInterval;

    @Option(names = "--echo-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "time to answer our Echo-Request before the connection is dropped (default: ${DEFAULT-VALUE})")
    int echoTimeout;

    @Option(names = "--calls", paramLabel = "MODE", defaultValue = "echo",
            description = "what a call does with PPP frames until PPP runs: echo (send them back) or discard (default: ${DEFAULT-VALUE})")
    String callMode;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "stop after this many seconds")
    Integer duration;

    @Option(names = "--secrets", paramLabel = "FILE",
            description = "run PPP on each call, authenticating peers from this pppd chap-secrets file (mode 600)")
    Path secrets;

    @Option(names = "--local-ip", paramLabel = "IP", description = "our address inside the tunnel (with --secrets)")
    String localIp;

    @Option(names = "--remote-ip", paramLabel = "RANGE",
            description = "addresses for clients, as pptpd.conf writes them: 192.0.2.100-150 or 192.0.2.100-192.0.2.150")
    String remoteIp;

    @Option(names = "--dns", paramLabel = "IP", description = "DNS server handed out through IPCP (repeatable, at most 2)")
    List<String> dns = new ArrayList<>();

    @Option(names = "--strip-domain",
            description = "with --secrets: a client name DOMAIN\\user that matches no secret is tried again as user "
                    + "(Windows clients send the domain); also the option strip-domain in --options")
    boolean stripDomain;

    @Option(names = "--tun", paramLabel = "NAME", defaultValue = "pptp%d",
            description = "with --secrets: each session's TUN interface, %%d numbered by the kernel (default: ${DEFAULT-VALUE}); "
                    + "it carries our --local-ip and the client's address as its peer, and goes when the session ends")
    String tunName;

    @Option(names = "--no-tun", description = "with --secrets: run PPP without interfaces (datagrams from clients are dropped)")
    boolean noTun;

    @Option(names = "--options", paramLabel = "FILE",
            description = "pppd options file (require-mschap-v2, refuse-pap, require-mppe-128, nomppe-40, mppe-stateful, "
                    + "mppe required,no40,no56 ...); without it: MS-CHAP v2 and MPPE-128 stateless required")
    Path options;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (firmware < 0 || firmware > 0xFFFF) throw new UserException("--firmware " + firmware + ": must be 0 to 65535", 2);
        for (int[] v : new int[][] {{startTimeout}, {echoInterval}, {echoTimeout}}) {
            if (v[0] < 1) throw new UserException("timers must be at least 1 second, found " + v[0], 2);
        }
        if (maxCalls < 0 || maxCalls > 0xFFFF) throw new UserException("--max-calls " + maxCalls + ": must be 0 to 65535", 2);
        ScheduledExecutorService pppTimers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("ppp-timers").daemon().factory());
        CallHandler handler = secrets != null ? pppHandler(out, pppTimers) : switch (callMode) {
            case "echo" -> CallHandler.echo();
            case "discard" -> CallHandler.discard();
            default -> throw new UserException("--calls " + callMode + ": expected echo or discard", 2);
        };
        HostIdentity identity;
        try {
            identity = new HostIdentity(hostName, vendor, HostIdentity.ANY_FRAMING, HostIdentity.ANY_BEARER, maxCalls, firmware);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), 2);
        }
        CallPolicy server = CallPolicy.server();
        PptpServer.Config config = PptpServer.Config.of(listen, hostName)
                .withIdentity(identity)
                .withMaxConnections(maxConnections)
                .withPolicy(new CallPolicy(maxCalls, true, false, server.packetRecvWindowSize(),
                        server.packetProcessingDelay(), server.connectSpeed()))
                .withTimers(ControlTimers.DEFAULT.withStartTimeout(Duration.ofSeconds(startTimeout))
                        .withEchoInterval(Duration.ofSeconds(echoInterval))
                        .withEchoReplyTimeout(Duration.ofSeconds(echoTimeout)));
        CountDownLatch stop = new CountDownLatch(1);
        PptpServer s;
        try {
            s = PptpServer.start(config, new GreDataPlane(), handler, e -> log(out, e));
        } catch (IOException e) {
            throw new UserException("cannot listen on " + listen + ": " + e.getMessage());
        }
        Interrupts interrupts = Interrupts.onInterrupt(stop::countDown);
        try {
            if (duration != null) {
                stop.await(duration, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
        } finally {
            s.close();
            pppTimers.shutdownNow();
            out.printf("%s server stopped%n", Instant.now());
            out.flush();
            interrupts.close();
        }
        return 0;
    }

    private CallHandler pppHandler(PrintWriter out, ScheduledExecutorService timers) throws IOException {
        if (localIp == null || remoteIp == null) {
            throw new UserException("--secrets needs --local-ip and --remote-ip", 2);
        }
        SecretsTable table;
        try {
            table = SecretsFile.load(secrets);
        } catch (IOException | RuntimeException e) {
            throw new UserException(e.getMessage());
        }
        PppPolicy policy;
        try {
            policy = options == null ? PppPolicy.secureDefault()
                    : PppPolicy.from(PppOptionsFile.load(options));
        } catch (IOException | RuntimeException e) {
            throw new UserException(e.getMessage());
        }
        policy.warnings().forEach(w -> out.println("warning: " + w));
        if (stripDomain || policy.stripDomain()) {
            table = table.withDomainMatching(DomainMatching.STRIP_DOMAIN);
        }
        Inet4Address local = ipv4(localIp, "--local-ip");
        Inet4Address[] range = range(remoteIp);
        List<Inet4Address> dnsServers = dns.stream().map(d -> ipv4(d, "--dns")).toList();
        AddressPool pool = new RangeAddressPool(range[0], range[1]);
        SecureRandom random = new SecureRandom();
        PppPolicy chosen = policy;
        SecretLookup lookup = SessionPolicies.lookup(table);
        return new PppCallHandler(
                call -> SessionPolicies.apply(chosen, SessionConfig.server(hostName, lookup,
                        IpcpConfig.server(local, pool, dnsServers, List.of()), random,
                        RandomGenerator.getDefault())),
                timers,
                (call, action) -> {
                    String what = switch (action) {
                        case SessionAction.Authenticated a -> "authenticated " + a.outcome().peerName()
                                + " with " + a.outcome().protocol();
                        case SessionAction.NetworkUp up -> "network up: peer " + up.result().remoteAddress()
                                .getHostAddress() + ", MPPE " + (up.result().mppe().isPresent()
                                ? up.result().mppeBits() + "-bit " + (up.result().mppeStateless() ? "stateless" : "stateful") : "none");
                        case SessionAction.Terminated t -> "ppp terminated: " + t.reason();
                        default -> null;
                    };
                    if (what != null) {
                        synchronized (ServerCommand.class) {
                            out.printf("%s call %d %s%n", Instant.now(), call.callId(), what);
                            out.flush();
                        }
                    }
                },
                network(out),
                (call, what) -> {
                    synchronized (ServerCommand.class) {
                        out.printf("%s call %d %s%n", Instant.now(), call.callId(), what);
                        out.flush();
                    }
                });
    }

    private NetworkAttachment network(PrintWriter out) {
        if (noTun) {
            return NetworkAttachment.NONE;
        }
        try {
            return new TunAttachment(tunName, List.of(), line -> {
                synchronized (ServerCommand.class) {
                    out.printf("%s %s%n", Instant.now(), line);
                    out.flush();
                }
            });
        } catch (IllegalArgumentException e) {
            throw new UserException("--tun: " + e.getMessage(), 2);
        }
    }

    public static Inet4Address ipv4(String text, String option) {
        return Ipv4.parse(text)
                .orElseThrow(() -> new UserException(option + " " + text + ": not an IPv4 address", 2));
    }

    /** pptpd.conf's notation: {@code 192.0.2.100-150} or {@code 192.0.2.100-192.0.2.150}. */
    static Inet4Address[] range(String text) {
        int dash = text.indexOf('-');
        Inet4Address first = ipv4(dash < 0 ? text : text.substring(0, dash), "--remote-ip");
        if (dash < 0) return new Inet4Address[] {first, first};
        String rest = text.substring(dash + 1);
        Inet4Address last = rest.contains(".") ? ipv4(rest, "--remote-ip")
                : ipv4(text.substring(0, text.lastIndexOf('.', dash) + 1) + rest, "--remote-ip");
        if (Integer.compareUnsigned(Ipv4.toInt(first), Ipv4.toInt(last)) > 0) {
            throw new UserException("--remote-ip " + text + ": the range ends before it starts", 2);
        }
        return new Inet4Address[] {first, last};
    }

    private static synchronized void log(PrintWriter out, ServerEvent e) {
        String what = switch (e) {
            case ServerEvent.Listening l -> "listening on " + l.peer();
            case ServerEvent.ConnectionOpened o -> "connected (" + o.connections() + " open)";
            case ServerEvent.ConnectionRefused r -> "refused: " + r.why();
            case ServerEvent.CallFailed f -> "call " + f.callId() + " failed: " + f.why();
            case ServerEvent.CallData d -> "call " + d.callId() + " gre: " + GreCounters.describe(d.counters());
            case ServerEvent.ConnectionClosed c -> String.format("closed after %.1f s", c.duration().toMillis() / 1000.0);
            case ServerEvent.Control c -> switch (c.action()) {
                case ControlAction.Established est -> "established: host \"" + est.peer().hostName() + "\" vendor \""
                        + est.peer().vendorString() + "\" firmware " + est.peer().firmwareRevision() + " version "
                        + (est.peerProtocolVersion() >> 8) + "." + (est.peerProtocolVersion() & 0xFF);
                case ControlAction.CallConnected cc -> "call connected: our call ID " + cc.callId() + ", peer call ID "
                        + cc.peerCallId() + ", peer window " + cc.peerPacketRecvWindowSize();
                case ControlAction.CallCleared cl -> "call " + cl.callId() + " cleared: " + cl.cause() + " (" + cl.detail() + ")";
                case ControlAction.Stopped st -> "stopped: " + st.cause() + " (" + st.detail() + ")";
                case ControlAction.LinkInfo li -> String.format("set-link-info call %d: send ACCM 0x%08X, receive ACCM 0x%08X",
                        li.callId(), li.sendAccm(), li.receiveAccm());
                case ControlAction.Log l -> l.level().getName().toLowerCase() + ": " + l.text();
                default -> null;
            };
        };
        if (what != null) {
            out.printf("%s %s %s%n", Instant.now(), e.peer(), what);
            out.flush();
        }
    }
}
