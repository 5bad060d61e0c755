package io.pptp4j.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.wire.Bytes;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ScanAssessorTest {
    private static final Target TARGET = Target.of(TargetSpec.literal("192.0.2.2"), 1723);
    private static final FingerprintDatabase DB = new FingerprintDatabase(List.of(
            new FingerprintRule("windows-2012-r2", new Conditions(Pattern.compile("^Microsoft"), null, 9600, 9600, null),
                    "Microsoft RRAS", "Windows Server 2012 R2", Confidence.HIGH, "2023-10-10", null),
            new FingerprintRule("windows", new Conditions(Pattern.compile("^Microsoft$"), null, null, null, null),
                    "Microsoft RRAS", "Windows", Confidence.MEDIUM, null, null),
            new FingerprintRule("poptop", new Conditions(Pattern.compile("^linux$"), null, null, null, null),
                    "PoPToP pptpd", "Linux", Confidence.HIGH, null, null)),
            List.of(new SignRule("microsoft-with-host-name", new Conditions(Pattern.compile("^Microsoft$"), Pattern.compile("."),
                    null, null, null), "RRAS leaves it empty")),
            List.of(new SignRule("hacked", new Conditions(null, Pattern.compile("(?i)hacked"), null, null, null), "defaced")));
    private static final ScanAssessor ASSESSOR = new ScanAssessor(DB, LocalDate.of(2026, 11, 24));

    private static StartControlConnectionReply reply(int result, int firmware, String host, String vendor) {
        return new StartControlConnectionReply(0x0100, result, 0, 0, 0, 1, firmware, host, vendor);
    }

    private static ScanResult assess(StartControlConnectionReply r) {
        return ASSESSOR.assess(TARGET, new ReplyClassifier.Reply(r, null), 1.5);
    }

    @Test
    void pptpdIsPoptopOnLinuxAndExposed() {
        ScanResult r = assess(reply(1, 1, "local", "linux"));
        assertThat(r.status()).isEqualTo(ScanStatus.PPTP);
        assertThat(r.fingerprint()).isEqualTo(new Fingerprint("poptop", "PoPToP pptpd", "Linux", Confidence.HIGH, null,
                "vendor \"linux\""));
        assertThat(r.findings()).extracting(Finding::id).containsExactly("PPTP-EXPOSED");
        assertThat(r.findings().getFirst().evidence())
                .isEqualTo("TCP 1723 answered a Start-Control-Connection-Request as \"linux\" with Result Code 1 (Successful channel establishment)");
        assertThat(r.worstSeverity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void aWindowsBuildPastItsEndOfSupportIsAFinding() {
        ScanResult r = assess(reply(1, 9600, "", "Microsoft"));
        assertThat(r.fingerprint().os()).isEqualTo("Windows Server 2012 R2");
        Finding eol = r.findings().get(1);
        assertThat(eol.id()).isEqualTo("PPTP-END-OF-LIFE");
        assertThat(eol.evidence()).isEqualTo("Microsoft RRAS (Windows Server 2012 R2), support ended 2023-10-10; identified by "
                + "vendor \"Microsoft\", firmware revision 9600");
    }

    @Test
    void anEndOfLifeDateStillAheadIsNoFinding() {
        ScanAssessor before = new ScanAssessor(DB, LocalDate.of(2023, 10, 9));
        assertThat(before.assess(TARGET, new ReplyClassifier.Reply(reply(1, 9600, "", "Microsoft"), null), 1.0).findings())
                .extracting(Finding::id).containsExactly("PPTP-EXPOSED");
    }

    @Test
    void theFirstMatchingRuleWins() {
        assertThat(assess(reply(1, 7601, "", "Microsoft")).fingerprint().ruleId()).isEqualTo("windows");
    }

    @Test
    void aDefacedHostNameIsCritical() {
        ScanResult r = assess(reply(1, 1, "HACKED-ROUTER-HELP-SOS", "linux"));
        assertThat(r.worstSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.findings()).filteredOn(f -> f.id().equals("PPTP-DEFACED-HOST-NAME")).singleElement()
                .extracting(Finding::evidence).isEqualTo("host name \"HACKED-ROUTER-HELP-SOS\": defaced (hacked)");
    }

    @Test
    void honeypotSignsAreInformational() {
        ScanResult r = assess(reply(1, 0, "decoy", "Microsoft"));
        assertThat(r.findings()).filteredOn(f -> f.id().equals("PPTP-HONEYPOT-SIGN")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
    }

    @Test
    void aRefusalIsAnOddResultAndNotAuthorizedIsOnlyInformational() {
        assertThat(assess(reply(2, 1, "local", "linux")).findings()).filteredOn(f -> f.id().equals("PPTP-ODD-RESULT"))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.LOW);
                    assertThat(f.evidence()).isEqualTo("Result Code 2 (General error), Error Code 0");
                });
        assertThat(assess(reply(4, 1, "local", "linux")).findings()).filteredOn(f -> f.id().equals("PPTP-ODD-RESULT"))
                .singleElement().extracting(Finding::severity).isEqualTo(Severity.INFO);
    }

    @Test
    void anOddVersionAndANonconformanceAreFindings() {
        StartControlConnectionReply r = new StartControlConnectionReply(0x0200, 1, 0, 0, 0, 1, 1, "local", "linux");
        ScanResult s = ASSESSOR.assess(TARGET, new ReplyClassifier.Reply(r, "SCCRP: Reserved0 at offset 10: expected 0x0000, found 0x007F"), 1.0);
        assertThat(s.findings()).extracting(Finding::id, Finding::evidence).containsExactly(
                org.assertj.core.groups.Tuple.tuple("PPTP-EXPOSED", "TCP 1723 answered a Start-Control-Connection-Request as \"linux\" with Result Code 1 (Successful channel establishment)"),
                org.assertj.core.groups.Tuple.tuple("PPTP-ODD-VERSION", "Protocol Version 0x0200"),
                org.assertj.core.groups.Tuple.tuple("PPTP-NONCONFORMANT", "SCCRP: Reserved0 at offset 10: expected 0x0000, found 0x007F"));
    }

    @Test
    void notPptpKeepsTheFirstBytesAndHasNoFindings() {
        ScanResult r = ASSESSOR.assess(TARGET, new ReplyClassifier.NotPptp(Bytes.fromHex("48545450"), "no PPTP Magic Cookie at offset 4"), 2.0);
        assertThat(r.status()).isEqualTo(ScanStatus.NOT_PPTP);
        assertThat(r.firstBytes()).isEqualTo(Bytes.fromHex("48545450"));
        assertThat(r.findings()).isEmpty();
        assertThat(r.worstSeverity()).isNull();
    }

    @Test
    void malformedPptpIsAnError() {
        ScanResult r = ASSESSOR.assess(TARGET, new ReplyClassifier.MalformedPptp(Bytes.fromHex("000c"), "cut"), 2.0);
        assertThat(r.status()).isEqualTo(ScanStatus.ERROR);
        assertThat(r.error()).isEqualTo("malformed PPTP: cut");
    }

    @Test
    void aRepeatedReplyIsJudgedAlikeOnEachTargetAndPort() {
        StartControlConnectionReply defaced = reply(1, 1, "hacked", "linux");
        ScanResult first = assess(defaced);
        Target other = Target.of(TargetSpec.literal("192.0.2.99"), 10723);
        ScanResult second = ASSESSOR.assess(other, new ReplyClassifier.Reply(defaced, null), 2.0);
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(second.findings()).extracting(Finding::id).isEqualTo(first.findings().stream().map(Finding::id).toList());
        assertThat(second.findings().getFirst().evidence()).startsWith("TCP 10723 answered");
        assertThat(second.target()).isEqualTo(other);
    }

    @Test
    void rulesNeedAConditionAndUniqueIds() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Conditions(null, null, null, null, null))
                .hasMessage("a rule needs at least one condition");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FingerprintDatabase(List.of(DB.products().get(2), DB.products().get(2)),
                List.of(), List.of())).hasMessage("rule id 'poptop' is used twice");
    }

    @Test
    void aRepeatedReplySharesItsAssessmentButNotAcrossPortsOrNonconformances() {
        ScanAssessor a = new ScanAssessor(DB, LocalDate.of(2026, 11, 24));
        ScanResult first = a.assess(TARGET, new ReplyClassifier.Reply(reply(1, 9600, "", "Microsoft"), null), 1.0);
        ScanResult again = a.assess(Target.of(TargetSpec.literal("192.0.2.3"), 1723),
                new ReplyClassifier.Reply(reply(1, 9600, "", "Microsoft"), null), 2.0);
        assertThat(again.reply()).isSameAs(first.reply());
        assertThat(again.findings()).isSameAs(first.findings());
        assertThat(again.target().ip()).isEqualTo("192.0.2.3");
        assertThat(again.rttMillis()).isEqualTo(2.0);
        ScanResult otherPort = a.assess(Target.of(TargetSpec.literal("192.0.2.3"), 1724),
                new ReplyClassifier.Reply(reply(1, 9600, "", "Microsoft"), null), 2.0);
        assertThat(otherPort.findings().getFirst().evidence()).startsWith("TCP 1724 answered");
        ScanResult odd = a.assess(Target.of(TargetSpec.literal("192.0.2.3"), 1724),
                new ReplyClassifier.Reply(reply(1, 9600, "", "Microsoft"), "SCCRP: odd"), 2.0);
        assertThat(odd.findings()).extracting(Finding::id).containsExactly("PPTP-EXPOSED", "PPTP-END-OF-LIFE", "PPTP-NONCONFORMANT");
        ScanResult back = a.assess(TARGET, new ReplyClassifier.Reply(reply(1, 9600, "", "Microsoft"), null), 1.0);
        assertThat(back.findings()).isEqualTo(first.findings());
    }
}
