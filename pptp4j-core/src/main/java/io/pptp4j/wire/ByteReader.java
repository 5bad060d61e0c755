package io.pptp4j.wire;

import java.util.Arrays;

/**
 * A bounds-checked big-endian reader over a slice of a byte array that knows its absolute offset, so
 * that every error names the byte offset from the start of the outermost buffer. Each read names the
 * field it reads; a read past the end throws a {@link DecodeException} naming that field. Length fields
 * are checked against what is there before anything is allocated (STYLE.md point 7).
 */
public final class ByteReader {
    private final byte[] buf;
    private final int start;
    private final int limit;
    private final int baseOffset;
    private final Layer layer;
    private String context;
    private int pos;

    private ByteReader(byte[] buf, int start, int limit, int baseOffset, Layer layer, String context) {
        this.buf = buf;
        this.start = start;
        this.limit = limit;
        this.pos = start;
        this.baseOffset = baseOffset;
        this.layer = layer;
        this.context = context;
    }

    /** A reader over {@code buf[from, to)}, reporting offsets relative to {@code from}. */
    public static ByteReader of(byte[] buf, int from, int to, Layer layer, String context) {
        if (from < 0 || to > buf.length || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + buf.length + " bytes");
        }
        return new ByteReader(buf, from, to, 0, layer, context);
    }

    public static ByteReader of(byte[] buf, Layer layer, String context) {
        return of(buf, 0, buf.length, layer, context);
    }

    /**
     * A reader for the next {@code length} bytes as a nested structure (a PPP payload inside GRE, an
     * option inside a packet): its offsets keep counting from the outermost buffer. This reader skips
     * past them.
     */
    public ByteReader slice(int length, String field, Layer nestedLayer, String nestedContext) throws DecodeException {
        require(length, field);
        ByteReader nested = new ByteReader(buf, pos, pos + length, baseOffset + (pos - start), nestedLayer, nestedContext);
        pos += length;
        return nested;
    }

    /** A reader over the rest of this one, at the same offsets; this reader moves to its end. */
    public ByteReader rest(Layer nestedLayer, String nestedContext) {
        ByteReader nested = new ByteReader(buf, pos, limit, baseOffset + (pos - start), nestedLayer, nestedContext);
        pos = limit;
        return nested;
    }

    public Layer layer() { return layer; }
    public String context() { return context; }

    /** Names the structure being read once it is known (the message type, say). */
    public ByteReader context(String newContext) {
        this.context = newContext;
        return this;
    }

    /** Absolute offset of the next byte to be read. */
    public int offset() { return baseOffset + (pos - start); }

    /** Absolute offset of the first byte of this reader. */
    public int startOffset() { return baseOffset; }

    /** Position relative to the start of this reader. */
    public int position() { return pos - start; }

    public int remaining() { return limit - pos; }

    public boolean hasRemaining() { return pos < limit; }

    public int length() { return limit - start; }

    public int u8(String field) throws DecodeException {
        require(1, field);
        return buf[pos++] & 0xFF;
    }

    public int u16(String field) throws DecodeException {
        require(2, field);
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    public int u24(String field) throws DecodeException {
        require(3, field);
        int v = ((buf[pos] & 0xFF) << 16) | ((buf[pos + 1] & 0xFF) << 8) | (buf[pos + 2] & 0xFF);
        pos += 3;
        return v;
    }

    public long u32(String field) throws DecodeException {
        require(4, field);
        long v = ((long) (buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16)
                | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    /** Looks at the byte {@code ahead} positions on without moving; -1 when it is not there. */
    public int peekU8(int ahead) {
        int p = pos + ahead;
        return p < limit && p >= start ? buf[p] & 0xFF : -1;
    }

    public byte[] bytes(int length, String field) throws DecodeException {
        if (length < 0) {
            throw error(field, "a length of 0 or more", Integer.toString(length));
        }
        require(length, field);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + length);
        pos += length;
        return out;
    }

    /** The next {@code length} bytes as an immutable {@link Bytes}. */
    public Bytes byteString(int length, String field) throws DecodeException {
        return Bytes.adopt(bytes(length, field));
    }

    public Bytes remainingByteString() { return Bytes.adopt(remainingBytes()); }

    public byte[] remainingBytes() {
        byte[] out = Arrays.copyOfRange(buf, pos, limit);
        pos = limit;
        return out;
    }

    /** The whole slice this reader covers, from its start, whatever has been read. */
    public byte[] allBytes() { return Arrays.copyOfRange(buf, start, limit); }

    public void skip(int length, String field) throws DecodeException {
        require(length, field);
        pos += length;
    }

    /**
     * A fixed-size, NUL-padded ASCII field as RFC 2637 uses for host name and vendor (64 octets, "padded
     * with NULL bytes"): the text up to the first NUL, printable or not, read as ISO-8859-1 so that no
     * byte is lost.
     */
    public String paddedString(int length, String field) throws DecodeException {
        require(length, field);
        int end = pos;
        while (end < pos + length && buf[end] != 0) {
            end++;
        }
        String s = new String(buf, pos, end - pos, java.nio.charset.StandardCharsets.ISO_8859_1);
        pos += length;
        return s;
    }

    public void require(int length, String field) throws DecodeException {
        if (length > limit - pos) {
            throw new DecodeException(layer, context, field, offset(),
                    length + " byte" + (length == 1 ? "" : "s"),
                    (limit - pos) + " byte" + (limit - pos == 1 ? "" : "s") + " left");
        }
    }

    /** An error at the current offset. */
    public DecodeException error(String field, String expected, String found) {
        return new DecodeException(layer, context, field, offset(), expected, found);
    }

    /** An error at an absolute offset (for a field already read). */
    public DecodeException errorAt(int absoluteOffset, String field, String expected, String found) {
        return new DecodeException(layer, context, field, absoluteOffset, expected, found);
    }

    public DecodeException errorAt(int absoluteOffset, String field, String expected, String found, int replyCode) {
        return new DecodeException(layer, context, field, absoluteOffset, expected, found, replyCode);
    }

    /** Fails unless all bytes were read; trailing bytes are named as {@code field}. */
    public void expectEnd(String field) throws DecodeException {
        if (pos != limit) {
            throw error(field, "no more bytes", (limit - pos) + " more byte" + (limit - pos == 1 ? "" : "s"));
        }
    }
}
