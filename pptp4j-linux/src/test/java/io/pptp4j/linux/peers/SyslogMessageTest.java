package io.pptp4j.linux.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SyslogMessageTest {

    @Test
    void readsPptpdDebugMessage() {
        // pptpctrl, at LOG_DEBUG of LOG_DAEMON, as glibc sent it to /dev/log
        SyslogMessage m = SyslogMessage.parse("<31>Nov 24 00:32:11 pptpd[6522]: CTRL: Made a OUT CALL RPLY packet");
        assertThat(m).isEqualTo(new SyslogMessage(3, 7, "pptpd", OptionalLong.of(6522), "CTRL: Made a OUT CALL RPLY packet"));
    }

    @Test
    void dropsTheLineBreakPptpPutsAtTheEnd() {
        SyslogMessage m = SyslogMessage.parse("<29>Nov 24 00:33:37 pptp[7068]: anon log[ctrlp_disp:pptp_ctrl.c:939]: "
                + "Outgoing call established (call ID 44325, peer's call ID 256).\n");
        assertThat(m.facility()).isEqualTo(3);
        assertThat(m.severity()).isEqualTo(5);
        assertThat(m.tag()).isEqualTo("pptp");
        assertThat(m.text()).isEqualTo("anon log[ctrlp_disp:pptp_ctrl.c:939]: Outgoing call established (call ID 44325, peer's call ID 256).");
    }

    @Test
    void readsSingleDigitDayPaddedWithSpace() {
        SyslogMessage m = SyslogMessage.parse("<30>Dec  1 09:05:00 pptpd[1]: MGR: Manager process started");
        assertThat(m.tag()).isEqualTo("pptpd");
        assertThat(m.text()).isEqualTo("MGR: Manager process started");
    }

    @Test
    void keepsALineInAnotherFormatWhole() {
        SyslogMessage m = SyslogMessage.parse("not syslog at all");
        assertThat(m).isEqualTo(new SyslogMessage(1, 5, "?", OptionalLong.empty(), "not syslog at all"));
        assertThat(SyslogMessage.parse("<999>x: y").tag()).isEqualTo("?");
    }

    @Test
    void showsTagPidSeverityAndText() {
        assertThat(SyslogMessage.parse("<27>Nov 24 00:32:00 pptpd[5985]: CTRL: openpty() error"))
                .hasToString("pptpd[5985] <3>: CTRL: openpty() error");
    }
}
