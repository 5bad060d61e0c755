package io.pptp4j.tools.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.scan.Confidence;
import io.pptp4j.scan.Fingerprint;
import io.pptp4j.scan.FingerprintDatabase;
import io.pptp4j.scan.SignRule;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FingerprintFileTest {
    private static final FingerprintDatabase DB = FingerprintFile.bundled();

    private static StartControlConnectionReply reply(int firmware, String host, String vendor) {
        return new StartControlConnectionReply(0x0100, 1, 0, 0, 0, 1, firmware, host, vendor);
    }

    private static FingerprintDatabase parse(String json) throws Exception {
        return FingerprintFile.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    @Test
    void theBundledFileCoversTheProductsTheIssueNames() {
        assertThat(DB.products()).extracting(r -> r.id()).contains("poptop", "accel-ppp", "mikrotik", "draytek", "tp-link", "yamaha",
                "cisco", "fortinet", "zyxel", "freebsd-mpd", "apple", "buffalo", "d-link", "aruba", "windows-2012-r2");
        assertThat(DB.honeypotSigns()).isNotEmpty();
        assertThat(DB.defacementSigns()).isNotEmpty();
    }

    @Test
    void pptpdIsPoptop() {
        // pptpd's SCCRP in chapcrack-pptplinux-pptpd-session.pcap, frame 12: vendor "linux", host "local", firmware 1
        Fingerprint f = DB.identify(reply(1, "local", "linux")).orElseThrow();
        assertThat(f.product()).isEqualTo("PoPToP pptpd");
        assertThat(f.os()).isEqualTo("Linux");
        assertThat(f.confidence()).isEqualTo(Confidence.HIGH);
    }

    @Test
    void windowsRrasFirmwareRevisionIsTheBuild() {
        assertThat(DB.identify(reply(7601, "", "Microsoft")).orElseThrow().os()).isEqualTo("Windows Server 2008 R2 / 7");
        assertThat(DB.identify(reply(7601, "", "Microsoft")).orElseThrow().endOfLife()).isEqualTo("2020-01-14");
        assertThat(DB.identify(reply(20348, "", "Microsoft")).orElseThrow().os()).isEqualTo("Windows Server 2022");
        // pptpcrack-windows-rras-session.pcap, frame 271: vendor "Microsoft", firmware 0, no host name
        Fingerprint old = DB.identify(reply(0, "", "Microsoft")).orElseThrow();
        assertThat(old.ruleId()).isEqualTo("windows");
        assertThat(old.confidence()).isEqualTo(Confidence.MEDIUM);
    }

    @Test
    void vendorsAreMatchedWhateverTheirCase() {
        assertThat(DB.identify(reply(0, "", "DrayTek Corp.")).orElseThrow().ruleId()).isEqualTo("draytek");
        assertThat(DB.identify(reply(0, "", "TP-LINK")).orElseThrow().ruleId()).isEqualTo("tp-link");
        assertThat(DB.identify(reply(0, "", "MikroTik")).orElseThrow().os()).isEqualTo("RouterOS");
        assertThat(DB.identify(reply(0, "", "nobody we know"))).isEmpty();
    }

    @Test
    void defacedHostNamesAreSeen() {
        assertThat(DB.defacementSignsIn(reply(0, "HACKED-ROUTER-HELP-SOS-HAD-DEFAULT-PASSWORD", "MikroTik")))
                .extracting(SignRule::id).containsExactly("hacked", "help-sos");
        assertThat(DB.defacementSignsIn(reply(0, "gw-office", "MikroTik"))).isEmpty();
    }

    @Test
    void honeypotSigns() {
        assertThat(DB.honeypotSignsIn(reply(0, "", "Conpot"))).extracting(SignRule::id).containsExactly("honeypot-vendor");
        assertThat(DB.honeypotSignsIn(reply(7601, "WIN-SRV", "Microsoft"))).extracting(SignRule::id)
                .containsExactly("microsoft-with-host-name");
        assertThat(DB.honeypotSignsIn(reply(7601, "", "Microsoft"))).isEmpty();
    }

    @Test
    void rejectsAnUnknownKeyNamingTheRule() {
        assertThatThrownBy(() -> parse("{\"products\":[{\"id\":\"x\",\"vendr\":\"a\",\"product\":\"p\",\"confidence\":\"high\"}]}"))
                .hasMessage("test.json: rule x: unknown key 'vendr'");
    }

    @Test
    void rejectsABadPatternRangeAndConfidence() {
        assertThatThrownBy(() -> parse("{\"products\":[{\"id\":\"x\",\"vendor\":\"(\",\"product\":\"p\",\"confidence\":\"high\"}]}"))
                .hasMessage("test.json: rule x: vendor pattern '(': Unclosed group");
        assertThatThrownBy(() -> parse("{\"products\":[{\"id\":\"x\",\"firmware\":\"9-1\",\"product\":\"p\",\"confidence\":\"high\"}]}"))
                .hasMessage("test.json: firmware range 9-1 runs backwards");
        assertThatThrownBy(() -> parse("{\"products\":[{\"id\":\"x\",\"vendor\":\"a\",\"product\":\"p\",\"confidence\":\"sure\"}]}"))
                .hasMessage("test.json: confidence 'sure' is not high, medium or low");
        assertThatThrownBy(() -> parse("{\"products\":[{\"id\":\"x\",\"product\":\"p\",\"confidence\":\"high\"}]}"))
                .hasMessage("test.json: rule x: needs vendor, hostname, firmware or max_channels");
        assertThatThrownBy(() -> parse("[1]")).hasMessage("test.json: expected a JSON object");
    }

    @Test
    void rejectsTextThatIsNotJsonAndReadsNumbers() throws Exception {
        assertThatThrownBy(() -> parse("{\"products\": [}")).hasMessageStartingWith("test.json: not JSON at line 1, column 15: Unexpected close marker '}'");
        assertThatThrownBy(() -> parse("{\n  \"products\": [\n    {\"id\": \"x\",,}\n]}"))
                .hasMessageStartingWith("test.json: not JSON at line 3, column ");
        assertThatThrownBy(() -> parse("")).hasMessage("test.json: expected a JSON object");
        FingerprintDatabase db = parse("{\"products\":[{\"id\":\"x\",\"max_channels\":5,\"product\":\"p\",\"confidence\":\"low\","
                + "\"note\":null}],\"honeypot_signs\":[],\"extra\":[1.5,true,false,{\"a\":[]}]}");
        assertThat(db.identify(new StartControlConnectionReply(0x0100, 1, 0, 0, 0, 5, 0, "", "")).orElseThrow().ruleId()).isEqualTo("x");
        assertThat(db.identify(new StartControlConnectionReply(0x0100, 1, 0, 0, 0, 4, 0, "", ""))).isEmpty();
    }
}
