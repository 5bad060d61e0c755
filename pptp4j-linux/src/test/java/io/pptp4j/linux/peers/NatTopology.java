package io.pptp4j.linux.peers;

import io.pptp4j.linux.netns.CommandException;
import io.pptp4j.linux.netns.CommandResult;
import io.pptp4j.linux.netns.NetworkNamespace;
import io.pptp4j.linux.netns.VethPair;
import io.pptp4j.linux.testing.RootRequired;
import io.pptp4j.linux.testing.TestNamespaces;
import io.pptp4j.linux.testing.TwoHosts;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Two clients behind a masquerading NAT router, and a server outside, each host a network namespace
 * (four in all), addresses from RFC 5737 only:
 *
 * <pre>
 *  client1 198.51.100.10/25  ---  198.51.100.1/25   \
 *                                                    router 203.0.113.1/24  ---  203.0.113.2/24 server
 *  client2 198.51.100.130/25 ---  198.51.100.129/25 /
 * </pre>
 *
 * Each client has its own link (two halves of 198.51.100.0/24, no bridge) and a default route via the
 * router; the router forwards, masquerades what leaves on its outside link, and (nftables, table
 * {@value #TABLE}) attaches the kernel's PPTP conntrack helper to TCP 1723:
 *
 * <pre>
 * table ip p4j-nat {
 *     ct helper pptp { type "pptp" protocol tcp; }
 *     chain prerouting { type filter hook prerouting priority filter; tcp dport 1723 ct helper set "pptp" }
 *     chain postrouting { type nat hook postrouting priority srcnat; oifname OUTSIDE masquerade }
 * }
 * </pre>
 *
 * The helper (nf_conntrack_pptp with nf_nat_pptp) follows each control connection, expects the GRE
 * of each call and rewrites Call IDs so that GRE from the server finds its way back to the right
 * client. A kernel without it refuses the {@code ct helper} object ("No such file or directory"):
 * {@link #create()} then builds the rest and {@link #pptpHelperProblem()} says what nft answered.
 *
 * <p>{@link #create()} first calls {@link RootRequired#check()}; {@link #close()} deletes every
 * namespace (and so the veths and the ruleset), also after a failed {@link #create()}.
 */
public final class NatTopology implements AutoCloseable {
    public static final String TABLE = "p4j-nat";
    public static final Inet4Address ROUTER_OUTSIDE = TwoHosts.address(203, 0, 113, 1);
    public static final Inet4Address SERVER_ADDRESS = TwoHosts.address(203, 0, 113, 2);
    public static final int OUTSIDE_PREFIX = 24;
    public static final int INSIDE_PREFIX = 25;
    private static final List<Inet4Address> CLIENT_ADDRESSES =
            List.of(TwoHosts.address(198, 51, 100, 10), TwoHosts.address(198, 51, 100, 130));
    private static final List<Inet4Address> ROUTER_INSIDE =
            List.of(TwoHosts.address(198, 51, 100, 1), TwoHosts.address(198, 51, 100, 129));

    private final List<NetworkNamespace> clients;
    private final NetworkNamespace router;
    private final NetworkNamespace server;
    private final List<VethPair> insideLinks;
    private final VethPair outsideLink;
    private final Optional<String> pptpHelperProblem;

    private NatTopology(List<NetworkNamespace> clients, NetworkNamespace router, NetworkNamespace server,
            List<VethPair> insideLinks, VethPair outsideLink, Optional<String> pptpHelperProblem) {
        this.clients = List.copyOf(clients);
        this.router = router;
        this.server = server;
        this.insideLinks = List.copyOf(insideLinks);
        this.outsideLink = outsideLink;
        this.pptpHelperProblem = pptpHelperProblem;
    }

    public static NatTopology create() throws IOException {
        RootRequired.check();
        TestNamespaces.sweepStaleOnce();
        Deque<AutoCloseable> made = new ArrayDeque<>();
        try {
            NetworkNamespace router = NetworkNamespace.create(TestNamespaces.newNamespaceName("nat-router"));
            made.push(router);
            NetworkNamespace server = NetworkNamespace.create(TestNamespaces.newNamespaceName("nat-server"));
            made.push(server);
            List<NetworkNamespace> clients = new ArrayList<>();
            for (int i = 1; i <= CLIENT_ADDRESSES.size(); i++) {
                NetworkNamespace c = NetworkNamespace.create(TestNamespaces.newNamespaceName("nat-client" + i));
                made.push(c);
                clients.add(c);
            }
            VethPair outside = VethPair.create(router, TestNamespaces.newInterfaceName('o'),
                    server, TestNamespaces.newInterfaceName('s'));
            made.push(outside);
            List<VethPair> inside = new ArrayList<>();
            for (NetworkNamespace c : clients) {
                VethPair link = VethPair.create(router, TestNamespaces.newInterfaceName('i'),
                        c, TestNamespaces.newInterfaceName('c'));
                made.push(link);
                inside.add(link);
            }
            for (NetworkNamespace ns : List.of(router, server)) {
                ns.loopbackUp();
            }
            outside.end().addAddress(ROUTER_OUTSIDE, OUTSIDE_PREFIX).up();
            outside.peer().addAddress(SERVER_ADDRESS, OUTSIDE_PREFIX).up();
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).loopbackUp();
                inside.get(i).end().addAddress(ROUTER_INSIDE.get(i), INSIDE_PREFIX).up();
                inside.get(i).peer().addAddress(CLIENT_ADDRESSES.get(i), INSIDE_PREFIX).up();
                clients.get(i).ip("route", "add", "default", "via", ROUTER_INSIDE.get(i).getHostAddress());
            }
            router.exec("sysctl", "-qw", "net.ipv4.ip_forward=1");
            Optional<String> problem = configureNat(router, outside.end().name());
            return new NatTopology(clients, router, server, inside, outside, problem);
        } catch (IOException | RuntimeException | Error e) {
            while (!made.isEmpty()) {
                try {
                    made.pop().close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** The ruleset above; the helper's absence is returned, any other failure thrown. */
    private static Optional<String> configureNat(NetworkNamespace router, String outside)
            throws CommandException, InterruptedIOException {
        router.exec("nft", "add table ip " + TABLE);
        router.exec("nft", "add chain ip " + TABLE + " postrouting { type nat hook postrouting priority srcnat ; }");
        router.exec("nft", "add rule ip " + TABLE + " postrouting oifname \"" + outside + "\" masquerade");
        CommandResult helper = router.execUnchecked(Duration.ofSeconds(30),
                List.of("nft", "add ct helper ip " + TABLE + " pptp { type \"pptp\" protocol tcp ; }"));
        if (helper.exitCode() != 0) {
            return Optional.of("`" + helper.commandLine() + "` exited with " + helper.exitCode() + ": "
                    + helper.stderr().strip());
        }
        router.exec("nft", "add chain ip " + TABLE + " prerouting { type filter hook prerouting priority filter ; }");
        router.exec("nft", "add rule ip " + TABLE + " prerouting tcp dport 1723 ct helper set \"pptp\"");
        return Optional.empty();
    }

    /** Client 1 or 2. */
    public NetworkNamespace client(int number) { return clients.get(number - 1); }

    public List<NetworkNamespace> clients() { return clients; }

    public static Inet4Address clientAddress(int number) { return CLIENT_ADDRESSES.get(number - 1); }

    public NetworkNamespace router() { return router; }

    public NetworkNamespace server() { return server; }

    /** The server's interface (towards the router), e.g. for a capture of what the server sees. */
    public String serverInterface() { return outsideLink.peer().name(); }

    /** The router's outside interface, the one it masquerades on. */
    public String routerOutsideInterface() { return outsideLink.end().name(); }

    /** The router's interface towards client {@code number}. */
    public String routerInsideInterface(int number) { return insideLinks.get(number - 1).end().name(); }

    /** Whether the PPTP conntrack helper is attached to TCP 1723 on the router. */
    public boolean pptpHelper() { return pptpHelperProblem.isEmpty(); }

    /** What nft answered when the kernel refused the PPTP helper; empty when it has it. */
    public Optional<String> pptpHelperProblem() { return pptpHelperProblem; }

    /** {@code nft list ruleset} on the router. */
    public String ruleset() throws IOException {
        return router.exec("nft", "list", "ruleset").stdout();
    }

    /** The router's connection tracking table, one entry a line (/proc/net/nf_conntrack in its namespace). */
    public List<String> conntrack() throws IOException {
        return router.exec("cat", "/proc/net/nf_conntrack").stdout().lines().toList();
    }

    /** Deletes the namespaces (their veths and ruleset go with them); goes on past a failure. */
    @Override
    public void close() throws IOException {
        List<AutoCloseable> all = new ArrayList<>(insideLinks);
        all.add(outsideLink);
        all.addAll(clients);
        all.add(server);
        all.add(router);
        IOException failure = null;
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof IOException io ? io : new IOException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The names of the four namespaces. */
    public List<String> namespaceNames() {
        List<String> names = new ArrayList<>();
        clients.forEach(c -> names.add(c.name()));
        names.add(router.name());
        names.add(server.name());
        return names;
    }

    @Override
    public String toString() {
        return "NatTopology" + namespaceNames();
    }
}
