package io.pptp4j.linux.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.linux.testing.TwoHosts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the peers are started with. */
class PeerConfigTest {

    @Test
    void pptpdConfNamesProgramOptionsAndListenAddress() {
        PptpdConfig config = PptpdConfig.of(TwoHosts.SERVER_ADDRESS, Path.of("/t/ppp-echo.sh"));
        assertThat(config.pptpdConf(Path.of("/t/pptpd-options"))).isEqualTo("""
                # written by pptp4j's tests (io.pptp4j.linux.peers.PptpdPeer)
                ppp /t/ppp-echo.sh
                option /t/pptpd-options
                listen 192.0.2.2
                stimeout 10
                localip 203.0.113.250
                remoteip 203.0.113.240-249
                debug
                """);
        assertThat(config.optionsFile()).isEqualTo("# read by the ppp program only\n");
    }

    @Test
    void noIpParamIsAKeyword() {
        PptpdConfig config = PptpdConfig.of(TwoHosts.SERVER_ADDRESS, Path.of("/t/ppp")).withNoIpParam(true);
        assertThat(config.pptpdConf(Path.of("/t/o"))).endsWith("debug\nnoipparam\n");
    }

    @Test
    void pptpRunsWithoutPppdAndWithoutHostRoute() {
        assertThat(PptpLinuxOptions.of(TwoHosts.SERVER_ADDRESS).command()).containsExactly(
                "pptp", "192.0.2.2", "--nolaunchpppd", "--loglevel", "2", "--nobuffer", "--nohostroute");
        assertThat(PptpLinuxOptions.of(TwoHosts.SERVER_ADDRESS).withLocalBind(TwoHosts.CLIENT_ADDRESS).command())
                .endsWith("--nohostroute", "--localbind", "192.0.2.1");
    }
}
