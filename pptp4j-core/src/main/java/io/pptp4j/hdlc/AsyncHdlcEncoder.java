package io.pptp4j.hdlc;

import java.util.Arrays;
import java.util.Objects;

/**
 * Frames PPP frames for an asynchronous link (RFC 1662 sections 4.1, 4.2 and 7.1, appendix C.2):
 * appends the FCS-16, escapes the Flag Sequence, the Control Escape and every octet below 0x20 whose
 * bit is set in the sending ACCM as 0x7D followed by the octet exclusive-or'd with 0x20, and puts a
 * Flag Sequence at each end. See {@link AsyncHdlc} for the frame layout.
 *
 * <p>pppd leaves out the opening flag when a frame follows the previous one back to back (one flag
 * closes one frame and opens the next, RFC 1662 4.4.2) and sends it after a pause; a receiver accepts
 * both, and {@link #encode(byte[], int, int, long, boolean, byte[], int)} can do either.
 *
 * <p>Stateless and allocation-free when given a buffer; the ACCM is the peer's receiving ACCM as
 * negotiated by LCP ({@link AsyncHdlc#DEFAULT_ACCM} until then).
 */
public final class AsyncHdlcEncoder {
    private AsyncHdlcEncoder() {}

    /** The most octets a frame of {@code frameLength} octets can take: every octet and the FCS escaped, two flags. */
    public static int maxEncodedLength(int frameLength) {
        return 2 * (frameLength + Fcs16.LENGTH) + 2;
    }

    /** The frame {@code frame[off, off+len)} framed with an opening and a closing flag. */
    public static byte[] encode(byte[] frame, int off, int len, long txAccm) {
        byte[] out = new byte[maxEncodedLength(len)];
        int n = encode(frame, off, len, txAccm, true, out, 0);
        return Arrays.copyOf(out, n);
    }

    public static byte[] encode(byte[] frame, long txAccm) {
        return encode(frame, 0, frame.length, txAccm);
    }

    /**
     * Writes the framed {@code frame[off, off+len)} into {@code dest} from {@code destOff} and returns
     * the number of octets written. {@code dest} must have room for {@link #maxEncodedLength(int)}
     * octets, whatever the frame holds, so that the check does not depend on the data.
     *
     * @param openingFlag whether to send a Flag Sequence first (false right after a closing flag)
     */
    public static int encode(byte[] frame, int off, int len, long txAccm, boolean openingFlag,
                             byte[] dest, int destOff) {
        Objects.checkFromIndexSize(off, len, frame.length);
        AsyncHdlc.checkAccm(txAccm);
        int need = maxEncodedLength(len);
        if (destOff < 0 || destOff > dest.length || dest.length - destOff < need) {
            throw new IndexOutOfBoundsException("HDLC frame of " + len + " octets needs " + need
                    + " octets of buffer at " + destOff + " of " + dest.length);
        }
        int p = destOff;
        if (openingFlag) {
            dest[p++] = (byte) AsyncHdlc.FLAG;
        }
        int fcs = Fcs16.INITIAL;
        for (int i = off, end = off + len; i < end; i++) {
            int c = frame[i] & 0xFF;
            fcs = Fcs16.update(fcs, c);
            p = put(dest, p, c, txAccm);
        }
        fcs ^= 0xFFFF;
        // RFC 1662 C.2: the complemented FCS goes least significant octet first
        p = put(dest, p, fcs & 0xFF, txAccm);
        p = put(dest, p, fcs >>> 8, txAccm);
        dest[p++] = (byte) AsyncHdlc.FLAG;
        return p - destOff;
    }

    private static int put(byte[] dest, int p, int c, long accm) {
        if (AsyncHdlc.mustEscape(c, accm)) {
            dest[p] = (byte) AsyncHdlc.ESCAPE;
            dest[p + 1] = (byte) (c ^ AsyncHdlc.ESCAPE_XOR);
            return p + 2;
        }
        dest[p] = (byte) c;
        return p + 1;
    }
}
