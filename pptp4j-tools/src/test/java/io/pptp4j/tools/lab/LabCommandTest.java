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
    void anEmptyDirectoryIsAClearError(@TempDir Path dir) {
        CliTestSupport r = CliTestSupport.run("lab", "--captures", dir.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).endsWith("no .pcap or .pcapng files");
    }
}
