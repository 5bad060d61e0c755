package io.pptp4j.tools.decode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.gre.GreCodec;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.hdlc.AsyncHdlcDecoder;
import io.pptp4j.hdlc.HdlcEvent;
import io.pptp4j.ppp.PppMessage;
import io.pptp4j.ppp.PppMessageDecoder;
import io.pptp4j.tools.Main;
import io.pptp4j.tools.UserException;
import io.pptp4j.tools.render.TextRenderer;
import io.pptp4j.tools.render.TreeRenderer;
import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import io.pptp4j.wire.Layer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pptp4j decode}: one packet from hex, or every PPTP item of a capture file. */
@Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Decode PPTP from hex or from a capture file.",
                "HEX is one PPTP control message, one GRE packet (with or without its IPv4 or IPv6 header), "
                        + "async HDLC bytes as on a pppd pty, or one PPP frame; white space and colons are ignored.",
                "With --pcap, prints every PPTP control message (TCP 1723, streams put in order, retransmissions dropped) "
                        + "and every GRE packet with its PPP content, one per line."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:decoded", "1:input that could not be read or decoded", "2:usage error"})
public final class DecodeCommand implements Callable<Integer> {
    /** Made on first use: picocli instantiates every command at start-up, and Jackson costs 0.2 s to load. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Parameters(paramLabel = "HEX", description = "the bytes to decode, in hex")
        String hex;

        @Option(names = "--pcap", paramLabel = "FILE", description = "a pcap or pcapng file")
        Path pcap;
    }

    @Option(names = "--json", description = "JSON: one object (HEX) or one object per line (--pcap)")
    boolean json;

    @Option(names = "--as", paramLabel = "KIND", description = "what HEX holds, when not to guess: ${COMPLETION-CANDIDATES}")
    PacketSniffer.Kind as;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (input.pcap != null) {
            return new CaptureDecoding(out, spec.commandLine().getErr(), json).run(input.pcap);
        }
        byte[] bytes;
        try {
            bytes = Hex.parse(input.hex);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "HEX is not hexadecimal: " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "HEX is empty");
        }
        PacketSniffer.Kind kind = as != null ? as : PacketSniffer.sniff(bytes);
        if (kind == null) {
            throw new UserException("cannot tell what these " + bytes.length + " bytes are: no PPTP Magic Cookie at offset 4, "
                    + "no IPv4/IPv6 header with protocol 47, no GRE Protocol Type 0x880B at offset 2, no HDLC flag, "
                    + "no PPP Address/Control or known Protocol; say which with --as");
        }
        List<ObjectNode> items = decodeHex(bytes, kind);
        for (ObjectNode item : items) {
            out.println(json ? Json.MAPPER.writeValueAsString(item) : ItemRenderer.text(item));
        }
        return items.stream().anyMatch(i -> i.has("malformed") || hasMalformedPpp(i)) ? Main.EXIT_FAILURE : 0;
    }

    private static boolean hasMalformedPpp(ObjectNode item) {
        return item.has("gre") && item.get("gre").has("ppp") && item.get("gre").get("ppp").has("malformed");
    }

    /** Decodes one lone packet leniently: a malformed part is shown as such with its reason. */
    static List<ObjectNode> decodeHex(byte[] b, PacketSniffer.Kind kind) {
        List<ObjectNode> items = new ArrayList<>();
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        try {
            switch (kind) {
                case CONTROL -> {
                    ControlMessage m = ControlMessageCodec.decode(b, DecodeMode.LENIENT);
                    ItemRenderer.control(item, m);
                }
                case IPV4 -> {
                    int ihl = (b[0] & 0x0F) * 4;
                    if (ihl < 20 || ihl > b.length) {
                        throw new DecodeException(Layer.IP, "IPv4", "IHL", 0, "20 to " + b.length + " bytes", ihl + " bytes");
                    }
                    item.put("ip", "IPv4 " + addr(b, 12, 4) + " -> " + addr(b, 16, 4));
                    gre(item, ByteReader.of(b, ihl, b.length, Layer.GRE, "GRE"));
                }
                case IPV6 -> {
                    item.put("ip", "IPv6 " + addr(b, 8, 16) + " -> " + addr(b, 24, 16));
                    gre(item, ByteReader.of(b, 40, b.length, Layer.GRE, "GRE"));
                }
                case GRE -> gre(item, ByteReader.of(b, Layer.GRE, "GRE"));
                case HDLC -> {
                    AsyncHdlcDecoder decoder = new AsyncHdlcDecoder();
                    decoder.feed(b, 0, b.length, event -> items.add(hdlcItem(event)));
                    return items;
                }
                case PPP -> item.set("ppp", pppTree(PppMessageDecoder.decode(b, DecodeMode.LENIENT)));
            }
        } catch (DecodeException e) {
            item.setAll(ItemRenderer.malformed(e));
        }
        items.add(item);
        return items;
    }

    private static void gre(ObjectNode item, ByteReader r) throws DecodeException {
        GrePacket p = GreCodec.decode(r, DecodeMode.LENIENT);
        Object ppp = null;
        if (!p.payload().isEmpty()) {
            try {
                ppp = PppMessageDecoder.decode(p.payload().toArray(), DecodeMode.LENIENT);
            } catch (DecodeException e) {
                ppp = e.shifted(r.startOffset() + p.header().headerLength());
            }
        }
        ItemRenderer.gre(item, p, ppp);
    }

    private static ObjectNode hdlcItem(HdlcEvent event) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        switch (event) {
            case HdlcEvent.Frame f -> {
                try {
                    item.set("ppp", pppTree(PppMessageDecoder.decode(f.frame().toArray(), DecodeMode.LENIENT)));
                } catch (DecodeException e) {
                    item.setAll(ItemRenderer.malformed(e));
                }
            }
            default -> item.put("malformed", "HDLC: " + TextRenderer.line(TreeRenderer.toTree(event)));
        }
        return item;
    }

    private static ObjectNode pppTree(PppMessage m) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("ppp_protocol", m.protocol());
        o.put("ppp_protocol_name", m.protocolName());
        o.set("content", TreeRenderer.toTree(m.content()));
        return o;
    }

    private static String addr(byte[] b, int at, int len) {
        try {
            return java.net.InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, at, at + len)).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static UserException failure(String message) { return new UserException(message); }
}
