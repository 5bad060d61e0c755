package io.pptp4j.linux.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading nmap's XML; the scan itself is in {@link RealPeersTest#nmapReadsPptpdBanner}. */
class NmapPeerTest {

    @Test
    void readsVendorFirmwareAndHostOfPptpd() throws Exception {
        NmapPeer.PptpVersion v = NmapPeer.parse(resource("nmap-pptpd.xml"));
        assertThat(v.portState()).isEqualTo("open");
        assertThat(v.serviceName()).contains("pptp");
        assertThat(v.vendor()).contains("linux");
        assertThat(v.firmware()).hasValue(1);
        assertThat(v.hostname()).contains("local");
    }

    @Test
    void closedPortHasNoService() throws Exception {
        NmapPeer.PptpVersion v = NmapPeer.parse("<?xml version=\"1.0\"?><nmaprun><host><ports>"
                + "<port protocol=\"tcp\" portid=\"1723\"><state state=\"closed\" reason=\"reset\"/></port>"
                + "</ports></host></nmaprun>");
        assertThat(v.portState()).isEqualTo("closed");
        assertThat(v.serviceName()).isEmpty();
        assertThat(v.vendor()).isEmpty();
        assertThat(v.firmware()).isEmpty();
    }

    @Test
    void firmwareZeroIsLeftOutByTheScript() throws Exception {
        // pptp-version sets no version when the Firmware Revision is 0
        NmapPeer.PptpVersion v = NmapPeer.parse("<nmaprun><host><ports><port protocol=\"tcp\" portid=\"1723\">"
                + "<state state=\"open\"/><service name=\"pptp\" product=\"MoretonBay\" hostname=\"\"/></port>"
                + "</ports></host></nmaprun>");
        assertThat(v.vendor()).contains("MoretonBay");
        assertThat(v.firmware()).isEmpty();
        assertThat(v.hostname()).contains("");
    }

    @Test
    void rejectsOutputWithoutPort1723() {
        assertThatThrownBy(() -> NmapPeer.parse("<nmaprun><host><ports/></host></nmaprun>"))
                .isInstanceOf(IOException.class)
                .hasMessage("nmap's XML has no tcp port 1723:\n<nmaprun><host><ports/></host></nmaprun>");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = NmapPeerTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
