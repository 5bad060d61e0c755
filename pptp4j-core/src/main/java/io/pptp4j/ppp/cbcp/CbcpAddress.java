package io.pptp4j.ppp.cbcp;

import java.util.Objects;

/**
 * A Callback Address ([MS-CBCP] 2.2.2): an Address Type octet (1 for a PSTN or ISDN number) and the
 * address as a NUL-terminated ASCII string; the NUL is not part of {@link #address()}.
 */
public record CbcpAddress(int addressType, String address) {
    /** Address Type of a PSTN/ISDN telephone number, the only one defined. */
    public static final int PSTN_ISDN = 1;

    public CbcpAddress {
        if (addressType < 0 || addressType > 255) {
            throw new IllegalArgumentException("Address Type " + addressType + " is not one octet");
        }
        Objects.requireNonNull(address, "address");
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c == 0 || c > 0xFF) {
                throw new IllegalArgumentException("address has a NUL or a character beyond one octet at " + i);
            }
        }
    }

    /** A PSTN/ISDN number. */
    public static CbcpAddress phone(String number) { return new CbcpAddress(PSTN_ISDN, number); }
}
