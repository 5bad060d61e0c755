package io.pptp4j.hdlc;

/**
 * Constants of octet-stuffed, asynchronous HDLC-like framing (RFC 1662 section 4), the form in which
 * pppd and a PPTP client or server such as pptp-linux and pptpd exchange PPP frames over a pty.
 * The GRE tunnel itself carries PPP frames without any of it (RFC 2637 section 4).
 *
 * <pre>
 * RFC 1662 3.1:
 * +------+---------+---------+----------+-------------+---------+-----+------+
 * | Flag | Address | Control | Protocol | Information | Padding | FCS | Flag |
 * | 0x7E |  0xFF   |  0x03   |  8/16    |      *      |    *    | 16  | 0x7E |
 * +------+---------+---------+----------+-------------+---------+-----+------+
 * </pre>
 *
 * The encoder and decoder take the frame from Address (or Protocol, under ACFC) to Padding; they add
 * and check the FCS, the flags and the escapes.
 */
public final class AsyncHdlc {
    /** Flag Sequence (RFC 1662 4.1). */
    public static final int FLAG = 0x7E;
    /** Control Escape (RFC 1662 4.2). */
    public static final int ESCAPE = 0x7D;
    /** An escaped octet is sent exclusive-or'd with this (RFC 1662 4.2). */
    public static final int ESCAPE_XOR = 0x20;
    /** The default Async-Control-Character-Map: all of 0x00-0x1F mapped (RFC 1662 7.1). */
    public static final long DEFAULT_ACCM = 0xFFFFFFFFL;
    /** Frames shorter than this, FCS included, are invalid (RFC 1662 4.3). */
    public static final int MIN_FRAME_WITH_FCS = 4;
    /**
     * Default largest frame without FCS that the decoder keeps: the default MRU of 1500 (RFC 1661
     * 6.1) plus Address, Control and a two-octet Protocol.
     */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 1500 + 4;

    private AsyncHdlc() {}

    /** Whether {@code octet} must be sent escaped under {@code accm} (RFC 1662 4.2, 7.1). */
    public static boolean mustEscape(int octet, long accm) {
        return octet == FLAG || octet == ESCAPE || (octet < 0x20 && ((accm >>> octet) & 1) != 0);
    }

    /** Whether a received, unescaped {@code octet} is to be dropped under the receiving {@code accm}. */
    static boolean isMapped(int octet, long accm) {
        return octet < 0x20 && ((accm >>> octet) & 1) != 0;
    }

    static void checkAccm(long accm) {
        if (accm < 0 || accm > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("ACCM 0x" + Long.toHexString(accm) + " is not 32 bits");
        }
    }
}
