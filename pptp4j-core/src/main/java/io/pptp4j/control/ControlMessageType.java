package io.pptp4j.control;

import java.util.Map;
import java.util.Optional;

/**
 * The Control Message Types of RFC 2637 section 1.4 with their names, the abbreviations used in the
 * field (and by tcpdump and Wireshark), and each message's fixed Length from its layout in section 2.
 */
public enum ControlMessageType implements ControlCode {
    START_CONTROL_CONNECTION_REQUEST(1, "Start-Control-Connection-Request", "SCCRQ", 156),
    START_CONTROL_CONNECTION_REPLY(2, "Start-Control-Connection-Reply", "SCCRP", 156),
    STOP_CONTROL_CONNECTION_REQUEST(3, "Stop-Control-Connection-Request", "StopCCRQ", 16),
    STOP_CONTROL_CONNECTION_REPLY(4, "Stop-Control-Connection-Reply", "StopCCRP", 16),
    ECHO_REQUEST(5, "Echo-Request", "ECHORQ", 16),
    ECHO_REPLY(6, "Echo-Reply", "ECHORP", 20),
    OUTGOING_CALL_REQUEST(7, "Outgoing-Call-Request", "OCRQ", 168),
    OUTGOING_CALL_REPLY(8, "Outgoing-Call-Reply", "OCRP", 32),
    INCOMING_CALL_REQUEST(9, "Incoming-Call-Request", "ICRQ", 220),
    INCOMING_CALL_REPLY(10, "Incoming-Call-Reply", "ICRP", 24),
    INCOMING_CALL_CONNECTED(11, "Incoming-Call-Connected", "ICCN", 28),
    CALL_CLEAR_REQUEST(12, "Call-Clear-Request", "CCRQ", 16),
    CALL_DISCONNECT_NOTIFY(13, "Call-Disconnect-Notify", "CDN", 148),
    WAN_ERROR_NOTIFY(14, "WAN-Error-Notify", "WEN", 40),
    SET_LINK_INFO(15, "Set-Link-Info", "SLI", 24);

    private static final Map<Integer, ControlMessageType> BY_VALUE = ControlCode.index(values());

    private final int value;
    private final String displayName;
    private final String abbreviation;
    private final int length;

    ControlMessageType(int value, String displayName, String abbreviation, int length) {
        this.value = value;
        this.displayName = displayName;
        this.abbreviation = abbreviation;
        this.length = length;
    }

    @Override
    public int value() { return value; }

    /** The RFC's name, e.g. {@code Start-Control-Connection-Request}. */
    @Override
    public String displayName() { return displayName; }

    /** E.g. {@code SCCRQ}. */
    public String abbreviation() { return abbreviation; }

    /** The message's Length in octets, header included. */
    public int length() { return length; }

    public static Optional<ControlMessageType> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** {@code 1 (Start-Control-Connection-Request)}, or {@code 16 (unknown)}. */
    public static String describe(int value) { return ControlCode.describe(value, of(value)); }
}
