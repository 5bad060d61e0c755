package io.pptp4j.ppp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.Hex;
import org.junit.jupiter.api.Test;

class PppFrameCodecTest {

    @Test
    void decodesUncompressedLcpFrame() throws DecodeException {
        PppFrame f = PppFrameCodec.decode(Hex.parse("ff03c021 01010004"));
        assertThat(f).isEqualTo(new PppFrame(true, false, 0xC021, Bytes.fromHex("01010004")));
        assertThat(f.protocolName()).isEqualTo("LCP");
    }

    @Test
    void acceptsCompressedProtocolFieldWithoutAddressControl() throws DecodeException {
        // pptpd after PFC/ACFC: MPPE data as protocol 0xFD in one octet
        PppFrame f = PppFrameCodec.decode(Hex.parse("fd 9000 aabb"));
        assertThat(f).isEqualTo(new PppFrame(false, true, 0x00FD, Bytes.fromHex("9000aabb")));
    }

    @Test
    void acceptsUncompressedProtocolWithoutAddressControl() throws DecodeException {
        PppFrame f = PppFrameCodec.decode(Hex.parse("0021 4500"));
        assertThat(f.addressControlPresent()).isFalse();
        assertThat(f.protocolCompressed()).isFalse();
        assertThat(f.protocol()).isEqualTo(0x0021);
    }

    @Test
    void refusesEvenProtocolWithExactText() {
        assertThatThrownBy(() -> PppFrameCodec.decode(Hex.parse("ff03 c020 00")))
                .isInstanceOf(DecodeException.class)
                .hasMessage("PPP: Protocol at offset 2: expected an odd value, found 0xC020");
    }

    @Test
    void refusesBadControlField() {
        assertThatThrownBy(() -> PppFrameCodec.decode(Hex.parse("ff13 c021")))
                .hasMessage("PPP: Control at offset 1: expected 0x03, found 0x13");
    }

    @Test
    void roundTripsEveryForm() throws DecodeException {
        for (boolean ac : new boolean[] {true, false}) {
            for (boolean pc : new boolean[] {true, false}) {
                PppFrame f = new PppFrame(ac, pc, 0x0021, Bytes.fromHex("45000014"));
                byte[] wire = PppFrameCodec.encode(f);
                assertThat(wire).hasSize(4 + (ac ? 2 : 0) + (pc ? 1 : 2));
                assertThat(PppFrameCodec.decode(wire)).isEqualTo(f);
            }
        }
    }

    @Test
    void refusesToCompressAProtocolAbove0xFF() {
        assertThatThrownBy(() -> new PppFrame(true, true, 0xC021, Bytes.EMPTY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0xC021");
    }
}
