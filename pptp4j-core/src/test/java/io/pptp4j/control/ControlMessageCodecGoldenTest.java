package io.pptp4j.control;

import static io.pptp4j.control.ControlCaptures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.control.ControlMessage.CallClearRequest;
import io.pptp4j.control.ControlMessage.CallDisconnectNotify;
import io.pptp4j.control.ControlMessage.OutgoingCallReply;
import io.pptp4j.control.ControlMessage.OutgoingCallRequest;
import io.pptp4j.control.ControlMessage.SetLinkInfo;
import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.control.ControlMessage.StartControlConnectionRequest;
import io.pptp4j.control.ControlMessage.StopControlConnectionReply;
import io.pptp4j.control.ControlMessage.StopControlConnectionRequest;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Messages sent by real peers, decoded field by field and encoded back to the same octets. */
class ControlMessageCodecGoldenTest {
    private static final long ACCM_ALL = 0xFFFFFFFFL;

    /** Decodes strictly, checks the lenient decoder agrees and that encoding gives the captured octets back. */
    private static ControlMessage golden(String hex) throws DecodeException {
        byte[] wire = bytes(hex);
        ControlMessage m = ControlMessageCodec.decode(wire, DecodeMode.STRICT);
        assertThat(ControlMessageCodec.decode(wire, DecodeMode.LENIENT)).isEqualTo(m);
        assertThat(ControlMessageCodec.encode(m)).isEqualTo(wire);
        assertThat(m.length()).isEqualTo(wire.length);
        return m;
    }

    // tcpdump-pptp-nt-moretonbay.pcap: Windows NT (PNS) to MoretonBay (PAC)

    @Test
    void windowsNtSccrq() throws DecodeException {
        ControlMessage m = golden(WINDOWS_NT_SCCRQ);
        assertThat(m).isEqualTo(new StartControlConnectionRequest(0x0100, 1, 1, 0, 2160, "", "Microsoft Windows NT"));
        StartControlConnectionRequest s = (StartControlConnectionRequest) m;
        assertThat(s.framingCapabilitySet()).containsExactly(Framing.ASYNCHRONOUS);
        assertThat(s.bearerCapabilitySet()).containsExactly(Bearer.ANALOG);
        assertThat(m.name()).isEqualTo("Start-Control-Connection-Request");
        assertThat(m.abbreviation()).isEqualTo("SCCRQ");
    }

    @Test
    void moretonBaySccrp() throws DecodeException {
        ControlMessage m = golden(MORETONBAY_SCCRP);
        assertThat(m).isEqualTo(new StartControlConnectionReply(0x0100, 1, 0, 0, 0, 1, 1, "local", "MoretonBay"));
        StartControlConnectionReply s = (StartControlConnectionReply) m;
        assertThat(s.result()).contains(StartControlConnectionResult.SUCCESSFUL);
        assertThat(s.generalError()).contains(GeneralErrorCode.NONE);
        // MoretonBay claims no framing and no bearer capability at all.
        assertThat(s.framingCapabilitySet()).isEmpty();
        assertThat(s.bearerCapabilitySet()).isEmpty();
    }

    @Test
    void windowsNtOcrq() throws DecodeException {
        ControlMessage m = golden(WINDOWS_NT_OCRQ);
        assertThat(m).isEqualTo(new OutgoingCallRequest(0, 30760, 300, 100_000_000, 3, 3, 64, 0, 0, "", ""));
        OutgoingCallRequest o = (OutgoingCallRequest) m;
        assertThat(o.bearerTypeSet()).containsExactlyInAnyOrder(Bearer.ANALOG, Bearer.DIGITAL);
        assertThat(o.framingTypeSet()).containsExactlyInAnyOrder(Framing.ASYNCHRONOUS, Framing.SYNCHRONOUS);
    }

    @Test
    void moretonBayOcrp() throws DecodeException {
        ControlMessage m = golden(MORETONBAY_OCRP);
        assertThat(m).isEqualTo(new OutgoingCallReply(0, 0, 1, 0, 0, 100_000_000, 64, 0, 0));
        assertThat(((OutgoingCallReply) m).result()).contains(OutgoingCallResult.CONNECTED);
    }

    @Test
    void windowsNtSli() throws DecodeException {
        assertThat(golden(WINDOWS_NT_SLI)).isEqualTo(new SetLinkInfo(0, ACCM_ALL, ACCM_ALL));
    }

    // chapcrack-pptplinux-pptpd-session.pcap: pptp-linux ("cananian") to pptpd ("linux")

    @Test
    void pptpLinuxSccrq() throws DecodeException {
        ControlMessage m = golden(PPTP_LINUX_SCCRQ);
        assertThat(m).isEqualTo(new StartControlConnectionRequest(0x0100, 3, 3, 65535, 1, "local", "cananian"));
        assertThat(((StartControlConnectionRequest) m).framingCapabilitySet())
                .isEqualTo(Set.of(Framing.ASYNCHRONOUS, Framing.SYNCHRONOUS));
    }

    @Test
    void pptpdSccrp() throws DecodeException {
        assertThat(golden(PPTPD_SCCRP))
                .isEqualTo(new StartControlConnectionReply(0x0100, 1, 0, 0, 0, 1, 1, "local", "linux"));
    }

    @Test
    void pptpLinuxOcrq() throws DecodeException {
        assertThat(golden(PPTP_LINUX_OCRQ))
                .isEqualTo(new OutgoingCallRequest(0, 0, 2400, 10_000_000, 3, 3, 3, 0, 0, "", ""));
    }

    @Test
    void pptpdOcrp() throws DecodeException {
        assertThat(golden(PPTPD_OCRP)).isEqualTo(new OutgoingCallReply(30720, 0, 1, 0, 0, 10_000_000, 3, 0, 0));
    }

    @Test
    void pptpLinuxCcrq() throws DecodeException {
        ControlMessage m = golden(PPTP_LINUX_CCRQ);
        assertThat(m).isEqualTo(new CallClearRequest(0));
        assertThat(m.abbreviation()).isEqualTo("CCRQ");
    }

    // pptpcrack-windows-rras-session.pcap: a Windows client and Windows RRAS

    @Test
    void windowsClientSccrq() throws DecodeException {
        assertThat(golden(WINDOWS_CLIENT_SCCRQ))
                .isEqualTo(new StartControlConnectionRequest(0x0100, 1, 1, 0, 0, "", "Microsoft"));
    }

    @Test
    void windowsRrasSccrp() throws DecodeException {
        ControlMessage m = golden(WINDOWS_RRAS_SCCRP);
        assertThat(m).isEqualTo(new StartControlConnectionReply(0x0100, 1, 0, 2, 3, 0, 0, "", "Microsoft"));
        assertThat(((StartControlConnectionReply) m).framingCapabilitySet()).containsExactly(Framing.SYNCHRONOUS);
    }

    @Test
    void windowsClientOcrqKeepsSixteenOctetSubaddress() throws DecodeException {
        // Windows fills the first 16 octets of Subaddress with binary data (not a dialing string).
        String subaddress = Bytes.fromHex("96157121fdb78f47b5d0be36d2e97e50").latin1();
        assertThat(golden(WINDOWS_CLIENT_OCRQ))
                .isEqualTo(new OutgoingCallRequest(0x9D49, 0x13, 300, 100_000_000, 3, 3, 64, 0, 0, "", subaddress));
    }

    @Test
    void windowsRrasOcrp() throws DecodeException {
        // Windows RRAS writes Connect Speed (1000000000 = 0x3B9ACA00) and Packet Recv. Window Size (64)
        // least significant octet first; the codec keeps the values as they are on the wire.
        ControlMessage m = golden(WINDOWS_RRAS_OCRP);
        assertThat(m).isEqualTo(new OutgoingCallReply(0x736A, 0x9D49, 1, 0, 0, 0x00CA9A3BL, 0x4000, 0, 0));
        assertThat(Long.reverseBytes(((OutgoingCallReply) m).connectSpeed()) >>> 32).isEqualTo(1_000_000_000L);
    }

    @Test
    void windowsSliBothDirections() throws DecodeException {
        assertThat(golden(WINDOWS_CLIENT_SLI_2)).isEqualTo(new SetLinkInfo(0x736A, ACCM_ALL, ACCM_ALL));
        assertThat(golden(WINDOWS_RRAS_SLI_2)).isEqualTo(new SetLinkInfo(0x9D49, ACCM_ALL, ACCM_ALL));
        assertThat(golden(WINDOWS_CLIENT_SLI_3)).isEqualTo(new SetLinkInfo(0x736A, ACCM_ALL, ACCM_ALL));
        assertThat(golden(WINDOWS_CLIENT_SLI_1)).isEqualTo(new SetLinkInfo(0x3B37, ACCM_ALL, ACCM_ALL));
        assertThat(golden(WINDOWS_RRAS_SLI_1)).isEqualTo(new SetLinkInfo(0xFCB0, ACCM_ALL, ACCM_ALL));
    }

    @Test
    void windowsClientCcrq() throws DecodeException {
        assertThat(golden(WINDOWS_CLIENT_CCRQ)).isEqualTo(new CallClearRequest(0xFCB0));
    }

    @Test
    void windowsRrasCdnWithResultCodeZero() throws DecodeException {
        // Windows RRAS answers a Call-Clear-Request with Result Code 0, which RFC 2637 2.13 does not
        // define (4, Request, would be expected): the record keeps the raw value.
        ControlMessage m = golden(WINDOWS_RRAS_CDN);
        assertThat(m).isEqualTo(new CallDisconnectNotify(0x3B37, 0, 0, 0, ""));
        CallDisconnectNotify c = (CallDisconnectNotify) m;
        assertThat(c.result()).isEmpty();
        assertThat(CallDisconnectResult.describe(c.resultCode())).isEqualTo("0 (unknown)");
        assertThat(m.name()).isEqualTo("Call-Disconnect-Notify");
    }

    @Test
    void windowsClientStopCcrq() throws DecodeException {
        ControlMessage m = golden(WINDOWS_CLIENT_STOPCCRQ);
        assertThat(m).isEqualTo(new StopControlConnectionRequest(1));
        assertThat(((StopControlConnectionRequest) m).stopReason()).contains(StopControlConnectionReason.NONE);
        assertThat(m.abbreviation()).isEqualTo("StopCCRQ");
    }

    @Test
    void windowsRrasStopCcrp() throws DecodeException {
        ControlMessage m = golden(WINDOWS_RRAS_STOPCCRP);
        assertThat(m).isEqualTo(new StopControlConnectionReply(1, 0));
        assertThat(((StopControlConnectionReply) m).result()).contains(StopControlConnectionResult.OK);
    }

    @Test
    void everyCapturedMessageEncodesBackToItsOctets() throws DecodeException {
        for (String hex : ALL) {
            golden(hex);
        }
    }
}
