package io.pptp4j.tools.scan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pptp4j.scan.Conditions;
import io.pptp4j.scan.Confidence;
import io.pptp4j.scan.FingerprintDatabase;
import io.pptp4j.scan.FingerprintRule;
import io.pptp4j.scan.SignRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a fingerprint data file (JSON) into a {@link FingerprintDatabase}. The file bundled as
 * {@code fingerprints.json} next to this class is the default; {@code --fingerprints FILE} replaces it.
 * Every rule is checked on loading: an unknown key, a bad pattern or a bad range is an error naming the
 * rule.
 */
public final class FingerprintFile {
    private static final Set<String> CONDITION_KEYS = Set.of("vendor", "hostname", "firmware", "max_channels");
    private static final Set<String> PRODUCT_KEYS = Set.of("id", "vendor", "hostname", "firmware", "max_channels", "product", "os",
            "confidence", "end_of_life", "note");
    private static final Set<String> SIGN_KEYS = Set.of("id", "vendor", "hostname", "firmware", "max_channels", "reason");

    private FingerprintFile() {}

    /** The bundled database. */
    public static FingerprintDatabase bundled() {
        try (InputStream in = FingerprintFile.class.getResourceAsStream("fingerprints.json")) {
            if (in == null) throw new IllegalStateException("fingerprints.json is missing from the class path");
            return parse(in, "bundled fingerprints.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FingerprintDatabase load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        }
    }

    /** @throws IllegalArgumentException naming the source, the rule and what is wrong */
    public static FingerprintDatabase parse(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(source + ": not JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException(source + ": expected a JSON object");
        try {
            List<FingerprintRule> products = new ArrayList<>();
            for (JsonNode n : array(root, "products")) {
                keys(n, PRODUCT_KEYS);
                String id = text(n, "id", true);
                products.add(new FingerprintRule(id, conditions(n, id), text(n, "product", true), text(n, "os", false),
                        Confidence.parse(text(n, "confidence", true)), text(n, "end_of_life", false), text(n, "note", false)));
            }
            return new FingerprintDatabase(products, signs(root, "honeypot_signs"), signs(root, "defacement_signs"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }

    /**
     * The file as a tree, read with the streaming parser: an ObjectMapper would do the same, but setting one
     * up costs a scan about 0.2 s of start-up.
     */
    private static JsonNode readTree(InputStream in) throws IOException {
        try (JsonParser p = JsonlResultWriter.FACTORY.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == null) return null;
            return value(p, t); // what follows is not read, as ObjectMapper.readTree does by default
        }
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (t) {
            case START_OBJECT -> {
                ObjectNode o = f.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken()));
                }
                yield o;
            }
            case START_ARRAY -> {
                ArrayNode a = f.arrayNode();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) a.add(value(p, v));
                yield a;
            }
            case VALUE_STRING -> f.textNode(p.getText());
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.INT ? f.numberNode(p.getIntValue())
                    : p.getNumberType() == JsonParser.NumberType.LONG ? f.numberNode(p.getLongValue()) : f.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> f.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> f.booleanNode(true);
            case VALUE_FALSE -> f.booleanNode(false);
            case VALUE_NULL -> f.nullNode();
            default -> throw new com.fasterxml.jackson.core.JsonParseException(p, "Unexpected token " + t);
        };
    }

    private static List<SignRule> signs(JsonNode root, String key) {
        List<SignRule> signs = new ArrayList<>();
        for (JsonNode n : array(root, key)) {
            keys(n, SIGN_KEYS);
            String id = text(n, "id", true);
            signs.add(new SignRule(id, conditions(n, id), text(n, "reason", true)));
        }
        return signs;
    }

    private static Iterable<JsonNode> array(JsonNode root, String key) {
        JsonNode a = root.get(key);
        if (a == null) return List.of();
        if (!a.isArray()) throw new IllegalArgumentException("'" + key + "' must be an array");
        return a;
    }

    private static void keys(JsonNode n, Set<String> allowed) {
        if (!n.isObject()) throw new IllegalArgumentException("each rule must be an object, found " + n);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException("rule " + n.path("id").asText("?") + ": unknown key '" + k + "'");
            }
        }
    }

    private static String text(JsonNode n, String key, boolean required) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (required) throw new IllegalArgumentException("rule " + n.path("id").asText("?") + ": '" + key + "' is missing");
            return null;
        }
        if (!v.isTextual()) throw new IllegalArgumentException("rule " + n.path("id").asText("?") + ": '" + key + "' must be a string");
        return v.asText();
    }

    private static Conditions conditions(JsonNode n, String id) {
        Integer min = null;
        Integer max = null;
        String firmware = n.has("firmware") ? n.get("firmware").asText() : null;
        if (firmware != null) {
            if (!firmware.matches("\\d{1,5}(-\\d{1,5})?")) {
                throw new IllegalArgumentException("rule " + id + ": firmware '" + firmware + "' is not N or N-M");
            }
            int dash = firmware.indexOf('-');
            min = Integer.valueOf(dash < 0 ? firmware : firmware.substring(0, dash));
            max = dash < 0 ? min : Integer.valueOf(firmware.substring(dash + 1));
        }
        Integer channels = n.has("max_channels") ? n.get("max_channels").asInt() : null;
        if (CONDITION_KEYS.stream().noneMatch(n::has)) {
            throw new IllegalArgumentException("rule " + id + ": needs vendor, hostname, firmware or max_channels");
        }
        return new Conditions(pattern(n, "vendor", id), pattern(n, "hostname", id), min, max, channels);
    }

    private static Pattern pattern(JsonNode n, String key, String id) {
        String p = text(n, key, false);
        if (p == null) return null;
        try {
            return Pattern.compile(p);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("rule " + id + ": " + key + " pattern '" + p + "': " + e.getDescription());
        }
    }
}
