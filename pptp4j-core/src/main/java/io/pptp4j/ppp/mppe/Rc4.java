package io.pptp4j.ppp.mppe;

/**
 * RC4, the stream cipher of MPPE (RFC 3078 section 5), with a key schedule that allocates nothing.
 *
 * <p>Why not Bouncy Castle's {@code RC4Engine}, which the rest of the crypto uses: its {@code init} takes
 * a new {@code KeyParameter} and builds a service-properties object for its constraints check on every
 * key set-up, and stateless MPPE sets up a key twice per packet (RFC 3078 7.3, a key change before each
 * one). The algorithm is a dozen lines; {@code Rc4Test} checks it against Bouncy Castle's.
 *
 * <p>Not thread-safe.
 */
public final class Rc4 {
    private final byte[] state = new byte[256];
    private int x;
    private int y;

    /** The key-scheduling algorithm over {@code key[off, off + len)}, 1 to 256 octets. */
    public void setKey(byte[] key, int off, int len) {
        if (len < 1 || len > 256) {
            throw new IllegalArgumentException("RC4 keys are 1 to 256 octets, not " + len);
        }
        java.util.Objects.checkFromIndexSize(off, len, key.length);
        byte[] s = state;
        for (int i = 0; i < 256; i++) {
            s[i] = (byte) i;
        }
        int j = 0;
        for (int i = 0; i < 256; i++) {
            byte t = s[i];
            j = (j + t + key[off + i % len]) & 0xFF;
            s[i] = s[j];
            s[j] = t;
        }
        x = 0;
        y = 0;
    }

    /** XORs the key stream into {@code in[inOff, inOff + len)}, writing to {@code out} from {@code outOff}. */
    public void process(byte[] in, int inOff, int len, byte[] out, int outOff) {
        java.util.Objects.checkFromIndexSize(inOff, len, in.length);
        java.util.Objects.checkFromIndexSize(outOff, len, out.length);
        byte[] s = state;
        int i = x;
        int j = y;
        for (int k = 0; k < len; k++) {
            i = (i + 1) & 0xFF;
            byte t = s[i];
            j = (j + t) & 0xFF;
            s[i] = s[j];
            s[j] = t;
            out[outOff + k] = (byte) (in[inOff + k] ^ s[(s[i] + t) & 0xFF]);
        }
        x = i;
        y = j;
    }

    /** In place. */
    public void process(byte[] buf, int off, int len) { process(buf, off, len, buf, off); }
}
