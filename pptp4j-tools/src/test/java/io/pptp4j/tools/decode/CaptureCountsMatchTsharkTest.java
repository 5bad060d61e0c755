package io.pptp4j.tools.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.analysis.PptpItem;
import io.pptp4j.analysis.PptpTrafficDecoder;
import io.pptp4j.linux.capture.CaptureFileReader;
import io.pptp4j.tools.testing.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every capture under testdata/captures (so also for any added later): the number of PPTP control
 * messages of each type and of GRE packets of each PPP protocol that pptp4j finds equals what tshark
 * reports for the same file, and nothing is malformed.
 */
public class CaptureCountsMatchTsharkTest {

    static Stream<Path> captures() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("../testdata/captures"))) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
                    .sorted().toList();
            assertThat(list).as("captures in testdata/captures").hasSizeGreaterThanOrEqualTo(5);
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void countsEqualTsharksAndNothingIsMalformed(Path capture) throws Exception {
        List<PptpItem> problems = new ArrayList<>();
        Map<String, Integer> ours = count(capture, problems);
        assertThat(problems).as("malformed items in " + capture).isEmpty();
        assertThat(ours).as("pptp4j's counts (left) against tshark's for " + capture).isEqualTo(tsharkCounts(capture));
    }

    /** pptp4j's counts per control type and per PPP protocol of GRE packets (for other tests too). */
    public static Map<String, Integer> ourCounts(Path capture) throws Exception {
        List<PptpItem> problems = new ArrayList<>();
        Map<String, Integer> ours = count(capture, problems);
        assertThat(problems).as("malformed items in " + capture).isEmpty();
        return ours;
    }

    private static Map<String, Integer> count(Path capture, List<PptpItem> problems) throws Exception {
        Map<String, Integer> ours = new TreeMap<>();
        PptpTrafficDecoder decoder = new PptpTrafficDecoder(item -> {
            switch (item) {
                case PptpItem.Control c -> ours.merge("control " + c.message().controlMessageType(), 1, Integer::sum);
                case PptpItem.Gre g -> {
                    ours.merge("gre ppp " + (g.ppp() == null ? "none" : String.format("0x%04x", g.ppp().protocol())), 1, Integer::sum);
                    if (g.malformed()) problems.add(g);
                }
                case PptpItem.Malformed m -> problems.add(m);
                case PptpItem.Gap gap -> problems.add(gap);
            }
        });
        CaptureFileReader.read(capture, decoder);
        decoder.finish();
        return ours;
    }

    /** Per frame: every PPTP Control Message Type, and for a GRE packet the outermost PPP protocol. */
    public static Map<String, Integer> tsharkCounts(Path capture) throws Exception {
        String fields = ExternalTool.run(120, "tshark", "-r", capture.toString(), "-Y", "pptp || gre",
                "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,", "-e", "pptp.control_message_type",
                "-e", "gre.proto", "-e", "ppp.protocol");
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : fields.split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            if (!f[0].isEmpty()) {
                for (String type : f[0].split(",")) {
                    counts.merge("control " + Integer.parseInt(type.strip()), 1, Integer::sum);
                }
            }
            if (f.length > 1 && !f[1].isEmpty()) {
                String ppp = f.length > 2 && !f[2].isEmpty() ? f[2].split(",")[0].strip() : "none";
                counts.merge("gre ppp " + ppp.toLowerCase(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
