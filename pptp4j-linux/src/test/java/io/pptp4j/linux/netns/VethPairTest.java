package io.pptp4j.linux.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.linux.testing.TestNamespaces;
import org.junit.jupiter.api.Test;

class VethPairTest {

    @Test
    void hostEndStaysHereAndPeerMovesIntoTheNamespace() throws Exception {
        try (NetworkNamespace ns = NetworkNamespaceTest.newNamespace("veth")) {
            String hostName = TestNamespaces.newInterfaceName('h');
            String peerName = TestNamespaces.newInterfaceName('p');
            VethPair veth = VethPair.create(hostName, ns, peerName);
            try {
                assertThat(veth.end().namespace()).isEmpty();
                assertThat(veth.peer().namespace()).containsSame(ns);
                assertThat(TestNamespaces.hostLinks()).contains(hostName).doesNotContain(peerName);
                assertThat(ns.linkNames()).containsExactlyInAnyOrder("lo", peerName);
            } finally {
                veth.close();
            }
            assertThat(TestNamespaces.hostLinks()).doesNotContain(hostName);
            assertThat(ns.linkNames()).containsExactly("lo");
            veth.close(); // idempotent
        }
    }

    @Test
    void endsTakeAddressesAndComeUp() throws Exception {
        try (NetworkNamespace a = NetworkNamespaceTest.newNamespace("up-a");
                NetworkNamespace b = NetworkNamespaceTest.newNamespace("up-b");
                VethPair veth = VethPair.create(a, TestNamespaces.newInterfaceName('a'), b, TestNamespaces.newInterfaceName('b'))) {
            veth.end().addAddress(io.pptp4j.linux.testing.TwoHosts.address(198, 51, 100, 1), 24).up();
            veth.peer().up();
            String shown = a.ip("-o", "-4", "address", "show", "dev", veth.end().name()).stdout();
            assertThat(shown).contains("inet 198.51.100.1/24");
            assertThat(a.ip("-o", "link", "show", "dev", veth.end().name()).stdout()).contains(",UP");
        }
    }

    @Test
    void closeIsQuietWhenTheNamespaceTookThePairAlong() throws Exception {
        NetworkNamespace a = NetworkNamespaceTest.newNamespace("gone-a");
        try (NetworkNamespace b = NetworkNamespaceTest.newNamespace("gone-b")) {
            VethPair veth = VethPair.create(a, TestNamespaces.newInterfaceName('a'), b, TestNamespaces.newInterfaceName('b'));
            a.close();
            veth.close();
            assertThat(b.linkNames()).containsExactly("lo");
        } finally {
            a.close();
        }
    }

    @Test
    void failureCarriesTheCommandAndIpsMessage() throws Exception {
        try (NetworkNamespace a = NetworkNamespaceTest.newNamespace("dup-a");
                NetworkNamespace b = NetworkNamespaceTest.newNamespace("dup-b");
                VethPair veth = VethPair.create(a, "dup0", b, "dup1")) {
            assertThatThrownBy(() -> VethPair.create(a, "dup0", b, "dup1"))
                    .isInstanceOfSatisfying(CommandException.class, e -> assertThat(e.stderr()).contains("File exists"))
                    .hasMessage("`" + Commands.ip() + " -n " + a.name() + " link add name dup0 type veth peer name dup1 netns "
                            + b.name() + "` exited with 2: RTNETLINK answers: File exists");
            assertThat(veth.end().name()).isEqualTo("dup0");
        }
    }

    @Test
    void rejectsNamesTheKernelWouldRefuse() {
        assertThatThrownBy(() -> VethPair.create("sixteen-chars-xx", null, "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interface name \"sixteen-chars-xx\" is not 1..15 printable characters without '/', ':' or spaces");
        assertThatThrownBy(() -> VethPair.create("a b", null, "b")).isInstanceOf(IllegalArgumentException.class);
    }
}
