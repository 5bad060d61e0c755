package io.pptp4j.scan;

import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Products, honeypot signs and defacement signs, as loaded from a data file (the file format is the
 * loader's business). Products are tried in order and the first match wins, so narrower rules (a
 * vendor and a firmware range) come before wider ones (the vendor alone).
 */
public record FingerprintDatabase(List<FingerprintRule> products, List<SignRule> honeypotSigns,
                                  List<SignRule> defacementSigns) {
    public FingerprintDatabase {
        products = List.copyOf(products);
        honeypotSigns = List.copyOf(honeypotSigns);
        defacementSigns = List.copyOf(defacementSigns);
        Set<String> ids = new HashSet<>();
        for (String id : java.util.stream.Stream.of(products.stream().map(FingerprintRule::id),
                honeypotSigns.stream().map(SignRule::id), defacementSigns.stream().map(SignRule::id))
                .flatMap(s -> s).toList()) {
            if (!ids.add(id)) throw new IllegalArgumentException("rule id '" + id + "' is used twice");
        }
    }

    public static final FingerprintDatabase EMPTY = new FingerprintDatabase(List.of(), List.of(), List.of());

    public Optional<Fingerprint> identify(StartControlConnectionReply r) {
        for (FingerprintRule rule : products) {
            if (rule.when().matches(r)) return Optional.of(Fingerprint.of(rule, rule.when().evidence(r)));
        }
        return Optional.empty();
    }

    public List<SignRule> honeypotSignsIn(StartControlConnectionReply r) {
        return honeypotSigns.stream().filter(s -> s.when().matches(r)).toList();
    }

    public List<SignRule> defacementSignsIn(StartControlConnectionReply r) {
        return defacementSigns.stream().filter(s -> s.when().matches(r)).toList();
    }
}
