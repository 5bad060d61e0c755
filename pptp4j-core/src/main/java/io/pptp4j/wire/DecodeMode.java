package io.pptp4j.wire;

/**
 * How strictly to decode (STYLE.md point 8).
 *
 * <ul>
 *   <li>{@link #STRICT}: everything the RFC says, Reserved fields included; for conformance checks.</li>
 *   <li>{@link #PEER}: what a server or client uses with a live peer: refuses malformed input and unknown
 *       codes like STRICT, but ignores non-zero Reserved fields, as the robustness principle asks and as
 *       real peers need (some PPTP implementations leave garbage there).</li>
 *   <li>{@link #LENIENT}: the scanner, the decoder and the inspector: keep unknown codes as such, record
 *       malformed items and go on.</li>
 * </ul>
 */
public enum DecodeMode {
    STRICT,
    PEER,
    LENIENT;

    /** True for {@link #STRICT} and {@link #PEER}: malformed input is refused. */
    public boolean strict() { return this != LENIENT; }

    /** True only for {@link #STRICT}: a non-zero Reserved field is an error. */
    public boolean checksReserved() { return this == STRICT; }
}
