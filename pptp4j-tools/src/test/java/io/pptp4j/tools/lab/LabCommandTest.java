package io.pptp4j.tools.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.tools.CliTestSupport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabCommandTest {

    @Test
    void summarisesEveryBundledCaptureLayerByLayer() {
        CliTestSupport r = CliTestSupport.run("lab", "--captures", "../testdata/captures");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("5 real PPTP captures",
                "pptpcrack-windows-rras-session.pcap  (4587 frames)",
                "LCP asks for EAP, then MS_CHAP_V2",
                "CHAP user \"vpnuser\"; CHAP Success",
                "697 MPPE-encrypted frames",
                "vendor \"Microsoft Windows NT\" firmware 2160",
                "2 IP datagrams in clear  <- PPP data without MPPE");
        assertThat(r.out()).doesNotContain("did not decode");
    }

    @Test
    void asRootTheLiveLabPingsThroughATunnelOfOurOwnAndLeavesNothingBehind() throws Exception {
        io.pptp4j.linux.testing.RootRequired.check();
        io.pptp4j.tools.testing.ExternalTool.require("tcpdump");
        CliTestSupport r = CliTestSupport.run("lab");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains(
                "a PPTP server and client of our own in throwaway network namespaces",
                "server vendor \"pptp4j-lab\"",
                "MS-CHAPv2 as \"lab\"",
                "MPPE 128-bit stateless",
                "our address 198.51.100.10, the server's 198.51.100.1, DNS 198.51.100.53",
                "MTU 1396 = MRU less 4 octets of MPPE",
                "3/3 replies",
                " 0 IP datagrams in clear",
                "namespaces, interfaces and processes removed");
        assertThat(r.out()).containsPattern("wire +LCP x\\d+, CHAP x\\d+, CCP x\\d+, IPCP x\\d+, Compressed datagram x\\d+");
        assertThat(io.pptp4j.linux.netns.NetworkNamespace.list()).noneMatch(n -> n.startsWith("p4jlab-"));
    }

    @Test
    void inMemoryTheEnginesNegotiateAndCarryAnEncryptedDatagram() {
        CliTestSupport r = CliTestSupport.run("lab", "--in-memory");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("--in-memory; here is what runs without it",
                "MS_CHAP_V2 as \"lab\"", "MPPE 128-bit stateless",
                "client 198.51.100.10, server 198.51.100.1, DNS [198.51.100.53], MTU 1396",
                "crossed as PPP protocol 0x00FD", "came out intact",
                "5 real PPTP captures");
    }

    @Test
    void anEmptyDirectoryIsAClearError(@TempDir Path dir) {
        CliTestSupport r = CliTestSupport.run("lab", "--captures", dir.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).endsWith("no .pcap or .pcapng files");
    }
}
