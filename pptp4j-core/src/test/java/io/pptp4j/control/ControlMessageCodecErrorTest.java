package io.pptp4j.control;

import static io.pptp4j.control.ControlCaptures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pptp4j.control.ControlMessage.SetLinkInfo;
import io.pptp4j.control.ControlMessage.StartControlConnectionRequest;
import io.pptp4j.control.ControlMessage.Unknown;
import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Layer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Malformed messages: the exact error text, the General Error Code to answer, and what lenient mode does. */
class ControlMessageCodecErrorTest {

    private static DecodeException strictError(byte[] wire) {
        return catchThrowableOfType(DecodeException.class, () -> ControlMessageCodec.decode(wire, DecodeMode.STRICT));
    }

    private static byte[] withU16(byte[] wire, int offset, int value) {
        byte[] b = wire.clone();
        b[offset] = (byte) (value >>> 8);
        b[offset + 1] = (byte) value;
        return b;
    }

    @Test
    void rejectsBadMagicCookie() {
        byte[] wire = bytes(MORETONBAY_SCCRP);
        System.arraycopy("HTTP".getBytes(), 0, wire, 4, 4);
        DecodeException e = strictError(wire);
        assertThat(e).hasMessage("SCCRP: Magic Cookie at offset 4: expected 0x1A2B3C4D, found 0x48545450");
        assertThat(e.replyCode()).isEqualTo(GeneralErrorCode.BAD_FORMAT.value());
        assertThat(e.layer()).isEqualTo(Layer.PPTP);
        assertThatThrownBy(() -> ControlMessageCodec.decode(wire, DecodeMode.LENIENT))
                .hasMessage("SCCRP: Magic Cookie at offset 4: expected 0x1A2B3C4D, found 0x48545450");
    }

    @Test
    void rejectsFlippedReserved0Bit() {
        byte[] wire = bytes(WINDOWS_NT_SCCRQ);
        wire[10] ^= 0x01;
        DecodeException e = strictError(wire);
        assertThat(e).hasMessage("SCCRQ: Reserved0 at offset 10: expected 0x0000, found 0x0100");
        assertThat(e.replyCode()).isEqualTo(GeneralErrorCode.BAD_VALUE.value());
    }

    /** Each Reserved field after the header: a sample message, its offset, name and width in octets. */
    static Stream<Arguments> reservedFields() {
        return Stream.of(
                Arguments.of(0, 14, "Reserved1", 2), // SCCRQ
                Arguments.of(2, 13, "Reserved1", 1), // StopCCRQ
                Arguments.of(2, 14, "Reserved2", 2),
                Arguments.of(3, 14, "Reserved1", 2), // StopCCRP
                Arguments.of(5, 18, "Reserved1", 2), // ECHORP
                Arguments.of(6, 38, "Reserved1", 2), // OCRQ
                Arguments.of(9, 22, "Reserved1", 2), // ICRP
                Arguments.of(10, 14, "Reserved1", 2), // ICCN
                Arguments.of(11, 14, "Reserved1", 2), // CCRQ
                Arguments.of(12, 18, "Reserved1", 2), // CDN
                Arguments.of(13, 14, "Reserved1", 2), // WEN
                Arguments.of(14, 14, "Reserved1", 2)); // SLI
    }

    @ParameterizedTest(name = "{2} at {1} of sample {0}")
    @MethodSource("reservedFields")
    void rejectsFlippedReservedBitStrictlyAndIgnoresItLeniently(int sample, int offset, String field, int width)
            throws DecodeException {
        ControlMessage m = ControlSamples.ONE_OF_EACH.get(sample);
        byte[] wire = ControlMessageCodec.encode(m);
        // the lowest bit of the field
        wire[offset + width - 1] ^= 0x01;
        String found = width == 1 ? "0x01" : "0x0001";
        String zero = width == 1 ? "0x00" : "0x0000";
        DecodeException e = strictError(wire);
        assertThat(e).hasMessage(m.abbreviation() + ": " + field + " at offset " + offset + ": expected " + zero
                + ", found " + found);
        assertThat(e.replyCode()).isEqualTo(GeneralErrorCode.BAD_VALUE.value());
        assertThat(ControlMessageCodec.decode(wire, DecodeMode.LENIENT)).isEqualTo(m);
    }

    @Test
    void rejectsLengthShorterThanTheType() {
        byte[] wire = withU16(Arrays.copyOf(bytes(WINDOWS_NT_SCCRQ), 150), 0, 150);
        DecodeException e = strictError(wire);
        assertThat(e).hasMessage("SCCRQ: Length at offset 0: expected 156, found 150");
        assertThat(e.replyCode()).isEqualTo(GeneralErrorCode.BAD_FORMAT.value());
        assertThatThrownBy(() -> ControlMessageCodec.decode(wire, DecodeMode.LENIENT))
                .hasMessage("SCCRQ: Length at offset 0: expected at least 156, found 150");
    }

    @Test
    void rejectsLongerLengthStrictlyAndIgnoresTheExtraOctetsLeniently() throws DecodeException {
        byte[] wire = withU16(Arrays.copyOf(bytes(WINDOWS_NT_SLI), 28), 0, 28);
        wire[24] = (byte) 0xEE;
        assertThat(strictError(wire)).hasMessage("SLI: Length at offset 0: expected 24, found 28");
        assertThat(ControlMessageCodec.decode(wire, DecodeMode.LENIENT))
                .isEqualTo(new SetLinkInfo(0, 0xFFFFFFFFL, 0xFFFFFFFFL));
    }

    @Test
    void rejectsLengthBeyondTheBytesThere() {
        byte[] wire = withU16(bytes(WINDOWS_NT_SLI), 0, 30);
        assertThatThrownBy(() -> ControlMessageCodec.decode(wire, DecodeMode.LENIENT))
                .hasMessage("SLI: Length at offset 0: expected at most 24 (the bytes there), found 30");
    }

    @Test
    void rejectsUnknownControlMessageTypeStrictlyAndKeepsItLeniently() throws DecodeException {
        byte[] wire = withU16(bytes(WINDOWS_NT_SLI), 8, 16);
        DecodeException e = strictError(wire);
        assertThat(e).hasMessage("PPTP: Control Message Type at offset 8: expected 1 to 15, found 16");
        assertThat(e.replyCode()).isEqualTo(GeneralErrorCode.BAD_VALUE.value());
        ControlMessage m = ControlMessageCodec.decode(wire, DecodeMode.LENIENT);
        assertThat(m).isEqualTo(new Unknown(16, Bytes.fromHex("00000000 ffffffff ffffffff")));
        assertThat(m.name()).isEqualTo("Control-Message-Type-16");
        assertThat(m.abbreviation()).isEqualTo("TYPE16");
        // Reserved0 is not kept; otherwise the message comes back as it was.
        assertThat(ControlMessageCodec.encode(m)).isEqualTo(wire);
    }

    @Test
    void rejectsUnknownTypeShorterThanAHeaderLeniently() {
        byte[] wire = withU16(withU16(bytes(WINDOWS_NT_SLI), 8, 0x4242), 0, 8);
        assertThatThrownBy(() -> ControlMessageCodec.decode(wire, DecodeMode.LENIENT))
                .hasMessage("PPTP: Length at offset 0: expected at least 12, found 8");
    }

    @Test
    void rejectsManagementMessageInBothModes() {
        byte[] wire = withU16(bytes(WINDOWS_NT_SCCRQ), 2, ControlMessageCodec.MANAGEMENT_MESSAGE);
        DecodeException e = strictError(wire);
        assertThat(e).hasMessage("SCCRQ: PPTP Message Type at offset 2: expected 1, found 2");
        assertThat(e.replyCode()).isEqualTo(GeneralErrorCode.BAD_VALUE.value());
        assertThatThrownBy(() -> ControlMessageCodec.decode(wire, DecodeMode.LENIENT))
                .hasMessage("SCCRQ: PPTP Message Type at offset 2: expected 1, found 2");
    }

    @Test
    void rejectsMessageShorterThanAHeader() {
        DecodeException e = strictError(Arrays.copyOf(bytes(WINDOWS_NT_SLI), 5));
        assertThat(e).hasMessage("PPTP: Header at offset 0: expected 12 bytes, found 5 bytes");
        assertThat(e.replyCode()).isEqualTo(GeneralErrorCode.BAD_FORMAT.value());
    }

    @Test
    void rejectsTrailingOctetsAfterTheMessageStrictly() throws DecodeException {
        byte[] wire = Arrays.copyOf(bytes(WINDOWS_NT_SLI), 27);
        assertThat(strictError(wire)).hasMessage("SLI: End of message at offset 24: expected no more bytes, found 3 more bytes");
        assertThat(ControlMessageCodec.decode(wire, DecodeMode.LENIENT)).isInstanceOf(SetLinkInfo.class);
    }

    @Test
    void errorOffsetsCountFromTheOuterBuffer() {
        byte[] outer = new byte[5 + 156];
        System.arraycopy(bytes(WINDOWS_NT_SCCRQ), 0, outer, 5, 156);
        outer[5 + 15] = 1; // Reserved1
        ByteReader r = ByteReader.of(outer, Layer.TCP, "TCP");
        assertThatThrownBy(() -> {
            r.skip(5, "prefix");
            ControlMessageCodec.decode(r, DecodeMode.STRICT);
        }).hasMessage("SCCRQ: Reserved1 at offset 19: expected 0x0000, found 0x0001");
    }

    @Test
    void decodesMessagesInTurnFromOneReader() throws DecodeException {
        byte[] a = bytes(WINDOWS_CLIENT_SCCRQ);
        byte[] b = bytes(WINDOWS_CLIENT_OCRQ);
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        ByteReader r = ByteReader.of(both, Layer.PPTP, "PPTP");
        assertThat(ControlMessageCodec.decode(r, DecodeMode.STRICT)).isInstanceOf(StartControlConnectionRequest.class);
        assertThat(r.offset()).isEqualTo(156);
        assertThat(ControlMessageCodec.decode(r, DecodeMode.STRICT)).isEqualTo(ControlMessageCodec.decode(b, DecodeMode.STRICT));
        assertThat(r.hasRemaining()).isFalse();
    }
}
