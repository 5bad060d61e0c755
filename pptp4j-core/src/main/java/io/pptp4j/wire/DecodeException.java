package io.pptp4j.wire;

/**
 * A decoding error that says what, where and what was expected (STYLE.md point 6).
 *
 * <p>The message reads {@code SCCRP: Magic Cookie at offset 4: expected 0x1A2B3C4D, found 0x48545450}:
 * the context (a message name such as {@code SCCRP}, or a layer such as {@code GRE} when the message is
 * not known yet), the field, the byte offset from the start of the outermost buffer being decoded, the
 * value allowed and the value found. {@link #replyCode()} carries the protocol's own answer where there
 * is one (a PPTP general error code, an LCP code to reject), or -1.
 */
public final class DecodeException extends Exception {
    private final Layer layer;
    private final String context;
    private final String field;
    private final int offset;
    private final String expected;
    private final String found;
    private final int replyCode;

    public DecodeException(Layer layer, String context, String field, int offset, String expected, String found) {
        this(layer, context, field, offset, expected, found, -1);
    }

    public DecodeException(Layer layer, String context, String field, int offset, String expected, String found,
                           int replyCode) {
        super(format(context, field, offset, expected, found), null, false, false);
        this.layer = layer;
        this.context = context;
        this.field = field;
        this.offset = offset;
        this.expected = expected;
        this.found = found;
        this.replyCode = replyCode;
    }

    private static String format(String context, String field, int offset, String expected, String found) {
        return context + ": " + field + " at offset " + offset + ": expected " + expected + ", found " + found;
    }

    /** The same error seen from an enclosing buffer that starts {@code delta} bytes earlier. */
    public DecodeException shifted(int delta) {
        return new DecodeException(layer, context, field, offset + delta, expected, found, replyCode);
    }

    /** The same error with the context named again, e.g. once the message type is known. */
    public DecodeException inContext(String newContext) {
        return new DecodeException(layer, newContext, field, offset, expected, found, replyCode);
    }

    public Layer layer() { return layer; }
    public String context() { return context; }
    public String field() { return field; }
    public int offset() { return offset; }
    public String expected() { return expected; }
    public String found() { return found; }
    public int replyCode() { return replyCode; }
}
