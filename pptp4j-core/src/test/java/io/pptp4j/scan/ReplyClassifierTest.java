package io.pptp4j.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReplyClassifierTest {
    /** pptpd 1.x (poptop) SCCRP: chapcrack-pptplinux-pptpd-session.pcap, frame 12. */
    static final String PPTPD_SCCRP = "009c00011a2b3c4d00020000010001000000000000000000000100016c6f63616c"
            + "0".repeat(118) + "6c696e7578" + "0".repeat(118);
    /** Windows RRAS SCCRP: pptpcrack-windows-rras-session.pcap, frame 271. */
    static final String RRAS_SCCRP = "009c00011a2b3c4d00020000010001000000000200000003"
            + "0".repeat(136) + "4d6963726f736f6674" + "0".repeat(110);

    private static ReplyClassifier.Outcome classify(byte[] b, boolean ended) {
        byte[] buf = Arrays.copyOf(b, ReplyClassifier.MAX_MESSAGE);
        return ReplyClassifier.classify(buf, b.length, ended);
    }

    @Test
    void goldenRepliesAreTheRightLength() {
        assertThat(Hex.parse(PPTPD_SCCRP)).hasSize(156);
        assertThat(Hex.parse(RRAS_SCCRP)).hasSize(156);
    }

    @Test
    void pptpdSccrpDecodesStrictlyWithEveryField() {
        var o = classify(Hex.parse(PPTPD_SCCRP), false);
        assertThat(o).isEqualTo(new ReplyClassifier.Reply(new ControlMessage.StartControlConnectionReply(
                0x0100, 1, 0, 0, 0, 1, 1, "local", "linux"), null));
    }

    @Test
    void windowsRrasSccrpDecodesStrictly() {
        var o = (ReplyClassifier.Reply) classify(Hex.parse(RRAS_SCCRP), false);
        assertThat(o.reply().vendorString()).isEqualTo("Microsoft");
        assertThat(o.reply().hostName()).isEmpty();
        assertThat(o.reply().framingCapabilities()).isEqualTo(2);
        assertThat(o.reply().bearerCapabilities()).isEqualTo(3);
        assertThat(o.nonconformance()).isNull();
    }

    @Test
    void needsMoreUntilTheWholeReplyIsThereAtEverySplit() {
        byte[] b = Hex.parse(PPTPD_SCCRP);
        for (int i = 0; i < b.length; i++) {
            assertThat(classify(Arrays.copyOf(b, i), false)).as("after %d bytes", i).isInstanceOf(ReplyClassifier.NeedMore.class);
        }
    }

    @Test
    void aNonZeroReservedFieldIsKeptAsANonconformance() {
        byte[] b = Hex.parse(PPTPD_SCCRP);
        b[11] = 0x7F;
        var o = (ReplyClassifier.Reply) classify(b, false);
        assertThat(o.reply().vendorString()).isEqualTo("linux");
        assertThat(o.nonconformance()).isEqualTo("SCCRP: Reserved0 at offset 10: expected 0x0000, found 0x007F");
    }

    @Test
    void httpIsNotPptpAsSoonAsTheCookieIsMissingWithTheFirstBytes() {
        byte[] http = "HTTP/1.0 400 Bad request\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(classify(Arrays.copyOf(http, 4), false)).isInstanceOf(ReplyClassifier.NeedMore.class);
        assertThat(classify(Arrays.copyOf(http, 5), false))
                .isEqualTo(new ReplyClassifier.NotPptp(Bytes.of(Arrays.copyOf(http, 5)), "no PPTP Magic Cookie at offset 4"));
        assertThat(classify(http, false))
                .isEqualTo(new ReplyClassifier.NotPptp(Bytes.of(http), "no PPTP Magic Cookie at offset 4"));
    }

    @Test
    void evidenceIsCappedAt64Bytes() {
        byte[] big = new byte[300];
        Arrays.fill(big, (byte) 'A');
        var o = (ReplyClassifier.NotPptp) classify(big, false);
        assertThat(o.firstBytes().length()).isEqualTo(ReplyClassifier.EVIDENCE_BYTES);
    }

    @Test
    void aShortAnswerThenCloseIsNotPptp() {
        assertThat(classify(Hex.parse("0a0d"), true)).isEqualTo(new ReplyClassifier.NotPptp(Bytes.fromHex("0a0d"),
                "sent 2 bytes, no PPTP header"));
        assertThat(classify(new byte[0], true)).isEqualTo(new ReplyClassifier.NotPptp(Bytes.EMPTY, "sent nothing"));
    }

    @Test
    void aReplyCutShortIsMalformedPptp() {
        byte[] b = Arrays.copyOf(Hex.parse(PPTPD_SCCRP), 100);
        assertThat(classify(b, true)).isEqualTo(new ReplyClassifier.MalformedPptp(Bytes.of(Arrays.copyOf(b, 64)),
                "closed after 100 of the 156 bytes its Length announces"));
    }

    @Test
    void aTooShortLengthIsMalformedWithTheDecodersWords() {
        byte[] b = Hex.parse("000c00011a2b3c4d00020000");
        assertThat(classify(b, false)).isEqualTo(new ReplyClassifier.MalformedPptp(Bytes.of(b),
                "SCCRP: Length at offset 0: expected at least 156, found 12"));
    }

    @Test
    void anotherMessageIsPptpButNoReply() {
        byte[] stop = ControlMessageCodec.encode(new ControlMessage.StopControlConnectionRequest(2));
        assertThat(classify(stop, false)).isEqualTo(new ReplyClassifier.OtherMessage(new ControlMessage.StopControlConnectionRequest(2)));
    }

    @Test
    void theMemoGivesTheSameOutcomeForTheSameOctetsOnlyAndNeverRemembersNeedMore() {
        ReplyClassifier.Memo memo = new ReplyClassifier.Memo();
        byte[] buf = Arrays.copyOf(Hex.parse(PPTPD_SCCRP), ReplyClassifier.MAX_MESSAGE);
        ReplyClassifier.Outcome first = memo.classify(buf, 156, false);
        assertThat(first).isEqualTo(ReplyClassifier.classify(buf, 156, false));
        assertThat(memo.classify(buf.clone(), 156, false)).isSameAs(first);
        byte[] rras = Arrays.copyOf(Hex.parse(RRAS_SCCRP), ReplyClassifier.MAX_MESSAGE);
        assertThat(memo.classify(rras, 156, false)).isEqualTo(ReplyClassifier.classify(rras, 156, false)).isNotEqualTo(first);
        buf[29] ^= 0x0E; // one octet of the host name differs: "local" becomes "lacal"
        assertThat(((ReplyClassifier.Reply) memo.classify(buf, 156, false)).reply().hostName()).isEqualTo("lacal");
        assertThat(memo.classify(buf, 100, false)).isInstanceOf(ReplyClassifier.NeedMore.class);
        assertThat(memo.classify(buf, 100, true)).isInstanceOf(ReplyClassifier.MalformedPptp.class);
        assertThat(memo.classify(buf, 100, false)).isInstanceOf(ReplyClassifier.NeedMore.class);
    }
}
