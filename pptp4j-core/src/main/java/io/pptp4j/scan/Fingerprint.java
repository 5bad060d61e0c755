package io.pptp4j.scan;

/** What a host is believed to be, from the rule that matched, and the fields it matched on. */
public record Fingerprint(String ruleId, String product, String os, Confidence confidence, String endOfLife,
                          String evidence) {
    public static Fingerprint of(FingerprintRule rule, String evidence) {
        return new Fingerprint(rule.id(), rule.product(), rule.os(), rule.confidence(), rule.endOfLife(), evidence);
    }
}
