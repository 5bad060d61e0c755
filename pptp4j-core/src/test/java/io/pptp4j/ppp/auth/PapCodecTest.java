package io.pptp4j.ppp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import io.pptp4j.wire.Layer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PapCodecTest {
    // RFC 1334 2.2.1: Code 1, Identifier 7, Length 16, Peer-ID-Length 4 "user", Passwd-Length 6 "secret"
    static final String REQUEST = "01 07 0010 04 75736572 06 736563726574";
    // RFC 1334 2.2.2: Code 2, Identifier 7, Length 12, Msg-Length 7 "Welcome"
    static final String ACK = "02 07 000c 07 57656c636f6d65";
    // RFC 1334 2.2.2: Code 3, Identifier 7, Length 15, Msg-Length 10 "Bad secret"
    static final String NAK = "03 07 000f 0a 42616420736563726574";

    static Bytes ascii(String s) { return Bytes.of(s.getBytes(StandardCharsets.US_ASCII)); }

    static PapPacket strict(String hex) throws DecodeException { return PapCodec.decode(Hex.parse(hex), DecodeMode.STRICT); }

    static String strictError(String hex) {
        try {
            strict(hex);
        } catch (DecodeException e) {
            return e.getMessage();
        }
        throw new AssertionError("decoded " + hex);
    }

    @Test
    void decodesAuthenticateRequestFromRfcLayout() throws Exception {
        assertThat(strict(REQUEST)).isEqualTo(new PapPacket.AuthenticateRequest(7, ascii("user"), ascii("secret")));
        assertThat(PapCodec.encode(strict(REQUEST))).isEqualTo(Hex.parse(REQUEST));
    }

    @Test
    void decodesAuthenticateAckFromRfcLayout() throws Exception {
        assertThat(strict(ACK)).isEqualTo(new PapPacket.AuthenticateAck(7, ascii("Welcome")));
        assertThat(PapCodec.encode(strict(ACK))).isEqualTo(Hex.parse(ACK));
    }

    @Test
    void decodesAuthenticateNakFromRfcLayout() throws Exception {
        PapPacket nak = strict(NAK);
        assertThat(nak).isEqualTo(new PapPacket.AuthenticateNak(7, ascii("Bad secret")));
        assertThat(nak.codeName()).isEqualTo("Authenticate-Nak");
        assertThat(PapCodec.encode(nak)).isEqualTo(Hex.parse(NAK));
    }

    @Test
    void roundTripsEveryPacketTypeWithLengthFieldEqualToSize() throws Exception {
        PapPacket[] packets = {
            new PapPacket.AuthenticateRequest(0, Bytes.EMPTY, Bytes.EMPTY),
            new PapPacket.AuthenticateRequest(255, ascii("BIGCO\\johndoe"), Bytes.of(new byte[255])),
            new PapPacket.AuthenticateAck(1, Bytes.EMPTY),
            new PapPacket.AuthenticateNak(2, ascii("Authentication failure")),
            new PapPacket.Unknown(4, 3, Bytes.fromHex("0102")),
        };
        for (PapPacket p : packets) {
            byte[] encoded = PapCodec.encode(p);
            assertThat(((encoded[2] & 0xFF) << 8) | (encoded[3] & 0xFF)).isEqualTo(encoded.length);
            assertThat(PapCodec.decode(encoded, DecodeMode.LENIENT)).isEqualTo(p);
        }
    }

    @Test
    void ignoresPaddingBeyondLength() throws Exception {
        assertThat(strict(REQUEST + "000000")).isEqualTo(strict(REQUEST));
    }

    @Test
    void readsReplyWithoutMsgLengthAsEmptyMessage() throws Exception {
        assertThat(strict("02 09 0004")).isEqualTo(new PapPacket.AuthenticateAck(9, Bytes.EMPTY));
    }

    @Test
    void toStringRedactsPassword() throws Exception {
        String s = strict(REQUEST).toString();
        assertThat(s).isEqualTo("AuthenticateRequest[identifier=7, peerId=75736572, password=<redacted 6 bytes>]");
        assertThat(s).doesNotContain("736563726574");
    }

    @Test
    void rejectsLengthBelowFour() {
        assertThat(strictError("01 07 0003 00 00"))
                .isEqualTo("PAP Authenticate-Request: Length at offset 2: expected 4 to 6, found 3");
    }

    @Test
    void rejectsLengthBeyondData() {
        assertThat(strictError("01 07 0020 04 75736572 06 736563726574"))
                .isEqualTo("PAP Authenticate-Request: Length at offset 2: expected 4 to 16, found 32");
    }

    @Test
    void rejectsPeerIdLengthBeyondData() {
        assertThat(strictError("01 07 0008 09 757365"))
                .isEqualTo("PAP Authenticate-Request: Peer-ID-Length at offset 4: expected at most 3, found 9");
    }

    @Test
    void rejectsMissingPasswdLength() {
        assertThat(strictError("01 07 0009 04 75736572"))
                .isEqualTo("PAP Authenticate-Request: Passwd-Length at offset 9: expected 1 byte, found 0 bytes left");
    }

    @Test
    void rejectsMsgLengthBeyondData() {
        assertThat(strictError("03 07 0006 05 41"))
                .isEqualTo("PAP Authenticate-Nak: Msg-Length at offset 4: expected at most 1, found 5");
    }

    @Test
    void strictRejectsDataAfterPasswordLenientIgnoresIt() throws Exception {
        String withTrailer = "01 07 0011 04 75736572 06 736563726574 ff";
        assertThat(strictError(withTrailer))
                .isEqualTo("PAP Authenticate-Request: Trailing Data at offset 16: expected no more bytes, found 1 more byte");
        assertThat(PapCodec.decode(Hex.parse(withTrailer), DecodeMode.LENIENT)).isEqualTo(strict(REQUEST));
    }

    @Test
    void strictRejectsUnknownCodeLenientKeepsIt() throws Exception {
        assertThat(strictError("09 01 0006 abcd")).isEqualTo("PAP: Code at offset 0: expected one of 1, 2, 3, found 9");
        PapPacket p = PapCodec.decode(Hex.parse("09 01 0006 abcd"), DecodeMode.LENIENT);
        assertThat(p).isEqualTo(new PapPacket.Unknown(9, 1, Bytes.fromHex("abcd")));
        assertThat(p.codeName()).isEqualTo("Code 9");
    }

    @Test
    void countsOffsetsFromOutermostBuffer() {
        // PPP Protocol field c023 in front: every offset moves by 2
        byte[] frame = Hex.parse("c023 01 07 0008 09 757365");
        ByteReader r = ByteReader.of(frame, Layer.PPP, "PPP");
        assertThatThrownBy(() -> {
            r.u16("Protocol");
            PapCodec.decode(r, DecodeMode.STRICT);
        }).hasMessage("PAP Authenticate-Request: Peer-ID-Length at offset 6: expected at most 3, found 9");
    }

    @Test
    void everyTruncationIsADecodeException() {
        byte[] full = Hex.parse(REQUEST);
        for (int n = 0; n < full.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(full, n);
            assertThatThrownBy(() -> PapCodec.decode(cut, DecodeMode.LENIENT)).isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void recordsRefuseFieldsLongerThanTheirLengthOctet() {
        assertThatThrownBy(() -> new PapPacket.AuthenticateRequest(1, Bytes.of(new byte[256]), Bytes.EMPTY))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Peer-ID is 256 bytes; it must be 0 to 255");
        assertThatThrownBy(() -> new PapPacket.Unknown(2, 1, Bytes.EMPTY))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("PAP code 2 is known: Authenticate-Ack");
    }
}
