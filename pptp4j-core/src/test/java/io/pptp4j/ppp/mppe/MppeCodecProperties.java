package io.pptp4j.ppp.mppe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class MppeCodecProperties {

    @Property
    void everyHeaderValueRoundTrips(@ForAll @IntRange(max = 0xFFFF) int value, @ForAll @Size(max = 64) byte[] payload)
            throws DecodeException {
        MppePacket packet = new MppePacket(MppeHeader.of(value), Bytes.of(payload));
        assertThat(packet.header().value()).isEqualTo(value);
        byte[] wire = MppeCodec.encode(packet);
        assertThat(wire).hasSize(2 + payload.length);
        assertThat(((wire[0] & 0xFF) << 8) | (wire[1] & 0xFF)).isEqualTo(value);
        assertThat(MppeCodec.decode(wire, DecodeMode.LENIENT)).isEqualTo(packet);
        if ((value & MppeHeader.ENCRYPTED) != 0) {
            assertThat(MppeCodec.decode(wire, DecodeMode.STRICT)).isEqualTo(packet);
        } else {
            assertThatThrownBy(() -> MppeCodec.decode(wire, DecodeMode.STRICT)).isInstanceOf(DecodeException.class);
        }
    }
}
