package io.pptp4j.control;

import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;

/** What {@link ControlStreamFramer#next()} found at the head of the stream. */
public sealed interface FramerResult {

    /** A whole message, which took {@code length} octets of the stream (its Length field). */
    record Complete(ControlMessage message, int length) implements FramerResult {}

    /** Not enough octets yet: at least {@code bytesWanted} more are needed before anything changes. */
    record NeedMore(int bytesWanted) implements FramerResult {
        public NeedMore {
            if (bytesWanted <= 0) {
                throw new IllegalArgumentException("bytesWanted " + bytesWanted);
            }
        }
    }

    /** Lenient mode only: octets that are not a message, skipped, and why. */
    record Malformed(Bytes bytes, DecodeException error) implements FramerResult {
        @Override
        public String toString() { return "Malformed[" + bytes.length() + " bytes: " + error.getMessage() + "]"; }
    }
}
