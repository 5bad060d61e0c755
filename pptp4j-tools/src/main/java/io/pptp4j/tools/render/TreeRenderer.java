package io.pptp4j.tools.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pptp4j.wire.Bytes;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the codecs' immutable records into a JSON tree for {@code --json} output and the readable text
 * form: record components become snake_case fields, {@link Bytes} lower-case hex, addresses their
 * textual form, enums their display name, empty optionals are left out. A record's no-argument
 * {@code name()}, {@code abbreviation()}, {@code code()} or {@code type()} method, where it is not a
 * component, is shown first, so that every item says what it is.
 */
public final class TreeRenderer {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> LABELS = List.of("codeName", "typeName", "name", "abbreviation", "code", "type");
    /** Octet fields that hold text (CHAP and PAP names, Success and Failure messages): shown as text. */
    private static final java.util.Set<String> TEXT_FIELDS = java.util.Set.of("name", "peer_id", "message");
    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private record Shape(List<Method> labels, List<RecordComponent> components, List<String> fieldNames) {}

    private TreeRenderer() {}

    public static JsonNode toTree(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case JsonNode n -> n;
            case Bytes b -> NODES.textNode(b.hex());
            case String s -> NODES.textNode(s);
            case Boolean b -> NODES.booleanNode(b);
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case Short s -> NODES.numberNode(s);
            case Byte b -> NODES.numberNode(b);
            case Double d -> NODES.numberNode(d);
            case Character c -> NODES.textNode(c.toString());
            case InetAddress a -> NODES.textNode(a.getHostAddress());
            case Optional<?> o -> o.isPresent() ? toTree(o.get()) : NODES.missingNode();
            case OptionalLong o -> o.isPresent() ? NODES.numberNode(o.getAsLong()) : NODES.missingNode();
            case OptionalInt o -> o.isPresent() ? NODES.numberNode(o.getAsInt()) : NODES.missingNode();
            case Enum<?> e -> NODES.textNode(displayName(e));
            case Collection<?> c -> {
                ArrayNode a = NODES.arrayNode();
                for (Object o : c) {
                    a.add(toTree(o));
                }
                yield a;
            }
            case Map<?, ?> m -> {
                ObjectNode o = NODES.objectNode();
                m.forEach((k, v) -> put(o, String.valueOf(k), toTree(v)));
                yield o;
            }
            case Record r -> record(r);
            default -> NODES.textNode(value.toString());
        };
    }

    private static ObjectNode record(Record r) {
        Shape shape = SHAPES.computeIfAbsent(r.getClass(), TreeRenderer::shapeOf);
        ObjectNode o = NODES.objectNode();
        try {
            for (Method m : shape.labels) {
                put(o, snakeCase(m.getName()), toTree(m.invoke(r)));
            }
            for (int i = 0; i < shape.components.size(); i++) {
                String field = shape.fieldNames.get(i);
                Object v = shape.components.get(i).getAccessor().invoke(r);
                put(o, field, v instanceof Bytes b && TEXT_FIELDS.contains(field) ? NODES.textNode(text(b)) : toTree(v));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot render " + r.getClass().getName(), e);
        }
        return o;
    }

    private static void put(ObjectNode o, String field, JsonNode value) {
        if (!value.isMissingNode()) {
            o.set(field, value);
        }
    }

    private static Shape shapeOf(Class<?> type) {
        RecordComponent[] rc = type.getRecordComponents();
        List<String> componentNames = java.util.Arrays.stream(rc).map(RecordComponent::getName).toList();
        List<Method> labels = new java.util.ArrayList<>();
        for (String label : LABELS) {
            if (componentNames.contains(label)) {
                continue;
            }
            try {
                Method m = type.getMethod(label);
                if (!Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0) {
                    m.setAccessible(true);
                    labels.add(m);
                }
            } catch (NoSuchMethodException | RuntimeException ignored) {
                // no such label on this record
            }
        }
        for (RecordComponent c : rc) {
            c.getAccessor().setAccessible(true);
        }
        return new Shape(List.copyOf(labels), List.of(rc), componentNames.stream().map(TreeRenderer::snakeCase).toList());
    }

    /** ISO-8859-1 text with control and non-ASCII octets as {@code \xNN}. */
    static String text(Bytes b) {
        StringBuilder sb = new StringBuilder(b.length());
        for (int i = 0; i < b.length(); i++) {
            int c = b.get(i);
            if (c < 0x20 || c >= 0x7F || c == '\\') {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    static String displayName(Enum<?> e) {
        try {
            Method m = e.getClass().getMethod("displayName");
            m.setAccessible(true);
            return String.valueOf(m.invoke(e));
        } catch (ReflectiveOperationException | RuntimeException ex) {
            return e.name();
        }
    }

    /** {@code packetRecvWindowSize} to {@code packet_recv_window_size}; {@code mppeBits} to {@code mppe_bits}. */
    public static String snakeCase(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean prevLower = i > 0 && !Character.isUpperCase(camel.charAt(i - 1));
                boolean nextLower = i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
                if (i > 0 && (prevLower || nextLower)) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
