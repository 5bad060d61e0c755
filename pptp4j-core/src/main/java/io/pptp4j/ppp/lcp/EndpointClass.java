package io.pptp4j.ppp.lcp;

import io.pptp4j.wire.CodeTable;
import java.util.Optional;

/**
 * The Class field of the Endpoint-Discriminator option, RFC 1990 5.1.3, with the Address length each
 * class allows ("one or more octets", except the Null Class which has none).
 */
public enum EndpointClass {
    /** No address at all. */
    NULL_CLASS(0, "Null Class", 0, 0),
    /** Up to 20 octets, e.g. a serial number; Windows NT and Windows RRAS send 20. */
    LOCALLY_ASSIGNED_ADDRESS(1, "Locally Assigned Address", 1, 20),
    INTERNET_PROTOCOL_ADDRESS(2, "Internet Protocol (IP) Address", 4, 4),
    IEEE_802_1_MAC_ADDRESS(3, "IEEE 802.1 Globally Assigned MAC Address", 6, 6),
    /** One to five 32-bit magic numbers. */
    PPP_MAGIC_NUMBER_BLOCK(4, "PPP Magic-Number Block", 4, 20),
    PUBLIC_SWITCHED_NETWORK_DIRECTORY_NUMBER(5, "Public Switched Network Directory Number", 1, 15);

    private static final CodeTable<EndpointClass> BY_VALUE = CodeTable.of(values(), c -> c.value);

    private final int value;
    private final String displayName;
    private final int minAddressLength;
    private final int maxAddressLength;

    EndpointClass(int value, String displayName, int minAddressLength, int maxAddressLength) {
        this.value = value;
        this.displayName = displayName;
        this.minAddressLength = minAddressLength;
        this.maxAddressLength = maxAddressLength;
    }

    public int value() { return value; }

    public String displayName() { return displayName; }

    public int minAddressLength() { return minAddressLength; }

    public int maxAddressLength() { return maxAddressLength; }

    /** Whether an Address of {@code length} octets fits this class (a Magic-Number Block: whole numbers only). */
    public boolean allowsAddressLength(int length) {
        if (length < minAddressLength || length > maxAddressLength) {
            return false;
        }
        return this != PPP_MAGIC_NUMBER_BLOCK || length % 4 == 0;
    }

    public static Optional<EndpointClass> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** The class's name, or {@code Class 9} when it has none here. */
    public static String describe(int value) {
        EndpointClass c = BY_VALUE.get(value);
        return c != null ? c.displayName : "Class " + value;
    }
}
