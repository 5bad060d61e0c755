package io.pptp4j.tools.pppd;

import io.pptp4j.linux.ppp.AttachmentSlot;
import io.pptp4j.linux.ppp.NetworkAttachment;
import io.pptp4j.linux.ppp.PppLink;
import io.pptp4j.linux.stdio.HdlcStreamLink;
import io.pptp4j.linux.tun.TunAttachment;
import io.pptp4j.ppp.fsm.ipcp.IpcpConfig;
import io.pptp4j.ppp.fsm.ipcp.RangeAddressPool;
import io.pptp4j.ppp.options.PppOption;
import io.pptp4j.ppp.options.PppOptions;
import io.pptp4j.ppp.options.PppOptionsFile;
import io.pptp4j.ppp.options.PppOptionsParser;
import io.pptp4j.ppp.options.PppPolicy;
import io.pptp4j.ppp.secrets.DomainMatching;
import io.pptp4j.ppp.secrets.SecretsFile;
import io.pptp4j.ppp.secrets.SecretsTable;
import io.pptp4j.ppp.session.PppSession;
import io.pptp4j.ppp.session.SessionAction;
import io.pptp4j.ppp.session.SessionConfig;
import io.pptp4j.tools.UserException;
import io.pptp4j.tools.pptp.ServerCommand;
import io.pptp4j.tools.pptp.SessionPolicies;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.security.SecureRandom;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pptp4j pppd}: our PPP engine on standard input and output in async HDLC framing (RFC 1662), a
 * stand-in for pppd where it cannot run. pptpd's {@code ppp} option can name it (through a one-line
 * wrapper script when --secrets is not the default), and {@code pptp --nolaunchpppd} can be wired to it.
 * Logs go to standard error; standard output carries only PPP.
 */
@Command(name = "pppd", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run PPP on standard input/output with async HDLC framing: a stand-in for pppd (no /dev/ppp needed).",
                "Takes pppd's arguments as pptpd passes them (local, file F, a speed, L:R, ipparam X, remotenumber X, plugin X) "
                        + "and pppd options files. With L:R it is the server (authenticator: R is the peer's address); "
                        + "without, the client (user U and password P from the options, or --user and PPTP4J_PASSWORD).",
                "Once IPCP is up, IP runs through a TUN interface as pppd's ppp unit would: named by the pppd options ifname N "
                        + "or unit N (pppN), else ppp%%d numbered by the kernel; --no-tun runs PPP without one."})
public final class PppdCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--secrets", paramLabel = "FILE", defaultValue = "/etc/ppp/chap-secrets",
            description = "chap-secrets for the server role (default: ${DEFAULT-VALUE}); must not be readable by others")
    Path secrets;

    @Option(names = "--user", paramLabel = "U", description = "client role: our name (pppd option: user U)")
    String user;

    @Option(names = "--name", paramLabel = "N", defaultValue = "pptp4j", description = "our name as authenticator (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--no-tun", description = "no interface: the session runs to the network phase and datagrams are dropped")
    boolean noTun;

    @Parameters(paramLabel = "PPPD-ARGS", description = "pppd's arguments and options", arity = "0..*")
    List<String> pppdArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PppOptions options;
        PppPolicy policy;
        try {
            options = PppOptionsParser.parseArguments(pppdArgs, PppOptionsFile.includes());
            policy = PppPolicy.from(options);
        } catch (RuntimeException e) {
            throw new UserException(e.getMessage(), 2);
        }
        policy.warnings().forEach(w -> err.println("pppd: warning: " + w));
        SecureRandom secureRandom = new SecureRandom();
        SessionConfig config;
        var pair = options.addresses();
        if (pair.isPresent()) {
            config = serverConfig(pair.get(), policy, secureRandom);
        } else {
            String u = user != null ? user : options.last("user").orElseThrow(
                    () -> new UserException("client role needs a user: --user U or the pppd option user U (or give L:R for the server role)", 2));
            String env = System.getenv("PPTP4J_PASSWORD");
            char[] password = options.last("password").map(String::toCharArray)
                    .orElseGet(() -> env != null ? env.toCharArray() : null);
            if (password == null) {
                throw new UserException("client role needs a password: the pppd option password P or PPTP4J_PASSWORD", 2);
            }
            config = SessionConfig.client(u, password, secureRandom, RandomGenerator.getDefault());
        }
        NetworkAttachment network = noTun ? NetworkAttachment.NONE
                : tunAttachment(options, err);
        AttachmentSlot slot = new AttachmentSlot();
        rawTerminal(err);
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("ppp-timers").daemon().factory());
        CountDownLatch done = new CountDownLatch(1);
        String[] outcome = {"standard input ended"};
        FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
        PppLink[] link = new PppLink[1];
        try (HdlcStreamLink hdlc = new HdlcStreamLink(new FileInputStream(FileDescriptor.in), stdout,
                frame -> { if (link[0] != null) link[0].onFrame(frame); }, done::countDown)) {
            link[0] = new PppLink(new PppSession(config), frame -> {
                try {
                    hdlc.send(frame);
                } catch (IOException e) {
                    done.countDown();
                }
            }, slot::deliver, action -> log(err, action, outcome, done), timers);
            PppLink started = link[0];
            started.networkUp().thenAcceptAsync(result -> {
                try {
                    slot.set(network.attach(result, started.datagrams()));
                } catch (IOException | RuntimeException e) {
                    outcome[0] = "no interface: " + e.getMessage();
                    done.countDown();
                }
            });
            hdlc.start();
            link[0].start();
            done.await();
            link[0].close();
        } finally {
            slot.close();
            timers.shutdownNow();
        }
        err.println("pppd: " + outcome[0]);
        err.flush();
        return outcome[0].startsWith("network") || outcome[0].equals("standard input ended") ? 0 : 1;
    }

    /** pppd's interface naming: {@code ifname N}, else {@code unit N} as pppN, else the next free ppp%d. */
    private static NetworkAttachment tunAttachment(PppOptions options, PrintWriter err) {
        String name = options.last("ifname").orElse(options.last("unit").map(u -> "ppp" + u).orElse("ppp%d"));
        try {
            return new TunAttachment(name, List.of(), line -> {
                err.println("pppd: " + line);
                err.flush();
            });
        } catch (IllegalArgumentException e) {
            throw new UserException("ifname: " + e.getMessage(), 2);
        }
    }

    private SessionConfig serverConfig(PppOption.AddressPair pair, PppPolicy policy, SecureRandom random) {
        SecretsTable table;
        try {
            table = SecretsFile.load(secrets);
        } catch (IOException | RuntimeException e) {
            throw new UserException(e.getMessage());
        }
        Inet4Address local = ServerCommand.ipv4(pair.local(), "the local address of L:R");
        Inet4Address remote = ServerCommand.ipv4(pair.remote(), "the remote address of L:R");
        IpcpConfig ipcp = IpcpConfig.server(local, new RangeAddressPool(remote, remote), policy.dnsServers(), policy.winsServers());
        if (policy.stripDomain()) {
            table = table.withDomainMatching(DomainMatching.STRIP_DOMAIN);
        }
        SessionConfig base = SessionConfig.server(policy.name().orElse(name), SessionPolicies.lookup(table),
                ipcp, random, RandomGenerator.getDefault());
        return SessionPolicies.apply(policy, base);
    }

    private static void log(PrintWriter err, SessionAction action, String[] outcome, CountDownLatch done) {
        switch (action) {
            case SessionAction.Authenticated a -> err.println("pppd: authenticated " + a.outcome().peerName() + " with " + a.outcome().protocol());
            case SessionAction.NetworkUp up -> {
                outcome[0] = "network up: local " + up.result().localAddress().getHostAddress() + ", remote "
                        + up.result().remoteAddress().getHostAddress() + ", MPPE " + (up.result().mppe().isPresent()
                        ? up.result().mppeBits() + "-bit" : "none");
                err.println("pppd: " + outcome[0]);
            }
            case SessionAction.Terminated t -> {
                outcome[0] = "terminated: " + t.reason();
                done.countDown();
            }
            default -> { }
        }
        err.flush();
    }

    /** A pty from pptpd comes in cooked mode; PPP needs it raw (what pppd does itself). */
    private static void rawTerminal(PrintWriter err) {
        try {
            Process p = new ProcessBuilder("stty", "raw", "-echo").redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // not a terminal, or no stty: nothing to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
