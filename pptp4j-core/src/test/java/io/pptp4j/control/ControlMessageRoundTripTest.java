package io.pptp4j.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.control.ControlMessage.CallDisconnectNotify;
import io.pptp4j.control.ControlMessage.EchoRequest;
import io.pptp4j.control.ControlMessage.IncomingCallRequest;
import io.pptp4j.control.ControlMessage.OutgoingCallRequest;
import io.pptp4j.control.ControlMessage.StartControlConnectionRequest;
import io.pptp4j.control.ControlMessage.StopControlConnectionRequest;
import io.pptp4j.control.ControlMessage.Unknown;
import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Layer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every message type encodes to its fixed Length and decodes back to the same record. */
class ControlMessageRoundTripTest {

    @Test
    void samplesCoverEveryTypeInOrder() {
        assertThat(ControlSamples.ONE_OF_EACH.stream().map(ControlMessage::controlMessageType))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    }

    @Test
    void everyTypeRoundTripsAtItsFixedLength() throws DecodeException {
        for (ControlMessage m : ControlSamples.ONE_OF_EACH) {
            ControlMessageType type = m.knownType().orElseThrow();
            byte[] wire = ControlMessageCodec.encode(m);
            assertThat(wire.length).as(type.abbreviation()).isEqualTo(type.length()).isEqualTo(m.length());
            int lengthField = ((wire[0] & 0xFF) << 8) | (wire[1] & 0xFF);
            assertThat(lengthField).as(type.abbreviation()).isEqualTo(wire.length);
            ByteReader r = ByteReader.of(wire, Layer.PPTP, "PPTP");
            assertThat(ControlMessageCodec.decode(r, DecodeMode.STRICT)).isEqualTo(m);
            assertThat(r.offset()).as("bytes read").isEqualTo(wire.length);
            assertThat(ControlMessageCodec.decode(wire, DecodeMode.LENIENT)).isEqualTo(m);
        }
    }

    @Test
    void encodesIntoAWriterAfterWhatIsThere() {
        ByteWriter w = new ByteWriter();
        w.u8(0xAA);
        ControlMessageCodec.encode(new EchoRequest(7), w);
        assertThat(Bytes.of(w.toByteArray())).isEqualTo(Bytes.fromHex("aa 0010 0001 1a2b3c4d 0005 0000 00000007"));
    }

    @Test
    void unknownRoundTripsLeniently() throws DecodeException {
        Unknown u = new Unknown(0x7777, Bytes.fromHex("0102030405"));
        byte[] wire = ControlMessageCodec.encode(u);
        assertThat(wire).hasSize(17);
        assertThat(u.length()).isEqualTo(17);
        assertThat(ControlMessageCodec.decode(wire, DecodeMode.LENIENT)).isEqualTo(u);
    }

    @Test
    void namesAndAbbreviationsAreTheRfcs() {
        assertThat(ControlSamples.ONE_OF_EACH.stream().map(ControlMessage::name)).containsExactly(
                "Start-Control-Connection-Request", "Start-Control-Connection-Reply",
                "Stop-Control-Connection-Request", "Stop-Control-Connection-Reply", "Echo-Request", "Echo-Reply",
                "Outgoing-Call-Request", "Outgoing-Call-Reply", "Incoming-Call-Request", "Incoming-Call-Reply",
                "Incoming-Call-Connected", "Call-Clear-Request", "Call-Disconnect-Notify", "WAN-Error-Notify",
                "Set-Link-Info");
        assertThat(ControlSamples.ONE_OF_EACH.stream().map(ControlMessage::abbreviation)).containsExactly(
                "SCCRQ", "SCCRP", "StopCCRQ", "StopCCRP", "ECHORQ", "ECHORP", "OCRQ", "OCRP", "ICRQ", "ICRP",
                "ICCN", "CCRQ", "CDN", "WEN", "SLI");
    }

    @Test
    void refusesTextLongerThanItsField() {
        assertThatThrownBy(() -> new StartControlConnectionRequest(0x0100, 1, 1, 0, 0, "h".repeat(65), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Host Name is 65 octets, the field holds 64");
        assertThatThrownBy(() -> new CallDisconnectNotify(1, 1, 0, 0, "s".repeat(129)))
                .hasMessage("Call Statistics is 129 octets, the field holds 128");
        assertThatThrownBy(() -> new OutgoingCallRequest(0, 0, 0, 0, 1, 1, 0, 0, 0, "", "a".repeat(65)))
                .hasMessage("Subaddress is 65 octets, the field holds 64");
        assertThatThrownBy(() -> new IncomingCallRequest(0, 0, 1, 0, 0, 0, "1".repeat(65), "", ""))
                .hasMessage("Dialed Number is 65 octets, the field holds 64");
    }

    @Test
    void refusesTextThatCannotGoInANulPaddedField() {
        assertThatThrownBy(() -> new StartControlConnectionRequest(0x0100, 1, 1, 0, 0, "a\0b", ""))
                .hasMessage("Host Name has a NUL at index 1");
        assertThatThrownBy(() -> new StartControlConnectionRequest(0x0100, 1, 1, 0, 0, "", "caf\u00e9\u20ac"))
                .hasMessage("Vendor String has a non-ISO-8859-1 character at index 4");
    }

    @Test
    void refusesValuesWiderThanTheirField() {
        assertThatThrownBy(() -> new StopControlConnectionRequest(256)).hasMessage("Reason 256 is not one octet");
        assertThatThrownBy(() -> new EchoRequest(1L << 32)).hasMessage("Identifier 4294967296 is not 32 bits");
        assertThatThrownBy(() -> new OutgoingCallRequest(65536, 0, 0, 0, 1, 1, 0, 0, 0, "", ""))
                .hasMessage("Call ID 65536 is not 16 bits");
    }

    @Test
    void unknownRefusesADefinedType() {
        assertThatThrownBy(() -> new Unknown(5, Bytes.EMPTY))
                .hasMessage("Control Message Type 5 is Echo-Request, not unknown");
    }

    @Test
    void writesLatin1TextOctetForOctet() throws DecodeException {
        var m = new StartControlConnectionRequest(0x0100, 1, 1, 0, 0, "caf\u00e9", "");
        byte[] wire = ControlMessageCodec.encode(m);
        assertThat(Bytes.of(wire).slice(28, 33)).isEqualTo(Bytes.fromHex("636166e900"));
        assertThat(ControlMessageCodec.decode(wire, DecodeMode.STRICT)).isEqualTo(m);
    }

    @Test
    void typesWithoutResultsKeepRawCodes() {
        var cdn = new CallDisconnectNotify(1, 9, 77, 0, "");
        assertThat(cdn.result()).isEmpty();
        assertThat(cdn.generalError()).isEmpty();
        assertThat(List.of(cdn.resultCode(), cdn.errorCode())).containsExactly(9, 77);
    }
}
