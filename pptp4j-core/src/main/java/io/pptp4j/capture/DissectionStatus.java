package io.pptp4j.capture;

/** How far {@link PacketDissector} got into a packet. */
public enum DissectionStatus {
    /** Link, IP and transport headers read; the payload fields are set. */
    COMPLETE,
    /** A link type the dissector does not take apart. */
    UNSUPPORTED_LINK_TYPE,
    /** The link layer carries something other than IP (ARP, LLC, ...); {@link Dissection#etherType()} says what. */
    NOT_IP,
    /**
     * An IP fragment other than the first: the addresses, protocol and fragment offset are set, the
     * payload is the fragment's data; there is no transport header in it.
     */
    FRAGMENT,
    /** The captured bytes end inside a header (snap length); the fields read so far are set. */
    TRUNCATED,
    /** A header contradicts itself; {@link Dissection#problem()} says where and how. */
    MALFORMED
}
