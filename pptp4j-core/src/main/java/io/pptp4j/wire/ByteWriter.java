package io.pptp4j.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian writer for encoders. Values are masked to their width; callers validate ranges. */
public final class ByteWriter {
    private byte[] buf;
    private int pos;
    /** {@link #toByteArray} handed {@link #buf} out whole: the next change works on a copy. */
    private boolean handedOut;

    public ByteWriter() { this(64); }

    public ByteWriter(int initialCapacity) { this.buf = new byte[Math.max(0, initialCapacity)]; }

    private void ensure(int more) {
        unshare();
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }

    public ByteWriter u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public ByteWriter u16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public ByteWriter u24(int v) {
        ensure(3);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public ByteWriter u32(long v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public ByteWriter bytes(Bytes b) {
        ensure(b.length());
        b.copyTo(buf, pos);
        pos += b.length();
        return this;
    }

    public ByteWriter bytes(byte[] b) { return bytes(b, 0, b.length); }

    public ByteWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    /** Writes {@code s} as ISO-8859-1 into exactly {@code length} bytes, NUL-padded (RFC 2637 host name, vendor). */
    public ByteWriter paddedString(String s, int length) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length > length) {
            throw new IllegalArgumentException("'" + s + "' is " + b.length + " bytes, the field holds " + length);
        }
        ensure(length);
        System.arraycopy(b, 0, buf, pos, b.length);
        Arrays.fill(buf, pos + b.length, pos + length, (byte) 0);
        pos += length;
        return this;
    }

    public ByteWriter zeros(int n) {
        ensure(n);
        Arrays.fill(buf, pos, pos + n, (byte) 0);
        pos += n;
        return this;
    }

    /** Overwrites a 16-bit value written earlier, e.g. a length known only at the end. */
    public ByteWriter setU16(int at, int v) {
        unshare();
        if (at < 0 || at + 2 > pos) {
            throw new IndexOutOfBoundsException("u16 at " + at + " of " + pos);
        }
        buf[at] = (byte) (v >>> 8);
        buf[at + 1] = (byte) v;
        return this;
    }

    private void unshare() {
        if (handedOut) {
            buf = buf.clone();
            handedOut = false;
        }
    }

    public ByteWriter setU8(int at, int v) {
        unshare();
        if (at < 0 || at + 1 > pos) {
            throw new IndexOutOfBoundsException("u8 at " + at + " of " + pos);
        }
        buf[at] = (byte) v;
        return this;
    }

    public int size() { return pos; }

    /**
     * What was written, as a new array the caller owns. When the writer was sized exactly (an encoder that
     * knows its length), that is the writer's own array, handed over without a copy; a later change to the
     * writer then works on a copy of its own.
     */
    public byte[] toByteArray() {
        if (pos == buf.length) {
            handedOut = true;
            return buf;
        }
        return Arrays.copyOf(buf, pos);
    }
}
