package io.pptp4j.hdlc;

import io.pptp4j.wire.Bytes;

/**
 * What {@link AsyncHdlcDecoder} finds between two Flag Sequences (RFC 1662 sections 3.1, 4.3). Only
 * {@link Frame} carries PPP; the others are frames RFC 1662 has the receiver discard, reported so that
 * a caller can count them or show them, and ignore them otherwise. Lengths count octets after the
 * escapes were undone and mapped control characters removed.
 */
public sealed interface HdlcEvent {

    /** A frame whose FCS checked out, from Address (or Protocol) to Padding, without the FCS. */
    record Frame(Bytes frame) implements HdlcEvent {}

    /** A frame whose FCS did not check out: all octets between the flags, the two FCS octets included. */
    record BadFcs(Bytes raw) implements HdlcEvent {}

    /** A Control Escape followed by a Flag Sequence (RFC 1662 4.3): the {@code length} octets before it are dropped. */
    record Aborted(int length) implements HdlcEvent {}

    /** More octets than the decoder keeps arrived before the closing flag; {@code length} of them, all dropped. */
    record TooLong(int length) implements HdlcEvent {}

    /** Fewer than four octets between the flags (RFC 1662 4.3: silently discarded). */
    record TooShort(int length) implements HdlcEvent {}
}
