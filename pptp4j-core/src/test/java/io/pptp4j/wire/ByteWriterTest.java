package io.pptp4j.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteWriterTest {

    @Test
    void anExactlySizedWriterHandsItsArrayOverAndLaterChangesDoNotReachIt() {
        ByteWriter w = new ByteWriter(4).u16(0x0102).u16(0x0304);
        byte[] first = w.toByteArray();
        assertThat(first).containsExactly(1, 2, 3, 4);
        w.setU8(0, 0x7F).u8(5);
        assertThat(first).as("handed over: the writer copies before it changes anything").containsExactly(1, 2, 3, 4);
        assertThat(w.toByteArray()).containsExactly(0x7F, 2, 3, 4, 5);
        w.setU16(1, 0xAAAA);
        assertThat(w.toByteArray()).containsExactly(0x7F, 0xAA, 0xAA, 4, 5);
    }

    @Test
    void aWriterWithRoomLeftReturnsACopy() {
        ByteWriter w = new ByteWriter(16).u8(9);
        byte[] out = w.toByteArray();
        w.setU8(0, 1);
        assertThat(out).containsExactly(9);
        assertThat(new ByteWriter(0).u32(0xDEADBEEFL).toByteArray()).containsExactly(0xDE, 0xAD, 0xBE, 0xEF);
    }
}
