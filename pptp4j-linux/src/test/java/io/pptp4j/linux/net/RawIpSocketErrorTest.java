package io.pptp4j.linux.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.linux.netns.NetworkNamespace;
import io.pptp4j.linux.testing.RootRequired;
import io.pptp4j.linux.testing.TestNamespaces;
import io.pptp4j.linux.testing.ThreadCapabilities;
import io.pptp4j.linux.testing.TwoHosts;
import org.junit.jupiter.api.Test;

/** The errors of real socket calls, with their exact text (root only: raw sockets need CAP_NET_RAW). */
class RawIpSocketErrorTest {

    @Test
    void bindToAnAddressNotOnTheHostGivesEaddrnotavail() throws Exception {
        try (NetworkNamespace ns = newNamespace();
                RawIpSocket s = ns.call(() -> RawIpSocket.open(47))) {
            assertThatThrownBy(() -> s.bind(TwoHosts.address(203, 0, 113, 77)))
                    .isInstanceOfSatisfying(NativeException.class, e -> {
                        assertThat(e.errno()).isEqualTo(99);
                        assertThat(e.is(Errno.EADDRNOTAVAIL)).isTrue();
                    })
                    .hasMessage("bind(203.0.113.77): Cannot assign requested address (EADDRNOTAVAIL, errno 99)");
            s.bind(TwoHosts.address(127, 0, 0, 1)); // the namespace's own loopback address is fine
        }
    }

    @Test
    void invalidOptionValueGivesEinval() throws Exception {
        try (NetworkNamespace ns = newNamespace();
                RawIpSocket s = ns.call(() -> RawIpSocket.open(47))) {
            assertThatThrownBy(() -> s.setIntOption(Libc.IPPROTO_IP, Libc.IP_MTU_DISCOVER, 99))
                    .isInstanceOf(NativeException.class)
                    .hasMessage("setsockopt(IPPROTO_IP, IP_MTU_DISCOVER, 99): Invalid argument (EINVAL, errno 22)");
            assertThatThrownBy(() -> s.intOption(Libc.SOL_SOCKET, 9999))
                    .isInstanceOf(NativeException.class)
                    .hasMessage("getsockopt(SOL_SOCKET, 9999): Protocol not available (ENOPROTOOPT, errno 92)");
        }
    }

    @Test
    void protocolOutOfRangeGivesEinval() throws Exception {
        try (NetworkNamespace ns = newNamespace()) {
            assertThatThrownBy(() -> ns.call(() -> RawIpSocket.open(300)))
                    .isInstanceOf(NativeException.class)
                    .hasMessage("socket(AF_INET, SOCK_RAW, 300): Invalid argument (EINVAL, errno 22)");
        }
    }

    @Test
    void openWithoutNetRawGivesEperm() throws Exception {
        try (NetworkNamespace ns = newNamespace()) {
            assertThatThrownBy(() -> ns.call(() -> {
                ThreadCapabilities.dropEffective(ThreadCapabilities.CAP_NET_RAW);
                return RawIpSocket.open(47);
            }))
                    .isInstanceOfSatisfying(NativeException.class, e -> assertThat(e.is(Errno.EPERM)).isTrue())
                    .hasMessage("socket(AF_INET, SOCK_RAW, 47): Operation not permitted (EPERM, errno 1)");
            // only that thread lost the capability
            ns.call(() -> RawIpSocket.open(47)).close();
        }
    }

    private static NetworkNamespace newNamespace() throws Exception {
        RootRequired.check();
        TestNamespaces.sweepStaleOnce();
        NetworkNamespace ns = NetworkNamespace.create(TestNamespaces.newNamespaceName("errors"));
        try {
            ns.loopbackUp();
            return ns;
        } catch (Exception e) {
            ns.close();
            throw e;
        }
    }
}
