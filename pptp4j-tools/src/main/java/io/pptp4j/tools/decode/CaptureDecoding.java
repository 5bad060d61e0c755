package io.pptp4j.tools.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pptp4j.analysis.PptpItem;
import io.pptp4j.analysis.PptpTrafficDecoder;
import io.pptp4j.linux.capture.CaptureFileException;
import io.pptp4j.linux.capture.CaptureFileReader;
import io.pptp4j.tools.Main;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code decode --pcap}: every PPTP item of a capture file, one line each (text or JSON), then a summary
 * on standard error. A truncated file prints everything before the cut, then says where it was cut and
 * exits 1.
 */
final class CaptureDecoding {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private long controls;
    private long gres;
    private long malformed;
    private long gaps;

    CaptureDecoding(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    int run(Path file) {
        PptpTrafficDecoder decoder = new PptpTrafficDecoder(this::print);
        int exit = 0;
        try {
            CaptureFileReader.read(file, decoder);
        } catch (CaptureFileException e) {
            decoder.finish();
            out.flush();
            err.println("pptp4j decode: " + e.getMessage());
            exit = Main.EXIT_FAILURE;
            if (!e.truncated() && e.packetsDelivered() == 0) {
                return exit;
            }
        }
        decoder.finish();
        out.flush();
        err.printf("%s: %d packets, %d PPTP control messages, %d GRE packets, %d malformed, %d stream gaps%s%n",
                file, decoder.packets(), controls, gres, malformed, gaps,
                decoder.otherGre() > 0 ? ", " + decoder.otherGre() + " non-PPTP GRE packets" : "");
        return exit;
    }

    private void print(PptpItem item) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("frame", item.frame());
        node.put("time", item.timestampNanos() / 1_000_000_000.0);
        node.put("src", item.source());
        node.put("dst", item.destination());
        switch (item) {
            case PptpItem.Control c -> {
                controls++;
                ItemRenderer.control(node, c.message());
            }
            case PptpItem.Gre g -> {
                gres++;
                if (g.malformed()) malformed++;
                ItemRenderer.gre(node, g.packet(), g.ppp() != null ? g.ppp() : g.pppError());
            }
            case PptpItem.Malformed m -> {
                malformed++;
                node.put("malformed", m.reason());
            }
            case PptpItem.Gap gap -> {
                gaps++;
                node.put("gap", gap.missingBytes() + " bytes of the TCP stream were not captured");
            }
        }
        if (json) {
            try {
                out.println(JSON.writeValueAsString(node));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.printf("%6d  %s -> %s  %s%n", item.frame(), item.source(), item.destination(), ItemRenderer.text(node));
        }
    }
}
