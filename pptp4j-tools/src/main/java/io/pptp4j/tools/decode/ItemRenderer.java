package io.pptp4j.tools.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pptp4j.control.ControlMessage;
import io.pptp4j.gre.GreHeader;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.ppp.PppMessage;
import io.pptp4j.tools.render.TextRenderer;
import io.pptp4j.tools.render.TreeRenderer;
import io.pptp4j.wire.DecodeException;

/**
 * The JSON and text forms of what {@code decode} finds: a control message
 * ({@code {"control": "Start-Control-Connection-Request", "abbreviation": "SCCRQ", "fields": {...}}}) or a GRE
 * packet ({@code {"gre": {"call_id": 29546, "seq": 17, "ack": 15, "payload_length": 60,
 * "ppp_protocol": 253, "ppp_protocol_name": "Compressed datagram", "ppp": {...}}}}).
 */
final class ItemRenderer {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ItemRenderer() {}

    static void control(ObjectNode into, ControlMessage m) {
        into.put("control", m instanceof ControlMessage.Unknown ? m.name() : m.name());
        into.put("abbreviation", m.abbreviation());
        JsonNode fields = TreeRenderer.toTree(m);
        if (fields instanceof ObjectNode o) {
            o.remove(java.util.List.of("name", "abbreviation"));
        }
        into.set("fields", fields);
    }

    static void gre(ObjectNode into, GrePacket p, Object ppp) {
        ObjectNode g = NODES.objectNode();
        GreHeader h = p.header();
        g.put("call_id", h.callId());
        h.sequenceNumber().ifPresent(s -> g.put("seq", s));
        h.ackNumber().ifPresent(a -> g.put("ack", a));
        g.put("payload_length", h.payloadLength());
        if (!h.conforming()) {
            g.put("flags_and_version", String.format("0x%04X", h.flagsAndVersion()));
        }
        if (p.truncated()) {
            g.put("truncated", true);
        }
        switch (ppp) {
            case null -> { }
            case PppMessage m -> {
                g.put("ppp_protocol", m.protocol());
                g.put("ppp_protocol_name", m.protocolName());
                g.set("ppp", TreeRenderer.toTree(m.content()));
            }
            case DecodeException e -> g.set("ppp", malformed(e));
            default -> throw new IllegalArgumentException(ppp.getClass().getName());
        }
        into.set("gre", g);
    }

    static ObjectNode malformed(DecodeException e) {
        ObjectNode m = NODES.objectNode();
        m.put("malformed", e.getMessage());
        m.put("layer", e.layer().displayName());
        m.put("offset", e.offset());
        return m;
    }

    /** One readable line: {@code SCCRQ Start-Control-Connection-Request protocol_version=256 ...}. */
    static String text(ObjectNode item) {
        StringBuilder sb = new StringBuilder(160);
        if (item.has("ip")) {
            sb.append(item.get("ip").asText()).append("  ");
        }
        if (item.has("ppp") && !item.has("gre")) {
            JsonNode p = item.get("ppp");
            sb.append("PPP ").append(p.get("ppp_protocol_name").asText()).append(": ")
                    .append(TextRenderer.line(p.get("content")));
        } else if (item.has("control")) {
            sb.append(item.get("abbreviation").asText()).append(' ').append(item.get("control").asText());
            String fields = TextRenderer.line(item.get("fields"));
            if (!fields.isEmpty()) sb.append("  ").append(fields);
        } else if (item.has("gre")) {
            JsonNode g = item.get("gre");
            sb.append("GRE call ").append(g.get("call_id").asInt());
            if (g.has("seq")) sb.append(" seq ").append(g.get("seq").asLong());
            if (g.has("ack")) sb.append(" ack ").append(g.get("ack").asLong());
            if (g.has("truncated")) sb.append(" (truncated)");
            if (g.has("ppp_protocol_name")) {
                sb.append("  PPP ").append(g.get("ppp_protocol_name").asText()).append(": ")
                        .append(TextRenderer.line(g.get("ppp")));
            } else if (g.has("ppp")) {
                sb.append("  PPP malformed: ").append(g.get("ppp").get("malformed").asText());
            } else {
                sb.append("  (ack only)");
            }
        } else if (item.has("malformed")) {
            sb.append("MALFORMED ").append(item.get("malformed").asText());
        } else if (item.has("gap")) {
            sb.append("GAP ").append(item.get("gap").asText());
        }
        return sb.toString();
    }
}
