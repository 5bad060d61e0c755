package io.pptp4j.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteReaderTest {

    @Test
    void readsBigEndianFieldsAndTracksOffsets() throws DecodeException {
        ByteReader r = ByteReader.of(Hex.parse("01 0203 040506 0708090a ff"), Layer.PPTP, "T");
        assertThat(r.u8("a")).isEqualTo(1);
        assertThat(r.u16("b")).isEqualTo(0x0203);
        assertThat(r.u24("c")).isEqualTo(0x040506);
        assertThat(r.u32("d")).isEqualTo(0x0708090aL);
        assertThat(r.offset()).isEqualTo(10);
        assertThat(r.u8("e")).isEqualTo(0xFF);
        assertThat(r.hasRemaining()).isFalse();
    }

    @Test
    void namesTheFieldAndOffsetWhenTruncated() throws DecodeException {
        ByteReader r = ByteReader.of(Hex.parse("0001 02"), Layer.PPTP, "SCCRQ");
        r.u16("Length");
        assertThatThrownBy(() -> r.u32("Magic Cookie"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("SCCRQ: Magic Cookie at offset 2: expected 4 bytes, found 1 byte left");
    }

    @Test
    void nestedSlicesKeepAbsoluteOffsets() throws DecodeException {
        ByteReader outer = ByteReader.of(Hex.parse("aabbccdd 0011 2233"), Layer.GRE, "GRE");
        outer.skip(4, "header");
        ByteReader inner = outer.slice(4, "payload", Layer.PPP, "PPP");
        inner.u16("Protocol");
        assertThat(inner.offset()).isEqualTo(6);
        assertThatThrownBy(() -> inner.u32("Magic"))
                .hasMessage("PPP: Magic at offset 6: expected 4 bytes, found 2 bytes left");
        assertThat(outer.hasRemaining()).isFalse();
    }

    @Test
    void paddedStringStopsAtTheFirstNulAndConsumesTheField() throws DecodeException {
        byte[] b = new byte[8];
        b[0] = 'l';
        b[1] = 'o';
        b[3] = 'x'; // garbage after the NUL is not part of the name
        ByteReader r = ByteReader.of(b, Layer.PPTP, "SCCRP");
        assertThat(r.paddedString(8, "Host Name")).isEqualTo("lo");
        assertThat(r.remaining()).isZero();
    }

    @Test
    void refusesTrailingBytesWhenAnEndIsExpected() throws DecodeException {
        ByteReader r = ByteReader.of(Hex.parse("0102"), Layer.LCP, "LCP Echo-Request");
        r.u8("Code");
        assertThatThrownBy(() -> r.expectEnd("Data"))
                .hasMessage("LCP Echo-Request: Data at offset 1: expected no more bytes, found 1 more byte");
    }

    @Test
    void bytesAreImmutableValues() {
        byte[] raw = {1, 2, 3};
        Bytes b = Bytes.of(raw);
        raw[0] = 9;
        assertThat(b.get(0)).isEqualTo(1);
        assertThat(b).isEqualTo(Bytes.fromHex("010203")).hasToString("010203");
        byte[] copy = b.toArray();
        copy[1] = 9;
        assertThat(b.get(1)).isEqualTo(2);
    }

    @Test
    void writerRoundTripsThroughReader() throws DecodeException {
        byte[] out = new ByteWriter(1).u8(0xAB).u16(0xBEEF).u24(0x123456).u32(0xFFFFFFFFL).paddedString("ab", 4).toByteArray();
        assertThat(Hex.of(out)).isEqualTo("abbeef123456ffffffff61620000");
        ByteReader r = ByteReader.of(out, Layer.PPTP, "T");
        assertThat(r.u8("a")).isEqualTo(0xAB);
        assertThat(r.u16("b")).isEqualTo(0xBEEF);
        assertThat(r.u24("c")).isEqualTo(0x123456);
        assertThat(r.u32("d")).isEqualTo(0xFFFFFFFFL);
        assertThat(r.paddedString(4, "s")).isEqualTo("ab");
    }
}
