package io.pptp4j.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.control.ControlMessage.CallDisconnectNotify;
import io.pptp4j.control.ControlMessage.EchoReply;
import io.pptp4j.control.ControlMessage.EchoRequest;
import io.pptp4j.control.ControlMessage.IncomingCallConnected;
import io.pptp4j.control.ControlMessage.IncomingCallReply;
import io.pptp4j.control.ControlMessage.IncomingCallRequest;
import io.pptp4j.control.ControlMessage.OutgoingCallReply;
import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.control.ControlMessage.StartControlConnectionRequest;
import io.pptp4j.control.ControlMessage.StopControlConnectionReply;
import io.pptp4j.control.ControlMessage.StopControlConnectionRequest;
import io.pptp4j.control.ControlMessage.WanErrorNotify;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Messages none of the captures hold, written octet by octet from the layouts of RFC 2637 section 2
 * (not by the encoder), decoded, and compared with what the encoder makes of the record.
 */
class ControlMessageCodecRfcLayoutTest {
    private static final String COOKIE = "1a2b3c4d";

    private static byte[] hex(String... parts) { return Hex.parse(String.join("", parts)); }

    /** {@code text} as ASCII hex, NUL-padded to {@code size} octets. */
    private static String padded(String text, int size) {
        byte[] b = new byte[size];
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, 0, t.length);
        return Hex.of(b);
    }

    private static ControlMessage decodesTo(byte[] wire, ControlMessage expected) throws DecodeException {
        ControlMessage m = ControlMessageCodec.decode(wire, DecodeMode.STRICT);
        assertThat(m).isEqualTo(expected);
        assertThat(ControlMessageCodec.encode(expected)).isEqualTo(wire);
        return m;
    }

    @Test
    void incomingCallRequest() throws DecodeException {
        byte[] wire = hex(
                "00dc 0001", // Length 220, PPTP Message Type 1
                COOKIE,
                "0009 0000", // Incoming-Call-Request, Reserved0
                "1234 0042", // Call ID, Call Serial Number
                "00000002", // Call Bearer Type: digital
                "0000abcd", // Physical Channel ID
                "0007 000a", // Dialed Number Length, Dialing Number Length
                padded("5551234", 64), // Dialed Number
                padded("0123456789", 64), // Dialing Number
                padded("ext-9", 64)); // Subaddress
        ControlMessage m = decodesTo(wire,
                new IncomingCallRequest(0x1234, 0x42, 2, 0xABCD, 7, 10, "5551234", "0123456789", "ext-9"));
        assertThat(((IncomingCallRequest) m).bearerTypeSet()).containsExactly(Bearer.DIGITAL);
        assertThat(m.abbreviation()).isEqualTo("ICRQ");
    }

    @Test
    void incomingCallReply() throws DecodeException {
        byte[] wire = hex(
                "0018 0001", COOKIE,
                "000a 0000", // Incoming-Call-Reply
                "0102 1234", // Call ID, Peer's Call ID
                "01 00 0010", // Result Code Connect, Error Code 0, Packet Recv. Window Size 16
                "0005 0000"); // Packet Transmit Delay 0.5 s, Reserved1
        ControlMessage m = decodesTo(wire, new IncomingCallReply(0x0102, 0x1234, 1, 0, 16, 5));
        assertThat(((IncomingCallReply) m).result()).contains(IncomingCallResult.CONNECT);
    }

    @Test
    void incomingCallConnected() throws DecodeException {
        byte[] wire = hex(
                "001c 0001", COOKIE,
                "000b 0000", // Incoming-Call-Connected
                "1234 0000", // Peer's Call ID, Reserved1
                "0001c200", // Connect Speed 115200
                "0010 0005", // Packet Recv. Window Size, Packet Transmit Delay
                "00000001"); // Framing Type: asynchronous
        ControlMessage m = decodesTo(wire, new IncomingCallConnected(0x1234, 115_200, 16, 5, 1));
        assertThat(((IncomingCallConnected) m).framingTypeSet()).containsExactly(Framing.ASYNCHRONOUS);
    }

    @Test
    void callDisconnectNotifyWithStatistics() throws DecodeException {
        byte[] wire = hex(
                "0094 0001", COOKIE,
                "000d 0000", // Call-Disconnect-Notify
                "0102 02 05", // Call ID, Result Code General Error, Error Code Bad-Call ID
                "0010 0000", // Cause Code 16, Reserved1
                padded("tx 1234 rx 5678", 128)); // Call Statistics
        ControlMessage m = decodesTo(wire, new CallDisconnectNotify(0x0102, 2, 5, 16, "tx 1234 rx 5678"));
        CallDisconnectNotify c = (CallDisconnectNotify) m;
        assertThat(c.result()).contains(CallDisconnectResult.GENERAL_ERROR);
        assertThat(c.generalError()).contains(GeneralErrorCode.BAD_CALL_ID);
    }

    @Test
    void wanErrorNotify() throws DecodeException {
        byte[] wire = hex(
                "0028 0001", COOKIE,
                "000e 0000", // WAN-Error-Notify
                "1234 0000", // Peer's Call ID, Reserved1
                "00000001", // CRC Errors
                "00000002", // Framing Errors
                "00000003", // Hardware Overruns
                "00000004", // Buffer Overruns
                "00000005", // Time-out Errors
                "ffffffff"); // Alignment Errors
        ControlMessage m = decodesTo(wire, new WanErrorNotify(0x1234, 1, 2, 3, 4, 5, 0xFFFFFFFFL));
        assertThat(m.name()).isEqualTo("WAN-Error-Notify");
        assertThat(m.abbreviation()).isEqualTo("WEN");
    }

    @Test
    void echoRequest() throws DecodeException {
        byte[] wire = hex("0010 0001", COOKIE, "0005 0000", "deadbeef");
        ControlMessage m = decodesTo(wire, new EchoRequest(0xDEADBEEFL));
        assertThat(m.abbreviation()).isEqualTo("ECHORQ");
    }

    @Test
    void echoReplyWithGeneralError() throws DecodeException {
        byte[] wire = hex("0014 0001", COOKIE, "0006 0000",
                "deadbeef", // Identifier of the request
                "02 03 0000"); // General Error, Bad-Value, Reserved1
        ControlMessage m = decodesTo(wire, new EchoReply(0xDEADBEEFL, 2, 3));
        assertThat(((EchoReply) m).result()).contains(EchoReplyResult.GENERAL_ERROR);
        assertThat(((EchoReply) m).generalError()).contains(GeneralErrorCode.BAD_VALUE);
    }

    @Test
    void stopControlConnectionRequestStopProtocol() throws DecodeException {
        byte[] wire = hex("0010 0001", COOKIE, "0003 0000", "02 00 0000"); // Reason Stop-Protocol
        ControlMessage m = decodesTo(wire, new StopControlConnectionRequest(2));
        assertThat(((StopControlConnectionRequest) m).stopReason()).contains(StopControlConnectionReason.STOP_PROTOCOL);
    }

    @Test
    void stopControlConnectionReplyNotConnected() throws DecodeException {
        byte[] wire = hex("0010 0001", COOKIE, "0004 0000", "02 01 0000"); // General Error, Not-Connected
        ControlMessage m = decodesTo(wire, new StopControlConnectionReply(2, 1));
        assertThat(((StopControlConnectionReply) m).generalError()).contains(GeneralErrorCode.NOT_CONNECTED);
    }

    @Test
    void acceptsOtherProtocolVersionForTheEngineToAnswer() throws DecodeException {
        byte[] wire = hex("009c 0001", COOKIE, "0001 0000",
                "0200 0000", // Protocol Version 2.0, Reserved1
                "00000003 00000002", // Framing, Bearer Capabilities
                "0000 0001", // Maximum Channels, Firmware Revision
                padded("pns.example", 64), padded("test", 64));
        decodesTo(wire, new StartControlConnectionRequest(0x0200, 3, 2, 0, 1, "pns.example", "test"));
    }

    @Test
    void startControlConnectionReplyVersionNotSupported() throws DecodeException {
        byte[] wire = hex("009c 0001", COOKIE, "0002 0000",
                "0100 05 00", // Protocol Version 1.0, Result Code 5, Error Code 0
                "00000001 00000001", "0008 0100", padded("pac", 64), padded("vendor", 64));
        ControlMessage m = decodesTo(wire, new StartControlConnectionReply(0x0100, 5, 0, 1, 1, 8, 0x100, "pac", "vendor"));
        assertThat(((StartControlConnectionReply) m).result())
                .contains(StartControlConnectionResult.VERSION_NOT_SUPPORTED);
    }

    @Test
    void outgoingCallReplyBusy() throws DecodeException {
        byte[] wire = hex("0020 0001", COOKIE, "0008 0000",
                "0007 0003", // Call ID, Peer's Call ID
                "04 00 0011", // Busy, Error Code 0, Cause Code 17 (Q.931 user busy)
                "00000000", "0000 0000", "00000009"); // Connect Speed, window, delay, Physical Channel ID
        ControlMessage m = decodesTo(wire, new OutgoingCallReply(7, 3, 4, 0, 17, 0, 0, 0, 9));
        assertThat(((OutgoingCallReply) m).result()).contains(OutgoingCallResult.BUSY);
    }

    @Test
    void hostNameFillingTheWholeFieldHasNoNul() throws DecodeException {
        String host = "h".repeat(64);
        byte[] wire = hex("009c 0001", COOKIE, "0001 0000", "0100 0000", "00000001 00000001", "0000 0000",
                padded(host, 64), padded("v", 64));
        decodesTo(wire, new StartControlConnectionRequest(0x0100, 1, 1, 0, 0, host, "v"));
    }

    @Test
    void ignoresOctetsAfterTheFirstNulOfAHostName() throws DecodeException {
        // RFC 2637 2.1: the rest of the field "SHOULD" be 0; a peer that leaves garbage there is still read.
        String field = padded("pac", 64);
        field = field.substring(0, 8) + "41424344" + field.substring(16); // "pac\0ABCD\0..."
        byte[] wire = hex("009c 0001", COOKIE, "0001 0000", "0100 0000", "00000001 00000001", "0000 0000",
                field, padded("v", 64));
        assertThat(ControlMessageCodec.decode(wire, DecodeMode.STRICT))
                .isEqualTo(new StartControlConnectionRequest(0x0100, 1, 1, 0, 0, "pac", "v"));
    }
}
