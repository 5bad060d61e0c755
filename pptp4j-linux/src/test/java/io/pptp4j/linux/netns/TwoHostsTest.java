package io.pptp4j.linux.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.linux.testing.RootRequired;
import io.pptp4j.linux.testing.TestNamespaces;
import io.pptp4j.linux.testing.TwoHosts;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test fixture itself: what it builds and that it leaves nothing behind. */
class TwoHostsTest {

    @Test
    void buildsTwoHostsOnOneLink() throws Exception {
        try (TwoHosts hosts = TwoHosts.create()) {
            assertThat(hosts.client().linkNames()).containsExactlyInAnyOrder("lo", hosts.clientInterface());
            assertThat(hosts.server().linkNames()).containsExactlyInAnyOrder("lo", hosts.serverInterface());
            assertThat(hosts.client().ip("-o", "-4", "address", "show", "dev", hosts.clientInterface()).stdout())
                    .contains("inet 192.0.2.1/24");
            assertThat(hosts.server().ip("-o", "-4", "address", "show", "dev", hosts.serverInterface()).stdout())
                    .contains("inet 192.0.2.2/24");
            assertThat(hosts.server().ip("-o", "link", "show", "dev", "lo").stdout()).contains(",UP");
            assertThat(hosts.server().ip("-o", "link", "show", "dev", hosts.serverInterface()).stdout()).contains(",UP");
        }
    }

    @Test
    void closeRemovesNamespacesAndVeth() throws Exception {
        List<String> names;
        try (TwoHosts hosts = TwoHosts.create()) {
            names = List.of(hosts.client().name(), hosts.server().name(), hosts.clientInterface(), hosts.serverInterface());
            assertThat(NetworkNamespace.list()).contains(names.get(0), names.get(1));
        }
        assertGone(names);
    }

    @Test
    void bodyThatThrowsStillCleansUp() throws Exception {
        RootRequired.check(); // before the lambda, whose exceptions the assertion catches
        String[] names = new String[4];
        assertThatThrownBy(() -> {
            try (TwoHosts hosts = TwoHosts.create()) {
                names[0] = hosts.client().name();
                names[1] = hosts.server().name();
                names[2] = hosts.clientInterface();
                names[3] = hosts.serverInterface();
                throw new IllegalStateException("test body failed");
            }
        }).isInstanceOf(IllegalStateException.class).hasMessage("test body failed").hasNoSuppressedExceptions();
        assertThat(names).doesNotContainNull();
        assertGone(List.of(names));
    }

    @Test
    void sweepRemovesNamespacesOfDeadTestProcessesOnly() throws Exception {
        NetworkNamespace mine = NetworkNamespaceTest.newNamespace("alive");
        Process gone = new ProcessBuilder(Commands.ip(), "-V").start();
        gone.waitFor();
        String stale = "p4j-" + gone.pid() + "-1-stale";
        try {
            NetworkNamespace.create(stale);
            assertThat(TestNamespaces.sweepStale()).contains(stale).doesNotContain(mine.name());
            assertThat(NetworkNamespace.list()).doesNotContain(stale).contains(mine.name());
        } finally {
            mine.close();
            if (NetworkNamespace.list().contains(stale)) {
                NetworkNamespace.delete(stale);
            }
        }
    }

    @Test
    void namesAreUniqueAndFitTheKernelLimits() {
        String a = TestNamespaces.newInterfaceName('c');
        String b = TestNamespaces.newInterfaceName('c');
        assertThat(a).isNotEqualTo(b).hasSizeLessThanOrEqualTo(VethPair.MAX_NAME_LENGTH).startsWith("p4j");
        assertThat(TestNamespaces.ownerPid(a)).hasValue(ProcessHandle.current().pid());
        assertThat(TestNamespaces.ownerPid(TestNamespaces.newNamespaceName("client"))).hasValue(ProcessHandle.current().pid());
        assertThat(TestNamespaces.ownerPid("p4jx")).isEmpty();
    }

    private static void assertGone(List<String> names) throws IOException {
        assertThat(NetworkNamespace.list()).doesNotContain(names.get(0), names.get(1));
        assertThat(NetworkNamespace.RUN_NETNS.resolve(names.get(0))).doesNotExist();
        assertThat(NetworkNamespace.RUN_NETNS.resolve(names.get(1))).doesNotExist();
        assertThat(TestNamespaces.hostLinks()).doesNotContain(names.get(2), names.get(3));
    }
}
