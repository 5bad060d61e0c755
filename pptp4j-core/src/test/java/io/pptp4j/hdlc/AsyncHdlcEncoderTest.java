package io.pptp4j.hdlc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.wire.Hex;
import org.junit.jupiter.api.Test;

class AsyncHdlcEncoderTest {
    // chapcrack-pptplinux-pptpd-session.pcap frame 18, GRE payload: pptp-linux's LCP Configure-Request
    // (MRU absent, ACCM 0, Magic-Number cdc7e2da, PFC, ACFC), as pppd hands it over the pty
    private static final String PPTP_LINUX_LCP = "ff03c021010100140206000000000506cdc7e2da07020802";

    /*
     * The expected pty bytes were worked out apart from the code under test (bit by bit FCS, RFC 1662
     * C.1, and the escape rule of 4.2): FCS 0xBA38, sent 38 ba. Under the default ACCM every octet below
     * 0x20 goes as 7d, octet ^ 0x20: 03 -> 7d 23, 01 -> 7d 21, 00 -> 7d 20, 14 -> 7d 34 ...
     */
    private static final String PPTP_LINUX_LCP_DEFAULT_ACCM = "7e"
            + "ff" + "7d23" + "c021" + "7d21" + "7d21" + "7d20" + "7d34"     // FF 03 C021 01 01 0014
            + "7d22" + "7d26" + "7d20" + "7d20" + "7d20" + "7d20"           // 02 06 00000000
            + "7d25" + "7d26" + "cdc7e2da"                                 // 05 06 cdc7e2da
            + "7d27" + "7d22" + "7d28" + "7d22"                           // 07 02 08 02
            + "38ba" + "7e";
    private static final String PPTP_LINUX_LCP_ACCM_ZERO = "7e" + PPTP_LINUX_LCP + "38ba" + "7e";

    private static String encode(String frameHex, long accm) {
        byte[] frame = Hex.parse(frameHex);
        return Hex.of(AsyncHdlcEncoder.encode(frame, accm));
    }

    @Test
    void pptpLinuxLcpConfigureRequestUnderDefaultAccm() {
        assertThat(encode(PPTP_LINUX_LCP, AsyncHdlc.DEFAULT_ACCM)).isEqualTo(PPTP_LINUX_LCP_DEFAULT_ACCM);
    }

    @Test
    void pptpLinuxLcpConfigureRequestUnderAccmZero() {
        assertThat(encode(PPTP_LINUX_LCP, 0)).isEqualTo(PPTP_LINUX_LCP_ACCM_ZERO);
    }

    @Test
    void escapesFlagAndControlEscapeWhateverTheAccm() {
        // RFC 1662 4.2: 7e -> 7d 5e, 7d -> 7d 5d, 03 -> 7d 23 (03 only when mapped)
        String zero = encode("ff037e7d", 0);
        assertThat(zero).startsWith("7eff037d5e7d5d");
        String all = encode("ff037e7d", AsyncHdlc.DEFAULT_ACCM);
        assertThat(all).startsWith("7eff7d237d5e7d5d");
    }

    @Test
    void escapesFcsOctetsToo() {
        // LCP Echo-Request id 0x4f: FCS 0x257E, its low octet is a flag
        assertThat(encode("ff03c021094f0008cdc7e2da", 0)).isEqualTo("7eff03c021094f0008cdc7e2da" + "7d5e25" + "7e");
        // id 0x0e: FCS 0x7DAD, its high octet is a control escape
        assertThat(encode("ff03c021090e0008cdc7e2da", 0)).isEqualTo("7eff03c021090e0008cdc7e2da" + "ad7d5d" + "7e");
    }

    @Test
    void escapesOnlyTheControlCharactersInTheAccm() {
        // XON (0x11) and XOFF (0x13): bits 17 and 19
        long xonXoff = (1L << 0x11) | (1L << 0x13);
        String out = encode("ff0300111391931f", xonXoff);
        assertThat(out).startsWith("7eff0300" + "7d31" + "7d33" + "9193" + "1f");
        // bit 31 maps 0x1F; bit 0 maps NUL
        assertThat(encode("ff031f00", 0x80000000L)).startsWith("7eff03" + "7d3f" + "00");
        assertThat(encode("ff031f00", 1)).startsWith("7eff03" + "1f" + "7d20");
    }

    @Test
    void writesIntoCallersBufferWithOrWithoutOpeningFlag() {
        byte[] frame = Hex.parse("00" + PPTP_LINUX_LCP + "00");
        int len = frame.length - 2;
        byte[] buf = new byte[3 + AsyncHdlcEncoder.maxEncodedLength(len)];
        int n = AsyncHdlcEncoder.encode(frame, 1, len, AsyncHdlc.DEFAULT_ACCM, true, buf, 3);
        assertThat(Hex.of(buf, 3, 3 + n)).isEqualTo(PPTP_LINUX_LCP_DEFAULT_ACCM);
        assertThat(buf[0]).isZero();

        int m = AsyncHdlcEncoder.encode(frame, 1, len, AsyncHdlc.DEFAULT_ACCM, false, buf, 0);
        assertThat(m).isEqualTo(n - 1);
        assertThat(Hex.of(buf, 0, m)).isEqualTo(PPTP_LINUX_LCP_DEFAULT_ACCM.substring(2));
    }

    @Test
    void worstCaseFitsMaxEncodedLength() {
        byte[] frame = new byte[40]; // all NUL: every octet escaped under the default ACCM
        byte[] out = AsyncHdlcEncoder.encode(frame, AsyncHdlc.DEFAULT_ACCM);
        assertThat(out.length).isLessThanOrEqualTo(AsyncHdlcEncoder.maxEncodedLength(40));
        assertThat(out.length).isGreaterThanOrEqualTo(2 + 2 * 40 + 2);
    }

    @Test
    void refusesTooSmallBufferAndWideAccm() {
        byte[] frame = Hex.parse(PPTP_LINUX_LCP);
        assertThatThrownBy(() -> AsyncHdlcEncoder.encode(frame, 0, frame.length, 0, true,
                new byte[AsyncHdlcEncoder.maxEncodedLength(frame.length) - 1], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> AsyncHdlcEncoder.encode(frame, 1L << 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ACCM 0x100000000 is not 32 bits");
    }
}
