package io.pptp4j.ppp.secrets;

/**
 * One word of a secrets line's address list (pppd(8), "AUTHENTICATION"): {@code *} (any address),
 * {@code a.b.c.d}, {@code a.b.c.d/n} (the addresses with the same top n bits), {@code a.b.c.d/n+} (the one
 * address of that subnet whose host part is the ppp unit number plus one); a leading {@code !} makes the
 * rule exclude what it matches.
 *
 * @param exclude written with {@code !}
 * @param any the {@code *} word
 * @param network the address (host bits kept as written), as an unsigned 32-bit value
 * @param prefixLength 0..32; 32 for a single address
 * @param unitHost written with a trailing {@code +}
 */
public record AddressRule(boolean exclude, boolean any, int network, int prefixLength, boolean unitHost) {
    public AddressRule {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32: " + prefixLength);
        }
        if (any && (unitHost || prefixLength != 0 || network != 0)) {
            throw new IllegalArgumentException("* takes no address");
        }
    }

    /** True if the rule covers {@code address} (an unsigned 32-bit value) on ppp unit {@code unit}. */
    public boolean covers(int address, int unit) {
        if (any) {
            return true;
        }
        int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        if (unitHost) {
            return address == ((network & mask) | ((unit + 1) & ~mask));
        }
        return (address & mask) == (network & mask);
    }
}
