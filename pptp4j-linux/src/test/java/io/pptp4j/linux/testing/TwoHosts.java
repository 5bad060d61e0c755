package io.pptp4j.linux.testing;

import io.pptp4j.linux.netns.NamespaceTask;
import io.pptp4j.linux.netns.NetworkNamespace;
import io.pptp4j.linux.netns.VethPair;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Two hosts on one Ethernet link, for tests that send real packets without anything leaving the
 * machine: network namespaces "client" and "server" (unique names from {@link TestNamespaces}) joined
 * by a veth pair, client 192.0.2.1/24 and server 192.0.2.2/24 (RFC 5737 TEST-NET-1), both ends and
 * both loopbacks up.
 *
 * <pre>{@code
 * try (TwoHosts hosts = TwoHosts.create()) {
 *     RawIpSocket s = hosts.inServer(() -> RawIpSocket.open(47));
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #create()} first calls {@link RootRequired#check()}. {@link #close()} deletes the veth pair
 * and both namespaces, also after a failed {@link #create()}.
 */
public final class TwoHosts implements AutoCloseable {
    public static final Inet4Address CLIENT_ADDRESS = address(192, 0, 2, 1);
    public static final Inet4Address SERVER_ADDRESS = address(192, 0, 2, 2);
    public static final int PREFIX_LENGTH = 24;

    private final NetworkNamespace client;
    private final NetworkNamespace server;
    private final VethPair link;

    private TwoHosts(NetworkNamespace client, NetworkNamespace server, VethPair link) {
        this.client = client;
        this.server = server;
        this.link = link;
    }

    public static TwoHosts create() throws IOException {
        RootRequired.check();
        TestNamespaces.sweepStaleOnce();
        Deque<AutoCloseable> made = new ArrayDeque<>();
        try {
            NetworkNamespace client = NetworkNamespace.create(TestNamespaces.newNamespaceName("client"));
            made.push(client);
            NetworkNamespace server = NetworkNamespace.create(TestNamespaces.newNamespaceName("server"));
            made.push(server);
            VethPair link = VethPair.create(client, TestNamespaces.newInterfaceName('c'),
                    server, TestNamespaces.newInterfaceName('s'));
            made.push(link);
            client.loopbackUp();
            server.loopbackUp();
            link.end().addAddress(CLIENT_ADDRESS, PREFIX_LENGTH).up();
            link.peer().addAddress(SERVER_ADDRESS, PREFIX_LENGTH).up();
            return new TwoHosts(client, server, link);
        } catch (IOException | RuntimeException | Error e) {
            closeAll(made, e);
            throw e;
        }
    }

    public NetworkNamespace client() { return client; }

    public NetworkNamespace server() { return server; }

    /** The veth pair: {@link VethPair#end()} in the client, {@link VethPair#peer()} in the server. */
    public VethPair link() { return link; }

    public String clientInterface() { return link.end().name(); }

    public String serverInterface() { return link.peer().name(); }

    /** Runs {@code task} on a thread inside the client namespace (sockets it opens live there). */
    public <T, X extends Exception> T inClient(NamespaceTask<T, X> task) throws X, IOException {
        return client.call(task);
    }

    /** Runs {@code task} on a thread inside the server namespace. */
    public <T, X extends Exception> T inServer(NamespaceTask<T, X> task) throws X, IOException {
        return server.call(task);
    }

    /** Deletes the veth pair, then the server and client namespaces; goes on past a failure. */
    @Override
    public void close() throws IOException {
        Deque<AutoCloseable> all = new ArrayDeque<>();
        all.push(client);
        all.push(server);
        all.push(link);
        IOException failure = closeAll(all, null);
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes in stack order; the first failure (added to {@code primary} when given) is returned. */
    private static IOException closeAll(Deque<AutoCloseable> stack, Throwable primary) {
        IOException first = null;
        while (!stack.isEmpty()) {
            try {
                stack.pop().close();
            } catch (Exception e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else if (first == null) {
                    first = e instanceof IOException io ? io : new IOException(e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        return first;
    }

    @Override
    public String toString() {
        return "TwoHosts[" + client.name() + " " + CLIENT_ADDRESS.getHostAddress() + " <-> "
                + server.name() + " " + SERVER_ADDRESS.getHostAddress() + "]";
    }

    public static Inet4Address address(int a, int b, int c, int d) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
