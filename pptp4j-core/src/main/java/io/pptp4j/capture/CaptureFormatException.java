package io.pptp4j.capture;

/**
 * A capture file that does not decode, with the offset counted from the start of the file (a
 * {@code long}: capture files grow past 2 GiB). The message reads like the rest of pptp4j's decoding
 * errors: {@code pcap: Captured Length at offset 1234: expected at most 262144, found 4000000}.
 *
 * <p>{@link #truncated()} tells a file cut short in the middle of a record (a capture that was still
 * being written, or copied in part) from one whose bytes contradict the format: every packet before
 * the cut has been delivered by then.
 */
public final class CaptureFormatException extends Exception {
    private final long offset;
    private final boolean truncated;

    private CaptureFormatException(String message, long offset, boolean truncated) {
        super(message, null, false, false);
        this.offset = offset;
        this.truncated = truncated;
    }

    /** {@code CONTEXT: FIELD at offset N: expected X, found Y}. */
    public static CaptureFormatException field(String context, String field, long offset, String expected, String found) {
        return new CaptureFormatException(
                context + ": " + field + " at offset " + offset + ": expected " + expected + ", found " + found,
                offset, false);
    }

    /** The file ends {@code available} bytes into a record of {@code needed} bytes that starts at {@code offset}. */
    public static CaptureFormatException truncated(String context, String record, long offset, long needed, long available) {
        return new CaptureFormatException(
                context + ": " + record + " at offset " + offset + ": expected " + needed + " byte"
                        + (needed == 1 ? "" : "s") + ", found " + available + " before the end of the file"
                        + " (the file is cut short)",
                offset, true);
    }

    /** The first bytes are neither a pcap nor a pcapng magic number. */
    public static CaptureFormatException notCaptureFile(byte[] firstBytes) {
        StringBuilder sb = new StringBuilder("not a pcap or pcapng file: ");
        if (firstBytes.length == 0) {
            sb.append("the file is empty");
        } else {
            sb.append("first bytes");
            for (byte b : firstBytes) {
                sb.append(' ').append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
        }
        return new CaptureFormatException(sb.toString(), 0, false);
    }

    /** Offset in the file of the record or field at fault. */
    public long offset() { return offset; }

    /** Whether the file ends in the middle of a record rather than holding a bad value. */
    public boolean truncated() { return truncated; }
}
