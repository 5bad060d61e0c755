package io.pptp4j.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import org.junit.jupiter.api.Test;

/** PEER mode: strict with a live peer, except for Reserved fields, which it tolerates. */
class PeerModeTest {
    private static final ControlMessage SCCRQ =
            new ControlMessage.StartControlConnectionRequest(0x0100, 1, 1, 0, 0, "host", "vendor");

    @Test
    void toleratesANonZeroReservedFieldThatStrictRefuses() throws DecodeException {
        byte[] wire = ControlMessageCodec.encode(SCCRQ);
        wire[10] = 0x01; // Reserved0
        assertThatThrownBy(() -> ControlMessageCodec.decode(wire, DecodeMode.STRICT))
                .hasMessage("SCCRQ: Reserved0 at offset 10: expected 0x0000, found 0x0100");
        assertThat(ControlMessageCodec.decode(wire, DecodeMode.PEER)).isEqualTo(SCCRQ);
    }

    @Test
    void stillRefusesABadLengthAndAnUnknownType() {
        byte[] shortLength = ControlMessageCodec.encode(SCCRQ);
        shortLength[1] = (byte) 150;
        assertThatThrownBy(() -> ControlMessageCodec.decode(shortLength, DecodeMode.PEER))
                .isInstanceOf(DecodeException.class).hasMessageContaining("Length at offset 0");
        byte[] unknown = ControlMessageCodec.encode(SCCRQ);
        unknown[9] = 99;
        assertThatThrownBy(() -> ControlMessageCodec.decode(unknown, DecodeMode.PEER))
                .isInstanceOf(DecodeException.class).hasMessageContaining("Control Message Type");
    }
}
