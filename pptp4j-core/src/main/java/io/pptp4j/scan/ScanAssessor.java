package io.pptp4j.scan;

import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.control.StartControlConnectionResult;
import io.pptp4j.wire.Hex;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Turns what a target answered into a {@link ScanResult}: status, fingerprint and findings. */
public final class ScanAssessor {
    private final FingerprintDatabase database;
    private final LocalDate today;
    /**
     * What the database said about recent replies: a scan meets the same reply on host after host, and
     * the rules are regular expressions. Bounded; cleared when full. Not thread-safe, like the class.
     */
    private final java.util.Map<StartControlConnectionReply, Matched> recent = new java.util.HashMap<>();
    private static final int RECENT_MAX = 4096;
    private Matched last;

    /**
     * One reply met before: the first instance (results share it, and the findings list, so that a writer
     * can tell a repeat by identity), what the database said, and the findings for the last port and
     * nonconformance it came with (they name the port).
     */
    private static final class Matched {
        final StartControlConnectionReply reply;
        final Fingerprint fingerprint;
        final java.util.Optional<String> defacement;
        final java.util.Optional<String> honeypot;
        int port;
        String nonconformance;
        List<Finding> findings;

        Matched(StartControlConnectionReply reply, Fingerprint fingerprint, java.util.Optional<String> defacement,
                java.util.Optional<String> honeypot) {
            this.reply = reply;
            this.fingerprint = fingerprint;
            this.defacement = defacement;
            this.honeypot = honeypot;
        }
    }

    /** {@code today} decides whether an end-of-life date has passed. */
    public ScanAssessor(FingerprintDatabase database, LocalDate today) {
        this.database = database;
        this.today = today;
    }

    /** The result for a target whose reply {@link ReplyClassifier} classified, after {@code rttMillis}. */
    public ScanResult assess(Target target, ReplyClassifier.Outcome outcome, Double rttMillis) {
        return switch (outcome) {
            case ReplyClassifier.Reply r -> assessReply(target, r.reply(), r.nonconformance(), rttMillis);
            case ReplyClassifier.OtherMessage m -> new ScanResult(target, ScanStatus.PPTP, rttMillis, null, null,
                    "answered with " + m.message().name() + ", not a Start-Control-Connection-Reply", null,
                    List.of(FindingKind.PPTP_EXPOSED.with("TCP " + target.port() + " speaks PPTP (answered "
                            + m.message().abbreviation() + ")")));
            case ReplyClassifier.MalformedPptp m -> new ScanResult(target, ScanStatus.ERROR, rttMillis, null,
                    m.firstBytes(), "malformed PPTP: " + m.reason(), null, List.of());
            case ReplyClassifier.NotPptp n -> new ScanResult(target, ScanStatus.NOT_PPTP, rttMillis, null,
                    n.firstBytes(), n.reason(), null, List.of());
            case ReplyClassifier.NeedMore x -> throw new IllegalArgumentException("the reply is not complete yet");
        };
    }

    private ScanResult assessReply(Target target, StartControlConnectionReply r, String nonconformance, Double rtt) {
        // the same instance as the last reply (a scan's memo hands out the same outcome) needs no lookup
        Matched matched = last != null && last.reply == r ? last : recent.get(r);
        if (matched == null) {
            if (recent.size() >= RECENT_MAX) recent.clear();
            matched = new Matched(r, database.identify(r).orElse(null), signs(r, database.defacementSignsIn(r)),
                    signs(r, database.honeypotSignsIn(r)));
            recent.put(r, matched);
        }
        if (matched.findings == null || matched.port != target.port() || !java.util.Objects.equals(matched.nonconformance, nonconformance)) {
            matched.findings = List.copyOf(findings(target.port(), matched, nonconformance));
            matched.port = target.port();
            matched.nonconformance = nonconformance;
        }
        last = matched;
        return new ScanResult(target, ScanStatus.PPTP, rtt, matched.reply, null, null, matched.fingerprint, matched.findings);
    }

    private List<Finding> findings(int port, Matched matched, String nonconformance) {
        StartControlConnectionReply r = matched.reply;
        Fingerprint fingerprint = matched.fingerprint;
        List<Finding> findings = new ArrayList<>();
        findings.add(FindingKind.PPTP_EXPOSED.with("TCP " + port + " answered a Start-Control-Connection-Request"
                + (r.vendorString().isEmpty() ? "" : " as \"" + r.vendorString() + "\"")
                + " with Result Code " + StartControlConnectionResult.describe(r.resultCode())));
        matched.defacement.ifPresent(e -> findings.add(FindingKind.DEFACED_HOST_NAME.with(e)));
        if (fingerprint != null && fingerprint.endOfLife() != null && !LocalDate.parse(fingerprint.endOfLife()).isAfter(today)) {
            findings.add(FindingKind.END_OF_LIFE.with(fingerprint.product() + (fingerprint.os() != null ? " (" + fingerprint.os() + ")" : "")
                    + ", support ended " + fingerprint.endOfLife() + "; identified by " + fingerprint.evidence()));
        }
        if (r.resultCode() != StartControlConnectionResult.SUCCESSFUL.value()) {
            boolean restricted = r.resultCode() == StartControlConnectionResult.NOT_AUTHORIZED.value();
            findings.add(FindingKind.ODD_RESULT.with(restricted ? Severity.INFO : Severity.LOW,
                    "Result Code " + StartControlConnectionResult.describe(r.resultCode()) + ", Error Code " + r.errorCode()));
        }
        if (r.protocolVersion() != ControlMessageCodec.PROTOCOL_VERSION) {
            findings.add(FindingKind.ODD_VERSION.with("Protocol Version " + Hex.u16(r.protocolVersion())));
        }
        if (nonconformance != null) {
            findings.add(FindingKind.NONCONFORMANT.with(nonconformance));
        }
        matched.honeypot.ifPresent(e -> findings.add(FindingKind.HONEYPOT_SIGN.with(e)));
        return findings;
    }

    /** One line of evidence for all the signs that matched: {@code host name "X": reason (sign-id); ...}. */
    private static java.util.Optional<String> signs(StartControlConnectionReply r, List<SignRule> matched) {
        if (matched.isEmpty()) return java.util.Optional.empty();
        return java.util.Optional.of(String.join("; ", matched.stream()
                .map(s -> s.when().evidence(r) + ": " + s.reason() + " (" + s.id() + ")").toList()));
    }
}
