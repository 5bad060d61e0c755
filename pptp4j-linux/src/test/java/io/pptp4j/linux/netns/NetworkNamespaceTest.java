package io.pptp4j.linux.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.linux.net.Libc;
import io.pptp4j.linux.net.NativeException;
import io.pptp4j.linux.net.RawIpSocket;
import io.pptp4j.linux.testing.RootRequired;
import io.pptp4j.linux.testing.TestNamespaces;
import io.pptp4j.linux.testing.TwoHosts;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class NetworkNamespaceTest {

    @Test
    void callRunsOnAPlatformThreadInsideTheNamespace() throws Exception {
        try (NetworkNamespace ns = newNamespace("call")) {
            String expected = "net:[" + Files.getAttribute(ns.path(), "unix:ino") + "]";
            String outside = currentThreadNamespace();
            assertThat(ns.call(NetworkNamespaceTest::currentThreadNamespace)).isEqualTo(expected).isNotEqualTo(outside);
            assertThat(ns.call(() -> Thread.currentThread().isVirtual())).isFalse();
            assertThat(currentThreadNamespace()).isEqualTo(outside);
        }
    }

    @Test
    void javaNetSocketsMadeInsideUseTheNamespace() throws Exception {
        // an address only the server namespace has (this machine's own eth0 may be in 192.0.2.0/24)
        var serverOnly = TwoHosts.address(198, 51, 100, 2);
        try (TwoHosts hosts = TwoHosts.create()) {
            hosts.server().addAddress(hosts.serverInterface(), serverOnly, 24);
            hosts.client().ip("route", "add", "198.51.100.0/24", "dev", hosts.clientInterface());
            try (DatagramSocket server = hosts.inServer(() -> new DatagramSocket(new InetSocketAddress(serverOnly, 0)));
                    DatagramSocket client = hosts.inClient(() -> new DatagramSocket(new InetSocketAddress(TwoHosts.CLIENT_ADDRESS, 0)))) {
                byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
                client.send(new DatagramPacket(hello, hello.length, server.getLocalSocketAddress()));
                server.setSoTimeout(5000);
                DatagramPacket received = new DatagramPacket(new byte[64], 64);
                server.receive(received);
                assertThat(received.getAddress()).isEqualTo(TwoHosts.CLIENT_ADDRESS);
                assertThat(new String(received.getData(), 0, received.getLength(), StandardCharsets.US_ASCII)).isEqualTo("hello");
            }
            // on this thread, outside the namespace, the address is not local
            assertThatThrownBy(() -> new DatagramSocket(new InetSocketAddress(serverOnly, 0)).close())
                    .isInstanceOf(BindException.class);
        }
    }

    @Test
    void callHandsBackTheTasksException() throws Exception {
        try (NetworkNamespace ns = newNamespace("throws")) {
            IOException thrown = new IOException("boom");
            assertThatThrownBy(() -> ns.call(() -> {
                throw thrown;
            })).isSameAs(thrown);
            IllegalStateException unchecked = new IllegalStateException("bang");
            assertThatThrownBy(() -> ns.call(() -> {
                throw unchecked;
            })).isSameAs(unchecked);
        }
    }

    @Test
    void namespaceThreadRunsNestedCallsDirectlyAndStopsOnClose() throws Exception {
        try (NetworkNamespace ns = newNamespace("thread")) {
            NamespaceThread thread = ns.startThread();
            Thread worker;
            try {
                assertThat(thread.call(() -> thread.call(() -> 42))).isEqualTo(42);
                worker = thread.call(Thread::currentThread);
                assertThat(worker).isSameAs(thread.thread());
            } finally {
                thread.close();
            }
            assertThat(worker.isAlive()).isFalse();
            assertThatThrownBy(() -> thread.call(() -> 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the thread in " + ns.path() + " is stopped");
        }
    }

    @Test
    void execRunsTheCommandInsideTheNamespace() throws Exception {
        try (NetworkNamespace ns = newNamespace("exec")) {
            assertThat(NetworkNamespace.parseLinkNames(ns.exec("ip", "-o", "link", "show").stdout())).containsExactly("lo");
            assertThatThrownBy(() -> ns.exec("ip", "link", "show", "dev", "nosuch"))
                    .isInstanceOf(CommandException.class)
                    .hasMessage("`" + Commands.ip() + " netns exec " + ns.name() + " ip link show dev nosuch` exited with 1: "
                            + "Device \"nosuch\" does not exist.");
        }
    }

    @Test
    void createRefusesATakenNameWithIpsMessage() throws Exception {
        try (NetworkNamespace ns = newNamespace("taken")) {
            assertThatThrownBy(() -> NetworkNamespace.create(ns.name()))
                    .isInstanceOfSatisfying(CommandException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                    .hasMessage("`" + Commands.ip() + " netns add " + ns.name() + "` exited with 1: "
                            + "Cannot create namespace file \"/run/netns/" + ns.name() + "\": File exists");
        }
    }

    @Test
    void closeDeletesTheNamespaceOnce() throws Exception {
        NetworkNamespace ns = newNamespace("close");
        assertThat(NetworkNamespace.list()).contains(ns.name());
        ns.close();
        assertThat(NetworkNamespace.list()).doesNotContain(ns.name());
        assertThat(ns.exists()).isFalse();
        ns.close(); // idempotent: no second `ip netns del`
    }

    @Test
    void closeDeletesVethEvenWhileSomethingHoldsTheNamespace() throws Exception {
        try (NetworkNamespace held = newNamespace("held");
                NetworkNamespace other = newNamespace("other")) {
            VethPair veth = VethPair.create(held, TestNamespaces.newInterfaceName('h'), other, TestNamespaces.newInterfaceName('o'));
            String name = veth.end().name();
            try (NamespaceThread inside = held.startThread();
                    RawIpSocket socket = inside.call(() -> RawIpSocket.open(47))) {
                assertThat(inside.call(() -> interfaceIndex(name))).isPositive();
                held.close();
                // the thread and the socket keep the namespace alive, unnamed; the veth is gone all the same
                assertThat(NetworkNamespace.list()).doesNotContain(held.name());
                assertThat(inside.call(() -> interfaceIndex(name))).isZero();
                assertThat(other.linkNames()).containsExactly("lo");
                assertThat(socket.isOpen()).isTrue();
            } finally {
                veth.close(); // gone already: quiet
            }
        }
    }

    @Test
    void enteringRefusesAVirtualThread() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            try {
                NetworkNamespace.enterOnCurrentThread(Path.of("/run/netns/p4j-never"));
            } catch (Throwable t) {
                thrown.set(t);
            }
        }).join(java.time.Duration.ofSeconds(10));
        assertThat(thrown.get())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("setns on a virtual thread would move its carrier thread");
    }

    @Test
    void enteringAMissingNamespaceNamesThePath() {
        assertThatThrownBy(() -> NamespaceThread.start(Path.of("/run/netns/p4j-absent"), "absent"))
                .isInstanceOf(NativeException.class)
                .hasMessage("open(/run/netns/p4j-absent): No such file or directory (ENOENT, errno 2)");
    }

    @Test
    void enteringAFileThatIsNoNamespaceGivesEinval() {
        assertThatThrownBy(() -> NamespaceThread.start(Path.of("/proc/self/status"), "not-a-namespace"))
                .isInstanceOf(NativeException.class)
                .hasMessage("setns(/proc/self/status, CLONE_NEWNET): Invalid argument (EINVAL, errno 22)");
    }

    @Test
    void rejectsNamesIpWouldMisread() {
        assertThatThrownBy(() -> NetworkNamespace.create("a/b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("namespace name a/b is not of [A-Za-z0-9_.-]");
        assertThatThrownBy(() -> NetworkNamespace.create(".."))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesLinkNamesFromOneLineOutput() {
        String output = "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN\\    link/loopback 00:00\n"
                + "7: p4j3mn-3c@if6: <BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state UP\\    link/ether 7a:45\n";
        assertThat(NetworkNamespace.parseLinkNames(output)).containsExactly("lo", "p4j3mn-3c");
    }

    static NetworkNamespace newNamespace(String role) throws IOException {
        RootRequired.check();
        TestNamespaces.sweepStaleOnce();
        return NetworkNamespace.create(TestNamespaces.newNamespaceName(role));
    }

    private static String currentThreadNamespace() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
    }

    /** if_nametoindex in the calling thread's namespace: 0 when there is no such interface. */
    static int interfaceIndex(String name) {
        try (Arena arena = Arena.ofConfined()) {
            return Libc.ifNameToIndex(Libc.newCallState(arena), arena.allocateFrom(name));
        }
    }
}
