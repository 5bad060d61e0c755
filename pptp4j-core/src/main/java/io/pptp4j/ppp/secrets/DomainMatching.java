package io.pptp4j.ppp.secrets;

/** How a client name such as {@code EXAMPLE\alice} (as Windows sends it) is matched against secrets. */
public enum DomainMatching {
    /** As pppd: the whole name, byte for byte; {@code EXAMPLE\alice} matches only an entry {@code EXAMPLE\alice}. */
    LITERAL,
    /**
     * pptp4j's {@code strip-domain}: first as {@link #LITERAL}; if no entry matches, again with the part
     * after the first backslash ({@code alice}).
     */
    STRIP_DOMAIN
}
