package io.pptp4j.ppp.cp;

import io.pptp4j.wire.CodeTable;
import java.util.Optional;

/**
 * Packet codes shared by LCP and the network and compression control protocols that reuse its packet
 * format: RFC 1661 section 5 (1-11), RFC 1570 (12 Identification, 13 Time-Remaining), RFC 1962 section 2
 * (14 Reset-Request, 15 Reset-Ack, CCP only).
 */
public enum CpCode {
    CONFIGURE_REQUEST(1, "Configure-Request"),
    CONFIGURE_ACK(2, "Configure-Ack"),
    CONFIGURE_NAK(3, "Configure-Nak"),
    CONFIGURE_REJECT(4, "Configure-Reject"),
    TERMINATE_REQUEST(5, "Terminate-Request"),
    TERMINATE_ACK(6, "Terminate-Ack"),
    CODE_REJECT(7, "Code-Reject"),
    PROTOCOL_REJECT(8, "Protocol-Reject"),
    ECHO_REQUEST(9, "Echo-Request"),
    ECHO_REPLY(10, "Echo-Reply"),
    DISCARD_REQUEST(11, "Discard-Request"),
    IDENTIFICATION(12, "Identification"),
    TIME_REMAINING(13, "Time-Remaining"),
    RESET_REQUEST(14, "Reset-Request"),
    RESET_ACK(15, "Reset-Ack");

    private static final CodeTable<CpCode> BY_VALUE = CodeTable.of(values(), c -> c.value);

    private final int value;
    private final String displayName;

    CpCode(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    public int value() { return value; }

    public String displayName() { return displayName; }

    public static Optional<CpCode> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }
}
