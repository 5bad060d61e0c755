package io.pptp4j.wire;

/**
 * How strictly to decode (STYLE.md point 8). A server or client talking to a live peer decodes
 * {@link #STRICT}ly and refuses malformed input and unknown codes; the scanner, the decoder and the
 * inspector decode {@link #LENIENT}ly, keep unknown codes as such, record malformed items and go on.
 */
public enum DecodeMode {
    STRICT,
    LENIENT;

    public boolean strict() { return this == STRICT; }
}
