package io.pptp4j.tools.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The readable one-line form of a rendered tree: {@code Configure-Request identifier=1 options=[
 * Maximum-Receive-Unit mru=1400, Magic-Number magic_number=0x1234]}. An object's {@code name} leads
 * without its key; text with spaces is quoted.
 */
public final class TextRenderer {
    /** The field that says what an object is, shown first without its key. */
    private static final java.util.List<String> LEADS = java.util.List.of("code_name", "type_name", "name");

    private TextRenderer() {}

    public static String line(JsonNode node) {
        StringBuilder sb = new StringBuilder(128);
        append(sb, node, true);
        return sb.toString();
    }

    private static void append(StringBuilder sb, JsonNode node, boolean top) {
        if (node.isObject()) {
            boolean first = true;
            if (!top) sb.append('{');
            String lead = null;
            for (String key : LEADS) {
                JsonNode name = node.get(key);
                if (name != null && name.isTextual()) {
                    lead = key;
                    sb.append(name.asText());
                    first = false;
                    break;
                }
            }
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals(lead)) continue;
                if (!first) sb.append(' ');
                first = false;
                sb.append(e.getKey()).append('=');
                append(sb, e.getValue(), false);
            }
            if (!top) sb.append('}');
        } else if (node.isArray()) {
            sb.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) sb.append(", ");
                append(sb, node.get(i), false);
            }
            sb.append(']');
        } else if (node.isTextual()) {
            String s = node.asText();
            if (s.isEmpty() || s.chars().anyMatch(c -> c == ' ' || c == ',' || c < 0x20 || c == '"')) {
                sb.append('"');
                for (char c : s.toCharArray()) {
                    if (c == '"' || c == '\\') sb.append('\\').append(c);
                    else if (c < 0x20 || c == 0x7F) sb.append(String.format("\\x%02x", (int) c));
                    else sb.append(c);
                }
                sb.append('"');
            } else {
                sb.append(s);
            }
        } else {
            sb.append(node.toString());
        }
    }
}
