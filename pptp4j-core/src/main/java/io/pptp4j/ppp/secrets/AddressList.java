package io.pptp4j.ppp.secrets;

import io.pptp4j.ppp.options.Ipv4;
import java.net.Inet4Address;
import java.util.List;

/**
 * The IP addresses a client may use, from the words after its secret (pppd(8), "AUTHENTICATION"). No
 * words, or a first word {@code -}, allows no address. Otherwise the first rule that covers an address
 * decides: allowed, or refused if the rule was written with {@code !}; an address no rule covers is refused.
 */
public record AddressList(List<AddressRule> rules) {
    public static final AddressList NONE = new AddressList(List.of());

    public AddressList {
        rules = List.copyOf(rules);
    }

    public boolean permits(Inet4Address address, int unit) {
        int value = Ipv4.toInt(address);
        for (AddressRule rule : rules) {
            if (rule.covers(value, unit)) {
                return !rule.exclude();
            }
        }
        return false;
    }

    /** True if no address at all is allowed. */
    public boolean allowsNone() {
        return rules.stream().noneMatch(r -> !r.exclude());
    }
}
