package io.pptp4j.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string, so that wire records can hold octet fields and still have value equality,
 * a readable {@code toString} (lower-case hex) and no way to be changed after construction.
 */
public final class Bytes implements Comparable<Bytes> {
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;

    private Bytes(byte[] data) { this.data = data; }

    /** A copy of {@code b}. */
    public static Bytes of(byte[] b) { return b.length == 0 ? EMPTY : new Bytes(b.clone()); }

    /**
     * Takes an array the caller has just made and hands over: no copy. The caller must not keep or change
     * it (an encoder's output, a buffer filled for this value). For the data path, where each copy of a
     * packet counts; everywhere else {@link #of(byte[])}.
     */
    public static Bytes wrap(byte[] owned) { return owned.length == 0 ? EMPTY : new Bytes(owned); }

    public static Bytes of(byte[] b, int from, int to) { return new Bytes(Arrays.copyOfRange(b, from, to)); }

    public static Bytes ofInts(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return new Bytes(b);
    }

    public static Bytes fromHex(String hex) { return new Bytes(Hex.parse(hex)); }

    /** Takes ownership of {@code b} without a copy; for decoders that made the array themselves. */
    static Bytes adopt(byte[] b) { return new Bytes(b); }

    public int length() { return data.length; }

    public boolean isEmpty() { return data.length == 0; }

    public int get(int index) { return data[index] & 0xFF; }

    /** A copy of the bytes. */
    public byte[] toArray() { return data.clone(); }

    public void copyTo(byte[] dest, int destOffset) { System.arraycopy(data, 0, dest, destOffset, data.length); }

    public Bytes slice(int from, int to) { return new Bytes(Arrays.copyOfRange(data, from, to)); }

    public String hex() { return HexFormat.of().formatHex(data); }

    /** The bytes as ISO-8859-1 text, one char per byte (for names and messages carried as octets). */
    public String latin1() { return new String(data, java.nio.charset.StandardCharsets.ISO_8859_1); }

    @Override
    public boolean equals(Object o) { return o instanceof Bytes b && Arrays.equals(data, b.data); }

    @Override
    public int hashCode() { return Arrays.hashCode(data); }

    @Override
    public int compareTo(Bytes o) { return Arrays.compareUnsigned(data, o.data); }

    @Override
    public String toString() { return hex(); }
}
