package io.pptp4j.tools.pptp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.linux.peers.GreCapture;
import io.pptp4j.linux.testing.RootRequired;
import io.pptp4j.linux.testing.TwoHosts;
import io.pptp4j.tools.testing.CliProcess;
import io.pptp4j.tools.testing.ExternalTool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One PPTP control message per TCP segment, both ways (issue 3: the kernel's PPTP NAT helper reads
 * only the first message of a segment). {@code pptp4j connect} against {@code pptp4j server} in two
 * network namespaces, tcpdump on the server's veth, and tshark's PPTP dissector reading every segment
 * that carries data: set-up, keepalive (the server sends Echo-Request after 1 s
 * idle), call clear and stop.
 */
class ControlSegmentsOnTheNetworkTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void everySegmentWithDataHoldsExactlyOneControlMessage(@TempDir Path dir) throws Exception {
        RootRequired.check();
        ExternalTool.require("tcpdump");
        ExternalTool.require("tshark");
        String server = TwoHosts.SERVER_ADDRESS.getHostAddress();
        Path pcap;
        try (TwoHosts hosts = TwoHosts.create();
             GreCapture capture = GreCapture.start(hosts.server(), hosts.serverInterface(), dir, "control", "tcp port 1723");
             CliProcess pptpServer = CliProcess.start(hosts.server(), "server", "--listen", server, "--echo-interval", "1")) {
            pptpServer.awaitOutput("listening on", WAIT);
            CliProcess.Result r = CliProcess.run(hosts.client(), WAIT, "connect", server, "--hold", "3");
            assertThat(r.exitCode()).as(r.output()).isZero();
            pptpServer.awaitOutput("closed after", WAIT);
            capture.stop();
            pcap = capture.file();
        }

        String segments = ExternalTool.run(60, "tshark", "-r", pcap.toString(), "-Y", "tcp.len > 0", "-T", "fields",
                "-e", "frame.number", "-e", "tcp.srcport", "-e", "tcp.len", "-e", "pptp.length",
                "-e", "pptp.control_message_type");
        // tshark's PPTP dissector, like the NAT helper, reads the first message of a segment only: a segment
        // holds exactly one whole message when that message's Length is the segment's TCP data length
        // (two messages, or one cut across segments, make them differ)
        List<String> problems = new ArrayList<>();
        Set<Integer> types = new TreeSet<>();
        int messages = 0;
        for (String line : segments.strip().split("\n")) {
            String[] f = line.split("\t", -1);
            String[] lengths = f[3].isEmpty() ? new String[0] : f[3].split(",");
            if (lengths.length != 1 || !lengths[0].equals(f[2])) {
                problems.add("frame " + f[0] + " from port " + f[1] + ": " + f[2] + " octets of TCP data, PPTP message lengths ["
                        + f[3] + "]");
                continue;
            }
            messages++;
            types.add(Integer.parseInt(f[4]));
        }
        assertThat(problems).as("segments that do not hold exactly one whole control message:\n%s", segments).isEmpty();
        // SCCRQ 1, SCCRP 2, Stop 3 and 4, Echo 5 and 6, OCRQ 7, OCRP 8, CCRQ 12, CDN 13
        assertThat(types).as(segments).contains(1, 2, 3, 4, 5, 6, 7, 8, 12, 13);
        assertThat(messages).as(segments).isGreaterThanOrEqualTo(12);
    }
}
